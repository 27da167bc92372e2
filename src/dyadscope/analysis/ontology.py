"""Quad class names of the analysis tables (GDELT 2.0 QuadClass numbers)."""

from __future__ import annotations

#: GDELT 2.0 QuadClass numbers -> the column names of dyad series.
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
