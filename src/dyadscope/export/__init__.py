"""Exports: the public record format and the writers every export format shares.

- :mod:`.records`: one JSON object per document, mention, quote, event and assessment (README, "Export format").
- :mod:`.jsonio`: strict JSON (no NaN or Infinity, ever).
- :mod:`.files`: outputs written under temporary names and renamed into place when complete;
  ``-`` is standard output.
- :mod:`.delimited`: CSV/TSV cells, with spreadsheet formula injection neutralised.
- :mod:`.tables`: the records as one table per kind, for CSV (nested values as JSON) and Parquet
  (native list and struct columns).

Event-data layouts built on the analysis (GDELT, ICEWS, PLOVER) are in :mod:`dyadscope.analysis`;
the SQLite copy of the store is :mod:`dyadscope.store.sqlite`.
"""

from .files import atomic_outputs, is_stdout
from .jsonio import dumps, json_safe
from .records import KINDS, assessment_record, document_record, event_record, export_records, mention_record, quote_record

__all__ = [
    "KINDS", "assessment_record", "atomic_outputs", "document_record", "dumps", "event_record", "export_records", "is_stdout", "json_safe",
    "mention_record", "quote_record",
]
