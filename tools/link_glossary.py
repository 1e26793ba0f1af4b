"""Link each glossary term's first use in every chapter to the glossary (appendix/glossary.md).

Run from the repository root: ``.venv/bin/python tools/link_glossary.py`` (``--check`` only
reports, and exits 1 if a chapter would change). It is idempotent: a term already linked in a
chapter is left alone, so running it again changes nothing; after a chapter is edited or a term
is added to the glossary, run it again.

The terms are read from the glossary page itself (the ``glossary`` directive), so a term added
there needs no edit here. A term's first use is its first occurrence, in reading order, in the
chapter's Markdown (the markdown cells of a notebook, or a Markdown page), in a form of
:data:`FORMS` (its plurals and other inflections; the term itself, else), case-insensitively and
as a whole word (``activation`` is not found inside ``pre-activation``). It becomes a ``{term}``
role with the words as written: ``{term}`epoch```, ``{term}`Epochs <epoch>```. Never touched:
headings, code (inline and fenced), math, links and other roles, HTML, directive and option
lines, and a match that would span a line break (a role broken over two lines shows raw in
JupyterLab).

Why ``{term}`` rather than a Markdown link: on the site it is Sphinx's link to the term; in
JupyterLab, jupyterlab-myst shows the role's text as a plain word (checked with the pinned
jupyterlab-myst: no raw markup, nothing marked "not found"), as the chapters' tests require.

Notebooks are edited with nbformat (cell sources only: ids, metadata, and the absence of
outputs are kept); a file is written only if one of its cells changed. Written model answers
(markdown cells nbgrader marks as solutions) are skipped: the student release replaces them.

>>> link_text("The losses fall. The loss is low.", {"losses": "loss", "loss": "loss"})
'The {term}`losses <loss>` fall. The loss is low.'
>>> link_text("## Loss\\nA `loss` and $loss$; then a loss.", {"loss": "loss"})
'## Loss\\nA `loss` and $loss$; then a {term}`loss`.'
>>> text = link_text("Pre-activations, then activations.", {"activations": "activation"})
>>> text
'Pre-activations, then {term}`activations <activation>`.'
>>> link_text(text, {"activation": "activation"}) == text  # linked already: left alone
True
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "appendix" / "glossary.md"

# Surface forms beyond the term itself, as the chapters write them.
FORMS = {
    "activation": ["activation functions", "activation function", "activations", "activation"],
    "pre-activation": ["pre-activations", "pre-activation"],
    "unit": ["units", "unit"],
    "neuron": ["neurons", "neuron"],
    "weight": ["weights", "weight"],
    "bias": ["biases", "bias"],
    "hidden layer": ["hidden layers", "hidden layer"],
    "output layer": ["output layers", "output layer"],
    "non-linear": ["non-linearity", "non-linear"],
    "threshold": ["thresholds", "threshold"],
    "derivative": ["derivatives", "derivative"],
    "loss": ["losses", "loss"],
    "gradient": ["gradients", "gradient"],
    "learning rate": ["learning rates", "learning rate"],
    "mini-batch": ["mini-batches", "mini-batch"],
    "epoch": ["epochs", "epoch"],
    "seed": ["seeds", "seed"],
    "calibration": ["calibration", "calibrated"],
    "saturation": ["saturation", "saturates", "saturated", "saturating", "saturate"],
    "vanishing gradient": ["vanishing gradients", "vanishing gradient"],
    "dead unit": ["dead units", "dead unit"],
    "logit": ["logits", "logit"],
    "sparse": ["sparsity", "sparse"],
    "gated unit": ["gated units", "gated unit"],
    "self-normalising": ["self-normalising"],
}

# Spans never linked: roles (with their target), code, math, links, HTML, URLs.
PROTECTED = re.compile(
    r"\{[a-z][\w:-]*\}`[^`]*`"  # a role, {cite}`key`
    r"|`[^`\n]*`"  # inline code
    r"|\$\$.*?\$\$"  # display math
    r"|\$[^$\n]*\$"  # inline math
    r"|\\\(.*?\\\)"  # \( ... \)
    r"|!?\[[^\]\n]*\]\([^)\n]*\)"  # a link or an image
    r"|<[^>\n]*>"  # HTML
    r"|https?://\S+",
    re.S,
)
FENCE = re.compile(r"^\s*(`{3,}|:{3,})(.*)$")
TEXT_DIRECTIVES = re.compile(
    r"\{(exercise|solution|admonition|note|tip|warning|important|hint|seealso|dropdown|"
    r"caution|attention|danger|error)[\w-]*\}"
)


def glossary_terms(path: Path = GLOSSARY) -> list[str]:
    """The terms of the glossary directive on ``path``, in its order."""
    text = path.read_text()
    block = re.search(r"^```\{glossary\}\n(.*?)^```", text, re.S | re.M)[1]
    return [line.strip() for line in block.splitlines() if line and not line[0].isspace()]


def forms(terms: list[str]) -> dict[str, str]:
    """Surface form -> term, longest forms first (so "dead units" wins over "units")."""
    table = {form: term for term in terms for form in FORMS.get(term, [term])}
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


def linkable_lines(text: str):
    """(start, end) of each line of ``text`` outside code fences and not a heading or fence."""
    fences, pos, math = [], 0, None  # math: the line that closes the display math we are in
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        stripped = line.strip()
        if math:
            if (math == "$$" and "$$" in line) or (math != "$$" and stripped.startswith(math)):
                math = None
            continue
        if line.count("$$") % 2:
            math = "$$"
            continue
        env = re.match(r"\\begin\{(\w+\*?)\}", stripped)
        if env and f"\\end{{{env[1]}}}" not in line:
            math = f"\\end{{{env[1]}}}"
            continue
        fence = FENCE.match(line)
        if fence:
            marks, info = fence.groups()
            if fences and marks == fences[-1][0] and not info.strip():
                fences.pop()
            else:
                directive = TEXT_DIRECTIVES.match(info.strip())
                fences.append((marks, bool(directive) or marks.startswith(":")))
            continue
        in_code = any(not linkable for _, linkable in fences)
        if in_code or stripped.startswith("#") or re.match(r":[\w-]+:", stripped):
            continue
        yield start, start + len(line.rstrip("\n"))


def _pattern(form: str) -> re.Pattern:
    words = r"[ ]+".join(re.escape(w) for w in form.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


def already_linked(text: str, term: str) -> bool:
    t = re.escape(term)
    return re.search(rf"\{{term\}}`(?:[^`<]*<{t}>|{t})`", text, re.I) is not None


def role(words: str, term: str) -> str:
    """``{term}`loss``` where the words are the term, else ``{term}`Losses <loss>```."""
    return f"{{term}}`{words}`" if words == term else f"{{term}}`{words} <{term}>`"


def first_use(text: str, form: str, lines) -> tuple[int, int] | None:
    """The span of the first occurrence of ``form`` in the linkable parts of ``text``."""
    pattern = _pattern(form)
    for start, end in lines:
        line = text[start:end]
        safe = [(m.start(), m.end()) for m in PROTECTED.finditer(line)]
        for m in pattern.finditer(line):
            if not any(a < m.end() and m.start() < b for a, b in safe):
                return start + m.start(), start + m.end()
    return None


def link_text(text: str, table: dict[str, str], done: set | None = None) -> str:
    """``text`` with the first use of each term not yet linked (nor in ``done``) linked.

    ``table`` maps surface forms to terms (see :func:`forms`); ``done`` collects the terms
    linked so far, across the cells of one chapter.
    """
    done = set() if done is None else done
    for term in dict.fromkeys(table.values()):
        if term in done or already_linked(text, term):
            done.add(term)
            continue
        best = None
        for form, owner in table.items():
            if owner != term:
                continue
            span = first_use(text, form, list(linkable_lines(text)))
            if span and (best is None or span[0] < best[0]):
                best = span
        if best:
            a, b = best
            text = text[:a] + role(text[a:b], term) + text[b:]
            done.add(term)
    return text


def _is_answer(cell) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("solution"))


def link_chapter(path: Path, table: dict[str, str]) -> bool:
    """Link the first uses in the chapter ``path`` (.ipynb or .md); True if it changed."""
    if path.suffix == ".md":
        old = path.read_text()
        new = link_text(old, table)
        if new != old:
            path.write_text(new)
        return new != old
    nb = nbformat.read(path, as_version=4)
    # Model answers are left alone: the student release replaces them, and the first use a
    # student reads would then be unlinked.
    cells = [c for c in nb.cells if c.cell_type == "markdown" and not _is_answer(c)]
    done: set = set()
    for cell in cells:  # a term linked in an earlier cell counts for the later ones
        done |= {t for t in table.values() if already_linked(cell.source, t)}
    changed = False
    for cell in cells:
        new = link_text(cell.source, table, done)
        if new != cell.source:
            cell.source, changed = new, True
    if changed:
        nbformat.write(nb, path)
    return changed


def chapters(root: Path = ROOT) -> list[Path]:
    """Every chapter: its notebook, or the page that stands in for it until it is written."""
    return sorted([*root.glob("chapters/*.ipynb"), *root.glob("chapters/*.md")])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; exit 1 on a change")
    args = parser.parse_args(argv)
    table = forms(glossary_terms())
    stale = []
    for path in chapters():
        if args.check:
            before = path.read_bytes()
            changed = link_chapter(path, table)
            path.write_bytes(before)
        else:
            changed = link_chapter(path, table)
        if changed:
            stale.append(path.relative_to(ROOT).as_posix())
    verb = "would change" if args.check else "changed"
    print(f"{verb}: {', '.join(stale) or 'nothing'}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
