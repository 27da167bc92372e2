"""Ingest: files, folders and JSON Lines -> cleaned :class:`Article` records with metadata."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..budget import Budget, default_budget
from ..errors import InputError
from ..records import Article, Failure
from ..settings import MAX_CHARS, MAX_FILE_BYTES
from .checks import display_path
from .dates import parse_date
from .formats import (
    article_from_html,
    article_from_markdown,
    article_from_pdf,
    article_from_plain,
    articles_from_jsonl,
    decode,
)
from .jsonl import binary_lines, guarded

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".jsonl")
#: File names (without extension, any case) that a folder holds about itself, not articles: skipped
#: when a folder is read, still read when named on their own.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "copying", "notice", "changelog", "contributing"})


def is_article_file(path: Path) -> bool:
    """True for a file a folder walk reads: a supported suffix, not hidden, not a README/LICENSE."""
    return (
        path.suffix.lower() in SUFFIXES
        and not path.name.startswith(".")
        and path.stem.lower() not in NOT_ARTICLES
    )


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """Files named, and article files under folders named (recursively, in sorted order).

    Inside folders, hidden files and a folder's README, LICENSE and similar files are skipped
    (see :data:`NOT_ARTICLES`); a file named explicitly is always read.
    """
    for p in paths:
        try:
            yield from _expand_path(p)
        except OSError as e:
            yield Failure(display_path(p), f"cannot read ({e.strerror or e})")


def _expand_path(p: str | Path) -> Iterator[Path | Failure]:
    path = Path(p)
    if str(p) == "-":
        yield path
    elif path.is_dir():
        for child in sorted(path.rglob("*")):
            if not child.is_file() or any(part.startswith(".") for part in child.relative_to(path).parts[:-1]):
                continue
            if is_article_file(child):
                yield child
            elif child.suffix.lower() in SUFFIXES and not child.name.startswith("."):
                log.info("skipped %s: a folder's %s file, not an article", display_path(child), child.stem.upper())
    elif path.is_file():
        yield path
    elif path.exists():
        yield Failure(display_path(path), "not a regular file")
    else:
        yield Failure(display_path(path), "no such file or directory")


def read_file(path: Path, *, max_chars: int = MAX_CHARS, budget: Budget = default_budget) -> Iterator[Article | Failure]:
    """Articles from one file (several for JSON Lines, read as a stream); problems become
    :class:`Failure` records, and so does anything else one file raises (see :func:`.jsonl.guarded`)."""
    source = display_path(path)
    if str(path) == "-":
        stdin = getattr(sys.stdin, "buffer", sys.stdin)
        yield from _check_sizes(articles_from_jsonl(binary_lines(stdin), source="<stdin>", stem="stdin", budget=budget),
                                max_chars)
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        try:
            fh = open(path, "rb")
        except OSError as e:
            yield Failure(source, f"cannot read file ({e.strerror or e})")
            return
        with fh:
            yield from _check_sizes(articles_from_jsonl(binary_lines(fh), source=source, stem=display_path(path.stem),
                                                        budget=budget), max_chars)
        return
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Failure(source, f"cannot read file ({e.strerror or e})")
        return
    yield from _check_sizes([guarded(source, size, budget, lambda: _read_document(path, source, suffix, size))], max_chars)


def _read_document(path: Path, source: str, suffix: str, size: int) -> Article:
    """The one article of a file that is not JSON Lines.

    Raises:
        InputError: for an unsupported, oversized, unreadable, empty or binary file.
    """
    if suffix not in SUFFIXES:
        raise InputError(source, f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(SUFFIXES)}")
    if size > MAX_FILE_BYTES:
        raise InputError(source, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; split it")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(source, f"cannot read file ({e.strerror or e})") from None
    doc_id = display_path(path.stem)
    if suffix == ".pdf":
        if not data.strip():
            raise InputError(source, "empty file")
        return article_from_pdf(data, doc_id=doc_id, source=source)
    raw, warnings = decode(data, source)
    reader = {".html": article_from_html, ".htm": article_from_html, ".md": article_from_markdown,
              ".markdown": article_from_markdown}.get(suffix, article_from_plain)
    return reader(raw, doc_id=doc_id, source=source, warnings=warnings)


def _check_sizes(items: Iterable[Article | Failure], max_chars: int) -> Iterator[Article | Failure]:
    for item in items:
        if isinstance(item, Article) and len(item.text) > max_chars:
            yield Failure(
                item.source_path or item.doc_id,
                f"document has {len(item.text):,} characters, over --max-chars {max_chars:,}; split it or raise the limit",
            )
        else:
            yield item


def read_inputs(
    paths: Iterable[str | Path], *, max_chars: int = MAX_CHARS, budget: Budget = default_budget
) -> Iterator[Article | Failure]:
    """Every article from every path, in order; unreadable inputs are yielded as failures.

    Each file (each line of a JSON Lines file) is read within its time ``budget`` (seconds for a
    size in bytes; :mod:`dyadscope.budget`)."""
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_file(item, max_chars=max_chars, budget=budget)


__all__ = ["read_inputs", "read_file", "expand_paths", "is_article_file", "parse_date", "SUFFIXES", "NOT_ARTICLES"]
