"""Strict JSON: what R's jsonlite, JavaScript's JSON.parse and every other strict reader accept.

Python's ``json`` writes ``NaN`` and ``Infinity`` for such floats, and pandas hands out NaN for
every missing value; both are replaced by ``null`` here, and the writer refuses anything left.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from typing import Any


def json_safe(value: Any) -> Any:
    """``value`` with NaN/Infinity and pandas' missing values as None, numpy scalars as Python
    numbers, tuples and arrays as lists, dates as ISO strings (recursively)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(v) for v in value]
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if hasattr(value, "tolist") and not hasattr(value, "item"):  # numpy arrays
        return json_safe(value.tolist())
    if hasattr(value, "item"):  # numpy scalars
        return json_safe(value.item())
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return value


def dumps(value: Any, **kwargs) -> str:
    """One value as strict JSON text (UTF-8 characters kept, no NaN/Infinity)."""
    return json.dumps(json_safe(value), ensure_ascii=False, allow_nan=False, **kwargs)
