"""Text that can be stored, hashed and printed: lone surrogates replaced, unreadable text refused.

Every string that leaves ingest must encode as UTF-8 (DuckDB, Arrow, SHA-256 and a terminal all
need it). JSON may escape a lone UTF-16 surrogate (``"\\ud800"``) and a Linux file name may hold
bytes that are not UTF-8 (Python keeps them as surrogates); both become U+FFFD here, with a
warning. Text that is mostly control, private-use or replacement characters is not prose (random
bytes, or a file in an encoding other than UTF-8) and is refused.
"""

from __future__ import annotations

import os
import re

from ..errors import InputError

_SURROGATE = re.compile("[\ud800-\udfff]")
#: Characters no prose is made of: C0/C1 controls (not tab or line breaks), private use, U+FFFD.
_JUNK = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")
#: A text with more than this share of such characters is refused ...
MAX_JUNK_SHARE = 0.10
#: ... and more than this many of them (a short line with one bad byte pair is still read).
MIN_JUNK = 5


def scrub(value: str) -> tuple[str, int]:
    """``value`` with every lone surrogate replaced by U+FFFD, and how many there were."""
    return _SURROGATE.subn("\ufffd", value)


def surrogate_warning(count: int) -> str:
    return f"{count} lone UTF-16 surrogate(s) replaced with U+FFFD"


def display_path(path) -> str:
    """A path as text that always encodes: bytes of a file name that are not UTF-8 become U+FFFD."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    if not _SURROGATE.search(name):
        return name
    try:
        return os.fsencode(name).decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate no file system byte stands for
        return scrub(name)[0]


def junk_share(text: str) -> float:
    """The share of ``text`` that is control, private-use or replacement characters."""
    if not text:
        return 0.0
    return (len(text) - len(_JUNK.sub("", text))) / len(text)


def check_readable(text: str, source: str) -> None:
    """Refuse text that is not prose (see the module docstring).

    Raises:
        InputError: naming the share of unreadable characters and what would fix it.
    """
    share = junk_share(text)
    if share > MAX_JUNK_SHARE and share * len(text) > MIN_JUNK:
        raise InputError(
            source,
            f"not readable text: {share:.0%} of its characters are control, private-use or undecodable bytes "
            f"(over {MAX_JUNK_SHARE:.0%}); binary data, or not UTF-8? convert it to UTF-8 "
            "(e.g. iconv -f WINDOWS-1252 -t UTF-8)",
        )
