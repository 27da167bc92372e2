"""Actor entries as loaded: their types, the alias index, and the normalisers both loaders share.

The shipped files (:mod:`.actors`) and PETRARCH/TABARI dictionaries (:mod:`.petrarch`) both turn
their lines into :class:`ActorEntry` and :class:`RoleNoun` values and add them to one
:class:`EntryCollector`; nothing here chooses between entries (that is the actor stage's job).
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..dates import iso_day, read_date

#: Sector codes we accept in our own files (PLOVER/CAMEO sector and type codes).
SECTORS = frozenset(
    "GOV MIL COP JUD LEG OPP PTY MED EDU BUS NGO HRI REB PRM SPY CRM CVL REL LAB AGR HLH REF ELI PRE UAF IGO UNK "
    "ENV DEV SET IMG MOD RAD INS".split()
)

#: What a mention (and an entry) can be; documented with :class:`dyadscope.records.Mention`.
MENTION_KINDS = frozenset(
    "state capital demonym igo person organization media region group pronoun place dictionary people".split()
)

#: Mention kinds that stand for a state itself: a name, a demonym, a seat of government, or a
#: dictionary code. Every stage asks "is this a state?" with this one set.
STATE_KINDS = frozenset({"state", "demonym", "capital", "dictionary"})

#: Kinds of named bodies that are not states: they may own a role ("analysts at the Blorvak
#: Institute") or lend it their sector.
BODY_KINDS = frozenset({"organization", "igo", "media"})

#: Sectors of actors that act inside their own country: a bare "rebels", "refugees" or "judges"
#: takes the one country its sentence is about (PLOVER and CAMEO code domestic groups with the
#: state they act in). Codes, not words: they are part of the sector vocabulary above.
DOMESTIC_SECTORS = frozenset({"REB", "OPP", "CVL", "REF", "CRM", "PRM", "LAB", "AGR", "COP", "JUD", "LEG", "REL",
                              "EDU", "HLH"})

# --- normalisers -------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[’']s\b|\w+(?:['’](?!s\b)\w+)*\.?|-(?=[^\W\d_])|[^\w\s]")


#: Letters that Unicode does not decompose into a base letter and a mark ("ı" in "Yıldırım").
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss",
                               "æ": "ae", "œ": "oe", "ħ": "h", "ŀ": "l"})


def fold_accents(text: str) -> str:
    """``text`` without diacritics ("Erdoğan" -> "Erdogan", "Yıldırım" -> "Yildirim"); ASCII is returned as it is."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def norm_token(text: str) -> str:
    """The key form of one token: lower case, accents folded, curly quotes straightened, trailing period dropped.

    Both the index keys (every alias) and the document's tokens go through it, so "Erdoğan",
    "Erdogan" and "ERDOGAN" meet.
    """
    if text.isalnum() and text.isascii():
        return text.lower()
    t = text.lower().replace("’", "'").replace("‘", "'")
    if not t.isascii():
        t = fold_accents(t)
    if len(t) > 1 and t[0].isalpha() and "<" in t:
        t = t[: t.index("<")]  # markup left in the text: "Tribune</u"
    if len(t) > 1 and ("*" in t or "_" in t):
        t = t.strip("*_.") or t
    if len(t) > 1 and t.endswith("."):
        t = t[:-1]
    return t


def phrase_tokens(text: str) -> list[tuple[str, int, int]]:
    """Split a phrase roughly as spaCy's English tokenizer does: ``(text, start, end)`` triples.

    Hyphens between letters and the possessive ``'s`` are separate tokens; abbreviations such as
    ``U.S.`` stay whole. Lone periods are dropped (see :func:`norm_token`).
    """
    out = []
    for m in _TOKEN_RE.finditer(text):
        tok = m.group()
        if tok == ".":
            continue
        out.append((tok, m.start(), m.end()))
    return out


def alias_key(text: str) -> tuple[str, ...]:
    """Normalised token tuple of an alias, the key of the alias index."""
    return tuple(norm_token(t) for t, _, _ in phrase_tokens(text))


def parse_date(value: Any) -> _dt.date | None:
    """A date in any common form to a date; None when empty or unreadable.

    ISO ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` / ``YYYYMMDD`` (partial ones read as their first
    day) and dates as people write them ("10 May 2015", "1 july 2021", "October 1, 2021",
    :func:`dyadscope.dates.read_date`).
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value
    s = str(value).strip()
    if re.fullmatch(r"\d{8}|\d{4}(?:-\d{1,2}){0,2}", s):
        return iso_day(s)
    written = read_date(s)
    return _dt.date.fromisoformat(written) if written else None


def plural_forms(word: str) -> list[str]:
    """Regular English plurals of a (last) word: ``minister -> ministers``, ``ministry -> ministries``."""
    if word.endswith(("s", "x", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if word.endswith("man"):
        return [word[:-3] + "men"]
    return [word + "s"]


def singular_forms(word: str) -> list[str]:
    """The singular whose regular plural is ``word`` (``medics -> medic``, ``churches -> church``),
    as a list of none or one; none for words that are not plural in form (``press``, ``corpus``).

    The inverse of :func:`plural_forms`: a candidate is kept only when its plural is ``word``.
    """
    if not word.endswith("s") and not word.endswith("men"):
        return []
    if word.endswith(("ss", "us", "is")):
        return []
    candidates = [word[:-3] + "y"] if word.endswith("ies") else []
    candidates += [word[:-3] + "man"] if word.endswith("men") else []
    # "-xes", "-ches", "-shes" drop "es" (boxes, churches); "-ses" drops "s" (nurses, courses)
    candidates += [word[:-2], word[:-1]] if word.endswith(("xes", "ches", "shes")) else [word[:-1], word[:-2]]
    for c in candidates:
        if len(c) > 1 and word in plural_forms(c):
            return [c]
    return []


def is_acronym(text: str) -> bool:
    """Two or more letters, all capitals, one word: ``WHO``, ``U.N.`` (never matched in lower case)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in text.strip()


def split_values(value: str) -> list[str]:
    """The ``|``-separated values of one CSV cell, trimmed, empty ones dropped."""
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def actor_code(country: str | None, sector: str | None) -> str | None:
    """A CAMEO-style code from its parts: ``(RUS, GOV) -> RUSGOV``, ``(RUS, None) -> RUS``."""
    if not country and not sector:
        return None
    if sector in (None, "", "UNK"):
        return country or None
    return f"{country or ''}{sector}"


def split_code(code: str | None, known_countries: frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
    """Country and first sector of a CAMEO-style code: ``RUSGOV -> (RUS, GOV)``, ``IGOUNO -> (UNO, IGO)``.

    ``known_countries`` are country codes of loaded dictionaries that look like sector codes.
    """
    if not code or code in ("---", "###", "+++"):
        return None, None
    if code.startswith("---"):
        return None, code[3:6] or None
    if code.startswith("IGO") and len(code) >= 6:
        return code[3:6], "IGO"
    if code[:3] in SECTORS and code[:3] not in known_countries and len(code) > 3:
        return code[3:6] or None, code[:3]
    return code[:3], (code[3:6] or None)


# --- entry types -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Role:
    """A dated office of a person: ``sector`` (GOV, MIL, ...) between ``start`` and ``end`` (None = open).

    ``as_of`` is the last day a source saw the office held (a snapshot such as the Factbook's):
    the office is known to hold up to it and unknown after it, so it is not an end date.
    """

    title: str
    sector: str
    start: _dt.date | None
    end: _dt.date | None
    country: str | None = None
    as_of: _dt.date | None = None

    def holds(self, day: _dt.date) -> bool:
        """Whether the office is known to be held on ``day``."""
        return ((self.start is None or self.start <= day) and (self.end is None or day <= self.end)
                and (self.as_of is None or day <= self.as_of))


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A dictionary code valid between ``start`` and ``end`` (inclusive; None = open)."""

    code: str
    start: _dt.date | None = None
    end: _dt.date | None = None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor the knowledge base knows.

    Attributes:
        id: Stable id, unique within its source (``kb:person:angela-merkel``).
        name: Canonical name.
        kind: ``state``, ``capital``, ``demonym``, ``igo``, ``organization``, ``media``, ``region``,
            ``person``, ``place`` or ``dictionary`` (a PETRARCH/user entry with dictionary codes).
        country, sector, code: Fixed resolution (people and dated dictionary entries resolve by date).
        roles: A person's dated offices.
        base_sector: A person's sector outside every listed office (e.g. BUS).
        codes: Dictionary codes, possibly dated; the first undated one is the default.
        state_owned: State-owned media and companies.
        case_sensitive: Aliases match only with the exact letter case (``WHO``, ``Dawn``).
        homelands: A people's states (kind ``people``): where the document may place it.
        population: A gazetteer place's population (GeoNames), when known.
    """

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    roles: tuple[Role, ...] = ()
    base_sector: str | None = None
    codes: tuple[DatedCode, ...] = ()
    state_owned: bool = False
    case_sensitive: bool = False
    homelands: tuple[str, ...] = ()
    population: int | None = None


@dataclass(frozen=True, slots=True)
class Alias:
    """One surface form of an entry: ``needs_the`` when it only names the entry after "the".

    ``acronym``: an all-capital abbreviation (never matched all in lower case). ``case`` overrides
    the entry's letter-case rule for this form: ``"exact"`` (an acronym that is also an English
    word: "WHO" is not "Who"), ``"any"`` (an acronym that is no English word, written as a word
    too: "Nato", "Isis"), ``"free"`` (a name the data also lists in lower case, matched in running
    text in either case: "the West" / "the west"), or None (the entry's rule).
    """

    entry: ActorEntry
    text: str
    needs_the: bool = False
    acronym: bool = False
    case: str | None = None


@dataclass(frozen=True, slots=True)
class RoleNoun:
    """A role noun or organisation type ("spokesman", "army") and the sector it gives.

    ``agent`` is the code part it adds to a country code (``GOV``, ``GOVFRM``); ``prefix`` puts
    it before the country code (PETRARCH ``[NGO~]``). ``generic`` titles ("president",
    "spokesman") take the sector of the organisation they lead ("the president of the Blorvak
    Institute" is ``EDU``).
    """

    text: str
    sector: str | None
    kind: str
    agent: str | None = None
    prefix: bool = False
    generic: bool = False
    source: str = "kb"


class AliasIndex:
    """Alias and role-noun index keyed by normalised token tuples, gated by first token.

    Attributes:
        aliases: Token tuple -> the aliases it spells (several entries may share one spelling).
        roles: Token tuple -> the role noun it spells (one per spelling: the first added wins,
            unless added with ``override``).
        first: Every first token of a key -> the length of the longest key it starts: a
            position whose token is not here starts no match, and one that is starts none longer.
        max_len: Length of the longest key.
        surnames: Last name -> the people with that last name (for "President X").
    """

    def __init__(self) -> None:
        self.aliases: dict[tuple[str, ...], list[Alias]] = {}
        self.roles: dict[tuple[str, ...], RoleNoun] = {}
        self.first: dict[str, int] = {}
        self.max_len = 1
        self.surnames: dict[str, list[ActorEntry]] = {}
        self.places: dict[tuple[str, ...], list[ActorEntry]] = {}
        self.place_max_len = 1

    def add_alias(self, key: tuple[str, ...], alias: Alias, *, front: bool = False) -> None:
        if not key:
            return
        bucket = self.aliases.setdefault(key, [])
        if any(a.entry is alias.entry for a in bucket):
            return
        if front:
            bucket.insert(0, alias)
        else:
            bucket.append(alias)
        self._add_first(key)

    def add_place(self, key: tuple[str, ...], entry: ActorEntry) -> None:
        """A gazetteer place under ``key``: consulted only for spans already read as places, in the
        order added (most populous first)."""
        if not key:
            return
        bucket = self.places.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.place_max_len = max(self.place_max_len, len(key))

    def add_role(self, key: tuple[str, ...], role: RoleNoun, *, override: bool = False) -> None:
        if not key:
            return
        if override or key not in self.roles:
            self.roles[key] = role
        self._add_first(key)

    def _add_first(self, key: tuple[str, ...]) -> None:
        if self.first.get(key[0], 0) < len(key):
            self.first[key[0]] = len(key)
        self.max_len = max(self.max_len, len(key))


@dataclass
class EntryCollector:
    """Collects entries and indexes their aliases while the files are read (one per load)."""

    entries: list[ActorEntry] = field(default_factory=list)
    index: AliasIndex = field(default_factory=AliasIndex)
    by_country: dict[str, ActorEntry] = field(default_factory=dict)
    petrarch_codes: set[str] = field(default_factory=set)
    #: Acronym -> whether its lower-case form is an English word (``generated/acronyms.jsonl``).
    acronym_words: dict[str, bool] = field(default_factory=dict)

    def add(self, entry: ActorEntry, aliases: Iterable[str], needs_the: Iterable[str] = (), *,
            front: bool = False) -> None:
        """Add ``entry`` under each alias; a leading "the " makes the rest a ``needs_the`` alias.

        ``front`` puts the entry before others of the same spelling (user dictionaries win).
        """
        needs_the = list(needs_the)
        aliases = list(aliases)
        self.entries.append(entry)
        # a name also listed in lower case ("West" and "west") matches in any letter case
        lower = {alias_key(t.strip()[4:] if t.strip().lower().startswith("the ") else t.strip())
                 for t in aliases if t.strip() and t.strip() == t.strip().lower()}
        seen = set()
        for text in aliases:
            text = text.strip()
            if not text:
                continue
            nt = text in needs_the
            if text.lower().startswith("the ") and len(text) > 4:
                text = text[4:]
                nt = True if text in needs_the else nt
            key = alias_key(text)
            if not key or key in seen:
                continue
            seen.add(key)
            acronym = is_acronym(text)
            case = None
            if acronym and text in self.acronym_words:
                case = "exact" if self.acronym_words[text] else "any"
            elif key in lower and not entry.case_sensitive and not text[:1].islower():
                case = "free"
            self.index.add_alias(key, Alias(entry, text, nt, acronym, case), front=front)
