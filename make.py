#!/usr/bin/env python3
"""Set up, build and test the course *From Step to Swish* with one command each.

    python3 make.py build     build the book; prints where the HTML is
    python3 make.py test      run every test (unit, notebooks, student release, book, lint, browser)
    python3 make.py release   write the student release (solutions removed) to student_release/
    python3 make.py nbgrader  lay the chapters out as an nbgrader course in nbgrader/source/
    python3 make.py student-branch  commit the student release to the git branch `student`
    python3 make.py bench     print the benchmarks (activations vs np.tanh and vs PyTorch when it
                              is installed; nn vs scikit-learn; where fit's time goes)
    python3 make.py bench suite   run the full test suite and print its time by part and the
                              marginal cost of one chapter (only when named: it takes minutes)
    python3 make.py claims    run every chapter on base seeds 0-9 and print its claims x seeds
                              (--seeds N, --chapter N, --measured: see tools/claims_check.py)
    python3 make.py env       only create or update the environment

Each command first makes sure the virtual environment ``.venv`` exists and matches
``requirements.txt`` and ``requirements-dev.txt``; it creates or updates it when it is missing or
stale. Only the Python standard library is used here, so a fresh machine needs only Python 3.10+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".requirements.sha256"
INPUTS = ["requirements.txt", "requirements-dev.txt", "code/pyproject.toml"]


def _bin(name: str) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / name


def _fingerprint() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_env() -> None:
    """Create ``.venv`` if it is missing, and reinstall when the requirements changed."""
    if sys.version_info < (3, 10):  # noqa: UP036 (make.py may be run by an older python3)
        sys.exit(f"Python 3.10 or newer is needed; this is {sys.version.split()[0]}.")
    want = _fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == want and _bin("python").exists():
        return
    if not _has_pip():
        _create_venv()
    print("Installing requirements (a few minutes the first time) ...", flush=True)
    run([_bin("python"), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([_bin("python"), "-m", "pip", "install", "--quiet", "-r", "requirements-dev.txt"])
    STAMP.write_text(want + "\n")


def _has_pip() -> bool:
    """Whether ``.venv`` exists and its pip works (a half-made one is made again)."""
    if not _bin("python").exists():
        return False
    check = [str(_bin("python")), "-m", "pip", "--version"]
    return subprocess.run(check, capture_output=True).returncode == 0


def _create_venv(attempts: int = 2) -> None:
    """Create ``.venv`` with pip; try once more if bootstrapping pip fails (seen once, briefly)."""
    for _ in range(attempts):
        print(f"Creating the environment in {VENV} ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
            return
        except subprocess.CalledProcessError as error:
            output = error.output.decode(errors="replace") if error.output else ""
            print(f"Creating the environment failed: {error}\n{output}", file=sys.stderr)
    sys.exit(
        f"Could not create {VENV} with pip. On Debian or Ubuntu, install the venv module first "
        "(sudo apt-get install python3-venv), then run this command again."
    )


def run(cmd: list, **kwargs) -> None:
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, **kwargs)
    if result.returncode:
        sys.exit(result.returncode)


def build(extra: list[str]) -> None:
    run([_bin("jupyter-book"), "build", ".", "-W", "-n", "--keep-going", *extra])
    print(f"\nThe book is at {ROOT / '_build' / 'html' / 'index.html'}")


def test(extra: list[str]) -> None:
    run([_bin("python"), "-m", "pytest", *extra])


def release(extra: list[str]) -> None:
    run([_bin("python"), "tools/release.py", "chapters", "student_release", *extra])


def nbgrader(extra: list[str]) -> None:
    """Write ``nbgrader/source/<assignment>/`` (or the course folder given) from the chapters."""
    course = extra[0] if extra else "nbgrader"
    run([_bin("python"), "tools/nbgrader_course.py", "chapters", course, *extra[1:]])


def student_branch(extra: list[str]) -> None:
    """Commit the student release of HEAD to the branch ``student`` (launch buttons open it)."""
    run([_bin("python"), "tools/student_branch.py", *extra])


BENCHMARKS = {
    "activations": "bench_activations.py",
    "torch": "bench_torch.py",  # says so and stops when PyTorch is not installed
    "nn": "bench_nn.py",
    "nn_fit": "bench_nn_fit.py",
    "suite": "bench_suite.py",  # the full test run by part; only when named
}
ON_REQUEST = {"suite"}  # not run by a bare `make.py bench`


def bench(extra: list[str]) -> None:
    """Run every benchmark (but those in ``ON_REQUEST``), or the one named with its options."""
    if extra and extra[0] in BENCHMARKS:
        names, options = [extra[0]], extra[1:]
    else:
        names, options = [n for n in BENCHMARKS if n not in ON_REQUEST], extra
    for name in names:
        print(f"== benchmarks/{BENCHMARKS[name]}", flush=True)
        run([_bin("python"), f"benchmarks/{BENCHMARKS[name]}", *options])


def claims(extra: list[str]) -> None:
    """Print each chapter's claims on several base seeds (an author's check before "done")."""
    run([_bin("python"), "tools/claims_check.py", *extra])


def env(extra: list[str]) -> None:
    print(f"The environment is ready: {VENV}")


COMMANDS = {
    "env": env,
    "build": build,
    "test": test,
    "release": release,
    "nbgrader": nbgrader,
    "student-branch": student_branch,
    "bench": bench,
    "claims": claims,
}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        sys.exit(__doc__)
    ensure_env()
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
