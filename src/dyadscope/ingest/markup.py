"""Markdown and stray inline markup removed from text, keeping its paragraphs."""

from __future__ import annotations

import html
import re

# Every pattern here runs in linear time: a bracket, star or underscore run is scanned only up to
# the next opening mark of its kind, never to the end of the line from every mark (which made
# "**a " or "[" repeated over 16 KB take minutes).
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
# Emphasis markers only where they hug a word, so "5 * 3" and bullet stars stay.
_STRONG = re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_\n]|_(?!_))+?)(?<=\S)__")
_EMPH_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EMPH_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`([^`\n]+)`")
_HEADER = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_BLOCKQUOTE = re.compile(r"^\s*>\s?")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_SPACES = re.compile(r"[ \t\u00a0]+")


def strip_inline(text: str) -> str:
    """Inline markup removed from one line: HTML tags, links, emphasis, code, entities."""
    text = _TAG.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    text = _EMPH_STAR.sub(r"\1", text)
    text = _EMPH_UNDER.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def header_text(line: str) -> str | None:
    """The text of a Markdown header line, or None if the line is not one."""
    m = _HEADER.match(line)
    return strip_inline(m.group(1)) if m else None


def clean_line(line: str) -> str:
    """One line of Markdown/plain text as plain text (headers, bullets and quotes unmarked)."""
    if _RULE.match(line):
        return ""
    heading = header_text(line)
    if heading is not None:
        return heading
    line = _BLOCKQUOTE.sub("", line)
    line = _BULLET.sub("", line)
    return strip_inline(line)


def paragraphs(raw: str) -> list[str]:
    """Split raw text into paragraphs.

    Blank lines separate paragraphs. Where a text has no blank lines at all, each line is a
    paragraph (common for scraped text); inside a blank-line-separated block, hard-wrapped lines
    are joined with a space.
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = raw.split("\n")
    if not any(not ln.strip() for ln in lines[1:-1]):
        return [ln for ln in lines if ln.strip()]
    blocks, current = [], []
    for ln in lines:
        if ln.strip():
            current.append(ln)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    result = []
    for block in blocks:
        # Headers and list items inside a block stay their own paragraphs.
        joined: list[str] = []
        for ln in block:
            # Hard-wrapped prose joins up; short lines (dates, titles, bylines) stay apart.
            if joined and len(joined[-1]) >= 40 and not (_HEADER.match(ln) or _BULLET.match(ln) or _HEADER.match(joined[-1])):
                joined[-1] = joined[-1].rstrip() + " " + ln.strip()
            else:
                joined.append(ln)
        result.extend(joined)
    return result
