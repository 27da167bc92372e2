"""Assessment knowledge: the cue lexicons of the relationship-assessment stage, and party forms.

The word lists live in ``data/lexicon/assessments.jsonl`` (ids ``assess_*``, read by the lexicon
loader); this module gathers them once into an :class:`AssessmentKB`, indexes the multi-word
phrases, and reads ``data/assessments/party_forms.jsonl``: words that stand for a party where no
actor mention covers them (combining forms such as "Sino-" and "Franco-", "Brussels" for the EU)::

    {"id": "form:sino", "form": "sino", "country": "CHN", "note": "combining form: Sino-Japanese"}

and ``data/assessments/metaphors.jsonl``: figurative words and phrases for a relationship's state
(temperature, weather, health, marriage, structure, tide, road, war), each with its polarity. They
join the polar lists (``positive``, ``negative``, ``mixed``) and are read like any cue; a phrase
already in a polar list is reported, so each word has one home::

    {"id": "metaphor:deep-freeze", "phrase": "deep freeze", "polarity": "negative",
     "domain": "temperature", "note": "relations in a deep freeze"}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeError
from ..records import ASPECTS
from .load import read_jsonl

ASSESSMENTS_DIR = "assessments"
#: Lists whose words make a sentence that names one party worth reading.
CUE_LISTS = ("positive", "negative", "mixed", "rise_verbs", "fall_verbs", "intensity", "attitude_verbs",
             "treatment_verbs", "treatment_positive", "desire_verbs", "state_nouns")
TRIGGER_LISTS = ("relation_nouns", "role_nouns", "frame_verbs", "attitude_adjectives", "attitude_verbs",
                 "treatment_verbs", "treatment_positive", "desire_verbs")
PREFIX = "assess_"
#: Lists whose entries carry a polarity, in the order a phrase is looked up.
POLAR_LISTS = {"positive": "positive", "negative": "negative", "mixed": "mixed"}
#: Lists whose multi-word entries are matched as phrases in the text.
PHRASE_LISTS = ("positive", "negative", "mixed", "negator_phrases", "conditional_phrases")
REQUIRED = (
    "relation_nouns", "positive", "negative", "mixed", "rise_verbs", "fall_verbs", "negators", "negator_phrases",
    "limiters", "diminishers", "contrast", "hedges", "degree", "frame_verbs", "speech_frames", "attitude_verbs",
    "attitude_adjectives", "attitude_preps", "treatment_verbs", "habitual", "desire_verbs", "harm_adjectives",
    "strength_adjectives", "goal_words", "conditional_modals", "conditional_marks", "inversion_aux",
    "conditional_phrases", "event_frames", "transform_verbs", "possession_verbs", "light_verbs", "motion_verbs",
    "time_preps", "state_nouns", "treatment_positive", "bloc_numbers", "intensity", "deontic_modals",
    "adjunct_preps", "first_plural", "definite", "holder_pronouns", "doubt_nouns", "goal_nouns", "showing_verbs",
    "viewpoint_nouns", "copulas", "complement_deps",
    "dyad_group_nouns", "pair_words", "bloc_words", "fact_modifiers", "role_nouns", "evidence_cues",
    "appearance_verbs", "faint", "frame_preps", "appearance_markers", "reality_markers", "partial",
    "past_markers", "present_markers", "duration_nouns", "end_verbs", "pretence_modifiers", "meta_nouns",
    "qualifiers", "rhetoric_nouns", "tentative", "threat_words", "negative_quantifiers", "strain_nouns", "superlative_negators",
    "limiting", "relative_strain", "relative_bond",
)
_COUNTRY = re.compile(r"^[A-Z]{3}$")
#: The source domains of ``metaphors.jsonl``.
METAPHOR_DOMAINS = frozenset({"temperature", "weather", "health", "marriage", "structure", "distance", "tide",
                              "road", "war", "idiom", "other"})


@dataclass(frozen=True)
class AssessmentKB:
    """What the assessment stage knows.

    Attributes:
        words: List name (the lexicon id without ``assess_``) -> its single words and phrases.
        phrases: Lower-cased token tuple of every multi-word entry -> the lists it is in.
        max_phrase: Length in tokens of the longest phrase.
        aspects: Aspect name -> the words that put a judgement in it (``general`` has none).
        party_forms: Lower-cased word -> country code, for words no actor mention covers.
        triggers: Words that make a sentence naming one party worth reading (relationship and
            role nouns, frame, attitude, treatment and desire words).
        cue_words: Words one of which a sentence must hold to carry a judgement at all: every
            single word of the polar and verb lists, and the first word of every polar phrase.
        negator_phrases: The multi-word negators as token tuples, by their first word.
        metaphors: Each metaphor's phrase -> its entry id in ``metaphors.jsonl`` (they are also in
            the polar lists, so ``polarity_of`` and the phrase index read them).
    """

    words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    phrases: Mapping[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    max_phrase: int = 0
    aspects: Mapping[str, frozenset[str]] = field(default_factory=dict)
    party_forms: Mapping[str, str] = field(default_factory=dict)
    triggers: frozenset[str] = frozenset()
    cue_words: frozenset[str] = frozenset()
    negator_phrases: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    metaphors: Mapping[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> frozenset[str]:
        try:
            return self.words[name]
        except KeyError:
            raise KeyError(f"no assessment word list {name!r}; lists are: {', '.join(sorted(self.words))}") from None

    def polarity_of(self, word: str) -> str | None:
        """``positive``, ``negative`` or ``mixed`` for a single word in the polar lists (mixed first), else
        None; a positive word with the prefix "un" is negative ("unfriendly", "uncooperative")."""
        for name in ("mixed", "negative", "positive"):
            if word in self.words.get(name, ()):
                return POLAR_LISTS[name]
        if word.startswith("un") and len(word) > 5 and word[2:] in self.words.get("positive", ()):
            return "negative"
        return None


def _party_forms(path: Path, problems: list[str]) -> dict[str, str]:
    forms: dict[str, str] = {}
    if not path.exists():
        return forms
    for lineno, entry in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        form, country = entry.get("form"), entry.get("country")
        bad = False
        for key in ("id", "note"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                problems.append(f"{where}: {key} -> must be a non-empty string")
                bad = True
        if not isinstance(form, str) or not form or form != form.lower() or " " in form:
            problems.append(f"{where}: form -> must be one lower-case word, got {form!r}")
            bad = True
        if not isinstance(country, str) or not _COUNTRY.match(country):
            problems.append(f"{where}: country -> must be three upper-case letters (ISO alpha-3 or IGO code), got {country!r}")
            bad = True
        if not bad and form in forms:
            problems.append(f"{where}: form {form!r} is listed twice")
        elif not bad:
            forms[form] = country
    return forms


def _metaphors(path: Path, polar: Mapping[str, frozenset[str]], problems: list[str]) -> dict[str, tuple[str, str]]:
    """Phrase -> (polarity, id) for every well-formed entry of ``metaphors.jsonl``."""
    out: dict[str, tuple[str, str]] = {}
    if not path.exists():
        return out
    ids: set[str] = set()
    for lineno, entry in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        bad = False
        for key in ("id", "phrase", "note"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                problems.append(f"{where}: {key} -> must be a non-empty string")
                bad = True
        phrase, polarity, domain = entry.get("phrase"), entry.get("polarity"), entry.get("domain")
        if isinstance(phrase, str) and (phrase != phrase.lower() or phrase != " ".join(phrase.split())):
            problems.append(f"{where}: phrase -> must be lower case with single spaces, got {phrase!r}")
            bad = True
        if polarity not in POLAR_LISTS:
            problems.append(f"{where}: polarity -> must be one of {', '.join(POLAR_LISTS)}, got {polarity!r}")
            bad = True
        if domain not in METAPHOR_DOMAINS:
            problems.append(f"{where}: domain -> must be one of {', '.join(sorted(METAPHOR_DOMAINS))}, got {domain!r}")
            bad = True
        if bad:
            continue
        homes = [name for name in POLAR_LISTS if phrase in polar.get(name, ())]
        if entry["id"] in ids:
            problems.append(f"{where}: id {entry['id']!r} is listed twice")
        elif phrase in out:
            problems.append(f"{where}: phrase {phrase!r} is listed twice")
        elif homes:
            problems.append(f"{where}: phrase {phrase!r} is already in {PREFIX}{homes[0]}; keep it in one place")
        else:
            out[phrase] = (polarity, entry["id"])
        ids.add(entry["id"])
    return out


def load_assessment_kb(data_dir: Path, lexicon: Mapping[str, frozenset[str]]) -> AssessmentKB:
    """Gather the ``assess_*`` word lists of ``lexicon`` and read the party forms.

    Raises:
        KnowledgeError: listing missing word lists and every malformed party form or metaphor as
            ``file:line``.
    """
    problems: list[str] = []
    missing = [name for name in REQUIRED if PREFIX + name not in lexicon]
    if missing:
        problems.append(f"lexicon: missing assessment word lists {', '.join(PREFIX + m for m in missing)} "
                        f"(expected in data/lexicon/assessments.jsonl)")
    words = {list_id[len(PREFIX):]: lexicon[list_id] for list_id in lexicon if list_id.startswith(PREFIX)}
    metaphors = _metaphors(data_dir / ASSESSMENTS_DIR / "metaphors.jsonl", words, problems)
    for name in POLAR_LISTS:
        words[name] = words.get(name, frozenset()) | {p for p, (polarity, _) in metaphors.items() if polarity == name}
    phrases: dict[tuple[str, ...], set[str]] = {}
    for name in PHRASE_LISTS:
        for entry in words.get(name, ()):
            if " " in entry:
                phrases.setdefault(phrase_tokens(entry), set()).add(name)
    aspects = {a: words.get(f"aspect_{a}", frozenset()) for a in ASPECTS}
    forms = _party_forms(data_dir / ASSESSMENTS_DIR / "party_forms.jsonl", problems)
    if problems:
        raise KnowledgeError(problems)
    return AssessmentKB(
        words=words,
        phrases={k: frozenset(v) for k, v in phrases.items()},
        max_phrase=max((len(p) for p in phrases), default=0),
        aspects=aspects,
        party_forms=forms,
        triggers=frozenset().union(*(words.get(name, frozenset()) for name in TRIGGER_LISTS)),
        cue_words=_cue_words(words),
        negator_phrases=_by_first_word(p for p, lists in phrases.items() if "negator_phrases" in lists),
        metaphors={p: entry_id for p, (_, entry_id) in metaphors.items()},
    )


def phrase_tokens(entry: str) -> tuple[str, ...]:
    """A phrase as the tokenizer splits it: a possessive is a token of its own ("at arm's length"
    -> at, arm, 's, length; "lovers' quarrel" -> lovers, ', quarrel)."""
    entry = re.sub(r"(\w)'s\b", r"\1 's", entry)
    entry = re.sub(r"(\w)'(\s|$)", r"\1 '\2", entry)
    return tuple(entry.split())


def _cue_words(words: Mapping[str, frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for name in CUE_LISTS:
        for entry in words.get(name, ()):
            out.add(phrase_tokens(entry)[0])
            out.add(entry.split("-")[0])
    return frozenset(out)


def _by_first_word(phrases) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        out.setdefault(phrase[0], []).append(phrase)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}
