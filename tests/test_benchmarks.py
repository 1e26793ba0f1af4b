"""Every benchmark script runs, with tiny sizes, and prints its table (no timing is asserted).

The numbers are what the benchmarks are for; here only that each script still works with the
package as it is now, and that ``make.py bench`` knows every script in ``benchmarks/``. The
suite's benchmark reads a small JUnit report here rather than running the suite in the suite.
"""

import importlib
import importlib.util
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest
from scipy import special

from actlab import activations

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


# ------------------------------------------------------- bench_torch's table, without PyTorch


class _Tensor(np.ndarray):
    """The few tensor methods bench_torch calls, on a NumPy array."""

    def numpy(self):
        return self.view(np.ndarray)

    def clone(self):
        out = np.array(self).view(_Tensor)
        out.backward = lambda: np.ones(self.shape)  # the identity's derivative
        return out

    def requires_grad_(self, flag=True):
        return self

    def abs(self):
        return np.abs(self.numpy()).view(_Tensor)


def stand_in_torch(wrong=()):
    """A module with the part of PyTorch's API that bench_torch uses, computed by actlab's own
    registry (so every value agrees), except the activations named in ``wrong``, whose values
    are off by one part in a million. A result remembers its derivative for autograd.grad."""

    def wrap(act):
        def fn(t, *args, dim=None, **params):
            x = np.asarray(t)
            y = np.asarray(act(x)) * (1 + 1e-6 if act.name in wrong else 1)
            out = y.view(_Tensor)
            out.backward = lambda: act.derivative(x)
            return out

        return fn

    def array(fn):
        return lambda t, *args, **kw: np.asarray(fn(np.asarray(t), *args, **kw)).view(_Tensor)

    torch = types.ModuleType("torch")
    functional = types.SimpleNamespace()
    torch.__version__ = "stand-in"
    torch.nn = types.SimpleNamespace(functional=functional)
    torch.set_num_threads = lambda n: None
    torch.from_numpy = lambda a: a.view(_Tensor)
    torch.tensor = lambda values, dtype=None: np.asarray(values, dtype=dtype)
    torch.zeros = lambda shape, dtype=None: np.zeros(shape, dtype=dtype)
    torch.ones_like = np.ones_like
    torch.autograd = types.SimpleNamespace(grad=lambda y, x, ones: (y.backward().view(_Tensor),))
    for name in ("exp", "tanh", "expm1", "log1p"):
        setattr(torch, name, array(getattr(np, name)))
    torch.erfc, torch.clamp_min, torch.clamp = (
        array(special.erfc),
        array(np.maximum),
        array(np.clip),
    )
    torch.heaviside = lambda t, zero: wrap(activations.get("step"))(t)
    for name in activations.names():
        act = activations.get(name)
        if act.torch and act.torch.startswith("torch.nn.functional."):
            setattr(functional, act.torch.rsplit(".", 1)[1], wrap(act))
        elif act.torch and act.torch.count(".") == 1:
            setattr(torch, act.torch.split(".")[1], wrap(act))
    functional.silu = wrap(activations.get("silu"))  # swish and silu share it; same values
    return torch


@pytest.fixture
def bench_torch(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    return importlib.import_module("bench_torch")


@pytest.mark.parametrize("wrong", [(), ("relu", "tanh")])
def test_bench_torch_builds_its_table_against_a_reference(bench_torch, capsys, wrong):
    args = types.SimpleNamespace(size=2000, repeat=1, number=1)
    bench_torch.compare(stand_in_torch(wrong), args)
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert (
        lines[0] == "numpy " + np.__version__ + ", torch stand-in (1 thread), 2000 float64 values"
    )
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:] if line.split()}
    ratios = 0
    for name in activations.names():
        act = activations.get(name)
        if act.torch is None:
            assert name not in rows
            continue
        numbers = [float(v) for v in rows[name]]
        has_derivative = not act.vector_valued and name != "step"
        assert len(numbers) == (6 if has_derivative else 3), (name, rows[name])
        for ours, theirs, ratio in zip(numbers[::3], numbers[1::3], numbers[2::3], strict=True):
            assert ours >= 0 and theirs >= 0 and ratio >= 0
        ratios += 2 if has_derivative else 1
    for label in ("np.exp / torch.exp", "special.erfc / torch", "np.clip / torch.clamp"):
        assert any(line.startswith(label) for line in lines), out
    assert f"geometric mean of the {ratios} ratios:" in out
    assert any(line.startswith("over 1.5x PyTorch: ") for line in lines), out
    expected = ", ".join(name for name in activations.names() if name in wrong) or "none"
    assert f"values more than 1e-12 from PyTorch's: {expected} (ours are" in out
