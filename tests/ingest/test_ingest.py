"""Ingest: cleaning, header metadata, formats and every kind of bad input."""

from __future__ import annotations

import re

import json
from pathlib import Path

import pytest

from dyadscope.ingest import read_inputs
from dyadscope.ingest.dates import parse_date
from dyadscope.records import Article, Failure
from tests.pdf_util import text_pdf


def one(path, **kw):
    items = list(read_inputs([path], **kw))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("May 13, 2016", "2016-05-13"),
        ("12 september 2020", "2020-09-12"),
        ("2019-12-27T10:00:00Z", "2019-12-27"),
        ("Published: Tuesday, 3 May 2016", "2016-05-03"),
        ("Sept. 4, 2018", "2018-09-04"),
        ("20160513", "2016-05-13"),
        ("February 30, 2016", None),
        ("no date here", None),
        # read by dateparser where our reader finds nothing
        ("13.05.2016", "2016-05-13"),
        ("2016/05/13", "2016-05-13"),
        ("13 mai 2016", "2016-05-13"),
        ("13. Mai 2016", "2016-05-13"),
        ("13 de mayo de 2016", "2016-05-13"),
        ("Published: 13.05.2016", "2016-05-13"),
        ("05/06/2016", None),  # day and month could be either
        ("in 2 hours", None),
        ("Monday", None),
        ("Jane Roe", None),
    ],
)
def test_dates_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("line", ["13.05.2016", "2016/05/13", "13 mai 2016"])
def test_ingest_header_date_read_by_dateparser(tmp_path, line):
    src = tmp_path / "note.txt"
    src.write_text(f"A short title line\n\n{line}\n\nThe ministers of Chile and Peru met on Friday and agreed to reopen the border crossing.\n")
    a = one(src)
    assert (a.title, a.date) == ("A short title line", "2016-05-13")
    assert a.text.startswith("The ministers")


def test_ingest_markdown_tables_code_and_footnotes_do_not_leak(tmp_path):
    src = tmp_path / "brief.md"
    src.write_text(
        "# Grain corridor reopens\n\n2 June 2022\n\n"
        "Turkey and Ukraine agreed on Friday to reopen the grain corridor[^1] after weeks of talks.\n\n"
        "| port | tonnes |\n|---|---|\n| Odesa | 120 |\n\n"
        "```python\nprint('not prose')\n```\n\n"
        "    indented code\n\n"
        "- The first ship left on **Saturday**.\n- A second ship follows ![map](map.png) next week.\n\n"
        "> Officials said more ships would follow.\n\n"
        "---\n\n"
        "[^1]: A footnote about the corridor.\n    with a second line.\n",
        encoding="utf-8",
    )
    a = one(src)
    assert (a.title, a.date) == ("Grain corridor reopens", "2022-06-02")
    assert a.text.split("\n\n") == [
        "Turkey and Ukraine agreed on Friday to reopen the grain corridor after weeks of talks.",
        "The first ship left on Saturday.",
        "A second ship follows next week.",
        "Officials said more ships would follow.",
    ]
    for leak in ("|", "tonnes", "print", "indented", "[^1]", "footnote", "map.png", "```", "---"):
        assert leak not in a.text, leak


def test_ingest_markdown_header_block(tmp_path):
    src = tmp_path / "piece.md"
    src.write_text(
        "## OIL TALKS STALL AGAIN, BUT FOR HOW LONG WILL THEY STAY STALLED?\n\nJane Roe\n\n3 march 2019\n\n"
        "Gulf Policy Review <u>https://example.org/oil-talks</u>\n\n"
        "Downloaded from: http://clippings.example\n\n"
        "## Oil talks stall again, but for how long will they stay stalled?\n\n"
        "Ministers from *Norway* and Brazil met in <u>Oslo</u> <u>on Tuesday</u> and failed to agree on output quotas for the next year.\n\n"
        "Heruntergeladen von: http://archiv.example\n\n"
        "A second paragraph says more about the [talks](https://example.org/t) and what comes next.\n",
        encoding="utf-8",
    )
    a = one(src)
    assert (a.doc_id, a.title, a.author, a.date) == ("piece", "Oil talks stall again, but for how long will they stay stalled?", "Jane Roe", "2019-03-03")
    assert (a.publisher, a.url) == ("Gulf Policy Review", "https://example.org/oil-talks")
    assert a.text.startswith("Ministers from Norway and Brazil met in Oslo on Tuesday")
    assert "<u>" not in a.text and "*" not in a.text and "http" not in a.text
    assert "Downloaded" not in a.text and "Heruntergeladen" not in a.text
    assert a.text.split("\n\n")[1] == "A second paragraph says more about the talks and what comes next."


def test_ingest_plain_text_date_first_line(tmp_path):
    src = tmp_path / "wire.txt"
    src.write_text(
        "April 2, 2017\nA body paragraph that is long enough to read as prose, with a full stop at the end of it.\n"
        "Another paragraph on its own line, also long enough to be body text for the reader.\n",
        encoding="utf-8",
    )
    a = one(src)
    assert a.date == "2017-04-02" and a.title is None
    assert a.text.count("\n\n") == 1


def test_ingest_marked_author_bio_removed_unmarked_kept(tmp_path):
    body = "Para one is long enough to be body text of the article, and it ends here.\n\n"
    marked = tmp_path / "a.md"
    marked.write_text("# T\n\nJohn Smith\n\n" + body + "John Smith is a fellow at a think tank. The views expressed in this piece are his own.\n")
    unmarked = tmp_path / "b.md"
    unmarked.write_text("# T\n\nJohn Smith\n\n" + body + "John Smith met the minister again later that week.\n")
    assert "think tank" not in one(marked).text
    assert "met the minister" in one(unmarked).text


def test_ingest_html(tmp_path):
    src = tmp_path / "page.html"
    src.write_text(
        "<html><head><title>Talks resume</title><meta name='date' content='2018-06-01'>"
        "<meta name='author' content='A. Writer'></head><body><nav>Home | World | Sport</nav>"
        "<article><h1>Talks resume</h1><p>Delegations from Chile and Peru resumed border talks in Lima on Friday after a pause of two years.</p>"
        "<p>Both sides said the meeting was constructive and agreed to meet again next month in Santiago.</p></article>"
        "<footer>Copyright 2018 Example News</footer></body></html>",
        encoding="utf-8",
    )
    a = one(src)
    assert a.title == "Talks resume" and a.date == "2018-06-01"
    assert "Delegations from Chile and Peru" in a.text and "Copyright" not in a.text and "Sport" not in a.text


def test_ingest_pdf_text_layer(tmp_path):
    src = tmp_path / "doc.pdf"
    src.write_bytes(text_pdf(["June 5, 2017", "Kenya and Uganda signed a rail agreement in Nairobi on Monday after long talks."]))
    a = one(src)
    assert a.date == "2017-06-05" and "Kenya and Uganda signed" in a.text


def test_ingest_jsonl_fields_and_ngec_names(tmp_path):
    src = tmp_path / "batch.jsonl"
    src.write_text(
        json.dumps({"id": "x1", "text": "Egypt and Sudan agreed on Nile talks.", "date": "2019-02-01", "title": "Nile"}) + "\n"
        + json.dumps({"story_id": "ngec-7", "event_text": "Chad closed its border with Libya.", "pub_date": "20190305", "headline": "Border"}) + "\n",
        encoding="utf-8",
    )
    a, b = list(read_inputs([src]))
    assert (a.doc_id, a.date, a.title) == ("x1", "2019-02-01", "Nile")
    assert (b.doc_id, b.date, b.title, b.text) == ("ngec-7", "2019-03-05", "Border", "Chad closed its border with Libya.")


def test_ingest_folder_recursive(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("Text one is here and long enough to count as a body paragraph.")
    (tmp_path / "two.md").write_text("Text two is here and long enough to count as a body paragraph.")
    (tmp_path / "ignored.csv").write_text("a,b")
    assert sorted(a.doc_id for a in read_inputs([tmp_path])) == ["one", "two"]


def test_ingest_folder_skips_readme_license_and_hidden_folders(tmp_path):
    body = "This paragraph is long enough to be read as the body of an article about trade."
    (tmp_path / "article.txt").write_text(body)
    for name in ("README.md", "readme.txt", "LICENSE.txt", "Licence.md", "COPYING.txt"):
        (tmp_path / name).write_text(body + " " + name)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text(body)
    assert [a.doc_id for a in read_inputs([tmp_path])] == ["article"]
    # named on its own, a README is read like any file
    assert one(tmp_path / "README.md").doc_id == "README"


def test_ingest_sample_corpus_readme_is_not_an_article():
    from dyadscope.cli.demo import SAMPLES

    names = {a.source_path.split("/")[-1].split(":")[0] for a in read_inputs([SAMPLES])}
    assert "README.md" not in names and len(names) == 13


def _bad_inputs(tmp_path):
    from pypdf import PdfWriter

    cases = {}
    (tmp_path / "empty.txt").write_bytes(b"")
    cases["empty.txt"] = "empty file"
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    cases["binary.txt"] = "binary data"
    (tmp_path / "blank.html").write_text("<html><body><div></div></body></html>")
    cases["blank.html"] = "HTML has no extractable text"
    w = PdfWriter()
    w.add_blank_page(200, 200)
    w.encrypt("secret", algorithm="RC4-128")
    with open(tmp_path / "locked.pdf", "wb") as fh:
        w.write(fh)
    cases["locked.pdf"] = "PDF is encrypted"
    w = PdfWriter()
    w.add_blank_page(200, 200)
    with open(tmp_path / "scan.pdf", "wb") as fh:
        w.write(fh)
    cases["scan.pdf"] = "PDF has no text layer"
    (tmp_path / "notpdf.pdf").write_bytes(b"this is not a pdf at all")
    cases["notpdf.pdf"] = "not a readable PDF"
    return cases


def test_ingest_bad_inputs_each_reported_batch_goes_on(tmp_path):
    cases = _bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text("Peru and Chile signed a fisheries accord in Lima on Friday, officials said.")
    items = list(read_inputs([tmp_path / n for n in cases] + [tmp_path / "missing.txt", good]))
    failures = {f.source.rsplit("/", 1)[-1]: f.reason for f in items if isinstance(f, Failure)}
    for name, reason in cases.items():
        assert reason in failures[name], (name, failures.get(name))
    assert failures["missing.txt"] == "no such file or directory"
    assert [a.doc_id for a in items if isinstance(a, Article)] == ["good"]


def test_ingest_invalid_utf8_replaced_with_warning(tmp_path):
    src = tmp_path / "latin.txt"
    src.write_bytes("Caf\xe9 talks between Mali and Niger resumed in Bamako on Monday.".encode("latin-1"))
    a = one(src)
    assert "\ufffd" in a.text and a.warnings and "invalid UTF-8" in a.warnings[0]


def test_ingest_jsonl_bad_lines(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "ok", "text": "Fine text here."}\nnot json\n{"id": "nt"}\n[1, 2]\n')
    items = list(read_inputs([src]))
    assert isinstance(items[0], Article)
    reasons = [(f.source.rsplit("/", 1)[-1], f.reason) for f in items[1:]]
    assert reasons[0][0] == "mixed.jsonl:2" and "not valid JSON" in reasons[0][1]
    assert reasons[1] == ("mixed.jsonl:3", "record has no 'text' (or 'event_text') string")
    assert reasons[2][0] == "mixed.jsonl:4" and "expected an object" in reasons[2][1]


def test_ingest_large_document_refused_with_size_error(tmp_path):
    src = tmp_path / "huge.txt"
    paragraph = "Officials from Ghana and Togo met again to discuss the border and trade. " * 50 + "\n\n"
    src.write_text(paragraph * (20_000_000 // len(paragraph)))
    item = one(src)
    assert isinstance(item, Failure)
    assert "over --max-chars 1,000,000" in item.reason
    small = one(src, max_chars=30_000_000)
    assert isinstance(small, Article)


def test_ingest_seed_articles_metadata(seeds):
    """The header of the article with a header block is lifted: the mixed-case copy of its
    doubled title, the author line, the date line and the address (read from the file itself)."""
    by_date = {a.date: a for a in read_inputs([seeds])}
    assert sorted(by_date) == ["2016-05-13", "2020-09-12"]
    later = by_date["2020-09-12"]
    raw = Path(later.source_path).read_text(encoding="utf-8")
    headings = [line[3:].strip() for line in raw.splitlines() if line.startswith("## ")]
    assert later.title == next(h for h in headings if not h.isupper())
    first_lines = [line.strip() for line in raw.splitlines() if line.strip()]
    assert later.author == first_lines[1]
    assert later.url == re.search(r"https://[^<\s]+", raw).group(0)
    assert "<u>" not in later.text and "</u>" not in later.text and first_lines[4].split(":")[0] not in later.text