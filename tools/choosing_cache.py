"""Write chapter 10's cached comparison: every activation on every task of the grid, 25 seeds.

Chapter 10 compares eight activations on eight tasks (two data sets at four depths) over five
seeds out of 25 (its ``SEED`` picks which): 1,600 trainings, about five minutes on one core,
far beyond the chapter's 10-second budget. This script runs them once with
``actlab.experiments.compare`` and stores the result in ``code/actlab/_data/choosing.json``,
which ``actlab.experiments.cached()`` reads. ``tests/test_chapter10.py`` reruns one task on
one seed and checks that it gives the stored numbers (the training times are this machine's
and differ from run to run; everything else is deterministic).

    python tools/choosing_cache.py            # rewrite the cache (about 5 minutes, 2 jobs)
    python tools/choosing_cache.py --jobs 1
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from actlab.experiments import choosing, machine_facts

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "code" / "actlab" / "_data" / choosing.CACHE
#: The activations in the cache: the standard ones, and linear hidden layers as the control.
NAMES = (*choosing.STANDARD, "linear")
SEEDS = tuple(range(25))


def one_task(name: str) -> dict:
    """The comparison on one task of the grid, as JSON."""
    return choosing.compare(NAMES, {name: choosing.GRID[name]}, SEEDS).to_json()


def build(jobs: int = 2) -> dict:
    """The whole cache: :func:`one_task` for every task of the grid, merged."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        parts = list(pool.map(one_task, choosing.GRID))
    merged = {
        "tasks": list(choosing.GRID),
        "activations": list(NAMES),
        "seeds": list(SEEDS),
        "machine": machine_facts(),
    }  # what the training times depend on
    for key in choosing.SCORES:
        merged[key] = {t: p[key][t] for p, t in zip(parts, choosing.GRID, strict=True)}
    return merged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="processes at once (default 2)")
    args = parser.parse_args(argv)
    OUT.write_text(json.dumps(build(args.jobs), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"written: {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
