"""Typed records passed between the stages and written to the store and the export format.

Every record holds plain values (strings, ints, tuples), never spaCy objects, so it outlives
the ``Doc`` it came from and can be pickled across processes. Character offsets always refer to
``Article.text``, the cleaned text that is stored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")

MODALITIES = ("asserted", "reported", "hypothetical", "future", "negated")
QUOTE_TYPES = ("direct", "indirect", "mixed")
POLARITIES = ("positive", "negative", "mixed")
ASPECTS = ("military", "economic", "nuclear", "diplomatic", "energy", "security", "trust", "alliance", "general")


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned input document.

    Attributes:
        doc_id: Stable identifier: the JSONL ``id`` where given, else the file name without
            extension (made unique by the store when two different files share a name).
        text: Cleaned plain text; every offset in every other record points into it.
        source_path: File the document came from (``path`` or ``path:line`` for JSON Lines).
        title, author, publisher, url: Metadata found in the document, or None.
        date: Publication date as ISO ``YYYY-MM-DD``, or None when none was found.
        content_hash: SHA-256 of ``text``; the store keeps one document per hash.
        warnings: Problems met while reading that did not stop it (e.g. invalid UTF-8).
    """

    doc_id: str
    text: str
    source_path: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    content_hash: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor as it takes part in an event or speaks a quote.

    ``start``/``end`` point at the local mention (a pronoun such as "he" where that is what the
    text says) while ``name``/``code``/``country``/``sector`` carry the resolved actor, which may
    come from an earlier mention through coreference. Unresolved fields stay None.

    Attributes:
        text: Surface text of the local mention.
        name: Canonical name ("Vladimir Putin", "Russia"), or None.
        code: CAMEO-style actor code, country plus sector ("RUSGOV", "IRN", "IGOUNO"), or None.
        country: ISO 3166 alpha-3 code, or an IGO/regional code, or None.
        sector: PLOVER/CAMEO sector code ("GOV", "MIL", "MED", ...), or None.
        start, end: Character offsets of the local mention in ``Article.text``.
        former: True for former officials ("former President Mohammad Khatami").
    """

    text: str
    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    start: int
    end: int
    former: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mention found in a document, resolved or explicitly not.

    Attributes:
        start, end, text: Span in ``Article.text``.
        name, code, country, sector, former: As in :class:`Actor`; None where unresolved.
        kind: What the mention is: ``state``, ``capital`` (a seat of government standing for
            it), ``place`` (a city as a location: country set, code None), ``demonym``, ``igo``,
            ``person``, ``organization``, ``media``, ``region``, ``group`` (e.g. "the two
            countries"), ``pronoun``, ``dictionary`` (an entry of a user or PETRARCH dictionary),
            ``people`` (a people or faith spread over several states, "the Kurds", "Shia": in
            the state the document places it, or no country).
        antecedent: Start offset of the earlier mention this one was resolved through
            (coreference), or None when it was resolved on its own.
        members: For group mentions ("the two countries", "Iranian-Russian-Chinese"), the
            actors they stand for; empty otherwise. Compound actors stay lists, never one code.
        rule: Which dictionary entry or rule resolved it (e.g. ``"kb:person:putin"``).
        state_owned: True for state-owned media and companies.
    """

    start: int
    end: int
    text: str
    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    kind: str
    antecedent: int | None = None
    members: tuple[Actor, ...] = ()
    rule: str = ""
    former: bool = False
    state_owned: bool = False

    def as_actor(self, start: int | None = None, end: int | None = None, text: str | None = None) -> Actor:
        """This mention's resolution as an :class:`Actor`, optionally at another local span."""
        return Actor(
            text=self.text if text is None else text,
            name=self.name,
            code=self.code,
            country=self.country,
            sector=self.sector,
            start=self.start if start is None else start,
            end=self.end if end is None else end,
            former=self.former,
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct, indirect or mixed quotation with its cue and speaker.

    Attributes:
        quote_type: ``direct`` (inside quotation marks), ``indirect`` (reported speech, no marks),
            or ``mixed`` (reported speech containing a partial direct quotation).
        content: Text of the quoted or reported content (spans joined by a space).
        content_spans: ``(start, end)`` offsets of each content piece, in document order.
        cue: The cue verb or phrase ("said", "told Reuters", "according to"), or None.
        cue_start, cue_end: Offsets of the cue, or None.
        speaker: The speaker, or None when unknown (never guessed).
        start, end: Offsets of the whole attribution (content, cue and speaker).
        rule: Versioned name of the rule that found it, e.g. ``"quotes.direct.v1"``.
    """

    quote_type: str
    content: str
    content_spans: tuple[tuple[int, int], ...]
    cue: str | None
    speaker: Actor | None
    start: int
    end: int
    cue_start: int | None = None
    cue_end: int | None = None
    rule: str = ""


def quote_at(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    """The quotation whose content spans contain the character range ``[start, end)``, or None.

    When several do (a quotation nested in reported speech), the one with the shortest content
    wins. Cheap: a linear scan over the document's quotations. The event stage uses it to mark
    events inside quoted or reported content as ``reported``.
    """
    best = None
    best_len = None
    for q in quotes:
        for s, e in q.content_spans:
            if s <= start and end <= e:
                length = sum(b - a for a, b in q.content_spans)
                if best is None or length < best_len:
                    best, best_len = q, length
                break
    return best


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with its evidence.

    Attributes:
        event_type: PLOVER event type (``AGREE``, ``COOPERATE``, ``ASSAULT``, ...).
        mode: PLOVER mode, or None.
        contexts: PLOVER contexts (``military``, ``economic``, ...).
        cameo: CAMEO code, at least the two-digit root; never a default.
        goldstein: GDELT Goldstein score of ``cameo``.
        quad_class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
            4 material conflict (GDELT 2.0 convention).
        source, target: Actors; compound actors are several entries.
        date: Event date, ISO and possibly partial (``2015-09``, ``2009``), or None.
        date_basis: ``text`` (from the sentence), ``relative`` (resolved against the
            publication date), ``publication`` (fell back to it), or ``unknown``.
        modality: One of :data:`MODALITIES`.
        speaker: For ``reported`` events, who reported them (the quote's speaker).
        sentence: Text of the evidence sentence.
        start, end: Offsets of the evidence (the event's clause or phrase) in ``Article.text``.
        confidence: 0..1.
        rule: Versioned name of the pattern or model that produced the event.
        mentions: ``(start, end)`` of every mention of this event in the document; the first is
            the one described by ``start``/``end``.
        resolved: False when a side of the event is unresolved: an actor with neither country
            nor code (only the text, a sector or a name: "gunmen", "civilians"), or an empty
            source (a passive with no agent: "was shelled overnight"). Such events are exported
            and counted by type, but make no dyad through the unresolved side (dyads are pairs
            of countries).
    """

    event_type: str
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    goldstein: float | None
    quad_class: int | None
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    date: str | None
    date_basis: str
    modality: str
    speaker: Actor | None
    sentence: str
    start: int
    end: int
    confidence: float
    rule: str
    mentions: tuple[tuple[int, int], ...] = ()
    resolved: bool = True


@dataclass(frozen=True, slots=True)
class Assessment:
    """A judgement, held by someone, of the relationship between two parties (docs/assessments.md).

    Attributes:
        dyad: The two parties' codes, sorted (ISO 3166 alpha-3, or our IGO/regional codes).
        polarity: One of :data:`POLARITIES`: the relationship as the holder describes it
            (``mixed`` for a qualified or two-sided judgement), not whether the holder likes it.
        holder: Who holds the view: the speaker of the quotation it sits in, the subject of "X
            regards Y as ...", a group ("analysts"); None when it is the author's own judgement.
            ``text``/``start``/``end`` name the holder (a pronoun resolved to its antecedent).
        start, end: Offsets of the judgement (from its anchor to its last cue) in ``Article.text``.
        sentence: Text of the sentence it is in.
        aspects: A subset of :data:`ASPECTS`, in that order (``general`` when no domain is named).
        quote: The quotation the judgement sits in, or None.
        confidence: 0..1.
        rule: Versioned name of the rule that found it, e.g. ``"assessments.anchor.relation_noun.v1"``.
    """

    dyad: tuple[str, str]
    polarity: str
    holder: Actor | None
    start: int
    end: int
    sentence: str
    aspects: tuple[str, ...]
    quote: Quote | None
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the core pipeline derives from one article.

    Attributes:
        article: The article.
        sentences: ``(start, end)`` offsets of each sentence.
        mentions, quotes, events: The records of the three stages, in document order.
        reference_date: The ISO date known people's offices were read on when the article has no
            date (None: none was given, so their offices were left unknown).
    """

    article: Article
    sentences: tuple[tuple[int, int], ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    reference_date: str | None = None
    assessments: tuple[Assessment, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed: what and why, for the run summary.

    Both are kept printable and storable: a lone surrogate (from a JSON escape or a file name
    that is not UTF-8) becomes U+FFFD.
    """

    source: str
    reason: str

    def __post_init__(self) -> None:
        for name in ("source", "reason"):
            value = str(getattr(self, name))
            object.__setattr__(self, name, _SURROGATE.sub("\ufffd", value))


def actor_dict(actor: Actor | None) -> dict[str, Any] | None:
    """The export-format object for an actor."""
    return None if actor is None else asdict(actor)


def actor_from_dict(data: dict[str, Any] | None) -> Actor | None:
    """Inverse of :func:`actor_dict`, tolerant of missing optional fields."""
    if data is None:
        return None
    return Actor(
        text=data.get("text", ""),
        name=data.get("name"),
        code=data.get("code"),
        country=data.get("country"),
        sector=data.get("sector"),
        start=int(data.get("start", 0)),
        end=int(data.get("end", 0)),
        former=bool(data.get("former", False)),
    )


@dataclass(slots=True)
class RunSummary:
    """Counts of one ingest, recode or extract run; ``run_id`` is its run record in the store."""

    processed: int = 0
    skipped_duplicates: int = 0
    failures: list[Failure] = field(default_factory=list)
    mentions: int = 0
    quotes: int = 0
    events: int = 0
    run_id: int | None = None
