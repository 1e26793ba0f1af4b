"""Write chapter 5's cached long run: the deep sigmoid network until it leaves its plateau.

Chapter 5 trains a 4-layer sigmoid network on the digits for 12 epochs, and it stays at the loss
of a guess. Whether and when it leaves that plateau takes a longer run: 300 epochs, about 1.3 s
per run on this machine, three runs per base seed, beyond the chapter's 10-second budget. This
script runs ``actlab.experiments.plateau.long_run`` for base seeds 0 to 24 (the chapter's own,
the ten-seed check's and the test suite's) and stores the result in
``code/actlab/_data/plateau.json``, which ``actlab.experiments.cached_long_run`` reads.
``tests/test_chapter05.py`` reruns the start of one run and checks it gives the stored numbers.

    python tools/plateau_cache.py            # rewrite the cache (about a minute, 2 jobs)
    python tools/plateau_cache.py --jobs 1
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from actlab.experiments import machine_facts, plateau

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "code" / "actlab" / "_data" / plateau.CACHE


def build(jobs: int = 2) -> dict:
    """Every base seed's :func:`plateau.long_run`, with the settings it used."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        runs = list(pool.map(plateau.long_run, plateau.SEEDS))
    settings = {**plateau.SETTINGS, "epochs": plateau.EPOCHS, "left_at": plateau.LEFT_AT,
                "every": plateau.EVERY}  # fmt: skip
    return {
        "settings": settings,
        "seeds": list(plateau.SEEDS),
        "machine": machine_facts(),
        "runs": {str(s): r for s, r in zip(plateau.SEEDS, runs, strict=True)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="processes at once (default 2)")
    args = parser.parse_args(argv)
    OUT.write_text(json.dumps(build(args.jobs), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"written: {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
