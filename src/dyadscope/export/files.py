"""Export outputs: written under a temporary name beside the final one and renamed into place only
when every file of the export is complete, so a reader (or a killed run) never sees a half-written
export; ``-`` means standard output.

An export of several files (the CSV or Parquet tables, GDELT events and mentions) renames them
one after another once all are written; a commit journal beside them (``.NAME.dyadscope-commit``)
lists the renames first, so if the process is killed between two renames, the next export to that
place (or :func:`finish_pending`) completes them: the files are then all new, never a mix left
standing. A write the file system refuses (full disk, no permission) is an :class:`OutputError`
and leaves what was there unchanged.

Existing files that are not regular files (``/dev/null``, a named pipe) are written directly.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sys
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

_JOURNAL_SUFFIX = ".dyadscope-commit"


def is_stdout(path) -> bool:
    return str(path) == "-"


def _direct(final: Path) -> bool:
    """True for an existing target that is not a regular file (a device, a pipe): written in place."""
    return final.exists() and not final.is_file() and not final.is_dir()


class Outputs:
    """The files of one export, each first written to a temporary path in its own folder."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def path(self, final) -> Path:
        """The temporary path to write ``final`` to (its folder is made if its parent exists)."""
        final = Path(final)
        if _direct(final):
            return final
        try:
            final.parent.mkdir(exist_ok=True)
        except OSError as e:
            raise OutputError(str(final), _folder_reason(final.parent, e)) from None
        finish_pending(final.parent)
        tmp = final.with_name(f".{final.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        self._pending.append((tmp, final))
        return tmp

    def commit(self) -> list[Path]:
        for tmp, _ in self._pending:
            _fsync(tmp)
        journal = self._write_journal()
        for tmp, final in self._pending:
            os.replace(tmp, final)
        if journal is not None:
            journal.unlink(missing_ok=True)
        return [final for _, final in self._pending]

    def _write_journal(self) -> Path | None:
        if len(self._pending) < 2:
            return None
        first = self._pending[0][1]
        journal = first.with_name(f".{first.name}{_JOURNAL_SUFFIX}")
        tmp = journal.with_name(f"{journal.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        renames = [[str(t), str(f)] for t, f in self._pending]
        tmp.write_text(json.dumps({"pid": os.getpid(), "renames": renames}), encoding="utf-8")
        _fsync(tmp)
        os.replace(tmp, journal)
        return journal

    def discard(self) -> None:
        for tmp, final in self._pending:
            if tmp != final:
                tmp.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    if path.is_file():
        with open(path, "rb") as fh:
            os.fsync(fh.fileno())


def finish_pending(folder) -> list[Path]:
    """Complete the renames of any export that was killed halfway through its commit in ``folder``
    (see the module docstring), and remove the temporary files of exports that were killed before
    it; return the files put in place. Exports still running are left alone."""
    done: list[Path] = []
    folder = Path(folder)
    if not folder.is_dir():
        return done
    for journal in folder.glob(f".*{_JOURNAL_SUFFIX}"):
        try:
            entry = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if _running(entry.get("pid")):
            continue
        for tmp, final in entry.get("renames", []):
            if Path(tmp).exists():
                os.replace(tmp, final)
                done.append(Path(final))
        journal.unlink(missing_ok=True)
    for tmp in folder.glob(".*.tmp*"):
        owner = _TMP_NAME.match(tmp.name)
        if owner and not _running(int(owner.group(1))):
            tmp.unlink(missing_ok=True)
    return done


#: Our temporary files (and the journal SQLite keeps beside one): ``.NAME.PID-HEX.tmp``.
_TMP_NAME = re.compile(r"^\..+\.(\d+)-[0-9a-f]{8}\.tmp(?:-journal|-wal|-shm)?$")


def _running(pid) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _folder_reason(folder: Path, error: OSError | None = None) -> str:
    if folder.exists() and not folder.is_dir():
        return f"{str(folder)!r} is a file, not a folder"
    if not folder.parent.is_dir() or not folder.exists():
        return f"folder {str(folder)!r} does not exist; create it first"
    return f"cannot write in folder {str(folder)!r} ({error.strerror if error and error.strerror else error})"


@contextmanager
def atomic_outputs():
    """``with atomic_outputs() as out: write(out.path(final))``: all renamed on success, none on error.

    Raises:
        OutputError: when the file system refuses a write or a rename; nothing is left behind.
    """
    outputs = Outputs()
    try:
        yield outputs
        outputs.commit()
    except OSError as e:
        outputs.discard()
        target = outputs._pending[0][1] if outputs._pending else Path(e.filename or "-")
        raise OutputError(str(target), f"cannot write ({e.strerror or e}); nothing was written and "
                                       "what was there is unchanged") from None
    except BaseException:
        outputs.discard()
        raise


@contextmanager
def text_output(path, *, newline: str | None = None):
    """A text file handle for ``path`` (UTF-8), written atomically; standard output for ``-``."""
    if is_stdout(path):
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_outputs() as out, open(out.path(path), "w", encoding="utf-8", newline=newline) as fh:
        yield fh


@contextmanager
def binary_output(path):
    """A binary file path to write to: the real one's temporary twin, or for ``-`` a temporary file
    copied to standard output once complete (for formats written by libraries that want a path)."""
    if not is_stdout(path):
        with atomic_outputs() as out:
            yield out.path(path)
        return
    import tempfile

    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir) / "export"
        yield tmp
        stream = getattr(sys.stdout, "buffer", sys.stdout)
        with open(tmp, "rb") as fh:
            while chunk := fh.read(1 << 20):
                stream.write(chunk)
        stream.flush()


def check_output(path, *, folder: bool = False, keep: tuple = ()) -> None:
    """Refuse, before any work, an output that cannot be written or must not be replaced.

    ``folder``: the output is a folder of files (made if its parent exists); else one file.
    ``keep``: paths the output must not replace (the database read, the inputs).

    Raises:
        OutputError: naming the path and what would fix it.
    """
    if is_stdout(path) or _direct(Path(path)):
        return
    target = Path(path)
    if folder:
        if target.exists() and not target.is_dir():
            raise OutputError(str(path), "is a file; this format writes a folder of tables: give a folder "
                                         "(or --table events to write one table to a file)")
        where = target if target.is_dir() else target.parent
    else:
        if target.is_dir():
            raise OutputError(str(path), "is a folder; this output is one file: give a file name")
        where = target.parent
    if not where.is_dir():
        raise OutputError(str(path), _folder_reason(where))
    for other in keep:
        if target.exists() and Path(other).exists() and os.path.samefile(target, other):
            raise OutputError(str(path), f"is {other}, which this command reads; give another output file")
    _probe(where, path)


def _probe(folder: Path, path) -> None:
    """Create and remove a temporary file in ``folder``: the one sure test that we may write there."""
    probe = folder / f".dyadscope-probe-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        probe.touch(exist_ok=False)
        probe.unlink()
    except OSError as e:
        raise OutputError(str(path), f"cannot write in folder {str(folder)!r} ({e.strerror or e})") from None
