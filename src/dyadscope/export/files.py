"""Export outputs: written under a temporary name beside the final one and renamed into place only
when every file of the export is complete, so a reader (or a killed run) never sees a half-written
export; ``-`` means standard output."""

from __future__ import annotations

import os
import secrets
import sys
from contextlib import contextmanager
from pathlib import Path


def is_stdout(path) -> bool:
    return str(path) == "-"


class Outputs:
    """The files of one export, each first written to a temporary path in its own folder."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def path(self, final) -> Path:
        """The temporary path to write ``final`` to (its folder is created)."""
        final = Path(final)
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp = final.with_name(f".{final.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
        self._pending.append((tmp, final))
        return tmp

    def commit(self) -> list[Path]:
        for tmp, final in self._pending:
            os.replace(tmp, final)
        return [final for _, final in self._pending]

    def discard(self) -> None:
        for tmp, _ in self._pending:
            tmp.unlink(missing_ok=True)


@contextmanager
def atomic_outputs():
    """``with atomic_outputs() as out: write(out.path(final))``: all renamed on success, none on error."""
    outputs = Outputs()
    try:
        yield outputs
    except BaseException:
        outputs.discard()
        raise
    outputs.commit()


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
