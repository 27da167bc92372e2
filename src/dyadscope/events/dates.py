"""Event dates: date expressions resolved against the publication date, and the one that dates an event.

Representation (ISO 8601, partial where the text is partial):

- ``2019-12-05``, ``2019-12``, ``2019``: explicit or resolved dates, as precise as the text;
- ``199X`` (a decade) and ``18XX`` (a century): unspecified digits as in the Library of
  Congress Extended Date/Time Format (EDTF, ISO 8601-2), e.g. "in the 17th century" -> ``16XX``.

``date_basis`` says where the date came from: ``text`` (an absolute expression),
``relative`` (resolved against ``Article.date``: "last October", "in August", "on Friday",
"next year"), ``publication`` (no expression; the publication date stands in) or ``unknown``.

The expressions are an ordered rule table (:data:`DATE_EXPRESSIONS`); the English words they are
built from (months, weekdays, ordinals, number words) come from :mod:`dyadscope.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from ..dates import MONTHS, NUMBER_WORDS, ORDINALS, RELATIVE_WORDS, WEEKDAYS, iso_day
from ..rules import rule_table

Resolved = tuple[str, str]  # (iso, basis)



def _words(words) -> str:
    """A non-capturing alternation of ``words`` (tried in this order) led by a lookahead on their
    first letters: it matches what the bare alternation matches (case-insensitive patterns test
    the class case-insensitively too), and the regex engine rejects a position with one class
    test instead of trying every word there (``resolve_date`` on 9,506 sentences of the Guardian,
    sample, seed and PolNeAR texts: 0.96 -> 0.64 s CPU with a publication date, 0.51 -> 0.31 s
    without; the same matches, spans and groups for every expression)."""
    words = list(words)
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])(?:" + "|".join(words) + ")"


# Longest names first, so that "september" wins over "sep" wherever both could match.
_MON = "(" + _words(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(1[89]\d\d|20\d\d)"
_ORDINAL_WORDS = _words(ORDINALS)
_NUMBER = _words(NUMBER_WORDS)
_WEEKDAY = _words(WEEKDAYS)
_RELATIVE = _words(w for w in RELATIVE_WORDS if w != "past")
# A date expression modifying a noun ("the 2015 accord") dates only that noun's event.
_NOUN_MODIFIER_DEPS = ("amod", "compound", "nummod", "poss", "nmod")


def parse_pub(date: str | None) -> dt.date | None:
    """``Article.date`` as a date, or None (read by :func:`dyadscope.dates.iso_day`)."""
    return iso_day(date)


def _key(text: str) -> str:
    """``text`` as the word lists spell it. Case-insensitive patterns also match the Unicode
    letters that only upper-case to ASCII (the long s in "ſeptember", the Kelvin sign, the
    dotless i), which ``lower()`` keeps: going through ``upper()`` first folds them."""
    return text.upper().lower()


def _month_number(text: str) -> int:
    t = _key(text).rstrip(".")
    return MONTHS[t] if t in MONTHS else MONTHS[t[:3]]


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


@dataclass(frozen=True, slots=True)
class DateExpression:
    """One kind of date expression: a ``pattern`` and how a match of it ``resolve``\\ s.

    ``complete``: a full calendar date or month of a year; once one is found no later kind is
    tried (none could be more precise). ``relative``: needs the publication date.
    """

    pattern: re.Pattern
    resolve: Callable[[tuple, dt.date | None], Resolved | None]
    complete: bool = False
    relative: bool = False

    def __call__(self, text: str, pub: dt.date | None, ahead: bool = False) -> tuple[int, Resolved] | None:
        """``(start, (iso, basis))`` of the first match in ``text``, or None. ``ahead``: a bare
        weekday or month names the coming one (the date of an event still to happen)."""
        if self.relative and pub is None:
            return None
        m = self.pattern.search(text)
        if m is None:
            return None
        got = self.resolve(m.groups(), pub, ahead) if self.relative else self.resolve(m.groups(), pub)
        return None if got is None else (m.start(), got)


def _iso(g, pub) -> Resolved:
    return f"{g[0]}-{g[1]}" + (f"-{g[2]}" if g[2] else ""), "text"


def _day_month_year(g, pub) -> Resolved:
    return f"{g[2]}-{_month_number(g[1]):02d}-{int(g[0]):02d}", "text"


def _month_day_year(g, pub) -> Resolved:
    return f"{g[2]}-{_month_number(g[0]):02d}-{int(g[1]):02d}", "text"


def _month_year(g, pub) -> Resolved:
    return f"{g[1]}-{_month_number(g[0]):02d}", "text"


def _century(g, pub) -> Resolved | None:
    n = int(g[0]) if g[0] else ORDINALS[_key(g[1])]
    return (f"{n - 1:02d}XX", "text") if 1 <= n <= 21 else None


def _decade(g, pub) -> Resolved:
    return f"{g[0]}X", "text"


def _hundreds(g, pub) -> Resolved:
    return f"{g[0]}XX", "text"


def _year(g, pub) -> Resolved:
    return g[0], "text"


def _ago(g, pub, ahead=False) -> Resolved | None:
    """"three weeks ago", "a year ago"."""
    n = int(g[0]) if g[0].isdigit() else NUMBER_WORDS.get(_key(g[0]))
    if not n:
        return None
    unit = _key(g[1])
    if unit == "year":
        return str(pub.year - n), "relative"
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, -n)
        return f"{y}-{mo:02d}", "relative"
    d = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
    return (d.isoformat() if unit == "day" else f"{d.year}-{d.month:02d}"), "relative"


def _relative_month(g, pub, ahead=False) -> Resolved:
    """"last October" (the most recent October before the publication month), "next May"."""
    direction, mo = RELATIVE_WORDS[_key(g[0])], _month_number(g[1])
    if direction < 0:
        y = pub.year if mo < pub.month else pub.year - 1
    elif direction > 0:
        y = pub.year if mo > pub.month else pub.year + 1
    else:
        y = pub.year
    return f"{y}-{mo:02d}", "relative"


def _day_in_month(mo: int, day: int, pub, ahead: bool = False) -> Resolved | None:
    if not 1 <= day <= 31:
        return None
    if ahead:
        y = pub.year if (mo, day) >= (pub.month, pub.day) else pub.year + 1
    else:
        y = pub.year if (mo, day) <= (pub.month, pub.day) else pub.year - 1
    return f"{y}-{mo:02d}-{day:02d}", "relative"


def _month_day(g, pub, ahead=False) -> Resolved | None:
    return _day_in_month(_month_number(g[0]), int(g[1]), pub, ahead)


def _day_month(g, pub, ahead=False) -> Resolved | None:
    return _day_in_month(_month_number(g[1]), int(g[0]), pub, ahead)


def _month(g, pub, ahead=False) -> Resolved:
    """"in August": the most recent August up to the publication month (ahead: the coming one)."""
    mo = _month_number(g[0])
    if ahead:
        y = pub.year if mo >= pub.month else pub.year + 1
    else:
        y = pub.year if mo <= pub.month else pub.year - 1
    return f"{y}-{mo:02d}", "relative"


def _relative_word(g, pub, ahead=False) -> Resolved | None:
    """"yesterday", "tonight", "last year", "next month" (weeks have no partial ISO form we keep)."""
    w = " ".join(_key(g[0]).split())
    if w in ("today", "tonight"):
        return pub.isoformat(), "relative"
    if w == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat(), "relative"
    which, _, unit = w.partition(" ")
    if unit == "year":
        return str(pub.year + RELATIVE_WORDS[which]), "relative"
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, RELATIVE_WORDS[which])
        return f"{y}-{mo:02d}", "relative"
    return None


def _weekday(g, pub, ahead=False) -> Resolved:
    """"on Friday" (the most recent Friday; ahead: the coming one), "next Friday", "this Friday"
    (the coming one)."""
    which, day = _key(g[0] or ""), WEEKDAYS[_key(g[1])]
    delta = (pub.weekday() - day) % 7
    if which == "next" or (which == "this" and delta) or (ahead and not which and delta):
        d = pub + dt.timedelta(days=(day - pub.weekday()) % 7 or 7)
    else:
        d = pub - dt.timedelta(days=delta if which != "last" else (delta or 7))
    return d.isoformat(), "relative"


def _rx(pattern: str, flags=re.I) -> re.Pattern:
    return re.compile(pattern, flags)


#: Date expressions in the order they are tried; the earliest match in the text wins.
DATE_EXPRESSIONS = rule_table(
    ("events.dates.iso.v1", DateExpression(_rx(r"\b" + _YEAR + r"-(\d\d)(?:-(\d\d))?\b", 0), _iso, complete=True)),
    ("events.dates.day_month_year.v1", DateExpression(
        _rx(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR + r"\b"), _day_month_year, complete=True)),
    ("events.dates.month_day_year.v1", DateExpression(
        _rx(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b"), _month_day_year, complete=True)),
    ("events.dates.month_year.v1", DateExpression(_rx(r"\b" + _MON + r",?\s+(?:of\s+)?" + _YEAR + r"\b"), _month_year, complete=True)),
    ("events.dates.century.v1", DateExpression(
        _rx(r"\b(\d{1,2})(?:st|nd|rd|th)[\s-]+century\b|\b(" + _ORDINAL_WORDS + r")[\s-]+century\b"), _century)),
    ("events.dates.decade.v1", DateExpression(_rx(r"\b(1[89]\d|20\d)0'?s\b", 0), _decade)),
    ("events.dates.hundreds.v1", DateExpression(_rx(r"\b(1[5-9]|20)00'?s\b", 0), _hundreds)),
    ("events.dates.year.v1", DateExpression(_rx(r"\b" + _YEAR + r"\b", 0), _year)),
    ("events.dates.ago.v1", DateExpression(
        _rx(r"\b(\d+|" + _NUMBER + r")\s+(year|month|day|week)s?\s+ago\b"), _ago, relative=True)),
    ("events.dates.relative_month.v1", DateExpression(
        _rx(r"\b(" + _words(RELATIVE_WORDS) + r")\s+" + _MON + r"(?!\w)"), _relative_month, relative=True)),
    ("events.dates.month_day.v1", DateExpression(
        _rx(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})"), _month_day, relative=True)),
    ("events.dates.day_month.v1", DateExpression(
        _rx(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?!\w|,?\s*\d{4})"), _day_month, relative=True)),
    ("events.dates.month.v1", DateExpression(
        _rx(r"\b(?:in|since|during|by|until|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?" + _MON + r"(?![\w-])(?!,?\s*\d)"),
        _month, relative=True)),
    ("events.dates.relative_word.v1", DateExpression(
        _rx(r"\b(yesterday|today|tonight|(?:" + _RELATIVE + r")\s+(?:year|month|week))\b"), _relative_word, relative=True)),
    ("events.dates.weekday.v1", DateExpression(
        _rx(r"\b(?:(" + _RELATIVE + r")\s+)?(" + _WEEKDAY + r")\b"), _weekday, relative=True)),
)


def resolve_date(text: str, pub: dt.date | None, ahead: bool = False) -> Resolved | None:
    """The first date expression in ``text`` as ``(iso, basis)``, or None.

    Examples (publication 2021-03-10): "in October 2017" -> ("2017-10", "text");
    "last October" -> ("2020-10", "relative"); "in February" -> ("2021-02", "relative");
    "in the 17th century" -> ("16XX", "text"). ``ahead`` (an event still to happen): "on
    Friday" is the coming Friday, "in April" the coming April.
    """
    best = None
    for rule in DATE_EXPRESSIONS:
        found = rule.func(text, pub, ahead)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
            if rule.func.complete:
                break
    return None if best is None else best[1]


@dataclass(frozen=True, slots=True)
class SentenceDate:
    """A date expression of a sentence: its DATE entity (None: found in the sentence text) and
    its resolution for an event that happened (``past``) or is still to happen (``ahead``)."""

    ent: object
    past: Resolved
    ahead: Resolved


def _masked(span, names: Collection[int], doc_text: str | None = None) -> str:
    """The text of ``span`` with the tokens in ``names`` blanked out (same length); ``doc_text``:
    the document's text, if the caller has it (``Doc.text`` joins every token anew)."""
    text = span.text if doc_text is None else doc_text[span.start_char:span.end_char]
    hits = [i for i in range(span.start, span.end) if i in names]
    if not hits:
        return text
    chars, base = list(text), span.start_char
    for i in hits:
        t = span.doc[i]
        chars[t.idx - base:t.idx - base + len(t.text)] = " " * len(t.text)
    return "".join(chars)


def sentence_dates(sent, pub: dt.date | None, ents, names: Collection[int] = frozenset(),
                   doc_text: str | None = None) -> list[SentenceDate]:
    """The date expressions of ``sent``: its DATE entities ``ents``, or what the sentence text
    holds when the tagger found none. ``names`` are token indices of actor mentions: a month
    word that is a name ("talks with May in London") is not a date. ``doc_text``: the
    document's text, when the caller has it."""
    doc = sent.doc
    out = []
    for ent in ents:
        if any(t.i in names for t in ent):
            continue
        start = ent.start - 1 if ent.start > sent.start else ent.start
        text = doc[start:ent.end].text
        past = resolve_date(text, pub) or resolve_date("in " + ent.text, pub)
        if past is not None:
            ahead = resolve_date(text, pub, True) or resolve_date("in " + ent.text, pub, True)
            out.append(SentenceDate(ent, past, ahead or past))
    if not out:
        text = _masked(sent, names, doc_text)
        past = resolve_date(text, pub)
        if past is not None:
            out.append(SentenceDate(None, past, resolve_date(text, pub, True) or past))
    return out


def _anchor(ent):
    """The token a date expression hangs from: its root, or the preposition just before it where
    the parser read the date as a modifier of the noun phrase after it ("In May 2018 Chile's
    president described ...": "May" a modifier of "Chile", the date still the object of "in")."""
    root = ent.root
    if root.dep_ in _NOUN_MODIFIER_DEPS and ent.start > 0:
        prep = ent.doc[ent.start - 1]
        if prep.dep_ == "prep" and (prep in root.ancestors or not any(c.dep_ == "pobj" for c in prep.children)):
            return prep  # the date inside the preposition's object, or the preposition left without one
    return root


def _modifies_as_subject(clause) -> bool:
    """A clause modifying a noun whose subject the noun is: a participle ("the intervention,
    launched in 2015"), or a relative or infinitive clause with no subject of its own ("the talks,
    which opened on Monday", "a summit to be held on Friday"; not "the talks Peru proposed on
    Monday", which dates the proposal)."""
    if clause.dep_ == "acl":
        return True
    if clause.dep_ != "relcl":
        return False
    subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return all(c.tag_ in ("WDT", "WP") or c.lower_ == "that" for c in subj)


def event_subject(trigger, portions: Collection[str]):
    """The noun phrase head standing for the event noun ``trigger`` as a clause's subject: the
    noun itself, or the portion noun of "a new round of talks" (``portions``); None when neither
    is a subject."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.lemma_ in portions:
        trigger = trigger.head.head
    return trigger if trigger.dep_ in ("nsubj", "nsubjpass") else None


def _controlled_by_subject(verb, trigger, portions: Collection[str]) -> bool:
    """``verb`` is an infinitive (through "due/set/expected ... to") whose understood subject is
    the event noun ``trigger``, the subject of the predicate it hangs from ("talks are due to
    resume on Tuesday", "the summit is expected to open on Friday")."""
    subj = event_subject(trigger, portions)
    if subj is None:
        return False
    a = verb
    while a.dep_ in ("xcomp", "acomp") and a.head.i != a.i:
        a = a.head
        if a.i == subj.head.i:
            return verb.i != a.i
    return False


def date_for(cand, dates, pub: dt.date | None, reporting: Collection[str], *, ahead: bool = False,
             portions: Collection[str] = ()) -> tuple[str | None, str]:
    """The date of the event candidate ``cand`` (``ahead``: an event still to happen, whose bare
    weekday or month is the coming one; ``portions``: the portion nouns of "a round of talks",
    :func:`event_subject`); the first that applies wins:

    1. a date expression whose nearest governing predicate is the event's own predicate, a
       participle or subjectless clause modifying the event noun ("met ... on Friday", "the
       exercise ... in October 2017", "the intervention, launched in 2015", "a summit to be held
       on Friday"), or an infinitive the event noun is the understood subject of ("talks are due
       to resume on Tuesday");
    2. a date noun the event clause modifies ("last October, when the council ordered ...");
    3. the date of a clause governing the event's clause, unless that clause is a report (a verb
       in ``reporting``: "announced in May that ..." does not date the announced event);
    4. the sentence's only clause-level date;
    5. the publication date (basis ``publication``), else nothing (``unknown``).

    Dates modifying nouns ("the 2015 accord") only count for that noun's own event.
    """
    own = {cand.trigger.i, *(t.i for t in cand.chain)}
    top = cand.chain[-1] if cand.chain else cand.trigger
    top_anc = {a.i: a for a in top.ancestors}
    free = []
    for d in dates:
        ent, got = d.ent, (d.ahead if ahead else d.past)
        if ent is None:
            free.append(got)
            continue
        ent_ids = {t.i for t in ent}
        if ent_ids & own:
            return got
        root = _anchor(ent)
        if root.dep_ in _NOUN_MODIFIER_DEPS:
            if root.head.i in own:
                return got  # "the October 2017 exercise"
            continue
        hv = next((a for a in root.ancestors if a.i in own or a.pos_ in ("VERB", "AUX")), None)
        if hv is not None and (hv.i in own or (_modifies_as_subject(hv) and hv.head.i in own)):
            return got
        if hv is not None and _controlled_by_subject(hv, cand.trigger, portions):
            return got  # "talks are due to resume on Tuesday"
        if ent_ids & set(top_anc):
            return got
        if hv is not None and hv.i in top_anc and hv.lemma_ not in reporting:
            return got
        if hv is None or (hv.dep_ == "ROOT" and hv.lemma_ not in reporting):
            free.append(got)
    if len(free) == 1:
        return free[0]
    if pub is not None:
        return pub.isoformat(), "publication"
    return None, "unknown"
