"""The tokens of a parsed document as the actor rules see them: parallel lists, offsets, sentence ids."""

from __future__ import annotations

from ..knowledge.entries import norm_token
from ..nlp import entities as doc_entities, token_columns


class TokenView:
    """The non-space tokens of a doc (lone periods dropped) as parallel lists.

    Attributes:
        toks: The spaCy tokens.
        texts, norms, pos: Their texts, :func:`norm_token` keys and coarse POS tags.
        index: spaCy token index -> position in ``toks``; ``starts`` their start offsets.
        sent: The sentence number of each token; ``sent_starts`` the start offset of each sentence.
        n: Number of tokens; ``text`` the document text (``text``, when the caller has it: ``Doc.text``
            joins every token anew).
    """

    def __init__(self, doc, text: str | None = None) -> None:
        # The columns come from one to_array read (token_columns), the texts are slices of the
        # document text and each distinct text is normalised once: reading them through a Token
        # each was a fifth of the actor stage's time.
        self.text = doc.text if text is None else text
        starts, lengths, spaces, pos, flags = token_columns(doc, ("idx", "length", "is_space", "pos", "sent_start"))
        every = [self.text[s:s + n] for s, n in zip(starts, lengths)]
        keep = [i for i, x in enumerate(every) if not spaces[i] and x != "."]
        tokens = list(doc)
        toks = [tokens[i] for i in keep]
        self.toks = toks
        self.texts = [every[i] for i in keep]
        norms = {x: norm_token(x) for x in set(self.texts)}
        self.norms = [norms[x] for x in self.texts]
        self.pos = [pos[i] for i in keep]
        self.index = {i: k for k, i in enumerate(keep)}
        self.starts = [starts[i] for i in keep]
        # sentence numbers from the sentence-start flags (one array read, not a Span per sentence)
        sent_of, sid, self.sent_starts = [0] * len(doc), -1, []
        for i, flag in enumerate(flags):
            if flag == 1 or i == 0:
                sid += 1
                self.sent_starts.append(starts[i])
            sent_of[i] = sid
        self.sent = [sent_of[i] for i in keep]
        self.n = len(toks)
        self._ents = None
        self._doc = doc

    def entities(self) -> list[tuple[str, int, int]]:
        """The document's entities as (label, start, end) positions in ``toks`` (computed once)."""
        if self._ents is None:
            out = []
            for ent in doc_entities(self._doc):
                idx = [self.index[i] for i in range(ent.start, ent.end) if i in self.index]
                if idx:
                    out.append((ent.label_, idx[0], idx[-1] + 1))
            self._ents = out
        return self._ents

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens ``start``..``end`` (exclusive)."""
        return self.toks[start].idx, self.toks[end - 1].idx + len(self.toks[end - 1].text)

    def span_text(self, start: int, end: int) -> str:
        """The document text of tokens ``start``..``end``."""
        s, e = self.char_span(start, end)
        return self.text[s:e]

    def token_range(self, span) -> tuple[int, int] | None:
        """Positions of a spaCy span's tokens in ``toks`` (start, end), or None when none is kept."""
        idx = [self.index[t.i] for t in span if t.i in self.index]
        if not idx:
            return None
        return idx[0], idx[-1] + 1
