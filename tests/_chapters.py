"""What a chapter notebook declares, read from the notebook itself (for the chapter-facts tests)."""

import json
import re
from pathlib import Path


def exercise_kinds(path: Path) -> dict[str, str]:
    """``{label: "code" | "written"}`` for each ``{exercise-start}`` of the notebook, in order.

    An exercise is "code" when its answer cell (nbgrader grade_id ``<label>-answer``) is a code
    cell, "written" when it is a markdown cell, and "missing" when it has none.
    """
    cells = json.loads(Path(path).read_text())["cells"]
    kinds = {}
    for cell in cells:
        text = "".join(cell["source"])
        if "{exercise-start}" not in text:
            continue
        for label in re.findall(r"(?m)^:label: (\S+)$", text):
            answer = [
                c["cell_type"]
                for c in cells
                if c["metadata"].get("nbgrader", {}).get("grade_id") == f"{label}-answer"
            ]
            kinds[label] = {"code": "code", "markdown": "written"}.get(
                answer[0] if answer else "", "missing"
            )
    return kinds
