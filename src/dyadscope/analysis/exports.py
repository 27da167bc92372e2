"""The event layouts in one place (kept for imports written against it): GDELT (:mod:`.gdelt`),
ICEWS (:mod:`.icews`), PLOVER (:mod:`.plover`)."""

from .gdelt import (
    EXTRA_COLUMNS,
    GDELT_COLUMNS,
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    ROOT_SENTENCES,
    ExportError,
    event_number,
    gdelt_frame,
)
from .icews import ICEWS_COLUMNS
from .plover import plover_records

__all__ = ["EXTRA_COLUMNS", "GDELT_COLUMNS", "GDELT_EVENT_COLUMNS", "GDELT_MENTION_COLUMNS", "ICEWS_COLUMNS",
           "ROOT_SENTENCES", "ExportError", "event_number", "gdelt_frame", "plover_records"]
