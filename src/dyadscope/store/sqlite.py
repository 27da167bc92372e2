"""The store copied into one SQLite file that Datasette, sqlite-utils, R's RSQLite and pandas open.

Every table keeps its columns and primary key; ``doc_id`` columns reference ``documents`` (foreign
keys), list and JSON columns become JSON text (Datasette shows it as JSON; SQLite's ``json_*``
functions read it), booleans 0/1, timestamps ISO text. Indexes cover the usual dyad lookups.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..export.jsonio import json_safe

#: Tables copied, in an order that satisfies the foreign keys.
SQLITE_TABLES = ("runs", "documents", "sentences", "mentions", "quotes", "events", "event_actors", "event_mentions",
                 "assessments", "failures")
_INDEXES = {
    "event_actors": [("country",), ("code",)],
    "events": [("event_type",), ("date",)],
    "documents": [("date",)],
}


def _sqlite_type(duck_type: str) -> str:
    t = duck_type.upper()
    if t.endswith("[]") or t in ("JSON",) or t.startswith(("STRUCT", "MAP")):
        return "TEXT"
    if t in ("INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BOOLEAN", "HUGEINT", "UBIGINT", "UINTEGER"):
        return "INTEGER"
    if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith("DECIMAL"):
        return "REAL"
    return "TEXT"


def _value(value, sqlite_type: str, duck_type: str):
    if value is None:
        return None
    if duck_type.endswith("[]"):
        return json.dumps(json_safe(value), ensure_ascii=False, allow_nan=False)
    if isinstance(value, bool):
        return int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


def write_sqlite(db, path) -> dict[str, int]:
    """Copy the store into a new SQLite database at ``path`` (a file that must not exist yet);
    return the row count of each table."""
    duck = db.con
    primary = {}
    for table, cols in duck.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall():
        primary[table] = list(cols)
    out = sqlite3.connect(str(Path(path)))
    counts: dict[str, int] = {}
    try:
        out.execute("PRAGMA foreign_keys = ON")
        for table in SQLITE_TABLES:
            columns = duck.execute(f"DESCRIBE {table}").fetchall()
            names = [c[0] for c in columns]
            duck_types = [c[1] for c in columns]
            sqlite_types = [_sqlite_type(t) for t in duck_types]
            defs = [f'"{n}" {t}' for n, t in zip(names, sqlite_types)]
            if table in primary:
                defs.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in primary[table]) + ")")
            if "doc_id" in names and table != "documents":
                defs.append('FOREIGN KEY ("doc_id") REFERENCES documents ("doc_id")')
            if table == "documents":
                defs.append('FOREIGN KEY ("run_id") REFERENCES runs ("run_id")')
            out.execute(f'CREATE TABLE "{table}" ({", ".join(defs)})')
            cursor = duck.execute(f"SELECT * FROM {table}")
            placeholders = ", ".join("?" * len(names))
            n = 0
            while rows := cursor.fetchmany(5000):
                out.executemany(
                    f'INSERT INTO "{table}" VALUES ({placeholders})',
                    [[_value(v, st, dt) for v, st, dt in zip(row, sqlite_types, duck_types)] for row in rows],
                )
                n += len(rows)
            counts[table] = n
            for cols in _INDEXES.get(table, []):
                out.execute(f'CREATE INDEX "idx_{table}_{"_".join(cols)}" ON "{table}" ({", ".join(cols)})')
        out.commit()
    finally:
        out.close()
    return counts
