"""Event knowledge: the CAMEO code table, the PLOVER ontology and the verb/noun event patterns.

Files (under ``data/events/``):

- ``cameo.csv``: one CAMEO code a row: ``code, name, goldstein, quad_class, plover_type,
  plover_mode, contexts``. Goldstein values follow GDELT's published scale; ``quad_class``
  follows GDELT 2.0 (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
  4 material conflict). An empty ``plover_type`` (01x public statements) means the code has
  no PLOVER event and the stage never emits it.
- ``plover.jsonl``: PLOVER event types (with quad, modes and whether the manual requires a
  recipient) and contexts.
- ``verbs.jsonl``: verb patterns (lemma, optional particle/object/preposition conditions;
  ``pos: "ADJ"`` for predicate adjectives such as "ready to", "skeptical"; ``pos: "NOUN"`` for
  nouns governing an infinitive, "reluctance to sell"). A pattern may carry
  a 01x statement code: it never becomes an event, but it stops a more generic pattern from
  misreading a statement ("declined to comment", "denied the charges").
- ``nouns.jsonl``: noun patterns for nominal events (lemma, optional modifier condition).
- ``recipient_prepositions.jsonl``: prepositions whose object is an event's target when a verb
  pattern's own target slots found none, tried in file order.
- ``generated/wordnet_verbs.jsonl``, ``generated/wordnet_nouns.jsonl`` (optional): verb and noun
  patterns generated from WordNet by ``scripts/build_event_vocabulary.py``, each expanding a
  hand-written pattern (``seed``) through a WordNet ``synset`` and ``relation``; a hand-written
  pattern wins over a generated one of the same lemma.
- ``typer.jsonl`` (optional): the learned typing model (:mod:`.typer`).
- ``compose.csv``: how a governing role (``embed``: intend, refuse, appeal, demand, threaten,
  halt, permit, prepare) turns the code of the embedded event into the composed code.

:func:`load_event_kb` validates every entry and raises one :class:`KnowledgeError` listing
each problem as ``file:line: message``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from ..errors import KnowledgeError
from .load import read_csv, read_jsonl
from .ontology import CameoCode, Ontology, read_ontology
from .typer import TypingModel, load_typing_model

EMBEDS = ("intend", "refuse", "appeal", "demand", "threaten", "permit", "halt", "light", "future", "report", "prepare",
          "warn")
DEFAULT_VERB_TARGETS = ("dobj", "dative")


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """A verb lemma (with optional conditions) coding to a CAMEO code and/or composing with an
    embedded clause (``embed``)."""

    id: str
    lemma: str
    cameo: str | None
    prt: str | None = None
    obj: tuple[str, ...] = ()
    prep: str | None = None
    targets: tuple[str, ...] = DEFAULT_VERB_TARGETS
    reciprocal: bool = False
    embed: str | None = None
    confidence: float = 0.8
    pos: str = "VERB"
    reverse: str | None = None  # PETRARCH "[A:B]": the target also does B to the source
    compound: bool = False  # applies only to coordinated subjects ("X and Y agree")
    subj: tuple[str, ...] = ()  # words of the subject phrase ("peacekeeping troops arrived")
    # Matches only a verb with no particle: WordNet lists phrasal verbs ("beef up") as lemmas of
    # their own, so a pattern generated from a one-word lemma says nothing about them.
    bare: bool = False

    @property
    def specificity(self) -> int:
        return (2 if self.obj else 0) + (2 if self.prt else 0) + (1 if self.prep else 0) + (1 if self.compound else 0) \
            + (2 if self.subj else 0)


@dataclass(frozen=True, slots=True)
class NounPattern:
    """A noun lemma (with optional modifier condition) coding a nominal event; ``armed_cameo``:
    the code when the noun's agent is a state or an armed actor (a strike by a state is an
    attack, by workers a labour strike)."""

    id: str
    lemma: str
    cameo: str
    mod: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    reciprocal: bool = False
    confidence: float = 0.7
    armed_cameo: str | None = None

    @property
    def specificity(self) -> int:
        return 2 if self.mod else 0


@dataclass(frozen=True)
class EventKB:
    """Everything the events stage knows: the ontology (the one PLOVER/CAMEO table, also used by
    the analysis), patterns indexed by lemma, the composition table and the fallback recipient
    prepositions. PLOVER facts are read from ``ontology``; nothing here copies them."""

    ontology: Ontology = field(default_factory=Ontology)
    verbs: dict[str, tuple[VerbPattern, ...]] = field(default_factory=dict)
    nouns: dict[str, tuple[NounPattern, ...]] = field(default_factory=dict)
    compose: dict[str, dict[str, str]] = field(default_factory=dict)
    recipient_preps: tuple[str, ...] = ()
    typer: TypingModel | None = None

    @property
    def cameo(self) -> dict[str, CameoCode]:
        """CAMEO code -> its row (``ontology.cameo``)."""
        return self.ontology.cameo

    @property
    def plover_types(self) -> dict[str, tuple[str, ...]]:
        """PLOVER type -> its modes."""
        return {t.id: t.modes for t in self.ontology.types.values()}

    @cached_property
    def needs_recipient(self) -> frozenset[str]:
        """PLOVER types the manual says need a recipient."""
        return frozenset(t.id for t in self.ontology.types.values() if t.requires_recipient)

    def code(self, code: str) -> CameoCode | None:
        return self.cameo.get(code)


def _str_list(e: dict, key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    v = e.get(key, [])
    if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
        problems.append(f"{where}: {key} -> must be a list of non-empty strings")
        return ()
    return tuple(x.lower() for x in v)


def _check_common(e, where, cameo, ids, problems, *, code_required: bool) -> bool:
    ok = True
    ident = e.get("id")
    if not isinstance(ident, str) or not ident:
        problems.append(f"{where}: id -> must be a non-empty string")
        ok = False
    elif ident in ids:
        problems.append(f"{where}: id -> {ident!r} already used at line {ids[ident]}")
        ok = False
    if not isinstance(e.get("lemma"), str) or not e["lemma"].strip():
        problems.append(f"{where}: lemma -> must be a non-empty string")
        ok = False
    code = e.get("cameo")
    if code is None and code_required:
        problems.append(f"{where}: cameo -> required")
        ok = False
    elif code is not None and code not in cameo:
        problems.append(f"{where}: cameo -> {code!r} is not in cameo.csv")
        ok = False
    return ok


def _load_verbs(path: Path, cameo, problems: list[str], label: str | None = None) -> dict[str, tuple[VerbPattern, ...]]:
    out: dict[str, list[VerbPattern]] = {}
    ids: dict[str, int] = {}
    for lineno, e in read_jsonl(path, problems):
        where = f"{label or path.name}:{lineno}"
        if not _check_common(e, where, cameo, ids, problems, code_required=False):
            continue
        pos = e.get("pos", "VERB")
        if pos not in ("VERB", "ADJ", "NOUN"):
            problems.append(f"{where}: pos -> {pos!r} is not one of 'VERB', 'ADJ', 'NOUN'")
            continue
        embed = e.get("embed")
        if embed is not None and embed not in EMBEDS:
            problems.append(f"{where}: embed -> {embed!r} is not one of {list(EMBEDS)}")
            continue
        if e.get("cameo") is None and embed is None:
            problems.append(f"{where}: needs a cameo code or an embed role")
            continue
        ids[e["id"]] = lineno
        p = VerbPattern(
            id=e["id"], lemma=e["lemma"].strip().lower(), cameo=e.get("cameo"),
            prt=(e.get("prt") or None), obj=_str_list(e, "obj", where, problems),
            prep=(e.get("prep") or None),
            targets=_str_list(e, "targets", where, problems) or DEFAULT_VERB_TARGETS,
            reciprocal=bool(e.get("reciprocal", False)), embed=embed,
            confidence=float(e.get("confidence", 0.8)), pos=pos,
            subj=_str_list(e, "subj", where, problems),
        )
        out.setdefault(p.lemma, []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in out.items()}


def _load_nouns(path: Path, cameo, problems: list[str], label: str | None = None) -> dict[str, tuple[NounPattern, ...]]:
    out: dict[str, list[NounPattern]] = {}
    ids: dict[str, int] = {}
    for lineno, e in read_jsonl(path, problems):
        where = f"{label or path.name}:{lineno}"
        if not _check_common(e, where, cameo, ids, problems, code_required=True):
            continue
        armed = e.get("armed_cameo")
        if armed is not None and armed not in cameo:
            problems.append(f"{where}: armed_cameo -> {armed!r} is not in cameo.csv")
            continue
        ids[e["id"]] = lineno
        p = NounPattern(
            id=e["id"], lemma=e["lemma"].strip().lower(), cameo=e["cameo"],
            mod=_str_list(e, "mod", where, problems), targets=_str_list(e, "targets", where, problems),
            reciprocal=bool(e.get("reciprocal", False)), confidence=float(e.get("confidence", 0.7)),
            armed_cameo=armed,
        )
        out.setdefault(p.lemma, []).append(p)
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in out.items()}


def _load_compose(path: Path, cameo, problems: list[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for lineno, row in read_csv(path, problems):
        where = f"{path.name}:{lineno}"
        embed, inner, code = row.get("embed", ""), row.get("inner", ""), row.get("code", "")
        if embed not in EMBEDS:
            problems.append(f"{where}: embed -> {embed!r} is not one of {list(EMBEDS)}")
        elif not (inner.isdigit() and 2 <= len(inner) <= 4):
            problems.append(f"{where}: inner -> {inner!r} is not a CAMEO code prefix")
        elif code and code not in cameo:
            problems.append(f"{where}: code -> {code!r} is not in cameo.csv")
        elif inner in out.get(embed, {}):
            problems.append(f"{where}: {embed},{inner} is listed twice")
        else:
            out.setdefault(embed, {})[inner] = code
    return out


def _load_recipient_preps(path: Path, problems: list[str]) -> tuple[str, ...]:
    """Prepositions in file order (the order they are tried in)."""
    preps: dict[str, int] = {}
    for lineno, e in read_jsonl(path, problems):
        where = f"{path.name}:{lineno}"
        prep = e.get("prep")
        if not isinstance(prep, str) or not prep.strip() or prep != prep.strip().lower():
            problems.append(f"{where}: prep -> must be a trimmed lower-case word")
        elif prep in preps:
            problems.append(f"{where}: prep -> {prep!r} already listed at line {preps[prep]}")
        else:
            preps[prep] = lineno
    return tuple(preps)


GENERATED = {"wordnet_verbs.jsonl": "v", "wordnet_nouns.jsonl": "n"}
RELATIONS = ("synonym", "troponym", "derived")
SYNSET = re.compile(r"^(?:verb|noun)\.[a-z]+:\d{8}$")


def _check_provenance(path: Path, seeds: set[str], problems: list[str]) -> set[str]:
    """Ids of a generated file's entries whose provenance holds (a hand-written ``seed``, a
    WordNet ``synset``, a known ``relation``). A lemma that also has a hand-written pattern is no
    error: the hand-written one wins (``_with_generated``), so a curator can add a word without
    regenerating the file first."""
    good = set()
    for lineno, e in read_jsonl(path, []):  # unreadable lines: the pattern loader reports them
        where = f"generated/{path.name}:{lineno}"
        bad = len(problems)
        if e.get("seed") not in seeds:
            problems.append(f"{where}: seed -> {e.get('seed')!r} is not the id of a hand-written pattern")
        if not isinstance(e.get("synset"), str) or not SYNSET.match(e["synset"]):
            problems.append(f"{where}: synset -> {e.get('synset')!r} is not a WordNet 'lexfile:offset'")
        if e.get("relation") not in RELATIONS:
            problems.append(f"{where}: relation -> {e.get('relation')!r} is not one of {list(RELATIONS)}")
        if len(problems) == bad and isinstance(e.get("id"), str):
            good.add(e["id"])
    return good


def _with_generated(folder: Path, verbs, nouns, cameo, problems: list[str]):
    """``verbs`` and ``nouns`` with the generated patterns of ``folder/generated`` added."""
    seeds = {p.id for ps in [*verbs.values(), *nouns.values()] for p in ps}
    out = {"v": dict(verbs), "n": dict(nouns)}
    for name, pos in GENERATED.items():
        path = folder / "generated" / name
        if not path.is_file():
            continue
        good = _check_provenance(path, seeds, problems)
        loader = _load_verbs if pos == "v" else _load_nouns
        for lemma, patterns in loader(path, cameo, problems, f"generated/{name}").items():
            kept = tuple(replace(p, bare=True) if pos == "v" else p for p in patterns if p.id in good)
            if kept and lemma not in out[pos]:
                out[pos][lemma] = kept
    return out["v"], out["n"]


def load_event_kb(data_dir: Path, *args) -> EventKB:
    """Load and validate the event knowledge files under ``data_dir/events``.

    Raises:
        KnowledgeError: listing every malformed entry as ``file:line: problem``.
    """
    folder = Path(data_dir) / "events"
    problems: list[str] = []
    names = ("plover.jsonl", "cameo.csv", "verbs.jsonl", "nouns.jsonl", "compose.csv", "recipient_prepositions.jsonl")
    files = {name: folder / name for name in names}
    missing = [n for n, p in files.items() if not p.is_file()]
    if missing:
        raise KnowledgeError([f"{folder}: missing event knowledge file(s) {missing}; expected {list(files)}"])
    ontology = read_ontology(files["plover.jsonl"], files["cameo.csv"], problems)
    cameo = ontology.cameo
    verbs = _load_verbs(files["verbs.jsonl"], cameo, problems)
    nouns = _load_nouns(files["nouns.jsonl"], cameo, problems)
    verbs, nouns = _with_generated(folder, verbs, nouns, cameo, problems)
    compose = _load_compose(files["compose.csv"], cameo, problems)
    recipient_preps = _load_recipient_preps(files["recipient_prepositions.jsonl"], problems)
    typer = load_typing_model(folder / "typer.jsonl", ontology.cameo, problems)
    if problems:
        raise KnowledgeError(problems)
    return EventKB(ontology=ontology, verbs=verbs, nouns=nouns, compose=compose, recipient_preps=recipient_preps,
                   typer=typer)

