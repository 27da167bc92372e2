"""One reader per source format: raw bytes or records -> :class:`Article`."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..budget import Budget, default_budget
from ..errors import InputError, describe
from ..records import Article, Failure
from .checks import check_readable, scrub, surrogate_warning
from .dates import parse_date
from .jsonl import jsonl_items
from .header import is_boilerplate, split_header, strip_trailing_bio
from .markup import clean_line, paragraphs, strip_inline

log = logging.getLogger(__name__)

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
#: Byte-order marks of the wide encodings, longest first (UTF-32 LE starts with UTF-16 LE's).
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
              (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """Bytes as text: UTF-16 or UTF-32 after their byte-order mark, UTF-8 (with BOM) or, failing
    that, UTF-8 with replacement and a warning.

    Raises:
        InputError: for empty or binary data.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    for bom, codec in _WIDE_BOMS:  # Notepad's "Unicode": every other byte is NUL, yet it is text
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as e:
                raise InputError(source, f"a {codec.upper()} byte-order mark, but not {codec.upper()} "
                                         f"(at byte {e.start + len(bom)})") from None
            if not text.strip():
                raise InputError(source, "empty file")
            return text, ()
    sample = data[:8192]
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) * 0.05:
        raise InputError(source, "binary data, not text (is the file extension wrong?)")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as e:
        warning = f"invalid UTF-8 at byte {e.start}; undecodable bytes replaced with U+FFFD"
        return data.decode("utf-8", errors="replace"), (warning,)


def _article(doc_id: str, text: str, source: str, warnings: tuple[str, ...] = (), **meta: Any) -> Article:
    if not text.strip():
        raise InputError(source, "no text left after cleaning")
    check_readable(text, source)
    (text, n), (doc_id, m) = scrub(text), scrub(doc_id)
    if n + m:
        warnings = (*warnings, surrogate_warning(n + m))
    for warning in warnings:
        log.warning("%s: %s", source, warning)
    return Article(
        doc_id=doc_id,
        text=text,
        source_path=scrub(source)[0],
        content_hash=content_hash(text),
        warnings=warnings,
        **{k: (scrub(v.strip())[0] if isinstance(v, str) and v.strip() else None) for k, v in meta.items()},
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

    try:
        extracted = trafilatura.extract(
            raw,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            deduplicate=True,
        )
    except Exception as e:  # noqa: BLE001 - the HTML parser and cleaner fail in many ways on odd markup
        raise InputError(source, f"HTML could not be parsed ({describe(e)})") from None
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

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputError(source, "PDF is encrypted; decrypt it first (e.g. qpdf --decrypt)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many types on damaged files (limits, bad objects)
        raise InputError(source, f"not a readable PDF ({describe(e)})") from None
    raw = "\n\n".join(p.strip() for p in pages if p.strip())
    if not raw.strip():
        raise InputError(source, "PDF has no text layer (scanned image?); run OCR first")
    article = article_from_plain(raw, doc_id=doc_id, source=source)
    return article if article.title else _replace_title(article, _pdf_title(reader, source))


def _pdf_title(reader, source: str) -> str | None:
    """The PDF's /Title when it is a readable string; a damaged info dictionary costs only the title."""
    try:
        meta = reader.metadata
        title = meta.get("/Title") if hasattr(meta, "get") else None
        title = title.get_object() if hasattr(title, "get_object") else title
    except Exception as e:  # noqa: BLE001 - an indirect, missing or malformed /Info entry
        log.debug("%s: PDF metadata unreadable (%s: %s)", source, type(e).__name__, e)
        return None
    return scrub(title)[0] if isinstance(title, str) else None


def _replace_title(article: Article, title: Any) -> Article:
    from dataclasses import replace

    return replace(article, title=str(title).strip() or None) if title else article


def articles_from_jsonl(lines: Iterable[bytes | str], *, source: str, stem: str,
                        budget: Budget = default_budget) -> Iterator[Article | Failure]:
    """One article per JSON Lines record (lines as bytes or text, see :mod:`.jsonl`); a bad line
    becomes a :class:`Failure` and the rest go on."""
    return jsonl_items(lines, source=source, stem=stem, build=_jsonl_article, budget=budget)


def _jsonl_article(fields: dict[str, str | None], where: str, warnings: tuple[str, ...], default_id: str) -> Article:
    text = "\n\n".join(line for line in (strip_inline(p) for p in paragraphs(fields["text"])) if line)
    return _article(
        fields["doc_id"] if fields["doc_id"] is not None else default_id,
        text,
        where,
        warnings,
        title=fields["title"],
        date=parse_date(fields["date"]) if fields["date"] is not None else None,
        author=fields["author"],
        publisher=fields["publisher"],
        url=fields["url"],
    )


def doc_id_for(path: Path) -> str:
    return path.stem
