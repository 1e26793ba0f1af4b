"""Where the full test run's time goes, by part, and what one more chapter costs.

Run from the repository root: ``python3 make.py bench suite`` (or ``.venv/bin/python
benchmarks/bench_suite.py``). It runs the README's test command (``python -m pytest``, so in
parallel as pytest.ini says) with a JUnit XML report, then reads the report; any further option
goes to pytest (``bench suite -m "not slow"`` times the fast subset). ``--report FILE`` reads an
existing report instead (``python -m pytest --junitxml=FILE``) without running anything.

Printed: the run's wall time (the report's own), and for each part of the suite the time its
tests took (setup, call and teardown, so an expensive fixture counts where it is first used: the
book build in the first test that reads the built book, an nbgrader course in the first test of
that student). The parts add up to more than the wall time when the tests ran on several
workers. Then the marginal cost of one chapter: each chapter's own nbval run, and the parts whose
work grows with the number of chapters (notebooks, book, browser, nbgrader, the per-chapter
tests) divided by the number of chapter notebooks, with the wall time it adds on the number of
workers. A benchmark, not a test: it asserts nothing, and its exit status is 0 even when tests
fail (their number is printed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# part -> the test files in it (paths relative to the root); anything else under tests/ is a
# unit test, and every notebook cell under nbval is "notebooks (nbval)".
PARTS = {
    "book build + site": ["test_book.py", "test_site.py", "test_site_markers.py"],
    "browser (JupyterLab)": ["test_jupyterlab.py"],
    "nbgrader": ["test_nbgrader.py"],
    "claims (other seeds)": ["test_claims.py"],
    "release, launch, student branch": ["test_release.py", "test_launch.py"],
    "lint": ["test_lint.py", "test_precommit_strip.py"],
    "chapter tests": ["test_chapter_conventions.py"],  # and tests/test_chapterNN.py
}
ORDER = ["unit tests", "notebooks (nbval)", *PARTS]
PER_CHAPTER = ["notebooks (nbval)", "book build + site", "browser (JupyterLab)", "nbgrader",
               "claims (other seeds)", "chapter tests"]  # fmt: skip


def part_of(case: ET.Element) -> str:
    """The part of the suite a ``<testcase>`` belongs to, from its class name (its file)."""
    classname = case.get("classname", "")  # tests.test_x[.Class] or chapters.NN_x.ipynb
    if classname.endswith(".ipynb"):
        return "notebooks (nbval)"
    module = classname.split(".")[1] + ".py" if classname.startswith("tests.") else ""
    if module.startswith("test_chapter") and module[12:14].isdigit():
        return "chapter tests"
    for part, files in PARTS.items():
        if module in files:
            return part
    return "unit tests"


def notebook_of(case: ET.Element) -> str | None:
    """``chapters/NN_x.ipynb`` for an nbval cell of a chapter, else None."""
    classname = case.get("classname", "")
    if classname.startswith("chapters.") and classname.endswith(".ipynb"):
        return classname.removeprefix("chapters.")
    return None


def read(report: Path) -> dict:
    tree = ET.parse(report)
    suites = [tree.getroot()] if tree.getroot().tag == "testsuite" else list(tree.getroot())
    parts, chapters, counts = defaultdict(float), defaultdict(float), defaultdict(int)
    wall = sum(float(s.get("time", 0)) for s in suites)
    for case in (c for s in suites for c in s.iter("testcase")):
        seconds = float(case.get("time", 0))
        part = part_of(case)
        parts[part] += seconds
        notebook = notebook_of(case)
        if notebook:
            chapters[notebook] += seconds
        outcome = "passed"
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed", "error": "errors", "skipped": "skipped"}[child.tag]
        counts[outcome] += 1
    return {"wall": wall, "parts": parts, "chapters": chapters, "counts": counts}


def run_suite(pytest_args: list[str], report: Path) -> float:
    cmd = [sys.executable, "-m", "pytest", f"--junitxml={report}", "-q", "-p",
           "no:cacheprovider", *pytest_args]  # fmt: skip
    print("running:", " ".join(cmd[1:]), flush=True)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def show(result: dict, workers: int, measured: float | None) -> None:
    parts, wall = result["parts"], result["wall"]
    counts = ", ".join(f"{n} {k}" for k, n in sorted(result["counts"].items()))
    print(f"\nwall time {wall:7.1f} s  ({wall / 60:.1f} min; {counts})")
    if measured is not None:
        print(f"          {measured:7.1f} s  measured around the pytest process")
    total = sum(parts.values())
    print(f"\n{'part':34} {'seconds':>8} {'share':>6}")
    for part in ORDER:
        if part in parts:
            print(f"{part:34} {parts[part]:8.1f} {parts[part] / total:6.0%}")
    print(f"{'sum over workers':34} {total:8.1f}")

    chapters = result["chapters"]
    n = len(chapters) or len(list((ROOT / "chapters").glob("*.ipynb")))
    if chapters:
        print("\nnbval run of each chapter:")
        for name, seconds in sorted(chapters.items()):
            print(f"  {name:40} {seconds:6.1f} s")
    if n:
        grows = sum(parts.get(p, 0.0) for p in PER_CHAPTER)
        per = grows / n
        print(
            f"\none chapter costs about {per:.1f} s of test time, about "
            f"{per / max(workers, 1):.1f} s of wall time on {workers} workers\n"
            f"  ({', '.join(PER_CHAPTER)}: {grows:.1f} s over {n} chapters)"
        )
        if n < 10:
            guess = wall + (10 - n) * per / max(workers, 1)
            print(f"with 10 chapters: about {guess / 60:.1f} min of wall time")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="read this JUnit XML report; run nothing")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="workers the run used (pytest -n auto: the cores)")  # fmt: skip
    args, pytest_args = parser.parse_known_args(argv)
    measured = None
    if args.report:
        report = args.report
    else:
        report = Path(tempfile.mkdtemp(prefix="bench-suite-")) / "junit.xml"
        measured = run_suite(pytest_args, report)
    show(read(report), args.workers, measured)
    return 0


if __name__ == "__main__":
    sys.exit(main())
