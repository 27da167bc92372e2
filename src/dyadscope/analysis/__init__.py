"""Analysis over the store: cross-document deduplication, dyad series, exports, the notebook API."""

from __future__ import annotations

from .api import Dataset, open_dataset, store_clusters
from .dedup import deduplicate
from .series import AnalysisError, dyad_events, dyad_series, modality_counts, parse_modalities

__all__ = ["Dataset", "open_dataset", "store_clusters", "deduplicate", "dyad_series", "dyad_events", "modality_counts", "parse_modalities", "AnalysisError"]
