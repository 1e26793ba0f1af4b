"""The claims ledger page, generated at build time from the claims the chapters record.

``appendix/claims_ledger.md`` holds the prose and one marker line, ``<!-- claims-ledger -->``.
While the book builds, this module replaces the marker by the ledger: every claim of the article
(:data:`actlab.claims.ARTICLE`), section by section, with the experiments of the course that test
it, and then the claims the course adds. Each row gives the verdict, the measured numbers of this
build, the seeds the claim is checked on, and a link to the verdict line under its experiment.

The records come from the executed chapters that the build itself writes (myst-nb's
``jupyter_execute`` folder), so the page cannot drift from the chapters. Two Sphinx events make
that work: ``env-before-read-docs`` moves the ledger to the end of the documents to read (the
chapters are executed as they are read), and ``env-get-outdated`` has it read on every build.
Loaded by ``book_extension.setup``.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
from claims_check import ROBUST_SEEDS, code_hash, default_seed, read_record
from sphinx.util import logging

from actlab import claims

LEDGER = "appendix/claims_ledger"
MARKER = "<!-- claims-ledger -->"
_TITLE = re.compile(r"^#\s+(.+)$", re.MULTILINE)
logger = logging.getLogger(__name__)


def _read_last(app, env, docnames: list) -> None:
    if LEDGER in docnames:
        docnames.remove(LEDGER)
        docnames.append(LEDGER)


def _always(app, env, added, changed, removed) -> list:
    return [LEDGER] if LEDGER in env.found_docs and LEDGER not in added | changed else []


def _fill(app, docname: str, source: list) -> None:
    if docname != LEDGER:
        return
    if MARKER not in source[0]:
        logger.warning(f"{LEDGER}: the marker {MARKER} is missing", location=docname)
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / "chapters"
    source[0] = source[0].replace(MARKER, ledger(chapter_records(executed)))


def chapter_records(folder: Path) -> list[dict]:
    """Every claim recorded in the executed chapters in ``folder``, with its chapter added."""
    records, seen, checked = [], {}, read_record()
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        title = _chapter_title(notebook) or path.stem
        parsed = nbformat.reads(json.dumps(notebook), as_version=4)
        seeds = _seeds_text(default_seed(parsed), checked.get(path.name), code_hash(parsed))
        for record in claims.from_notebook(notebook):
            if record["key"] in seen:
                logger.warning(
                    f"claims ledger: the key {record['key']!r} is recorded by {seen[record['key']]}"
                    f" and by {path.name}; keys must be unique in the course"
                )
            seen[record["key"]] = path.name
            records.append({**record, "chapter": int(path.name[:2]), "page": path.stem,
                            "title": title, "seeds": seeds})  # fmt: skip
    return records


def _seeds_text(own: int, check: dict | None, code: str) -> dict:
    """The *Seeds* cell of each claim of a chapter, by key (None: a claim not in the check)."""
    tests = f"tests: {', '.join(map(str, ROBUST_SEEDS))}"
    if check is None:
        return {None: f"own seed {own}; {tests}; not yet checked on ten"}
    if check["code"] != code:
        return {None: f"own seed {own}; {tests}; not checked on ten since the code changed"}
    seeds = check["seeds"]
    span = f"{seeds[0]}–{seeds[-1]}" if seeds == list(range(seeds[0], seeds[-1] + 1)) else seeds
    texts = {
        key: f"own seed {own}; {held}/{len(seeds)} on seeds {span} ({check['date']}); {tests}"
        for key, held in check["held"].items()
    }
    return {None: f"own seed {own}; {tests}; not in the check of {check['date']}", **texts}


def _chapter_title(notebook: dict) -> str | None:
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            found = _TITLE.search("".join(cell["source"]))
            if found:
                return found.group(1).strip()
    return None


def ledger(records: list[dict]) -> str:
    """The ledger as MyST Markdown (headings) and HTML tables."""
    by_source: dict[str, list[dict]] = {}
    for record in records:
        by_source.setdefault(record["source"], []).append(record)
    counts = {v: sum(r["verdict"] == v for r in records) for v in claims.VERDICTS}
    untested = [k for k in claims.ARTICLE if k not in by_source]
    parts = [
        f"This build records **{len(records)} claims** in "
        f"{len({r['chapter'] for r in records})} chapters: "
        + ", ".join(f"{n} {verdict}" for verdict, n in counts.items())
        + f". {len(claims.ARTICLE) - len(untested)} of the article's {len(claims.ARTICLE)} "
        f"claims are tested so far; the others show the chapter that will test them.",
        "",
    ]
    for section, title in claims.SECTIONS.items():
        keys = [k for k, (s, _, _) in claims.ARTICLE.items() if s == section]
        parts += [f"## §{section} {title}", "", _article_table(keys, by_source), ""]
    own = by_source.get(claims.COURSE, [])
    parts += ["## Claims the course adds", ""]
    parts.append(_course_table(own) if own else "None recorded yet.")
    return "\n".join(parts) + "\n"


def _article_table(keys: list[str], by_source: dict) -> str:
    groups = []
    for key in keys:
        _, chapter, text = claims.ARTICLE[key]
        rows = [f'<tr><th scope="rowgroup" colspan="4">{key}. {html.escape(text)}</th></tr>']
        tests = by_source.get(key, [])
        rows += [f"<tr>{_cells(record)}</tr>" for record in tests]
        if not tests:
            rows.append(f'<tr><td colspan="4">to be tested in chapter {chapter}</td></tr>')
        groups.append("<tbody>\n" + "\n".join(rows) + "\n</tbody>")
    return _table(("The course's test", "Verdict", "Measured", "Seeds"), groups, grouped=True)


def _course_table(records: list[dict]) -> str:
    rows = [f"<tr>{_cells(r)}</tr>" for r in records]
    return _table(("The course's claim", "Verdict", "Measured", "Seeds"), rows)


def _cells(record: dict) -> str:
    link = f"../chapters/{record['page']}.html#claim-{record['key']}"
    where = f'<a href="{link}">{html.escape(record["claim"])}</a> (ch. {record["chapter"]})'
    seeds = record["seeds"].get(record["key"], record["seeds"][None])
    verdict = record["verdict"]
    if record.get("timing"):
        seeds = "a timing on the machine that built this page; not checked across seeds"
    if not record["condition"]:  # the build's own run disagrees: say so, loudly
        verdict += " (but its condition failed on this build)"
        if not record.get("timing"):  # a timing is the machine's: the page says so, no more
            logger.warning(f"claims ledger: the condition of {record['key']!r} is false")
    return (
        f"<td>{where}</td><td>{html.escape(verdict)}</td>"
        f"<td>{html.escape(record['measured'])}</td><td>{seeds}</td>"
    )


def _table(header: tuple, rows: list[str], grouped: bool = False) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = "\n".join(rows) if grouped else "<tbody>\n" + "\n".join(rows) + "\n</tbody>"
    return f'<table class="table claims-ledger">\n<thead><tr>{head}</tr></thead>\n{body}\n</table>'


def setup(app) -> None:
    app.connect("env-before-read-docs", _read_last)
    app.connect("env-get-outdated", _always)
    app.connect("source-read", _fill)
