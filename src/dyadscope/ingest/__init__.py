"""Ingest: files, folders and JSON Lines -> cleaned :class:`Article` records with metadata."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..records import Article, Failure
from ..settings import MAX_CHARS, MAX_FILE_BYTES
from .dates import parse_date
from .formats import (
    article_from_html,
    article_from_markdown,
    article_from_pdf,
    article_from_plain,
    articles_from_jsonl,
    decode,
)

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
                    log.info("skipped %s: a folder's %s file, not an article", child, child.stem.upper())
        elif path.is_file():
            yield path
        elif path.exists():
            yield Failure(str(path), "not a regular file")
        else:
            yield Failure(str(path), "no such file or directory")


def read_file(path: Path, *, max_chars: int = MAX_CHARS) -> Iterator[Article | Failure]:
    """Articles from one file (several for JSON Lines); problems become :class:`Failure` records."""
    source = str(path)
    try:
        if str(path) == "-":
            yield from _check_sizes(articles_from_jsonl(iter(sys.stdin), source="<stdin>", stem="stdin"), max_chars)
            return
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise InputError(source, f"unsupported file type {suffix or '(none)'!r}; supported: {', '.join(SUFFIXES)}")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(source, f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; split it")
        if suffix == ".jsonl":
            with open(path, encoding="utf-8", errors="replace") as fh:
                yield from _check_sizes(articles_from_jsonl(fh, source=source, stem=path.stem), max_chars)
            return
        data = path.read_bytes()
        if suffix == ".pdf":
            if not data.strip():
                raise InputError(source, "empty file")
            article = article_from_pdf(data, doc_id=path.stem, source=source)
        else:
            raw, warnings = decode(data, source)
            reader = {".html": article_from_html, ".htm": article_from_html, ".md": article_from_markdown,
                      ".markdown": article_from_markdown}.get(suffix, article_from_plain)
            article = reader(raw, doc_id=path.stem, source=source, warnings=warnings)
        yield from _check_sizes([article], max_chars)
    except InputError as e:
        yield Failure(e.source, e.reason)
    except OSError as e:
        yield Failure(source, f"cannot read file ({e.strerror or e})")


def _check_sizes(items: Iterable[Article | Failure], max_chars: int) -> Iterator[Article | Failure]:
    for item in items:
        if isinstance(item, Article) and len(item.text) > max_chars:
            yield Failure(
                item.source_path or item.doc_id,
                f"document has {len(item.text):,} characters, over --max-chars {max_chars:,}; split it or raise the limit",
            )
        else:
            yield item


def read_inputs(paths: Iterable[str | Path], *, max_chars: int = MAX_CHARS) -> Iterator[Article | Failure]:
    """Every article from every path, in order; unreadable inputs are yielded as failures."""
    for item in expand_paths(paths):
        if isinstance(item, Failure):
            yield item
        else:
            yield from read_file(item, max_chars=max_chars)


__all__ = ["read_inputs", "read_file", "expand_paths", "is_article_file", "parse_date", "SUFFIXES", "NOT_ARTICLES"]
