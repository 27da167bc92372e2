"""Importer for PETRARCH/TABARI actor and agent dictionaries (``.txt``).

Actor files hold one actor per block::

    JADIS  # comment
    +WHITE_WITCH                   synonyms (a name line right after a code-less name is one too)
    \t[NRN < 950601]               codes, possibly dated: < before, > from, A - B between
    \t[NRNGOV 19950601 - 19990815]
    PEVENSIES  [NRN/ARC]           several actors at once (a group)

Agent files hold role nouns whose code combines with an actor's: ``PRESIDENT [~GOV]`` appends
(Narnia's president -> ``NRNGOV``), ``MSF {} [NGO~]`` prepends. ``{PLURAL}`` gives irregular plurals
(``{}``: none); ``!NAME! = A, B`` defines a substitution used as ``CONGRESS!PERSON!``.
Comments are ``#`` to the end of a line and ``<!-- ... -->`` blocks. Names use ``_`` or spaces
between words; a trailing ``_`` (exact word) is accepted and ignored. Two-digit years are read
as 19xx from 40 up, 20xx below.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from .entries import ActorEntry, DatedCode, EntryCollector, RoleNoun, alias_key, plural_forms
from .load import read_text

_CODE_RE = re.compile(
    r"^\[\s*(?P<code>[^\s\[\]<>]*)\s*(?:(?P<op>[<>])\s*(?P<d>\d{6}|\d{8})|(?P<a>\d{6}|\d{8})\s*-\s*(?P<b>\d{6}|\d{8}))?\s*\]$"
)
_MACRO_RE = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
_COMMENT_OPEN = re.compile(r"<!\s*--")

#: The most names one agent line may expand to through its ``!NAME!`` substitutions. PETRARCH's
#: own dictionaries stay in the tens; a few lines using each other can otherwise reach millions.
MAX_EXPANSION = 10_000


def _date(s: str) -> _dt.date:
    if len(s) == 6:
        yy = int(s[:2])
        year = 1900 + yy if yy >= 40 else 2000 + yy
        return _dt.date(year, int(s[2:4]), int(s[4:]))
    return _dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))


def _with_plural(raw: str) -> list[str]:
    """The name, plus the regular plural of its last word unless it ends in "_" (exact word)."""
    name = _name(raw)
    if not name or raw.strip().endswith("_") or not name.split()[-1].isalpha():
        return [name] if name else []
    words = name.split()
    return [name, " ".join(words[:-1] + [plural_forms(words[-1].lower())[0]])]


def _strip_comments(lines: list[str], where: str, problems: list[str]) -> list[tuple[int, str]]:
    """``(line_number, text)`` with ``<!-- -->`` blocks and ``#`` comments removed; a block
    left open at the end of the file is reported (it would hide every entry after it)."""
    out = []
    in_block = 0  # the line the open block started on
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        text = ""
        i = 0
        while i < len(line):
            if in_block:
                j = line.find("-->", i)
                if j < 0:
                    i = len(line)
                    break
                in_block = 0
                i = j + 3
                continue
            m = _COMMENT_OPEN.search(line, i)
            if m is None:
                text += line[i:]
                break
            text += line[i:m.start()]
            in_block = lineno
            i = m.end()
        if "#" in text:
            text = text[: text.index("#")]
        out.append((lineno, text))
    if in_block:
        problems.append(f"{where}:{in_block}: comment '<!--' is never closed with '-->' (it hides every line after it)")
    return out


def _name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _parse_codes(text: str, where: str, problems: list[str]) -> list[DatedCode]:
    """Every ``[...]`` block of ``text`` (several may share a line)."""
    blocks = re.findall(r"\[[^\[\]]*\]?", text)
    rest = re.sub(r"\[[^\[\]]*\]?", " ", text).strip()
    if rest:
        problems.append(f"{where}: unexpected text {rest!r} beside a code block")
    out = []
    for b in blocks:
        dc = _parse_code(b, where, problems)
        if dc is not None:
            out.append(dc)
    return out


def _parse_code(text: str, where: str, problems: list[str]) -> DatedCode | None:
    m = _CODE_RE.match(text.strip())
    if not m:
        problems.append(f"{where}: malformed code block {text.strip()!r}; expected [CODE], [CODE <YYMMDD], [CODE >YYMMDD] or [CODE A-B]")
        return None
    code = m.group("code").upper()
    if not code:
        problems.append(f"{where}: empty code in {text.strip()!r}")
        return None
    try:
        if m.group("op") == "<":
            return DatedCode(code, None, _date(m.group("d")) - _dt.timedelta(days=1))
        if m.group("op") == ">":
            return DatedCode(code, _date(m.group("d")), None)
        if m.group("a"):
            return DatedCode(code, _date(m.group("a")), _date(m.group("b")))
    except ValueError:
        problems.append(f"{where}: impossible date in {text.strip()!r}")
        return None
    return DatedCode(code)


def load_petrarch_file(builder: EntryCollector, path: Path, problems: list[str]) -> None:
    """Add the actors or agents of one PETRARCH/TABARI dictionary to ``builder``.

    Agent files are recognised by their ``~`` codes. Every malformed line is reported as
    ``file:line: problem`` in ``problems``.
    """
    path = Path(path)
    read = read_petrarch_file(path, problems)
    if read is None:
        return
    what, cleaned = read
    if what == "agents":
        _agents(builder, path, cleaned, problems)
    else:
        _actors(builder, path, cleaned, problems)


def read_petrarch_file(path: Path, problems: list[str]) -> tuple[str, list[tuple[int, str]]] | None:
    """``("agents" | "actors", lines without comments)`` of one dictionary, or None when unreadable
    (the problem recorded). Agent files are recognised by their ``~`` codes."""
    path = Path(path)
    text = read_text(path, problems)
    if text is None:
        return None
    cleaned = _strip_comments(text.splitlines(), path.name, problems)
    is_agents = any(re.search(r"\[\s*~|~\s*\]", t) for _, t in cleaned)
    return ("agents" if is_agents else "actors"), cleaned


def actor_blocks(path: Path, cleaned: list[tuple[int, str]], problems: list[str]) -> list[dict]:
    """The actor blocks of an actors file: ``{"name", "line", "synonyms", "codes"}`` each, in file
    order; blocks without a code and malformed lines are reported in ``problems``."""
    current: dict | None = None
    entries: list[dict] = []

    def close() -> None:
        if current is None:
            return
        if not current["codes"]:
            problems.append(f"{path.name}:{current['line']}: actor {current['name']!r} has no code")
        else:
            entries.append(current)

    for lineno, text in cleaned:
        if not text.strip():
            continue
        where = f"{path.name}:{lineno}"
        stripped = text.strip()
        if stripped.startswith("+"):
            if current is None:
                problems.append(f"{where}: synonym {stripped!r} before any actor")
                continue
            syn, _, rest = stripped[1:].partition("[")
            if _name(syn):
                current["synonyms"].extend(_with_plural(syn))
            if rest:
                current["codes"].extend(_parse_codes("[" + rest, where, problems))
            continue
        if stripped.startswith("["):
            if current is None:
                problems.append(f"{where}: code {stripped!r} before any actor")
                continue
            current["codes"].extend(_parse_codes(stripped, where, problems))
            continue
        if text[:1].isspace() and current is not None and "[" not in stripped:
            problems.append(f"{where}: indented line {stripped!r} is neither a code nor a synonym")
            continue
        if current is not None and not current["codes"] and "[" not in stripped:
            # TABARI: consecutive name lines share the code block that follows them
            current["synonyms"].extend(_with_plural(stripped))
            continue
        close()
        name, bracket, rest = stripped.partition("[")
        current = {"name": _name(name), "line": lineno, "synonyms": _with_plural(name)[1:], "codes": []}
        if not current["name"]:
            problems.append(f"{where}: code without an actor name")
            current = None
            continue
        if bracket:
            current["codes"].extend(_parse_codes("[" + rest, where, problems))
    close()
    return entries


def _actors(builder: EntryCollector, path: Path, cleaned: list[tuple[int, str]], problems: list[str]) -> None:
    for e in actor_blocks(path, cleaned, problems):
        codes = tuple(e["codes"])
        for dc in codes:
            for part in dc.code.split("/"):
                if re.fullmatch(r"[A-Z]{3}", part[:3]):
                    builder.petrarch_codes.add(part[:3])
        entry = ActorEntry(f"petrarch:{path.name}:{e['line']}", e["name"].title(), "dictionary", codes=codes)
        builder.add(entry, [e["name"], *e["synonyms"]], front=True)


class _ExpansionError(ValueError):
    """A substitution that refers to itself, or expands to more than MAX_EXPANSION names."""


def _expand(pattern: str, macros: dict[str, list[str]], *, seen: tuple[str, ...] = (),
            limit: int = MAX_EXPANSION) -> list[str]:
    """Every name ``pattern`` stands for once its ``!NAME!`` substitutions are made (unknown
    ones give nothing); :class:`_ExpansionError` for a cycle or past ``limit`` names."""
    m = re.search(r"!(\w+)!", pattern)
    if not m:
        return [pattern]
    name = m.group(1)
    if name in seen:
        raise _ExpansionError(f"substitution !{name}! refers to itself ({' -> '.join(f'!{n}!' for n in (*seen, name))})")
    head, tail = pattern[: m.start()], pattern[m.end():]
    out: list[str] = []
    for sub in macros.get(name, []):
        # names inside the substitution are expanded with it marked as in use; the rest after
        for inner in _expand(sub, macros, seen=(*seen, name), limit=limit):
            out.extend(_expand(head + inner + tail, macros, seen=seen, limit=limit - len(out)))
            if len(out) > limit:
                raise _ExpansionError(f"expands to more than {MAX_EXPANSION:,} names; "
                                      "split the substitutions or list the names")
    return out


def _agents(builder: EntryCollector, path: Path, cleaned: list[tuple[int, str]], problems: list[str]) -> None:
    macros: dict[str, list[str]] = {}
    for lineno, text in cleaned:
        stripped = text.strip()
        if not stripped:
            continue
        where = f"{path.name}:{lineno}"
        mm = _MACRO_RE.match(stripped)
        if mm:
            macros[mm.group(1)] = [w.strip() for w in mm.group(2).split(",") if w.strip()]
            try:
                _expand(f"!{mm.group(1)}!", macros)
            except _ExpansionError as e:
                problems.append(f"{where}: {e}")
                macros[mm.group(1)] = []
            continue
        m = re.match(r"^(?P<name>[^\[{]+?)\s*(?:\{(?P<pl>[^}]*)\})?\s*\[\s*(?P<code>[^\]]*?)\s*\]\s*$", stripped)
        if not m:
            problems.append(f"{where}: malformed agent line {stripped!r}; expected NAME {{PLURAL}} [~CODE]")
            continue
        code = m.group("code").replace(" ", "").upper()
        if not re.fullmatch(r"~[A-Z]{3,12}|[A-Z]{3,12}~", code):
            problems.append(f"{where}: agent code {m.group('code')!r} -> expected [~XXX] or [XXX~]")
            continue
        prefix = code.endswith("~")
        agent = code.strip("~")
        try:
            names = _expand(m.group("name").strip(), macros)
        except _ExpansionError as e:
            problems.append(f"{where}: {e}")
            continue
        if "!" in m.group("name") and not names:
            problems.append(f"{where}: unknown substitution in {m.group('name')!r}")
            continue
        plural_raw = m.group("pl")
        for raw in names:
            name = _name(raw).lower()
            role = RoleNoun(name, agent[:3], "person", agent=agent, prefix=prefix, source=f"petrarch:{path.name}:{lineno}")
            key = alias_key(name)
            builder.index.add_role(key, role, override=True)
            if plural_raw is None:
                if key and key[-1].isalpha():
                    for pl in plural_forms(key[-1]):
                        builder.index.add_role(key[:-1] + (pl,), role, override=True)
            else:
                for pl in [p for p in plural_raw.split(",") if p.strip()]:
                    builder.index.add_role(alias_key(_name(pl).lower()), role, override=True)
