"""Every benchmark script runs, with tiny sizes, and prints its table (no timing is asserted).

The numbers are what the benchmarks are for; here only that each script still works with the
package as it is now, and that ``make.py bench`` knows every script in ``benchmarks/``.
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
}  # fmt: skip


def test_make_bench_runs_every_script():
    spec = importlib.util.spec_from_file_location("make", ROOT / "make.py")
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    scripts = {p.name for p in (ROOT / "benchmarks").glob("bench_*.py")}
    assert set(make.BENCHMARKS.values()) == scripts == set(TINY)


@pytest.mark.parametrize("script", sorted(TINY))
def test_benchmark_runs_with_tiny_sizes(script):
    args, expected = TINY[script]
    out = subprocess.run([sys.executable, f"benchmarks/{script}", *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    if expected is None:  # the PyTorch comparison runs where PyTorch is installed
        has_torch = importlib.util.find_spec("torch") is not None
        expected = ["geometric mean", "np.exp / torch.exp"] if has_torch else ["not installed"]
    for text in expected:
        assert text in out.stdout, out.stdout
