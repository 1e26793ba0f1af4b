"""Every benchmark script runs, with tiny sizes, and prints its table (no timing is asserted).

The numbers are what the benchmarks are for; here only that each script still works with the
package as it is now, and that ``make.py bench`` knows every script in ``benchmarks/``. The
suite's benchmark reads a small JUnit report here rather than running the suite in the suite.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TINY = {
    "bench_activations.py": (["--size", "2000", "--repeat", "1", "--number", "1"],
                             ["np.tanh", "targets missed"]),
    "bench_torch.py": (["--size", "2000", "--repeat", "1", "--number", "1"], None),
    "bench_nn.py": (["--epochs", "1", "--repeat", "1"], ["actlab", "scikit-learn"]),
    "bench_nn_fit.py": (["--epochs", "1", "--repeat", "1", "--number", "2", "--size", "64"],
                        ["fit with recording", "end-of-epoch passes", "relu backward"]),
    # reads a small report (below) instead of running the suite inside the suite: two chapters
    # whose nbval runs took 3 + 5 s, a book 12 s, nbgrader 20 s: (8 + 12 + 20) / 2 = 20 s each
    "bench_suite.py": (["--report", "{junit}", "--workers", "2"],
                       ["wall time    50.0 s", "notebooks (nbval)", "book build + site", "01_a",
                        "one chapter costs about 20.0 s of test time", "40.0 s over 2 chapters",
                        "about 10.0 s of wall time on 2 workers", "2 failed, 5 passed"]),
}  # fmt: skip
JUNIT = """<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0"
 failures="2" skipped="0" tests="7" time="50.0">
<testcase classname="tests.test_nn" name="test_a" time="0.5"/>
<testcase classname="tests.test_nn.TestB" name="test_b" time="0.5"><failure message="x"/></testcase>
<testcase classname="chapters.01_a.ipynb" name="Cell 0@chapters/01_a.ipynb" time="3.0"/>
<testcase classname="chapters.02_b.ipynb" name="Cell 0@chapters/02_b.ipynb" time="5.0"/>
<testcase classname="tests.test_book" name="test_build_has_no_warnings@book" time="12.0"/>
<testcase classname="tests.test_nbgrader" name="test_c[01_a]" time="20.0"/>
<testcase classname="tests.test_lint" name="test_ruff_check" time="1.0"><failure/></testcase>
</testsuite></testsuites>
"""


def test_make_bench_runs_every_script():
    spec = importlib.util.spec_from_file_location("make", ROOT / "make.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    scripts = {p.name for p in (ROOT / "benchmarks").glob("bench_*.py")}
    assert set(make.BENCHMARKS.values()) == scripts == set(TINY)


@pytest.mark.parametrize("script", sorted(TINY))
def test_benchmark_runs_with_tiny_sizes(script, tmp_path):
    args, expected = TINY[script]
    (tmp_path / "junit.xml").write_text(JUNIT)
    args = [a.replace("{junit}", str(tmp_path / "junit.xml")) for a in args]
    out = subprocess.run([sys.executable, f"benchmarks/{script}", *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    if expected is None:  # the PyTorch comparison runs where PyTorch is installed
        has_torch = importlib.util.find_spec("torch") is not None
        expected = ["geometric mean", "np.exp / torch.exp"] if has_torch else ["not installed"]
    for text in expected:
        assert text in out.stdout, out.stdout
