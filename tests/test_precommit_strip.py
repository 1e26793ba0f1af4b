"""The pre-commit hook strips outputs but keeps what coursework needs in the cell metadata."""

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def nbstripout_command() -> list[str]:
    """The nbstripout hook's command line, as .pre-commit-config.yaml gives it."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "nbstripout"]
    assert len(hooks) == 1, "one nbstripout hook"
    entry = shlex.split(hooks[0]["entry"])
    program = Path(sys.executable).with_name(entry[0])
    return [str(program), *entry[1:], *hooks[0].get("args", [])]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_strip_keeps_nbgrader_metadata_and_collapsed_solutions(path, tmp_path):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    nb = nbformat.read(copy, as_version=4)
    for cell in nb.cells:  # as if the notebook had been run and saved in JupyterLab
        if cell.cell_type == "code":
            cell.execution_count = 1
            cell.outputs = [nbformat.v4.new_output("stream", text="hello\n")]
            cell.metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    nbformat.write(nb, copy)
    proc = subprocess.run([*nbstripout_command(), str(copy)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    before, after = json.loads(path.read_text()), json.loads(copy.read_text())
    assert after["cells"] == before["cells"], "the hook changed more than outputs and counts"
    kept = [c for c in after["cells"] if c["metadata"].get("jupyter", {}).get("source_hidden")]
    graded = [c for c in after["cells"] if "nbgrader" in c["metadata"]]
    if any("nbgrader" in c["metadata"] for c in before["cells"]):
        assert kept and graded, "source_hidden and nbgrader metadata must survive the strip"
