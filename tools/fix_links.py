"""Rewrite the chapters' cross-document links as Markdown links that work on the site and in Lab.

A MyST ``{doc}`` role works on the book's site but not in JupyterLab (jupyterlab-myst turns it
into a link to ``/files/chapters/NAME``, without ``.ipynb``, which opens nothing), and a role
whose text wraps over a line break shows as raw text there. A Markdown link to the file,
``[text](02_step_function.ipynb)``, works in both: MyST-NB turns a relative link to a source
file of the book into a link to its page, and JupyterLab opens the notebook. So this tool
rewrites, in the markdown cells of the notebooks given (default: ``chapters/*.ipynb``):

- ``{doc}`text <target>``` (the text may wrap over lines) as ``[text](target.ipynb)`` (or
  ``.md``: whichever file the target is), the path relative to the notebook;
- a bare ``{doc}`target``` likewise, its text the target's title (its first ``#`` heading);
- ``[text](#label)`` where ``label`` is defined (``(label)=``) in another document of the same
  folder, not in this notebook, as ``[text](other.ipynb)``: a ``#label`` link into another
  notebook works on the site only;
- ``[text](name.md)`` where ``name.md`` is gone and ``name.ipynb`` is beside it, as
  ``[text](name.ipynb)``: a placeholder chapter that became a notebook.

It is idempotent (a second run changes nothing) and changes only the cells it rewrites; the
notebooks are read and written with nbformat, keeping cell ids and metadata. A target that is
no file is reported and the run fails (exit status 1), leaving that role as it was.

    python tools/fix_links.py                      # every chapter notebook
    python tools/fix_links.py appendix/x.ipynb     # the notebooks named
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROLE = re.compile(r"\{doc\}`(?:(?P<text>[^`<]*?)\s*<(?P<target>[^>`]+)>|(?P<bare>[^`<>]+))`")
LOCAL = re.compile(r"\]\(#(?P<label>[\w-]+)\)")
STALE_MD = re.compile(r"\]\((?P<stem>[\w./-]+)\.md(?P<anchor>#[\w-]+)?\)")
LABEL = re.compile(r"^\((?P<label>[\w-]+)\)=\s*$", re.MULTILINE)
SUFFIXES = (".ipynb", ".md")


def _file(notebook: Path, target: str) -> Path | None:
    """The document a ``{doc}`` target names (relative to the notebook, or to the book's root
    when it starts with ``/``), or None."""
    base = ROOT if target.startswith("/") else notebook.parent
    stem = (base / target.lstrip("/")).resolve()
    for suffix in ("", *SUFFIXES):
        path = stem.with_name(stem.name + suffix) if suffix else stem
        if path.suffix in SUFFIXES and path.is_file():
            return path
    return None


def _text_of(path: Path) -> str:
    import nbformat

    if path.suffix == ".ipynb":
        sources = [c.source for c in nbformat.read(path, as_version=4).cells]
    else:
        sources = [path.read_text()]
    for source in sources:
        heading = re.search(r"^# (.+)$", source, re.MULTILINE)
        if heading:
            return heading[1].strip()
    return path.stem


def _labels(path: Path) -> set[str]:
    import nbformat

    if path.suffix == ".ipynb":
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    else:
        text = path.read_text()
    return set(LABEL.findall(text))


def _link(notebook: Path, path: Path) -> str:
    return Path(os.path.relpath(path, notebook.parent)).as_posix()


def fix_source(notebook: Path, source: str, own: set[str], elsewhere: dict[str, Path],
               problems: list[str]) -> str:  # fmt: skip
    """``source`` (a markdown cell of ``notebook``) with its links rewritten."""

    def role(match: re.Match) -> str:
        target = match["target"] or match["bare"]
        path = _file(notebook, target.strip())
        if path is None:
            problems.append(f"{notebook.name}: no document for {{doc}} target {target!r}")
            return match[0]
        text = match["text"] if match["target"] else _text_of(path)
        return f"[{text.strip()}]({_link(notebook, path)})"

    def local(match: re.Match) -> str:
        label = match["label"]
        if label in own or label not in elsewhere:
            return match[0]
        return f"]({_link(notebook, elsewhere[label])})"

    def stale(match: re.Match) -> str:
        md = notebook.parent / f"{match['stem']}.md"
        ipynb = notebook.parent / f"{match['stem']}.ipynb"
        if md.is_file() or not ipynb.is_file():
            return match[0]
        return f"]({match['stem']}.ipynb{match['anchor'] or ''})"

    return STALE_MD.sub(stale, LOCAL.sub(local, ROLE.sub(role, source)))


def fix(paths: list[Path]) -> tuple[dict[Path, int], list[str]]:
    """Rewrite the notebooks in ``paths``; ``({path: cells changed}, problems)``."""
    import nbformat

    changed, problems = {}, []
    for notebook in paths:
        notebook = notebook.resolve()
        nb = nbformat.read(notebook, as_version=4)
        own = _labels(notebook)
        elsewhere = {}
        for other in sorted(notebook.parent.iterdir()):
            if other.suffix in SUFFIXES and other != notebook:
                for label in _labels(other):
                    elsewhere.setdefault(label, other)
        count = 0
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            new = fix_source(notebook, cell.source, own, elsewhere, problems)
            if new != cell.source:
                cell.source, count = new, count + 1
        if count:
            nbformat.write(nb, notebook)
        changed[notebook] = count
    return changed, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: chapters/*.ipynb")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "chapters").glob("*.ipynb"))
    changed, problems = fix(paths)
    for path, count in changed.items():
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
              f"{count} cells rewritten")  # fmt: skip
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
