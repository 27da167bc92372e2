"""Every shipped knowledge file is plain JSON Lines or CSV that jq, pandas and DuckDB read as is."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from dyadscope.knowledge.load import DATA_DIR

JSONL = sorted(DATA_DIR.rglob("*.jsonl"))
CSV = sorted(DATA_DIR.rglob("*.csv"))


@pytest.mark.parametrize("path", JSONL, ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_knowledge_jsonl_file_is_plain_json_lines(path):
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            assert isinstance(json.loads(line), dict), f"{path.name}:{lineno} is not a JSON object"


@pytest.mark.parametrize("path", CSV, ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_knowledge_csv_file_reads_in_pandas_and_duckdb(path):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert not any(str(c).startswith("#") for c in frame.columns), f"{path.name} starts with a comment line"
    rows = duckdb.connect().execute("SELECT count(*) FROM read_csv_auto(?, all_varchar=true, header=true)", [str(path)]).fetchone()[0]
    assert rows == len(frame)
