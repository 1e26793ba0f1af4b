"""The claims register: each claim a chapter tests, with its verdict and the run that decides it.

At the end of an experiment a chapter records the claim the experiment tested::

    claims.record(
        "relu-sparse",
        "About half of a ReLU layer's outputs are exactly zero at the start.",
        source="6c",
        verdict="holds",
        measured=f"{zeros.min():.0%} to {zeros.max():.0%} zeros, three seeds",
        condition=0.3 < zeros.min() and zeros.max() < 0.7,
    )

The reader sees one verdict line under the experiment. ``condition`` is computed from the run:
it is what must be true for the verdict to stand. On another seed (change ``SEED`` and rerun)
the line warns when the condition fails, and the seed robustness test (``tests/test_claims.py``)
fails too, naming the claim and the seed. The full record travels in the output's metadata
(``metadata["actlab"]["claim"]``), where the claims ledger of the book and ``python3 make.py
claims`` read it (:func:`from_notebook`).

The prose around an experiment quotes no measured number: it refers to the printed output and the
verdict line. (Of the two ways to put a run's number into Markdown, MyST-NB's ``glue`` shows as a
raw role in JupyterLab with jupyterlab-myst, and ``{eval}`` works in jupyterlab-myst but needs
myst-nb's ``inline`` execution mode, which the book's cached execution is not; neither works in
both places.)

``source`` is the article's claim the experiment tests, by its id in :data:`ARTICLE` (``"5a"``:
section 5, its first claim), or ``"course"`` for a claim the course adds.

>>> record("demo-key", "Two plus two is four.", source="course",
...        verdict="holds", measured="2 + 2 = 4", condition=2 + 2 == 4)
Claim (the course's own) holds: Two plus two is four.
  Measured: 2 + 2 = 4.
>>> recorded()["demo-key"].verdict
'holds'
"""

from __future__ import annotations

import html
import importlib.resources
import json
import re
import sys
import textwrap
from dataclasses import asdict, dataclass

import numpy as np

__all__ = [
    "ARTICLE", "SECTIONS", "VERDICTS", "Claim", "OnRecord", "from_notebook", "on_record",
    "record", "recorded",
]  # fmt: skip

#: The verdicts a claim can get, from the chapter's experiment.
VERDICTS = (
    "holds",
    "holds with a nuance",
    "does not reproduce at this scale",
    "wrong as stated",
)

# The article's claims (``../shared/seed/OUTLINE.md``) in the course's words: the id, the section
# of the article, the chapter planned to test it, and the claim (indented lines continue it).
_ARTICLE_TABLE = """
0a   0  1  Hidden and output layers usually need different activations.
0b   0  1  An activation lets a unit respond strongly to some inputs and stay quiet for others.
1a   1  1  Classification and regression are different goals, and the output activation follows the
           goal.
2a   2  2  The step function, the first activation, is on above a threshold and off below it.
2b   2  2  The step function alone cannot express the non-linear world (the article calls it linear
           on both sides; it is piecewise constant).
2c   2  2  The step's derivative is zero almost everywhere, so gradient descent gets no direction.
2d   2  2  The step may do for classification but fails at regression: every output is 0 or 1.
3a   3  3  A linear output suits regression targets such as prices and temperatures.
3b   3  3  Stacked linear layers collapse into one linear map, however deep.
3c   3  3  A network with linear hidden layers cannot model non-linear data.
4a   4  4  The sigmoid gives a smooth output in (0, 1) that reads as a probability, which suits
           binary classification.
4b   4  4  The sigmoid is differentiable everywhere, which is what gradient descent and
           backpropagation need.
5a   5  5  Gradients vanish in deep sigmoid networks because the sigmoid's slope is at most 1/4, so
           early layers learn slowly.
5b   5  5  The sigmoid is not zero-centred: its outputs are all positive, so a unit's weight
           updates share one sign and training zig-zags.
6a   6  6  ReLU's slope is 1 for positive inputs, so gradients flow through deep networks and
           training is faster.
6b   6  6  ReLU is cheap: max(0, x) is much faster than the exponentials of the sigmoid and tanh.
6c   6  6  ReLU is sparse (many outputs are exactly zero), which reduces overfitting and improves
           generalisation.
7a   7  7  A ReLU unit whose input stays negative outputs 0 with slope 0: it is dead and stops
           learning.
7b   7  7  Leaky ReLU and PReLU let a small gradient through for negative inputs, which prevents
           dead units and stabilises learning.
8a   8  8  Tanh is zero-centred, sometimes converges faster than the sigmoid, and still vanishes, a
           little less.
8b   8  8  ELU eases dying ReLU and sometimes beats ReLU.
8c   8  8  Swish does well in deep networks and sometimes beats ReLU.
8d   8  9  Softmax turns an output vector into a probability distribution that sums to 1; it is not
           for hidden layers.
9a   9 10  No activation fits every task: start with ReLU in deep networks and switch to Leaky ReLU
           or PReLU when units die.
9b   9 10  Sigmoid and tanh are rare in hidden layers now but fit some output layers.
9c   9 10  Choose by experiment: try several activations and compare them on a validation set.
10a 10 10  Non-linearity is what lets a network learn complex patterns.
"""


def _article(table: str) -> dict:
    rows = []
    for line in table.strip().splitlines():
        if line.startswith(" "):
            rows[-1][-1] += " " + line.strip()
        else:
            rows.append(line.split(maxsplit=3))
    return {key: (int(section), int(chapter), claim) for key, section, chapter, claim in rows}


#: The article's claims: id -> (section of the article, chapter that tests it, the claim). The
#: claims ledger lists every one of them, tested or not yet.
ARTICLE = _article(_ARTICLE_TABLE)

#: The sections of the article (``../shared/seed/OUTLINE.md``), by number.
SECTIONS = {
    0: "What activations do",
    1: "Two goals of a network",
    2: "The step function",
    3: "The linear activation",
    4: "The sigmoid",
    5: "The fall of the sigmoid",
    6: "The ReLU revolution",
    7: "Dying ReLU; Leaky ReLU and PReLU",
    8: "Beyond the sigmoid and ReLU",
    9: "Choosing an activation",
    10: "Conclusion",
}
COURSE = "course"
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_COLOURS = {  # Okabe–Ito; the verdict is always written out too
    "holds": "#009E73",
    "holds with a nuance": "#E69F00",
    "does not reproduce at this scale": "#56B4E9",
    "wrong as stated": "#D55E00",
}
_WIDTH = 79  # the code column of the site
_register: dict[str, Claim] = {}


@dataclass(frozen=True)
class Claim:
    """One recorded claim: what is claimed, where it comes from, the verdict and its evidence."""

    key: str
    claim: str
    source: str
    verdict: str
    measured: str
    condition: bool
    timing: bool = False

    @property
    def section(self) -> int | None:
        """The article's section the claim comes from (None for the course's own claims)."""
        return None if self.source == COURSE else ARTICLE[self.source][0]

    def origin(self) -> str:
        where = (
            "the course's own"
            if self.source == COURSE
            else f"article §{self.section}, claim {self.source}"
        )
        return f"{where}; a timing on this machine" if self.timing else where

    def __str__(self) -> str:
        lines = textwrap.wrap(f"Claim ({self.origin()}) {self.verdict}: {self.claim}", _WIDTH)
        lines += textwrap.wrap(
            f"Measured: {self.measured.rstrip('.')}.",
            _WIDTH,
            initial_indent="  ",
            subsequent_indent="  ",
        )
        if not self.condition:
            lines += textwrap.wrap(
                self._warning(),
                _WIDTH,
                initial_indent="  ",
                subsequent_indent="    ",
            )
        return "\n".join(lines)

    def _warning(self) -> str:
        if self.timing:
            return (
                "! Not on this machine: the timing the verdict rests on came out "
                "otherwise here. Timings depend on the CPU, the NumPy build and what "
                "else the machine is doing; the verdict describes the machine that "
                "built the course."
            )
        return (
            "! Not on this run: what the verdict rests on is false here. If you "
            "changed SEED, the verdict was checked on other seeds (see the claims "
            "ledger); if not, please report it."
        )

    def to_dict(self) -> dict:
        return asdict(self)

    def _repr_html_(self) -> str:
        colour = _COLOURS[self.verdict]
        warning = ""
        if not self.condition:
            head, rest = self._warning().split(": ", 1)
            warning = f"<br><strong>{head}:</strong> {html.escape(rest)}"
        return (
            f'<div class="actlab-claim" id="claim-{self.key}" role="note" '
            f'style="border-left: 4px solid {colour}; padding: 0.2em 0.8em;">'
            f"Claim ({html.escape(self.origin())}) "
            f'<strong class="actlab-verdict">{self.verdict}</strong>: '
            f"{html.escape(self.claim)}<br>"
            f"<small>Measured: {html.escape(self.measured.rstrip('.'))}.</small>"
            f"{warning}</div>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/plain": str(self), "text/html": self._repr_html_()}
        return data, {"actlab": {"claim": self.to_dict()}}


def record(key, claim, *, source, verdict, measured, condition, timing=False) -> None:
    """Record the claim an experiment tested and show its verdict line.

    ``key`` is a stable name (lower-case words joined by hyphens, unique in the course), ``claim``
    the claim as the chapter states it, ``source`` an id of :data:`ARTICLE` or ``"course"``,
    ``verdict`` one of :data:`VERDICTS`, ``measured`` the measured numbers as text, and
    ``condition`` a bool computed from the run: what must be true for the verdict to stand.
    ``timing=True`` marks a claim about speed: its condition depends on the machine, not on the
    seed, so the seed robustness test and the ten-seed check do not hold it to its condition
    (a test never asserts a timing); its line says it is a timing on this machine.
    Recording a key again (a cell run twice) replaces the earlier record; :func:`recorded`
    returns the records.
    """
    where = "claims.record"
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError(
            f"{where}: key must be lower-case letters and digits in words joined by "
            f"hyphens, like 'relu-sparse', got {key!r}"
        )
    claim = _text(claim, "claim", where)
    measured = _text(measured, "measured", where)
    if source != COURSE and source not in ARTICLE:
        raise ValueError(
            f"{where}: source must be 'course' or an article claim id from claims.ARTICLE "
            f"({', '.join(ARTICLE)}), got {source!r}"
        )
    if verdict not in VERDICTS:
        raise ValueError(
            f"{where}: verdict must be one of {', '.join(map(repr, VERDICTS))}, got {verdict!r}"
        )
    if not isinstance(timing, bool):
        raise TypeError(f"{where}: timing must be True or False, got {timing!r}")
    result = Claim(key, claim, source, verdict, measured, _boolean(condition, where), timing)
    _register[key] = result
    _show(result)


def recorded() -> dict[str, Claim]:
    """The claims recorded in this process so far, by key, in the order first recorded."""
    return dict(_register)


def from_notebook(notebook) -> list[dict]:
    """The claim records in an executed notebook's outputs (a dict as nbformat reads it).

    Each record is :meth:`Claim.to_dict` with ``"cell"``, the index of its cell, added. A key
    recorded twice keeps its last record.
    """
    found = {}
    for index, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", ()):
            claim = output.get("metadata", {}).get("actlab", {}).get("claim")
            if claim is not None:
                found[claim["key"]] = {**claim, "cell": index}
    return list(found.values())


def _text(value, name, where) -> str:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(
            f"{where}: {name} must be a non-empty string, got {type(value).__name__} {value!r}"
        )
    return " ".join(value.split())


def _boolean(value, where) -> bool:
    """``condition`` as a bool: True, False or a NumPy bool (an array must be reduced first)."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    shape = getattr(value, "shape", None)
    hint = f" of shape {shape}: reduce it with .all() or .any()" if shape else f" {value!r}"
    raise TypeError(
        f"{where}: condition must be True or False, computed from the run, "
        f"got {type(value).__name__}{hint}"
    )


def _show(claim: Claim) -> None:
    """Display the verdict line in a running IPython kernel, else print it."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and getattr(shell, "kernel", None) is not None:
        from IPython.display import display

        display(claim)
    else:
        print(claim)


#: The file, in ``actlab/_data/``, that holds the last check of every chapter over ten seeds
#: (``python3 make.py claims --write``, ``tools/claims_check.py``).
RECORD_FILE = "claims_seeds.json"


@dataclass(frozen=True)
class OnRecord:
    """A claim as the last check over several seeds recorded it (see :func:`on_record`)."""

    key: str
    chapter: int  # the chapter's number
    page: str  # the chapter's file name without its suffix, e.g. "06_relu"
    claim: str
    source: str
    verdict: str
    measured: str  # on the chapter's own seed
    held: int  # on how many of the seeds checked the condition held
    seeds: int  # how many seeds were checked
    date: str
    timing: bool = False

    @property
    def section(self) -> int | None:
        """The article's section the claim comes from (None for the course's own claims)."""
        return None if self.source == COURSE else ARTICLE[self.source][0]

    def __str__(self) -> str:
        held = "a timing" if self.timing else f"held on {self.held} of {self.seeds} seeds"
        lines = textwrap.wrap(
            f"{self.source} (ch. {self.chapter}) {self.verdict}, {held}: {self.claim}",
            _WIDTH,
            subsequent_indent="    ",
        )
        lines += textwrap.wrap(
            f"Measured: {self.measured.rstrip('.')}.",
            _WIDTH,
            initial_indent="    ",
            subsequent_indent="    ",
        )
        return "\n".join(lines)


def on_record(source=None, chapter=None) -> dict[str, OnRecord]:
    """The claims of the last check over several seeds, by key, in chapter order.

    Each chapter's claims as its own seed recorded them (sentence, source, verdict, measured
    numbers) and on how many seeds each held, read from the record that ``python3 make.py
    claims --write`` keeps in ``actlab/_data/claims_seeds.json`` (package data, so it is found
    wherever ``actlab`` is installed). A chapter whose claims are not on record yet is
    missing. ``source`` (an article id such as ``"6a"``, or ``"course"``) and ``chapter`` (a
    number) keep only the claims that match.

    >>> relu = on_record(source="6a")
    >>> all(c.source == "6a" and c.chapter in (5, 6) for c in relu.values())
    True
    """
    where = "claims.on_record"
    if source is not None and source != COURSE and source not in ARTICLE:
        raise ValueError(
            f"{where}: source must be None, 'course' or an article claim id from "
            f"claims.ARTICLE ({', '.join(ARTICLE)}), got {source!r}"
        )
    if chapter is not None and (isinstance(chapter, bool) or not isinstance(chapter, int)):
        raise TypeError(f"{where}: chapter must be None or a chapter number, got {chapter!r}")
    path = importlib.resources.files(__package__).joinpath("_data").joinpath(RECORD_FILE)
    record = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    found = {}
    for name in sorted(record):
        check = record[name]
        number = int(name[:2])
        if chapter is not None and number != chapter:
            continue
        for key, text in check.get("claims", {}).items():
            if source is not None and text["source"] != source:
                continue
            found[key] = OnRecord(
                key, number, name.rsplit(".", 1)[0], text["claim"], text["source"],
                text["verdict"], text["measured"], check["held"].get(key, 0),
                len(check["seeds"]), check["date"], key in check.get("timing", ()),
            )  # fmt: skip
    return found
