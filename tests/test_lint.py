"""Style and hygiene: ruff lint and format, output-free notebooks, a valid pre-commit config."""

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGETS = ["code", "tools", "tests", "chapters", "appendix", "benchmarks", "make.py", "conftest.py"]


def run(*cmd):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=ROOT)


def test_ruff_check():
    proc = run(BIN / "ruff", "check", *TARGETS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_holds_chapter_code_to_79_columns():
    """The chapters' line width is ruff's E501 with chapters/ruff.toml (test_ruff_check runs it)."""
    cells = [
        nbformat.v4.new_code_cell("x = 1  # " + "a" * 70),  # 79 columns
        nbformat.v4.new_code_cell("y = 2  # " + "a" * 71),  # 80 columns
    ]
    nb = nbformat.writes(nbformat.v4.new_notebook(cells=cells))
    cmd = [BIN / "ruff", "check", "--stdin-filename", "chapters/probe.ipynb", "-"]
    proc = subprocess.run([str(c) for c in cmd], input=nb, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "E501 Line too long (80 > 79)" in proc.stdout and "cell 2:1" in proc.stdout, proc.stdout
    assert "cell 1" not in proc.stdout, proc.stdout


def test_ruff_format():
    proc = run(BIN / "ruff", "format", "--check", *TARGETS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


NOTEBOOKS = sorted(ROOT.glob("chapters/*.ipynb")) + sorted(ROOT.glob("appendix/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path):
    cells = json.loads(path.read_text())["cells"]
    dirty = [i for i, c in enumerate(cells) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; run nbstripout"


def test_pre_commit_config_is_valid():
    proc = run(BIN / "pre-commit", "validate-config", ".pre-commit-config.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_code_folder_is_not_a_package():
    # `code` is a standard-library module that IPython imports at start-up.
    assert not (ROOT / "code" / "__init__.py").exists()
