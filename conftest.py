"""Root pytest configuration: write the student release before notebooks are collected.

nbval collects every notebook under the test paths, so the student release (solutions removed,
see ``actlab.release``) is written to ``student/`` first, and runs top to bottom like the chapters.
"""

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def pytest_configure(config):
    from actlab.release import release

    student = ROOT / "student"
    shutil.rmtree(student, ignore_errors=True)
    if any((ROOT / "chapters").glob("*.ipynb")):
        release(ROOT / "chapters", student)
