"""Generated hostile inputs for the fuzz tests and ``benchmarks/fuzz.py`` (issue 16).

Each family is a function ``(rng) -> (file name, bytes)`` drawing from a :class:`random.Random`,
so a seed names an input exactly (a failing example is re-made from its family and seed).
Document families go through ``ingest``; dictionary families through ``--actors``. Every text is
made up here (invented places: Chile/Peru/Bolivia style), none copied from a corpus.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Callable

from tests.pdf_util import pdf_file, text_pdf

Family = Callable[[random.Random], tuple[str, bytes]]

WORDS = ["Chile", "Peru", "Bolivia", "Ecuador", "talks", "signed", "the", "minister", "said", "border",
         "accord", "on", "Monday", "in", "Lima", "Quito", "rail", "trade", "protest", "troops", "and", "a"]
SENTENCES = [
    "Chile and Peru signed a rail accord in Lima on Monday.",
    "Bolivia's foreign minister said the border talks would resume next week.",
    '"We will not accept this," the Ecuadorian envoy told reporters in Quito.',
    "Troops from Peru were moved to the northern frontier after the protest.",
]
# Pieces that have broken readers: markup marks, brackets, quotes, escapes, odd code points.
MARKS = ["**", "*", "__", "_", "`", "```", "~~", "[", "]", "](", "![", ")", "(", "<", ">", "</", "<!--", "-->",
         "#", "> ", "|", "---", "[^1]", "[^1]:", "\\", "&amp;", "&#0;", "&#xd800;", "&", "\"", "'", "\u201c",
         "\u201d", "\n", "\n\n", "\r", "\t", " ", "a", "\u00a0", "\u200b", "\u202e", "\ufeff", "\ufffd", "\x0c",
         "\u0301", "\U0001f600", "\u2028"]
HTML_TAGS = ["<html>", "</html>", "<body>", "<head>", "<title>", "</title>", "<p>", "</p>", "<div>", "</div>",
             "<svg xmlns='http://www.w3.org/2000/svg'>", "</svg>", "<script>", "</script>", "<style>", "</style>",
             "<!--", "-->", "<![CDATA[", "]]>", "<meta charset='utf-16'>", "<meta charset='nonsense'>",
             "<article>", "<h1>", "</h1>", "<a href='javascript:alert(1)'>", "</a>", "<math>", "<template>",
             "<table><tr><td>", "<br/>", "<?xml version='1.0'?>", "<!DOCTYPE html>", "<noscript>", "<iframe>"]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(SENTENCES) if rng.random() < 0.3 else rng.choice(WORDS) for _ in range(n))


def _mutate(rng: random.Random, data: bytes, rounds: int | None = None) -> bytes:
    """``data`` with a few random byte edits: flips, deletions, duplications, insertions, truncation."""
    out = bytearray(data)
    for _ in range(rounds if rounds is not None else rng.randint(1, 8)):
        if not out:
            out += bytes([rng.randrange(256)])
        i = rng.randrange(len(out))
        op = rng.randrange(6)
        if op == 0:
            out[i] = rng.randrange(256)
        elif op == 1:
            del out[i : i + rng.randint(1, 64)]
        elif op == 2:
            out[i:i] = out[i : i + rng.randint(1, 256)] * rng.randint(1, 20)
        elif op == 3:
            out[i:i] = rng.choice(MARKS).encode("utf-8", "surrogatepass")
        elif op == 4:
            out[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        else:
            del out[i:]
    return bytes(out)


# --- documents -------------------------------------------------------------------------------


def plain_text(rng):
    body = _text(rng, rng.randint(0, 200))
    return "doc.txt", _mutate(rng, body.encode(), rng.randint(0, 5))


def text_headers(rng):
    dates = ["13.05.2016", "2016/05/13", "13 mai 2016", "32 Mar 2020", "2020-13-45", "yesterday", "99999999",
             "Monday, 1 January 0001", "in 3 days", "\u0661\u0662/\u0660\u0665/\u0662\u0660\u0661\u0666", "12:00",
             "Tue, 31 Feb 2023 25:61:61 +9999", "1" * 400, "2016-05-13T10:00:00Z"]
    head = [f"Title: {_text(rng, 5)}", f"Date: {rng.choice(dates)}", f"Author: {rng.choice(WORDS)}",
            f"Source: {rng.choice(['Wire', '', '=HYPERLINK(1)'])}", "---"]
    rng.shuffle(head)
    return "headed.txt", ("\n".join(head[: rng.randint(0, 5)]) + "\n\n" + _text(rng, 40)).encode()


def markdown(rng):
    pieces = [rng.choice(MARKS) if rng.random() < 0.5 else rng.choice(WORDS) for _ in range(rng.randint(0, 400))]
    return "doc.md", "".join(pieces).encode("utf-8", "surrogatepass")


def long_runs(rng):
    """A long whitespace-free or repetitive run: the inputs that used to take minutes."""
    unit = rng.choice(["**a ", "](", "[", "*", "_a", "((", "<<", "[^", "![", "`a", "a" * 7, "-", "\\*", "[a](",
                       "<!--", "&#", "\u0301", "a.", "&amp;", "> "])
    size = rng.choice([1_000, 8_000, 32_000, 64_000, 100_000])
    suffix = rng.choice([".md", ".txt", ".html"])
    return "run" + suffix, (unit * (size // len(unit) + 1))[:size].encode("utf-8")


def html(rng):
    parts = []
    for _ in range(rng.randint(0, 120)):
        r = rng.random()
        parts.append(rng.choice(HTML_TAGS) if r < 0.45 else rng.choice(SENTENCES) if r < 0.7 else rng.choice(MARKS))
    if rng.random() < 0.1:
        depth = rng.choice([100, 1_000, 5_000])
        parts.append("<div>" * depth + "Peru" + "</div>" * rng.choice([0, depth]))
    data = "".join(parts).encode("utf-8", "surrogatepass")
    return rng.choice(["page.html", "page.htm"]), _mutate(rng, data, rng.randint(0, 3))


def _json_value(rng: random.Random, depth: int = 0):
    r = rng.random()
    if depth > 3 or r < 0.35:
        return rng.choice([_text(rng, rng.randint(0, 30)), "", "\ud800" + rng.choice(WORDS), "=SUM(A1)", "\x00",
                           "a\udfffb", " " * 50, "\u202eevil"])
    if r < 0.45:
        return rng.choice([0, -1, 10**30, 1.5, float("inf"), True, False, None])
    if r < 0.6:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["id", "text", "a", ""]): _json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def _dumps(value) -> str:
    try:
        return json.dumps(value)  # lone surrogates come out as \ud800 escapes: legal JSON
    except ValueError:
        return json.dumps(str(value))


def jsonl(rng):
    lines = []
    for i in range(rng.randint(0, 12)):
        r = rng.random()
        if r < 0.55:
            record = {"id": f"d{i}", "text": _text(rng, rng.randint(0, 60))}
            for key in ["id", "text", "title", "author", "url", "date", "publisher", "language", rng.choice(WORDS)]:
                if rng.random() < 0.3:
                    record[key] = _json_value(rng)
            line = _dumps(record)
        elif r < 0.65:
            depth = rng.choice([10, 999, 1_001, 5_000, 50_000])
            line = '{"id": "deep%d", "text": %s%s}' % (i, "[" * depth, "]" * depth)
        elif r < 0.75:
            line = _dumps(_json_value(rng))
        elif r < 0.85:
            line = _mutate(rng, _dumps({"id": f"m{i}", "text": _text(rng, 20)}).encode(), 2).decode("latin-1")
        else:
            line = rng.choice(["", " ", "\ufeff{}", "{", "null", '{"id": ' + "9" * 5000 + "}", '{"text": NaN}',
                               '{"id": "dup", "id": "dup2", "text": "Peru"}'])
        lines.append(line)
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if rng.random() < 0.15:
        data = _mutate(rng, data, 3)
    return "docs.jsonl", data


def pdf(rng):
    lines = [rng.choice(SENTENCES) for _ in range(rng.randint(1, 8))]
    r = rng.random()
    if r < 0.2:
        title = rng.choice([b"(Peru \\(talks\\))", b"<FEFF00500065>", b"6 0 R", b"[1 2 3]", b"/Name", b"(" + b"(" * 300])
        data = text_pdf(lines, info=b"<< /Title %s /Author (A) >>" % title if rng.random() < 0.5 else title,
                        extra=[b"(An indirect title)"])
    elif r < 0.35:  # a compressed stream that inflates far beyond its size
        bomb = zlib.compress(b"0" * rng.choice([10**5, 10**7, 5 * 10**7]))
        data = text_pdf(lines, contents=b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb
                        + b"\nendstream")
    elif r < 0.45:  # objects that refer to each other
        data = pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])
    else:
        data = text_pdf(lines)
    return "doc.pdf", _mutate(rng, data, rng.choice([0, 0, 1, 3, 10]))


def random_bytes(rng):
    n = rng.choice([0, 1, 3, 100, 5_000, 60_000])
    data = bytes(rng.randrange(256) for _ in range(n))
    if rng.random() < 0.3:
        data = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"%PDF-1.4\n", b"<html>", b"{"]) + data
    return "blob" + rng.choice([".txt", ".md", ".html", ".pdf", ".jsonl"]), data


def unicode_text(rng):
    """Valid Unicode of every plane, in UTF-8 or (named .txt) another encoding."""
    chars = [chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0xa0, 0x2fff), rng.randrange(0x10000, 0x10ffff),
                             rng.randrange(0xe000, 0xf8ff), rng.choice([9, 10, 13, rng.randrange(0, 0x20)])]))
             for _ in range(rng.randint(0, 2_000))]
    text = _text(rng, 10) + "".join(chars)
    encoding = rng.choice(["utf-8", "utf-8", "utf-16", "utf-32", "utf-8-sig"])
    return "uni.txt", text.encode(encoding, "replace")


DOCUMENT_FAMILIES: dict[str, Family] = {
    "text": plain_text, "headers": text_headers, "markdown": markdown, "long_runs": long_runs, "html": html,
    "jsonl": jsonl, "pdf": pdf, "random_bytes": random_bytes, "unicode": unicode_text,
}


# --- user dictionaries -----------------------------------------------------------------------

FIELDS = ["name", "variants", "code", "country", "sector", "valid_from", "valid_to", "kind", "state_owned",
          "contry", "note", ""]


def _field_value(rng: random.Random):
    return rng.choice([
        "Andes Rail Board", "PER", "GOV", "per", "PERGOV", "", " ", "2020-13-01", "2001-02-03", "1999",
        "organization", "person", ["GOV", "MIL"], {"a": 1}, 123, 12.5, True, None, "A\x00B", "Peru\u0007",
        "\ud800x", ["Rail", "Board"], [["deep"]], "x" * rng.choice([1, 300, 70_000]), "=cmd|' /C calc'!A0",
    ])


def _entry(rng: random.Random) -> dict:
    entry = {"name": rng.choice(["Andes Rail Board", "Peru Ports", "Quito Water Office"])}
    if rng.random() < 0.7:
        entry["country"] = rng.choice(["PER", "CHL", "BOL"])
    for _ in range(rng.randint(0, 4)):
        entry[rng.choice(FIELDS)] = _field_value(rng)
    return entry


def user_jsonl(rng):
    lines = [_dumps(_entry(rng)) for _ in range(rng.randint(0, 8))]
    if rng.random() < 0.2:
        lines.append('{"name": ' + "[" * rng.choice([100, 5_000]) + "]")
    return "user.jsonl", _mutate(rng, "\n".join(lines).encode("utf-8", "surrogatepass"), rng.choice([0, 0, 1, 4]))


def _csv_cell(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def user_csv(rng):
    header = ["name", *rng.sample(FIELDS[1:], rng.randint(0, 5))]
    rows = [",".join(header)]
    for _ in range(rng.randint(0, 8)):
        e = _entry(rng)
        rows.append(",".join(_csv_cell(e.get(h, "")) for h in header))
    if rng.random() < 0.2:
        rows.insert(rng.randint(1, len(rows)), rng.choice(['"open quote,PER', "# a comment", "a,b,c,d,e,f,g,h,i,j,k,l,m"]))
    data = "\n".join(rows).encode("utf-8", "surrogatepass")
    return "user.csv", _mutate(rng, data, rng.choice([0, 0, 1, 4]))


def _yaml_scalar(value) -> str:
    """Plain when it is a plain word or date, else JSON (a double-quoted YAML scalar, or a flow collection)."""
    if isinstance(value, str) and (value.isalnum() or value in ("2020-13-01", "2001-02-03")):
        return value
    return json.dumps(value)


def user_yaml(rng):
    out = []
    for _ in range(rng.randint(0, 6)):
        e = _entry(rng)
        first = True
        for k, v in e.items():
            out.append(("- " if first else "  ") + f"{k}: {_yaml_scalar(v)}")
            first = False
    extras = ["- !!python/object/apply:os.system [echo]", "- &a [*a]", "-\t name: tab", "key: not a list",
              "- name: [unclosed", "- name: " + "[" * 2000, "- ? [complex, key]\n  : value", "%YAML 9.9\n---"]
    if rng.random() < 0.25:
        out.insert(rng.randint(0, len(out)), rng.choice(extras))
    return "user.yaml", _mutate(rng, "\n".join(out).encode("utf-8", "surrogatepass"), rng.choice([0, 0, 1, 4]))


ACTORS_TXT = """\
<!-- invented actors -->
CHILE [CHL]
+CHILEAN
PERU  # a comment
\t[PERGOV < 950601]
\t[PERREB 19950601 - 19991231]
BOLIVIA_ [BOL]
ANDES_PACT [CHL/PER]
"""
AGENTS_TXT = """\
!PERSON! = MAN, MEN, WOMAN
PRESIDENT [~GOV]
AID_GROUP {} [NGO~]
CONGRESS!PERSON! [~LEG]
"""


def petrarch(rng):
    text = rng.choice([ACTORS_TXT, AGENTS_TXT])
    lines = text.splitlines()
    for _ in range(rng.randint(0, 4)):
        lines.insert(rng.randint(0, len(lines)), rng.choice([
            "!A! = X!A!", "!B! = " + ", ".join(f"N{i}" for i in range(rng.randint(1, 80))), "LEADER_!B!_!B!_!B! [~GOV]",
            "<!-- never closed", "\t[PER 991340]", "[CHL]", "+SYNONYM", "NAME [~g0v]", "WORD {PL, [~X]",
            "\t\tindented text", "X" * 5_000 + " [CHL]", "CITY\x00 [PER]", "UNKNOWN!NOPE! [~GOV]", "-->",
        ]))
    data = "\n".join(lines).encode()
    if rng.random() < 0.1:
        data = "\n".join(lines).encode(rng.choice(["utf-16", "utf-16-le", "latin-1"]), "replace")
    return rng.choice(["x.actors.txt", "x.agents.txt"]), _mutate(rng, data, rng.choice([0, 0, 1, 4]))


DICTIONARY_FAMILIES: dict[str, Family] = {
    "user_jsonl": user_jsonl, "user_csv": user_csv, "user_yaml": user_yaml, "petrarch": petrarch,
}
