"""Read a PETRARCH/TABARI verb dictionary (``*.verbs.txt``) into our verb patterns.

Supported subset of the format: synsets (``&NAME`` followed by ``+WORD`` lines), verb families
(``--- VERB [code] ---`` then the verb forms, one a line), and patterns
``- [pre-words] * [post-words] [code]``. What becomes of them:

- a family's code is a pattern on each of its verbs without conditions; a code pair ``[A:B]``
  also codes B from the target back to the source (visits: 032 and the host's 033);
- a pattern whose post-verb part starts with a preposition becomes a ``prep`` condition, else its
  first content word (synsets expanded) becomes an ``obj`` condition (object, its modifiers,
  a controlled verb or a prepositional object must carry that word);
- patterns with pre-verb context words ("NOT *", "SAID *"), and codes that are not CAMEO codes of
  our table ("[---]", "[075A]", WEIS-only codes) are skipped and counted.

Source (``$``), target (``+``), compound (``%``) and skip (``^``) markers are ignored: actors come
from the dependency parse.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .events import EventKB, VerbPattern

_PREPS = {"with", "to", "on", "against", "in", "at", "from", "for", "about", "of", "into", "by", "over", "toward", "towards", "between"}
_SKIP = {"the", "a", "an", "their", "his", "her", "its", "our", "my", "your", "this", "that", "these", "those"}
_CODE = re.compile(r"\[([^\]]*)\]")


def _expand(word: str, synsets: dict[str, list[str]]) -> list[str]:
    if word.startswith("&"):
        return [w for x in synsets.get(word, []) for w in _expand(x, synsets)]
    return [word]


def _split_code(text: str, cameo: dict) -> tuple[str, str | None]:
    """``"032:033"`` -> ``("032", "033")``: the second code is what the target does in return."""
    parts = [p.strip() for p in text.split(":")]
    rev = parts[1] if len(parts) > 1 and parts[1] in cameo else None
    return parts[0], rev


def read_petrarch_verbs(path: Path, cameo: dict) -> tuple[list[VerbPattern], dict[str, int]]:
    """Patterns from the dictionary at ``path`` and counts of what was skipped."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: dict[str, list[str]] = {}
    cur_syn = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            cur_syn = line.split()[0].upper()
            synsets[cur_syn] = []
        elif line.startswith("+") and cur_syn:
            synsets[cur_syn].append(line[1:].strip().lower())
        elif not line.strip() or line.startswith("<!--"):
            cur_syn = None if not line.strip() else cur_syn
    patterns: list[VerbPattern] = []
    skipped = {"context": 0, "code": 0}
    family_code: str | None = None
    family_rev: str | None = None
    verbs: list[tuple[str, str | None]] = []
    pending: list[tuple[str, str]] = []  # (post words, code) for the current family
    n = 0

    def flush():
        nonlocal n
        for lemma, prt in verbs:
            if family_code:
                n += 1
                patterns.append(VerbPattern(id=f"petr.{lemma}.{n}", lemma=lemma, cameo=family_code, prt=prt,
                                            targets=("dobj", "dative"), reverse=family_rev))
            for post, code, rev in pending:
                words = [w for w in re.split(r"[\s_]+", post.lower()) if w and w not in {"$", "+", "%", "^", "*"}]
                words = [w.lstrip("+$%^") for w in words]
                words = [w for w in words if w and w not in _SKIP]
                if not words:
                    if "%" in post:
                        # "% * [030:030]": the verb with a coordinated subject
                        n += 1
                        patterns.append(VerbPattern(id=f"petr.{lemma}.{n}", lemma=lemma, cameo=code, prt=prt,
                                                    compound=True, reciprocal=True, reverse=rev))
                    continue
                n += 1
                first = words[0]
                if first in _PREPS:
                    patterns.append(VerbPattern(id=f"petr.{lemma}.{n}", lemma=lemma, cameo=code, prt=prt, prep=first,
                                                targets=(first, "dobj"), reverse=rev))
                else:
                    alts = tuple(w.lower() for w in _expand(first.upper() if first.startswith("&") else first, synsets))
                    alts = tuple(a.replace(" ", "_").split("_")[-1] for a in alts)
                    patterns.append(VerbPattern(id=f"petr.{lemma}.{n}", lemma=lemma, cameo=code, prt=prt, obj=alts, reverse=rev))

    in_family = False
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("---"):
            in_family = True
            flush()
            codes = [c for c in _CODE.findall(line)]
            code, rev = _split_code(codes[-1] if codes else "", cameo)
            family_code, family_rev = (code, rev) if code in cameo else (None, None)
            verbs, pending = [], []
            continue
        if line.startswith("&"):
            in_family = False
            continue
        if line.startswith("+"):
            if not in_family:
                continue
            line = line[1:]
        if line.startswith("-"):
            m = _CODE.search(line)
            if not m:
                continue
            code, rev = _split_code(m.group(1), cameo)
            body = line[1:m.start()].strip()
            if "*" not in body:
                continue
            pre, post = body.split("*", 1)
            if "%" in pre:
                post = post + " %"
            pre_words = [w for w in re.split(r"[\s_]+", pre) if w and w not in {"$", "+", "%", "^"}]
            if pre_words:
                skipped["context"] += 1
                continue
            if code not in cameo:
                skipped["code"] += 1
                continue
            pending.append((post, code, rev))
            continue
        word = line.split()[0]
        if word.startswith("{"):
            continue
        parts = word.lower().split("_")
        verbs.append((parts[0], parts[1] if len(parts) > 1 else None))
    flush()
    return patterns, skipped


def with_verb_patterns(ekb: EventKB, patterns: list[VerbPattern], *, replace_lemmas: bool = True) -> EventKB:
    """A copy of ``ekb`` whose verb patterns include ``patterns``.

    With ``replace_lemmas`` the given patterns replace ours for every lemma they cover (the user
    dictionary decides those verbs); otherwise both apply, most specific first.
    """
    verbs = dict(ekb.verbs)
    grouped: dict[str, list[VerbPattern]] = {}
    for p in patterns:
        grouped.setdefault(p.lemma, []).append(p)
    for lemma, ps in grouped.items():
        base = [] if replace_lemmas else list(verbs.get(lemma, ()))
        verbs[lemma] = tuple(sorted(ps + base, key=lambda p: -p.specificity))
    return replace(ekb, verbs=verbs)
