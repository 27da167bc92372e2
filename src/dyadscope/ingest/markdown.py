"""Markdown read by a Markdown parser (markdown-it-py), keeping the prose and nothing else.

What an article's reader sees stays: headings (kept as ``# ...`` lines, so the header block can
still be recognised), paragraphs, list items, block quotes, link texts, emphasised words. What is
layout or apparatus goes: tables, code fences and indented code, images, raw HTML tags, horizontal
rules, footnote references (``[^1]``) and footnote definitions.

The result is plain text with one blank line between blocks and the source's line breaks inside a
block, ready for the same header and paragraph handling as a ``.txt`` file.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .markup import strip_inline

# markdown-it-py's core has no footnote syntax; references and definitions are removed first.
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\[\]\s]+\]:[^\n]*(?:\n(?:[ \t]{2,}|\t)[^\n]*)*", re.M)
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]+\]")
_SKIPPED_BLOCKS = {"table_open": "table_close"}


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _inline(token) -> str:
    out = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append("\n")
        elif child.type == "hardbreak":
            out.append("\n")
        # images, raw inline HTML, emphasis and link markers carry no prose of their own
    return "".join(out)


def markdown_to_text(raw: str) -> str:
    """The prose of a Markdown document as plain text (see the module docstring)."""
    raw = _FOOTNOTE_REF.sub("", _FOOTNOTE_DEF.sub("", raw))
    tokens = _parser().parse(raw)
    blocks: list[str] = []
    skip_until: str | None = None
    heading: str | None = None
    for token in tokens:
        if skip_until is not None:
            if token.type == skip_until:
                skip_until = None
            continue
        if token.type in _SKIPPED_BLOCKS:
            skip_until = _SKIPPED_BLOCKS[token.type]
        elif token.type == "heading_open":
            heading = "#" * int(token.tag[1:])
        elif token.type == "heading_close":
            heading = None
        elif token.type == "inline":
            text = _inline(token).strip()
            if text:
                blocks.append(f"{heading} {text}" if heading else text)
        elif token.type == "html_block":
            text = strip_inline(token.content)
            if text:
                blocks.append(text)
        # fence, code_block, hr: layout or code, not prose
    return "\n\n".join(blocks)
