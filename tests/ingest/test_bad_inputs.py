"""Inputs that used to stop a batch or were stored wrong (issue 16, items 1 and 8): each becomes
its own failure (or a document with a warning), and the inputs after it are read."""

from __future__ import annotations

import json
import logging
import os
import sys
import zlib

import pytest

import dyadscope.ingest as ingest
from dyadscope.ingest import read_inputs
from dyadscope.ingest import jsonl as jsonl_module
from dyadscope.records import Article, Failure
from tests.pdf_util import text_pdf

GOOD = "Kenya and Uganda signed a rail agreement in Nairobi on Monday after long talks."


def read(*paths):
    return list(read_inputs(list(paths)))


def reasons(items):
    return {f.source.rsplit("/", 1)[-1]: f.reason for f in items if isinstance(f, Failure)}


def write_jsonl(path, *lines: str) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_bad_jsonl_nested_deeper_than_python_reads_is_one_failure(tmp_path):
    src = tmp_path / "deep.jsonl"
    write_jsonl(src, '{"id": "deep", "text": ' + "[" * 3000 + "]" * 3000 + "}", json.dumps({"id": "after", "text": GOOD}))
    first, second = read(src)
    assert first.source.endswith("deep.jsonl:1") and "nests JSON" in first.reason
    assert isinstance(second, Article) and second.doc_id == "after"


def test_bad_jsonl_number_too_long_to_convert_is_one_failure(tmp_path):
    src = tmp_path / "digits.jsonl"
    write_jsonl(src, '{"id": ' + "7" * 5000 + ', "text": "x"}', json.dumps({"id": "ok", "text": GOOD}))
    first, second = read(src)
    assert isinstance(first, Failure) and "not valid JSON" in first.reason and isinstance(second, Article)


@pytest.mark.parametrize("field", ["text", "title", "author", "url", "id", "publisher"])
def test_bad_jsonl_lone_surrogate_in_any_field_is_replaced_with_a_warning(tmp_path, field):
    record = {"id": "s1", "text": GOOD, "title": "Rail", "author": "A. Writer", "url": "https://example.org/r",
              "publisher": "Wire"}
    record[field] = record[field][:3] + "\ud800" + record[field][3:]
    src = tmp_path / "surrogate.jsonl"
    src.write_text(json.dumps(record) + "\n", encoding="utf-8")  # json.dumps escapes it as \ud800
    (article,) = read(src)
    assert isinstance(article, Article)
    value = article.doc_id if field == "id" else getattr(article, field)
    assert "\ufffd" in value and "\ud800" not in value
    assert any("surrogate" in w for w in article.warnings)
    for v in (article.doc_id, article.text, article.title, article.author, article.url, article.publisher):
        v.encode("utf-8")


@pytest.mark.skipif(sys.platform != "linux", reason="file names of arbitrary bytes are a Linux thing")
def test_bad_file_name_that_is_not_utf8_gives_a_printable_source_and_id(tmp_path):
    name = os.fsdecode(b"caf\xe9-report.txt")
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (article,) = read(tmp_path / name)
    assert article.doc_id == "caf\ufffd-report"
    article.source_path.encode("utf-8")
    (missing,) = read(tmp_path / os.fsdecode(b"gone-\xff.txt"))
    assert isinstance(missing, Failure) and "\ufffd" in missing.source
    missing.source.encode("utf-8")


def test_bad_html_svg_root_with_script_is_one_failure(tmp_path):
    svg = tmp_path / "drawing.html"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><text>Words</text></svg>')
    good = tmp_path / "good.html"
    good.write_text(f"<html><body><article><p>{GOOD}</p><p>{GOOD.replace('Monday', 'Friday')}</p></article></body></html>")
    items = read(svg, good)
    assert "HTML could not be parsed" in reasons(items)["drawing.html"] or "no extractable text" in reasons(items)["drawing.html"]
    assert [a.doc_id for a in items if isinstance(a, Article)] == ["good"]


def _bomb_pdf() -> bytes:
    stream = zlib.compress(b"BT /F1 10 Tf 20 180 Td (x) Tj ET " * 4_000_000, 9)  # ~130 MB from ~380 KB
    return text_pdf([], contents=b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")


@pytest.mark.parametrize("name, pdf, expect", [
    ("bomb.pdf", _bomb_pdf, "not a readable PDF (LimitReachedError"),
    ("info-integer.pdf", lambda: text_pdf([GOOD], info=b"6 0 R", extra=[b"42"]), None),
    ("info-array.pdf", lambda: text_pdf([GOOD], info=b"[1 2 3]"), None),
    ("title-missing-object.pdf", lambda: text_pdf([GOOD], info=b"6 0 R", extra=[b"<< /Title 9 0 R >>"]), None),
    ("title-dictionary.pdf", lambda: text_pdf([GOOD], info=b"<< /Title << /A 1 >> >>"), None),
])
def test_bad_pdf_damaged_metadata_costs_only_the_title_and_a_bomb_is_refused(tmp_path, name, pdf, expect):
    src = tmp_path / name
    src.write_bytes(pdf())
    (item,) = read(src)
    if expect:
        assert isinstance(item, Failure) and expect in item.reason
    else:
        assert isinstance(item, Article) and item.text == GOOD and item.title is None


def test_bad_pdf_indirect_title_is_read(tmp_path):
    src = tmp_path / "indirect.pdf"
    src.write_bytes(text_pdf([GOOD], info=b"6 0 R", extra=[b"<< /Title 7 0 R >>", b"(Rail deal)"]))
    (item,) = read(src)
    assert item.title == "Rail deal"


def test_bad_reader_crash_of_our_own_is_an_internal_error_and_the_rest_go_on(tmp_path, monkeypatch):
    from dyadscope.ingest import formats

    def broken(raw, **kw):
        raise KeyError("a bug")

    monkeypatch.setattr(formats, "split_header", broken)
    (tmp_path / "a.txt").write_text(GOOD)
    write_jsonl(tmp_path / "b.jsonl", json.dumps({"id": "j1", "text": GOOD}), json.dumps({"id": "j2", "text": GOOD + " Later."}))
    items = read(tmp_path / "a.txt", tmp_path / "b.jsonl")
    failure = items[0]
    assert isinstance(failure, Failure) and failure.reason.startswith("internal error: reading failed: KeyError: 'a bug'")
    assert "a bug in dyadscope, not a problem of the input" in failure.reason
    assert [a.doc_id for a in items[1:]] == ["j1", "j2"]


@pytest.mark.parametrize("value, shown", [(["a", "b"], 'JSON list (["a", "b"])'), ({"x": 1}, 'JSON object ({"x": 1})'),
                                          (True, "JSON boolean (true)")])
def test_bad_jsonl_id_of_the_wrong_type_refuses_the_line(tmp_path, value, shown):
    src = tmp_path / "ids.jsonl"
    write_jsonl(src, json.dumps({"id": value, "text": GOOD}), json.dumps({"id": 17, "text": GOOD + " Again."}))
    first, second = read(src)
    assert isinstance(first, Failure) and f"'id' is a {shown}; an id must be a string or a number" in first.reason
    assert second.doc_id == "17"


@pytest.mark.parametrize("field", ["title", "url", "author", "publisher", "date"])
@pytest.mark.parametrize("value", [["a", "b"], {"x": 1}, False])
def test_bad_jsonl_metadata_of_the_wrong_type_is_left_out_with_a_warning(tmp_path, field, value, caplog):
    src = tmp_path / "meta.jsonl"
    write_jsonl(src, json.dumps({"id": "m1", "text": GOOD, field: value}))
    with caplog.at_level(logging.WARNING, logger="dyadscope"):
        (article,) = read(src)
    assert getattr(article, field) is None
    (warning,) = article.warnings
    assert warning.startswith(f"'{field}' is a JSON ") and warning.endswith("not text; left out")
    assert any(warning in r.getMessage() for r in caplog.records)


def test_bad_jsonl_numbers_as_metadata_are_text(tmp_path):
    src = tmp_path / "numbers.jsonl"
    write_jsonl(src, json.dumps({"id": 7, "text": GOOD, "title": 1984, "date": 20160513}))
    (article,) = read(src)
    assert (article.doc_id, article.title, article.date, article.warnings) == ("7", "1984", "2016-05-13", ())


def test_bad_jsonl_invalid_utf8_is_replaced_and_warned_per_line(tmp_path, caplog):
    src = tmp_path / "latin.jsonl"
    src.write_bytes(b'{"id": "ok", "text": "' + GOOD.encode() + b'"}\n'
                    + b'{"id": "l1", "text": "Caf\xe9 talks between Mali and Niger resumed in Bamako on Monday."}\n')
    with caplog.at_level(logging.WARNING, logger="dyadscope"):
        first, second = read(src)
    assert first.warnings == ()
    assert "\ufffd" in second.text and "invalid UTF-8" in second.warnings[0]
    assert any("latin.jsonl:2" in r.getMessage() and "invalid UTF-8" in r.getMessage() for r in caplog.records)


def test_bad_jsonl_bom_on_the_first_line_is_not_an_error(tmp_path):
    src = tmp_path / "bom.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "b", "text": GOOD}).encode() + b"\n")
    (article,) = read(src)
    assert article.doc_id == "b" and article.warnings == ()


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl"])
def test_bad_random_bytes_that_pass_the_binary_sniff_are_refused(tmp_path, suffix):
    noise = bytes((i * 151 + 7) % 128 + 128 for i in range(4000))  # high bytes only: no NUL, no control byte
    src = tmp_path / f"noise{suffix}"
    if suffix == ".jsonl":
        src.write_bytes(b'{"id": "n", "text": "' + noise + b'"}\n')
    elif suffix == ".html":
        src.write_bytes(b"<html><body><p>" + noise + b"</p></body></html>")
    else:
        src.write_bytes(noise)
    (item,) = read(src)
    assert isinstance(item, Failure) and "not readable text" in item.reason, item


def test_bad_a_few_undecodable_bytes_are_still_read(tmp_path):
    src = tmp_path / "mostly.txt"
    src.write_bytes(GOOD.encode() + b" \xff\xfe " + GOOD.encode())
    (item,) = read(src)
    assert isinstance(item, Article) and item.warnings


def test_bad_jsonl_over_the_file_size_limit_is_streamed(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 10_000)
    src = tmp_path / "many.jsonl"
    write_jsonl(src, *(json.dumps({"id": f"d{i}", "text": f"{GOOD} Number {i}."}) for i in range(400)))
    assert src.stat().st_size > 10_000
    items = read(src)
    assert len(items) == 400 and all(isinstance(a, Article) for a in items)
    big_txt = tmp_path / "big.txt"
    big_txt.write_text(GOOD * 200)
    (refused,) = read(big_txt)
    assert "over the 10,000-byte limit" in refused.reason


def test_bad_jsonl_line_over_the_line_limit_is_refused_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonl_module, "MAX_LINE_BYTES", 2_000)
    src = tmp_path / "long.jsonl"
    write_jsonl(src, json.dumps({"id": "a", "text": GOOD}), json.dumps({"id": "long", "text": GOOD * 100}),
                json.dumps({"id": "c", "text": GOOD + " Later."}))
    first, second, third = read(src)
    assert (first.doc_id, third.doc_id) == ("a", "c")
    assert second.source.endswith("long.jsonl:2") and "line is over 2,000 bytes" in second.reason


def test_bad_unreadable_folder_is_one_failure(tmp_path, monkeypatch):
    from pathlib import Path

    (tmp_path / "a.txt").write_text(GOOD)
    real = Path.rglob

    def refusing(self, pattern):
        if self.name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(self, pattern)

    (tmp_path / "locked").mkdir()
    monkeypatch.setattr(Path, "rglob", refusing)
    items = read(tmp_path / "locked", tmp_path / "a.txt")
    assert reasons(items) == {"locked": "cannot read (Permission denied)"} and items[1].doc_id == "a"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_bad_text_in_utf16_or_utf32_with_its_byte_order_mark_is_read(tmp_path, encoding):
    src = tmp_path / "notepad.txt"
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    src.write_bytes(bom + GOOD.encode(encoding))
    (article,) = read(src)
    assert isinstance(article, Article) and article.text == GOOD and not article.warnings
    src.write_bytes(b"\xff\xfe" + b"\x00\xd8" + "Peru".encode("utf-16-le"))  # a lone surrogate
    (failure,) = read(src)
    assert isinstance(failure, Failure) and "not UTF-16" in failure.reason


def test_bad_jsonl_without_a_line_is_one_failure_not_nothing(tmp_path):
    empty, blank = tmp_path / "empty.jsonl", tmp_path / "blank.jsonl"
    empty.write_bytes(b"")
    blank.write_bytes(b"\n  \n\n")
    assert reasons(read(empty, blank)) == {"empty.jsonl": "empty file (no JSON line)", "blank.jsonl": "empty file (no JSON line)"}
