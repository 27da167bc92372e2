"""Store files that are not ours, not whole or not writable: one clear StoreError, the file as it
was, and nothing fetched from the network when opening any of them (issue 16, items 4 and 5)."""

from __future__ import annotations

import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import pytest

from dyadscope.errors import StoreError
from dyadscope.store import Database, files
from dyadscope.store.schema import SCHEMA_VERSION

from .test_db import make_result

SRC = Path(__file__).resolve().parents[2] / "src" / "dyadscope"


def store_with(tmp_path, n: int, name: str = "s.duckdb") -> Path:
    path = tmp_path / name
    with Database(path) as db:
        db.write_results([make_result(f"d{i}", f"Chile and Peru signed accord number {i} on Monday. " * 40)
                          for i in range(n)])
    return path


def refused(path, match: str, *, read_only: bool = False) -> None:
    before = Path(path).read_bytes() if Path(path).is_file() else None
    with pytest.raises(StoreError, match=match):
        Database(path, read_only=read_only)
    after = Path(path).read_bytes() if Path(path).is_file() else None
    assert before == after, "a refused file must be left exactly as it was"


@pytest.mark.parametrize("read_only", [False, True])
def test_store_sqlite_file_named_duckdb_is_refused(tmp_path, read_only):
    path = tmp_path / "other.duckdb"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    refused(path, "a SQLite database, not DuckDB", read_only=read_only)


@pytest.mark.parametrize("read_only", [False, True])
def test_store_foreign_duckdb_file_is_refused_and_not_touched(tmp_path, read_only):
    path = tmp_path / "shop.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)")
    con.execute("INSERT INTO customers VALUES (1, 'Ada')")
    con.close()
    refused(path, r"not a dyadscope store: it holds another program's tables \(customers\)", read_only=read_only)
    con = duckdb.connect(str(path), read_only=True)
    assert [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()] == ["customers"]
    con.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_store_newer_schema_is_refused_before_anything_is_written(tmp_path, read_only):
    path = store_with(tmp_path, 1)
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO _migrations VALUES ('0099_from_the_future', current_timestamp)")
    con.close()
    refused(path, rf"schema is newer.*0099_from_the_future.*schema version {SCHEMA_VERSION}.*upgrade dyadscope",
            read_only=read_only)


def test_store_empty_duckdb_file_becomes_a_store(tmp_path):
    path = tmp_path / "fresh.duckdb"
    duckdb.connect(str(path)).close()
    with Database(path) as db:
        assert db.counts()["documents"] == 0


@pytest.mark.parametrize("fraction", [0.02, 0.3, 0.6, 0.95])
def test_store_truncated_file_is_refused_at_open(tmp_path, fraction):
    whole = store_with(tmp_path, 400)
    size = whole.stat().st_size
    cut = tmp_path / "cut.duckdb"
    shutil.copy(whole, cut)
    with open(cut, "r+b") as fh:
        fh.truncate(int(size * fraction))
    refused(cut, "damaged|cannot open database")
    refused(cut, "damaged|cannot open database", read_only=True)


def test_store_truncated_at_a_block_boundary_is_refused(tmp_path):
    whole = store_with(tmp_path, 400)
    cut = tmp_path / "cut.duckdb"
    shutil.copy(whole, cut)
    with open(cut, "r+b") as fh:
        fh.truncate(whole.stat().st_size - 262144)
    refused(cut, rf"damaged: it is [\d,]+ bytes but its header describes {whole.stat().st_size:,}")


def test_store_whole_files_of_every_size_pass_the_size_check(tmp_path):
    for n in (0, 1, 50, 400):
        path = store_with(tmp_path, n, f"s{n}.duckdb")
        head = path.read_bytes()[:3 * 4096]
        assert files.expected_size(head) <= path.stat().st_size
        with Database(path, read_only=True) as db:
            assert db.counts()["documents"] == n


@pytest.mark.parametrize("content, match", [
    (b"", "not a DuckDB database file"),
    (b"PAR1" + b"\0" * 100, "a Parquet file"),
    (b"plain words " * 2000, "not a DuckDB database file"),
])
def test_store_other_files_are_refused(tmp_path, content, match):
    path = tmp_path / "x.duckdb"
    path.write_bytes(content)
    refused(path, match)


def test_store_folder_and_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="is a folder .*can only be read"):
        Database(tmp_path)  # a folder is a spark-ingest output, never written to
    with pytest.raises(StoreError, match="folder .* does not exist"):
        Database(tmp_path / "nowhere" / "s.duckdb")
    assert not (tmp_path / "nowhere").exists()


class _ExtensionRepository:
    """A local HTTP listener standing in for DuckDB's extension repository: it counts requests."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.requests: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.requests.append(conn.recv(200))
            conn.close()


@pytest.fixture
def repository(tmp_path, monkeypatch):
    """Every connection the store opens is pointed at a local fake repository and an empty extension folder."""
    repo = _ExtensionRepository()
    ext_dir = tmp_path / "extensions"
    ext_dir.mkdir()
    real = duckdb.connect

    def pointed(path, read_only=False, config=None):
        return real(path, read_only=read_only,
                    config={**(config or {}), "custom_extension_repository": repo.url, "extension_directory": str(ext_dir)})

    monkeypatch.setattr(files.duckdb, "connect", pointed)
    repo.ext_dir = ext_dir
    repo.real_connect = real
    yield repo
    repo.sock.close()


def test_store_opening_a_sqlite_file_fetches_nothing(tmp_path, repository):
    path = tmp_path / "sqlite.duckdb"
    sqlite3.connect(path).execute("CREATE TABLE t (a)").connection.commit()
    # The control: DuckDB left to its defaults does go to the repository for this file.
    with pytest.raises(duckdb.Error):
        repository.real_connect(str(path), config={"custom_extension_repository": repository.url,
                                                   "extension_directory": str(tmp_path / "control")})
    assert repository.requests, "the control should have asked the fake repository for an extension"
    repository.requests.clear()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="SQLite"):
            Database(path, read_only=read_only)
        with pytest.raises(duckdb.Error, match="(?i)sqlite"):  # our connection alone, past our own sniffing
            files.connect(str(path), read_only=read_only)
    assert repository.requests == []
    assert list(repository.ext_dir.rglob("*.duckdb_extension*")) == []


def test_store_every_kind_of_file_opens_without_network(tmp_path, repository):
    store = store_with(tmp_path, 3)
    for content in (b"", b"PAR1....", b"SQLite format 3\x00" + b"\0" * 4000, store.read_bytes()[:20000]):
        path = tmp_path / "x.duckdb"
        path.write_bytes(content)
        for read_only in (False, True):
            try:
                Database(path, read_only=read_only).close()
            except StoreError:
                pass
    with Database(store, read_only=True) as db:
        db.counts()
    assert repository.requests == []


def test_store_duckdb_is_opened_in_one_place_only():
    """Every DuckDB connection goes through store.files.connect (extensions off); no other module opens one."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "files.py" and path.parent.name == "store":
            continue
        if re.search(r"\bduckdb\.(connect|sql|query|read_\w+)\(", path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def _limited_ingest(db: Path, folder: Path, limit: int) -> subprocess.CompletedProcess:
    """``dyadscope ingest folder`` in a process whose files may not grow past ``limit`` bytes: the
    file system refuses writes as a full disk does (EFBIG instead of ENOSPC)."""
    code = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        from dyadscope.cli import cli
        sys.argv = ["dyadscope", "ingest", {str(folder)!r}, "--db", {str(db)!r}]
        cli()
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_store_full_disk_during_ingest_one_error_line_and_a_clean_resume(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, numbers in ((first, range(3)), (second, range(3, 40))):
        folder.mkdir()
        for i in numbers:
            (folder / f"a{i}.txt").write_text(f"Chile and Peru signed trade accord number {i} in Lima on Monday.\n")
    db = tmp_path / "s.duckdb"
    assert subprocess.run([sys.executable, "-m", "dyadscope", "ingest", str(first), "--db", str(db), "-q"]).returncode == 0
    with Database(db, read_only=True) as store:
        before = store.counts()
    result = _limited_ingest(db, second, 20_000)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert re.match(rf"Error: {re.escape(str(db))}: cannot write to the database: .*File too large.*re-run", lines[0])
    with Database(db, read_only=True) as store:
        assert store.counts()["documents"] >= before["documents"]
    again = subprocess.run([sys.executable, "-m", "dyadscope", "ingest", str(second), "--db", str(db)],
                           capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    with Database(db, read_only=True) as store:
        assert store.counts()["documents"] == 40


def test_store_damaged_block_met_while_writing_is_one_store_error(tmp_path):
    db = Database(tmp_path / "s.duckdb")

    class DamagedConnection:
        def __init__(self, con):
            self.con = con

        def execute(self, sql, *args):
            if sql.startswith("INSERT") or sql.startswith("UPDATE"):
                raise duckdb.Error("Corrupt database file: computed checksum 7 does not match stored checksum 9 in block 3")
            return self.con.execute(sql, *args)

        def __getattr__(self, name):
            return getattr(self.con, name)

    real = db.con
    db.con = DamagedConnection(real)
    with pytest.raises(StoreError, match=r"the database file is damaged \(Corrupt database file.*restore the file"):
        with db._transaction():
            db.con.execute("UPDATE store_info SET value = value")
    db.con = real
    db.close()
