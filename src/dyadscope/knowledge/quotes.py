"""Quote knowledge: reporting verbs, cue phrases, quotation marks, source nouns and speaker pronouns.

Every table is a JSONL file under ``data/quotes/``, except the pronouns, which come from the
common pronoun table (:mod:`.pronouns`) that the actor stage reads too; :func:`load_quote_kb`
validates every entry, collects all problems as ``file:line: problem`` and builds the lookup
structures once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeError
from .load import DATA_DIR, read_jsonl
from .pronouns import Pronoun, load_pronouns

VERB_KINDS = ("speech", "thought", "evidence", "not_a_cue")
MARK_LEVELS = ("double", "single")
MARK_DIRECTIONS = ("open", "close", "either")
PHRASE_KINDS = ("source_after", "not_a_label")
FRAMES = ("ccomp", "xcomp", "obj+xcomp", "obj+pred", "dobj")
FRAME_POS = ("VERB", "NOUN", "ADJ")


@dataclass(frozen=True)
class QuoteMark:
    """One quotation mark (one or two characters): ``level`` double/single, ``direction`` open/close/either."""

    char: str
    level: str
    direction: str


@dataclass(frozen=True)
class SpeakerPronoun:
    """A pronoun that can stand for a speaker: grammatical ``number`` and what it ``refers_to``."""

    text: str
    number: str
    refers_to: str


@dataclass(frozen=True)
class QuoteKB:
    """What the quote stage knows.

    Attributes:
        verbs: Reporting-verb lemma -> kind (``speech``, ``thought``, ``evidence``, or ``not_a_cue`` for
            verbs that must never be cues, whatever ``frames`` says).
        event_reporting_verbs: Lemmas of the reporting verbs marked ``reports_events``: the event
            stage reads an event in such a verb's clause as reported by the verb's subject. The
            project's one reporting-verb list is ``reporting_verbs.jsonl``; this is a view of it.
        phrases: Multi-word cues as lower-cased token tuples -> kind (``source_after``).
        not_labels: Lower-cased words that open "Word: ..." paragraphs without naming a speaker.
        marks: Quotation mark (one or two characters) -> :class:`QuoteMark`.
        source_nouns: Lemmas (single words, lower-case) of nouns naming a publication or statement.
        pronouns: Lower-cased pronoun -> :class:`SpeakerPronoun`.
        frames: (lemma, ``VERB``/``NOUN``/``ADJ``) -> frames (``ccomp``, ``xcomp``, ``obj+xcomp``, ``dobj``, ``prep:P``) whose
            content is attributed, most reliable first (from ``cue_frames.jsonl``).
        cue_weights, cue_bias, cue_threshold: The cue-candidate model (``cue_model.jsonl``, see
            ``dyadscope.quotes.scorer``); with no weights the ``frames`` table is used instead.
    """

    verbs: dict[str, str] = field(default_factory=dict)
    event_reporting_verbs: frozenset[str] = frozenset()
    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    not_labels: frozenset[str] = frozenset()
    marks: dict[str, QuoteMark] = field(default_factory=dict)
    source_nouns: frozenset[str] = frozenset()
    pronouns: dict[str, SpeakerPronoun] = field(default_factory=dict)
    frames: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    cue_weights: dict[str, float] = field(default_factory=dict)
    cue_bias: float = 0.0
    cue_threshold: float = 1.0

    @property
    def max_phrase_len(self) -> int:
        return max((len(p) for p in self.phrases), default=0)


def _text(entry: dict, key: str, where: str, problems: list[str]) -> str | None:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}: {key} -> must be a non-empty string")
        return None
    return value.strip()


def _choice(entry: dict, key: str, allowed: tuple[str, ...], where: str, problems: list[str]) -> str | None:
    value = entry.get(key)
    if value not in allowed:
        problems.append(f"{where}: {key} -> {value!r} is not one of {list(allowed)}")
        return None
    return value


def load_quote_kb(data_dir: Path, *args, pronouns: tuple[Pronoun, ...] | None = None) -> QuoteKB:
    """Load the quote tables from ``data_dir/quotes``.

    ``pronouns`` is the common pronoun table (as loaded by :func:`.pronouns.load_pronouns`;
    default: the shipped one); its ``speaker`` pronouns become :attr:`QuoteKB.pronouns`.

    Raises:
        KnowledgeError: listing every malformed entry as ``file:line: problem``, or naming a
            missing file and the files that do exist.
    """
    folder = Path(data_dir) / "quotes"
    names = ("reporting_verbs.jsonl", "cue_phrases.jsonl", "quote_marks.jsonl", "source_nouns.jsonl",
             "cue_frames.jsonl", "cue_model.jsonl")
    problems: list[str] = []
    missing = [n for n in names if not (folder / n).is_file()]
    if missing:
        present = sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []
        raise KnowledgeError([f"{folder / n}: missing (found: {present})" for n in missing])

    verbs: dict[str, str] = {}
    event_reporting: set[str] = set()
    for lineno, e in read_jsonl(folder / "reporting_verbs.jsonl", problems):
        where = f"reporting_verbs.jsonl:{lineno}"
        lemma = _text(e, "lemma", where, problems)
        kind = _choice(e, "kind", VERB_KINDS, where, problems)
        reports_events = e.get("reports_events", False)
        if not isinstance(reports_events, bool):
            problems.append(f"{where}: reports_events -> {reports_events!r} must be true or false")
        elif reports_events and kind == "not_a_cue":
            problems.append(f"{where}: reports_events -> a verb that is not a cue cannot report events")
        if lemma and kind:
            if lemma.lower() in verbs:
                problems.append(f"{where}: lemma -> {lemma!r} is listed twice")
            verbs[lemma.lower()] = kind
            if reports_events is True:
                event_reporting.add(lemma.lower())

    phrases: dict[tuple[str, ...], str] = {}
    not_labels: set[str] = set()
    for lineno, e in read_jsonl(folder / "cue_phrases.jsonl", problems):
        where = f"cue_phrases.jsonl:{lineno}"
        phrase = _text(e, "phrase", where, problems)
        kind = _choice(e, "kind", PHRASE_KINDS, where, problems)
        if phrase and kind == "not_a_label":
            not_labels.add(phrase.lower())
        elif phrase and kind:
            phrases[tuple(phrase.lower().split())] = kind

    marks: dict[str, QuoteMark] = {}
    for lineno, e in read_jsonl(folder / "quote_marks.jsonl", problems):
        where = f"quote_marks.jsonl:{lineno}"
        char = _text(e, "char", where, problems)
        level = _choice(e, "level", MARK_LEVELS, where, problems)
        direction = _choice(e, "direction", MARK_DIRECTIONS, where, problems)
        if char and len(char) > 2:
            problems.append(f"{where}: char -> {char!r} must be one or two characters")
            continue
        if char and level and direction:
            marks[char] = QuoteMark(char, level, direction)

    nouns: set[str] = set()
    for lineno, e in read_jsonl(folder / "source_nouns.jsonl", problems):
        lemma = _text(e, "lemma", f"source_nouns.jsonl:{lineno}", problems)
        if lemma:
            nouns.add(lemma.lower())

    if pronouns is None:
        pronouns = load_pronouns(DATA_DIR)
    speaker_pronouns = {p.text: SpeakerPronoun(p.text, p.number, p.refers_to) for p in pronouns if p.speaker}

    scored: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for lineno, e in read_jsonl(folder / "cue_frames.jsonl", problems):
        where = f"cue_frames.jsonl:{lineno}"
        lemma = _text(e, "lemma", where, problems)
        frame = _text(e, "frame", where, problems)
        precision = e.get("precision", 0.5)
        if frame and not (frame in FRAMES or frame.startswith("prep:")):
            problems.append(f"{where}: frame -> {frame!r} is not one of {list(FRAMES)} or prep:<word>")
            continue
        if not isinstance(precision, (int, float)) or not 0 <= precision <= 1:
            problems.append(f"{where}: precision -> {precision!r} must be a number from 0 to 1")
            continue
        pos = e.get("pos", "VERB")
        if pos not in FRAME_POS:
            problems.append(f"{where}: pos -> {pos!r} is not one of {list(FRAME_POS)}")
            continue
        if lemma and frame:
            scored.setdefault((lemma.lower(), pos), []).append((float(precision), frame))
    frames = {k: tuple(f for _, f in sorted(v, key=lambda pf: -pf[0])) for k, v in scored.items()}

    weights: dict[str, float] = {}
    bias, threshold = 0.0, 1.0
    for lineno, e in read_jsonl(folder / "cue_model.jsonl", problems):
        where = f"cue_model.jsonl:{lineno}"
        if "meta" in e:
            meta = e["meta"]
            if not isinstance(meta, dict) or not all(isinstance(meta.get(k), (int, float)) for k in ("bias", "threshold")):
                problems.append(f"{where}: meta -> needs numeric bias and threshold")
                continue
            bias, threshold = float(meta["bias"]), float(meta["threshold"])
            continue
        feature, weight = e.get("feature"), e.get("weight")
        if not isinstance(feature, str) or not feature or not isinstance(weight, (int, float)):
            problems.append(f"{where}: expected a non-empty string feature and a numeric weight")
            continue
        weights[feature] = float(weight)

    if problems:
        raise KnowledgeError(problems)
    return QuoteKB(not_labels=frozenset(not_labels), cue_weights=weights, cue_bias=bias, cue_threshold=threshold, verbs=verbs,
                   event_reporting_verbs=frozenset(event_reporting), phrases=phrases, marks=marks, source_nouns=frozenset(nouns), pronouns=speaker_pronouns,
                   frames=frames)
