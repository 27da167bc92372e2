"""One reader per source format: raw bytes or records -> :class:`Article`."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..records import Article, Failure
from .dates import parse_date
from .header import is_boilerplate, split_header, strip_trailing_bio
from .markup import clean_line, paragraphs, strip_inline

log = logging.getLogger(__name__)

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """Bytes as text: UTF-8 (with BOM) or, failing that, UTF-8 with replacement and a warning.

    Raises:
        InputError: for empty or binary data.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    sample = data[:8192]
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) * 0.05:
        raise InputError(source, "binary data, not text (is the file extension wrong?)")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as e:
        warning = f"invalid UTF-8 at byte {e.start}; undecodable bytes replaced with U+FFFD"
        log.warning("%s: %s", source, warning)
        return data.decode("utf-8", errors="replace"), (warning,)


def _article(doc_id: str, text: str, source: str, warnings: tuple[str, ...] = (), **meta: Any) -> Article:
    if not text.strip():
        raise InputError(source, "no text left after cleaning")
    return Article(
        doc_id=doc_id,
        text=text,
        source_path=source,
        content_hash=content_hash(text),
        warnings=warnings,
        **{k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in meta.items()},
    )


def article_from_plain(raw: str, *, doc_id: str, source: str, warnings: tuple[str, ...] = ()) -> Article:
    """Text or Markdown: header metadata lifted, markup and boilerplate removed, paragraphs kept."""
    header, body = split_header(paragraphs(raw))
    body = [p for p in body if not is_boilerplate(p)]
    body = strip_trailing_bio(body, header.author)
    text = "\n\n".join(line for line in (clean_line(p) for p in body) if line)
    return _article(
        doc_id,
        text,
        source,
        warnings,
        title=header.title,
        date=header.date,
        author=header.author,
        publisher=header.publisher,
        url=header.url,
    )


def article_from_markdown(raw: str, *, doc_id: str, source: str, warnings: tuple[str, ...] = ()) -> Article:
    """Markdown: rendered to its prose by a Markdown parser (tables, code and footnotes dropped),
    then read like plain text."""
    from .markdown import markdown_to_text

    return article_from_plain(markdown_to_text(raw), doc_id=doc_id, source=source, warnings=warnings)


def article_from_html(raw: str, *, doc_id: str, source: str, warnings: tuple[str, ...] = ()) -> Article:
    """HTML through trafilatura: main text without navigation, with the page's metadata."""
    import trafilatura

    extracted = trafilatura.extract(
        raw,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=True,
    )
    if not extracted:
        raise InputError(source, "HTML has no extractable text")
    data = json.loads(extracted)
    body = [strip_inline(p) for p in (data.get("text") or "").split("\n")]
    body = [p for p in body if p and not is_boilerplate(p)]
    text = "\n\n".join(body)
    return _article(
        doc_id,
        text,
        source,
        warnings,
        title=data.get("title"),
        date=parse_date(data.get("date")),
        author=data.get("author"),
        publisher=data.get("sitename") or data.get("hostname"),
        url=data.get("url") or data.get("source"),
    )


def article_from_pdf(data: bytes, *, doc_id: str, source: str) -> Article:
    """PDF text layer through pypdf, then cleaned like plain text.

    Raises:
        InputError: for an encrypted PDF, an unreadable one, or one with no text layer.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(source, "PDF is encrypted; decrypt it first (e.g. qpdf --decrypt)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise InputError(source, f"not a readable PDF ({e})") from None
    raw = "\n\n".join(p.strip() for p in pages if p.strip())
    if not raw.strip():
        raise InputError(source, "PDF has no text layer (scanned image?); run OCR first")
    article = article_from_plain(raw, doc_id=doc_id, source=source)
    meta = reader.metadata or {}
    return article if article.title else _replace_title(article, meta.get("/Title"))


def _replace_title(article: Article, title: Any) -> Article:
    from dataclasses import replace

    return replace(article, title=str(title).strip() or None) if title else article


# NGEC/POLECAT field names are accepted beside ours.
_JSONL_FIELDS = {
    "doc_id": ("id", "story_id", "doc_id"),
    "text": ("text", "event_text", "body"),
    "date": ("date", "pub_date", "publication_date"),
    "title": ("title", "headline"),
    "url": ("url",),
    "publisher": ("publisher", "source", "outlet"),
    "author": ("author",),
}


def _field(record: dict[str, Any], name: str) -> Any:
    for key in _JSONL_FIELDS[name]:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def articles_from_jsonl(lines: Iterator[str], *, source: str, stem: str) -> Iterator[Article | Failure]:
    """One article per JSON Lines record; a bad line becomes a :class:`Failure`, the rest go on."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield Failure(where, f"line is not valid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(record, dict):
            yield Failure(where, f"line is a JSON {type(record).__name__}, expected an object")
            continue
        text = _field(record, "text")
        if not isinstance(text, str) or not text.strip():
            yield Failure(where, "record has no 'text' (or 'event_text') string")
            continue
        doc_id = _field(record, "doc_id")
        raw_date = _field(record, "date")
        try:
            yield _article(
                str(doc_id) if doc_id is not None else f"{stem}-{lineno}",
                "\n\n".join(line for line in (strip_inline(p) for p in paragraphs(text)) if line),
                where,
                title=_str(_field(record, "title")),
                date=parse_date(str(raw_date)) if raw_date is not None else None,
                author=_str(_field(record, "author")),
                publisher=_str(_field(record, "publisher")),
                url=_str(_field(record, "url")),
            )
        except InputError as e:
            yield Failure(e.source, e.reason)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def doc_id_for(path: Path) -> str:
    return path.stem
