"""docs/tutorial.md and the README's Python API block run as written (in a fresh folder)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture
def shared_nlp(nlp, monkeypatch):
    """The session's spaCy pipeline for the Engine the text builds (loading it again adds nothing)."""
    import dyadscope.nlp

    monkeypatch.setattr(dyadscope.nlp, "load_nlp", lambda *a, **k: nlp)


def test_tutorial_runs_as_written(tmp_path, monkeypatch, shared_nlp):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    blocks = python_blocks(ROOT / "docs" / "tutorial.md")
    assert len(blocks) >= 6
    for block in blocks:
        exec(compile(block, "docs/tutorial.md", "exec"), namespace)
    assert (tmp_path / "tutorial.mentions.CSV").exists() and (tmp_path / "iran-russia.png").exists()


def test_readme_python_api_block_handles_a_bad_file(tmp_path, monkeypatch, shared_nlp, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "talks.txt").write_text("Iran and Russia held talks in Moscow on Monday, officials said.\n")
    (tmp_path / "articles" / "empty.txt").write_text("")
    (tmp_path / "my_actors.yaml").write_text("- name: Caspian Trade Office\n  code: IRNGOV\n  country: IRN\n")
    readme = ROOT / "README.md"
    block = next(b for b in python_blocks(readme) if "extract(" in b)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "skipped articles/empty.txt empty file" in out and "document talks" in out
