"""Quotation-mark pairing on plain text: which characters open and close which quotation.

Works on the text alone (no parse), so it never depends on how the parser split sentences around
quotation marks. Unbalanced marks are logged and skipped; nothing here raises on odd input.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

_OPEN_BEFORE = set(" \t\n\r([{<—–-/:;,") | {"\u00a0"}
_NEWLINE = re.compile("\n")
_SENTENCE_END = frozenset(".!?")
_MAX_UNCLOSED = 600  # an opening mark never closed within this many characters of a paragraph end is dropped


@dataclass(frozen=True, slots=True)
class MarkedQuote:
    """A quotation delimited by marks.

    Attributes:
        pieces: ``(start, end)`` of each piece *including* its marks, one per paragraph the
            quotation runs through (a new paragraph re-opens with a mark and leaves the previous
            one unclosed, by the usual convention).
        closed: False when the last piece was closed by the paragraph end, not by a mark.
    """

    pieces: tuple[tuple[int, int], ...]
    closed: bool = True

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def _direction(text: str, i: int, n: int, declared: str) -> str:
    """``open``, ``close`` or ``toggle`` for the ``n``-character mark at ``i``, from its declared
    direction and its context."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    looks_open = (before in _OPEN_BEFORE or before in "\"“„«‘'`") and not after.isspace()
    looks_close = not before.isspace() and (after.isspace() or not after.isalnum())
    if declared == "either":
        if looks_open and not looks_close:
            return "open"
        if looks_close and not looks_open:
            return "close"
        return "toggle"
    # Curly marks typed the wrong way round are common: trust a clear context over the glyph.
    if declared == "close" and looks_open and not looks_close and before.isspace():
        return "open"
    if declared == "open" and looks_close and not looks_open:
        return "close"
    return declared


def _mark_events(text: str, doubles) -> list[tuple[int, int, str]]:
    """``(position, length, direction)`` of every double-level mark; two-character marks first."""
    firsts = sorted({c[0] for c in doubles})
    if not firsts:
        return []
    events = []
    after_two = 0  # a two-character mark takes the character after it too
    for m in re.finditer("[" + "".join(re.escape(c) for c in firsts) + "]", text):
        i = m.start()
        if i < after_two:
            continue
        two = text[i : i + 2]
        if len(two) == 2 and two in doubles:
            events.append((i, 2, _direction(text, i, 2, doubles[two].direction)))
            after_two = i + 2
            continue
        if text[i] in doubles:
            events.append((i, 1, _direction(text, i, 1, doubles[text[i]].direction)))
    return events


class _Paragraphs:
    """Paragraph bounds of a text (paragraphs end at newlines)."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [m.start() for m in _NEWLINE.finditer(text)]
        self.ends.append(len(text))

    def end(self, pos: int) -> int:
        """The end of the paragraph holding ``pos``."""
        return self.ends[bisect.bisect_left(self.ends, pos)]

    def start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1


class _Pairing:
    """The state of pairing marks left to right: the quotation open now (its opening mark and its
    earlier paragraphs' pieces) and the quotations closed so far."""

    def __init__(self, text: str):
        self.text = text
        self.paragraphs = _Paragraphs(text)
        self.quotes: list[MarkedQuote] = []
        self.pieces: list[tuple[int, int]] = []
        self.open_at: int | None = None

    def flush_unclosed(self, reason: str) -> None:
        """End an open quotation at its paragraph end (or drop it when that is too far)."""
        if self.open_at is None:
            return
        open_at = self.open_at
        end = _rstrip(self.text, open_at, self.paragraphs.end(open_at))
        if end - open_at <= _MAX_UNCLOSED:
            self.quotes.append(MarkedQuote(tuple(self.pieces + [(open_at, end)]), closed=False))
            log.debug("quotation mark at %d %s; closed at paragraph end %d", open_at, reason, end)
        else:
            log.debug("quotation mark at %d %s; dropped", open_at, reason)
            if self.pieces:
                self.quotes.append(MarkedQuote(tuple(self.pieces), closed=False))
        self.open_at, self.pieces = None, []

    def crossed_paragraph(self, i: int, direction: str) -> bool:
        """A mark at ``i`` after a paragraph break with a quotation still open. By convention a
        paragraph that opens with a mark continues the quotation (True: the mark is used);
        otherwise the open quotation ends at its paragraph end."""
        open_at, text = self.open_at, self.text
        if direction in ("open", "toggle") and text[self.paragraphs.start(i):i].strip() == "":
            self.pieces.append((open_at, _rstrip(text, open_at, self.paragraphs.end(open_at))))
            self.open_at = i
            return True
        self.flush_unclosed("not closed before the paragraph end")
        return False

    def mark(self, i: int, length: int, direction: str) -> None:
        """Take the mark of ``length`` characters at ``i`` with its ``direction``."""
        text = self.text
        if self.open_at is not None and i > self.paragraphs.end(self.open_at) and self.crossed_paragraph(i, direction):
            return
        if self.open_at is None:
            if direction == "close":
                log.debug("stray closing quotation mark at %d ignored", i)
                return
            self.open_at = i
        elif direction == "open" and text[self.open_at] == text[i] and text[i] in "“«„`":
            before = text[self.open_at:i].rstrip()
            if before[-1:] in _SENTENCE_END:
                # A new sentence opening with a mark while one is open: a paragraph break the
                # text lost ('... from Lima. “Next ...'); by convention the quotation goes on.
                self.pieces.append((self.open_at, self.open_at + len(before)))
                self.open_at = i
                return
            # Two explicit opening marks in a row: the first was never closed.
            log.debug("quotation mark at %d never closed; restarting at %d", self.open_at, i)
            self.open_at, self.pieces = i, []
        else:
            self.quotes.append(MarkedQuote(tuple(self.pieces + [(self.open_at, i + length)])))
            self.open_at, self.pieces = None, []


def marked_quotes(text: str, marks) -> list[MarkedQuote]:
    """Quotations delimited by double-level marks in ``text``, in document order.

    Args:
        text: The article text.
        marks: Mapping of mark character -> object with ``level`` and ``direction``
            (``QuoteKB.marks``).

    Returns:
        Non-overlapping :class:`MarkedQuote` objects. Single-level marks are not pairs here
        (they nest inside double quotations, and ``’`` is mostly an apostrophe).
    """
    doubles = {c: m for c, m in marks.items() if m.level == "double"}
    events = _mark_events(text, doubles)
    if not events:
        return []
    pairing = _Pairing(text)
    for i, length, direction in events:
        pairing.mark(i, length, direction)
    pairing.flush_unclosed("not closed before the end of the text")
    return pairing.quotes


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
