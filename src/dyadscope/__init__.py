"""dyadscope: evidence-backed event, actor and quotation data about how states treat each other."""

from __future__ import annotations

from .settings import VERSION as __version__


def open(db_path):  # noqa: A001 - mirrors sqlite3.connect / duckdb.connect style entry points
    """Open a dyadscope database for analysis: a :class:`dyadscope.analysis.Dataset` whose
    methods return pandas DataFrames (documents, events, quotes, dyad series) and write exports.

    Example:

        >>> import dyadscope
        >>> ds = dyadscope.open("iran.duckdb")          # doctest: +SKIP
        >>> ds.dyad_series("IRN", "RUS", by="year")     # doctest: +SKIP
    """
    from .analysis import open_dataset

    return open_dataset(db_path)
