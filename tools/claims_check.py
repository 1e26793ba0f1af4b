"""Run chapters on other base seeds and compare the claims they record (``actlab.claims``).

A chapter sets its base seed in one line of its imports cell, ``SEED = 0``; every random draw
of the chapter follows from it. This tool executes a chapter with that line set to another
value (the notebook on disk is not changed) and reads the claims recorded in its outputs.

    python3 make.py claims                     every chapter on base seeds 0 to 9
    python3 make.py claims --seeds 5 --chapter 5
    python3 make.py claims --measured          also print each claim's measured numbers
    python3 make.py claims --write             record the result for the claims ledger

It prints, for each chapter, one row per claim and one column per seed: ``+`` where the claim's
condition holds on that run, ``-`` where it fails, ``?`` where the run did not record it. An
author runs it over ten seeds before calling a chapter done; ``tests/test_claims.py`` runs the
same check on :data:`ROBUST_SEEDS` in every full test run. With ``--write`` it records, per
chapter, on how many seeds each claim held, with a fingerprint of the chapter's code cells, and
each claim as the chapter's own seed recorded it (its sentence, source, verdict and measured
numbers), in ``code/actlab/_data/claims_seeds.json``: package data, so that
``actlab.claims.on_record()`` finds it wherever ``actlab`` is installed (the book build, nbval,
the student release). The ledger shows that record while the fingerprint matches the chapter,
and says "not checked since the chapter's code changed" otherwise; chapter 10 reads the
verdicts and numbers of the other chapters from it.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from actlab import claims

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
#: The last ten-seed check of each chapter (``--write``), which the claims ledger shows and
#: ``actlab.claims.on_record`` reads (package data of ``actlab``).
RECORD = ROOT / "code" / "actlab" / "_data" / claims.RECORD_FILE
#: What the record keeps of each claim, from the run on the chapter's own seed.
RECORD_FIELDS = ("claim", "source", "verdict", "measured")
#: The base seeds the test suite reruns every chapter on, besides the chapter's own.
ROBUST_SEEDS = (10, 20)
_SEED_LINE = re.compile(r"^SEED = (\d+)\b", re.MULTILINE)


class ClaimsError(Exception):
    """A chapter cannot be run on another seed, or its run failed."""


def chapters() -> list[Path]:
    """The chapter notebooks, in course order."""
    return sorted(CHAPTERS.glob("[0-9][0-9]_*.ipynb"))


def default_seed(notebook) -> int:
    """The base seed the chapter sets (``SEED = <n>``, once, in a code cell)."""
    found = [
        int(m.group(1))
        for cell in notebook.cells
        if cell.cell_type == "code"
        for m in _SEED_LINE.finditer(cell.source)
    ]
    if len(found) != 1:
        raise ClaimsError(
            f"a chapter sets its base seed in exactly one line 'SEED = <integer>' of a code "
            f"cell; found {len(found)}"
        )
    return found[0]


def with_seed(notebook, seed: int):
    """A copy of ``notebook`` whose ``SEED = <n>`` line sets ``seed`` instead."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ClaimsError(f"a seed is an integer >= 0, got {seed!r}")
    default_seed(notebook)  # exactly one such line
    copy = nbformat.from_dict(nbformat.reader.reads(nbformat.writes(notebook)))
    for cell in copy.cells:
        if cell.cell_type == "code":
            cell.source = _SEED_LINE.sub(f"SEED = {seed}", cell.source)
    return copy


def run(path: Path, seed: int | None = None, timeout: int = 300) -> list[dict]:
    """Execute the chapter at ``path`` on base seed ``seed`` (None: its own); its claim records."""
    notebook = nbformat.read(path, as_version=4)
    if seed is not None:
        notebook = with_seed(notebook, seed)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except Exception as error:  # a cell raised: say where, on which seed
        raise ClaimsError(f"{path.name} on seed {seed}: the run failed: {error}") from error
    return claims.from_notebook(notebook)


def problems(records: list[dict], expected: list[str], seed: int) -> list[str]:
    """What is wrong with a run's claim ``records`` on ``seed``, given the keys it should record.

    A claim is missing, recorded but not expected, or false on that seed (a timing is never held
    to its condition: it depends on the machine, and no test asserts a speed).
    """
    found = {r["key"]: r for r in records}
    wrong = [f"claim {key!r}: not recorded on seed {seed}" for key in expected if key not in found]
    wrong += [f"claim {key!r}: recorded on seed {seed}, but not in the chapter's source"
              for key in found if key not in expected]  # fmt: skip
    wrong += [
        f"claim {r['key']!r} ({r['verdict']}: {r['claim']}) fails on seed {seed}: "
        f"measured {r['measured']}"
        for r in records
        if r["key"] in expected and not r["condition"] and not r.get("timing")
    ]
    return wrong


def run_seeds(path: Path, seeds: list[int], jobs: int) -> dict:
    """``{seed: records}`` for the chapter on each seed (a failed run gives its error text)."""
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return dict(zip(seeds, pool.map(lambda s: _safe_run(path, s), seeds), strict=True))


def table(path: Path, runs: dict, measured: bool = False) -> tuple[str, int]:
    """The claims × seeds table of one chapter's runs, and how many claims fail on some seed."""
    seeds = list(runs)
    done = {s: ([] if isinstance(records, str) else records) for s, records in runs.items()}
    keys = list(dict.fromkeys(r["key"] for records in done.values() for r in records))
    by_seed = {s: {r["key"]: r for r in records} for s, records in done.items()}
    width = max([len(k) + 9 for k in keys] + [5])
    lines = [f"{path.name}: {len(keys)} claims, base seeds {seeds[0]}..{seeds[-1]}"]
    lines.append(f"  {'claim':<{width}}  " + " ".join(f"{s:>3}" for s in seeds) + "  holds")
    failing = 0
    for key in keys:
        marks = [by_seed[s].get(key) for s in seeds]
        cells = ["?" if r is None else "+" if r["condition"] else "-" for r in marks]
        held = cells.count("+")
        timing = any(r and r.get("timing") for r in marks)
        failing += held < len(seeds) and not timing
        key = f"{key} (timing)" if timing else key
        lines.append(
            f"  {key:<{width}}  " + " ".join(f"{c:>3}" for c in cells) + f"  {held}/{len(seeds)}"
        )
        if measured:
            lines += [
                f"      {s:>3}: {r['measured']}" for s, r in zip(seeds, marks, strict=True) if r
            ]
    errors = [f"  seed {s}: {runs[s]}" for s in seeds if isinstance(runs[s], str)]
    return "\n".join(lines + errors), failing + len(errors)


def code_hash(notebook) -> str:
    """A fingerprint of the chapter's code cells: a ten-seed record holds while it is unchanged."""
    digest = hashlib.sha256()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            digest.update(cell.source.encode() + b"\0")
    return digest.hexdigest()[:16]


def summary(path: Path, runs: dict) -> dict:
    """What the ledger shows of a check over several seeds: per claim, how many it held on, and
    (``"claims"``) each claim as the run on the chapter's own seed recorded it: its sentence,
    source, verdict and measured numbers (empty when that seed was not among those run)."""
    notebook = nbformat.read(path, as_version=4)
    own = runs.get(default_seed(notebook))
    held: dict[str, int] = {}
    timing = set()
    for records in runs.values():
        for r in [] if isinstance(records, str) else records:
            held[r["key"]] = held.get(r["key"], 0) + bool(r["condition"])
            if r.get("timing"):
                timing.add(r["key"])
    return {
        "code": code_hash(notebook),
        "seeds": list(runs),
        "date": datetime.date.today().isoformat(),
        "held": held,
        "timing": sorted(timing),
        "claims": {
            r["key"]: {field: r[field] for field in RECORD_FIELDS}
            for r in ([] if own is None or isinstance(own, str) else own)
        },
    }


def read_record() -> dict:
    """The ten-seed checks on record (:data:`RECORD`), by chapter file name."""
    return json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}


def _safe_run(path: Path, seed: int):
    try:
        return run(path, seed)
    except ClaimsError as error:
        return str(error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=10, help="base seeds 0..N-1 (default 10)")
    parser.add_argument("--chapter", type=int, action="append", help="chapter number (repeat)")
    parser.add_argument("--measured", action="store_true", help="print the measured numbers")
    parser.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
    parser.add_argument(
        "--write",
        action="store_true",
        help=f"record each chapter's result in {RECORD.relative_to(ROOT)} (the ledger shows it)",
    )
    args = parser.parse_args(argv)
    paths = chapters()
    if args.chapter:
        paths = [p for p in paths if int(p.name[:2]) in args.chapter]
        if not paths:
            parser.error(f"no chapter numbered {args.chapter}")
    failing, record = 0, read_record()
    for path in paths:
        runs = run_seeds(path, list(range(args.seeds)), args.jobs)
        text, bad = table(path, runs, args.measured)
        print(text, "\n", flush=True)
        failing += bad
        record[path.name] = summary(path, runs)
    if args.write:
        RECORD.write_text(json.dumps(dict(sorted(record.items())), indent=1) + "\n")
        print(f"written: {RECORD.relative_to(ROOT)}")
    print(f"{failing} claim(s) fail on some seed" if failing else "every claim holds on every seed")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
