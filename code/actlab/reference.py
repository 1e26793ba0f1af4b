r"""The reference pages of the book, written from the registry: cards, cheat sheet, library names.

Each function returns MyST Markdown that an appendix notebook displays (``Markdown(...)``, in a
cell whose output is parsed as MyST), so a registered activation is on every page at the next
build with nothing else to edit, and nothing on these pages is typed by hand per activation:

- :func:`cards`: one card per activation (formula, derivative, a small plot, range, properties,
  value and slope at 0, parameters, when to use it, the chapter that teaches it, its papers with
  their roles, its PyTorch and JAX names);
- :func:`cheat_sheet`: one table row per activation, each linked to its card;
- :func:`library_names`: what PyTorch and JAX call each one, from
  :mod:`actlab.activations.libraries`.

Only :func:`card_image` draws (with :mod:`actlab.plotting`, imported when it is called).

>>> row = cheat_sheet(["relu"]).splitlines()[2]
>>> row.split(" | ")[:3]
['| {ref}`relu <card-relu>`', '$[0, \\infty)$', '✓']
>>> row.split(" | ")[-1]
'{doc}`6 <../chapters/06_relu>` |'
"""

import base64
import io

from .activations import get, names
from .activations.libraries import (
    DIFFERENCES,
    JAX_VERSION,
    NAMES,
    NOT_COVERED,
    TORCH_VERSION,
    Names,
)

WORDING = {"introduced": "introduced in", "popularised": "popularised by", "studied": "studied in"}


def yes(flag):
    return "✓" if flag else ""


def number(value):
    """Four significant figures; "" for None; never "-0"."""
    if value is None:
        return ""
    text = f"{value:.4g}"
    return "0" if text == "-0" else text


def inline_math(tex):
    """``$tex$``, safe in a table cell ("|" is written as ``\vert``)."""
    return "$" + tex.replace("|", r"\vert ") + "$"


def code(name):
    return f"`{name}`" if name else "—"


def anchor(name):
    """The label of an activation's card (``card-relu``), for links from other pages."""
    return f"card-{name.replace('_', '-')}"


def link(name):
    """A link to the card of ``name``, from any page."""
    return f"{{ref}}`{name} <{anchor(name)}>`"


def chapter_link(act, short=False):
    if act.chapter is None:
        return "" if short else "no chapter: this card is its reference"
    number_ = str(int(act.chapter.split("_", 1)[0]))
    target = f"../chapters/{act.chapter}"
    return f"{{doc}}`{number_} <{target}>`" if short else f"chapter {number_}, {{doc}}`{target}`"


def papers(act):
    if not act.sources:
        return "no paper: a standard function"
    return "; ".join(f"{WORDING[role]} {{cite:t}}`{key}`" for role, key in act.sources)


def properties(act):
    """The properties in words: "monotonic, smooth, bounded, odd; saturates on the left"."""
    words = [
        ("monotonic" if act.monotonic else "not monotonic"),
        ("smooth (C1)" if act.smooth else "not smooth"),
        ("bounded" if act.bounded else "unbounded"),
        ("odd" if act.odd else "not odd"),
    ]
    ends = {"both": "saturates at both ends", "left": "saturates on the left",
            "right": "saturates on the right", "neither": "saturates at neither end",
            None: "saturation: see the Jacobian"}  # fmt: skip
    return ", ".join(words) + "; " + ends[act.saturation]


def card_image(name, dpi=72):
    """A small PNG of the activation (solid) and its derivative (dashed), as a data URI."""
    import matplotlib.pyplot as plt

    from . import plotting

    (ax,) = plotting.plot_gallery([name], ncols=1)
    fig = ax.figure
    fig.set_size_inches(2.6, 1.9)
    # Fixed margins instead of the gallery's constrained layout: the same look for one panel,
    # in half the time (the layout pass took half of each card's drawing time).
    fig.set_layout_engine("none")
    ax.set_position([0.2, 0.22, 0.76, 0.66])  # left, bottom, width, height
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def card(name, image=True):
    """The card of one activation, in MyST (``image=False`` leaves the plot out)."""
    act = get(name)
    params = ", ".join(f"`{k}={v!r}`" for k, v in act.params.items()) or "none"
    if act.gated:
        plot = (
            "*A gated unit: the last axis (even length 2u) is split into a value half a and a "
            "gate half b, and the output, of width u, is a times the gate of b. No curve of one "
            "input; its derivative is a Jacobian matrix of shape (u, 2u).*"
        )
        at_zero = "f(0), f′(0): none (vector-valued)"
    elif act.vector_valued:
        plot = (
            "*A function of a whole vector (the last axis): no curve of one input. Its "
            "derivative is a Jacobian matrix.*"
        )
        at_zero = "f(0), f′(0): none (vector-valued)"
    else:
        alt = (
            f"{name} (solid line) and its derivative (dashed line) for inputs from -4 to 4, "
            "on a vertical scale from -2.2 to 4.2."
        )
        plot = f"![{alt}]({card_image(name)})" if image else ""
        at_zero = (
            f"$f(0) = {number(act.value_at_zero)}$, $f'(0) = {number(act.derivative_at_zero)}$"
        )
    return "\n".join([
        f"({anchor(name)})=",
        f"### `{name}`",
        "",
        act.summary,
        "",
        plot,
        "",
        "$$",
        f"f(x) = {act.latex}",
        "$$",
        "",
        "$$",
        f"f'(x) = {act.derivative_latex}",
        "$$",
        "",
        f"- **range** ${act.output_range}$; {at_zero}",
        f"- **properties**: {properties(act)}",
        f"- **parameters**: {params}",
        f"- **when to use it**: {act.use or '—'}",
        f"- **taught in**: {chapter_link(act)}",
        f"- **papers**: {papers(act)}",
        f"- **PyTorch**: {code(act.torch)}; **JAX**: {code(act.jax)}",
        "",
    ])  # fmt: skip


def cards(selection=None, image=True):
    """Every activation's card, in course order (or those of ``selection``)."""
    return "\n".join(card(name, image) for name in (selection or names()))


CHEAT_COLUMNS = (
    "activation", "range", "monotonic", "smooth", "bounded", "odd", "saturates", "f(0)", "f′(0)",
    "chapter",
)  # fmt: skip


def cheat_row(name):
    act = get(name)
    saturates = {"neither": "", None: "—"}.get(act.saturation, act.saturation)
    cells = [
        link(name), inline_math(act.output_range), yes(act.monotonic),
        yes(act.smooth), yes(act.bounded), yes(act.odd), saturates, number(act.value_at_zero),
        number(act.derivative_at_zero), chapter_link(act, short=True),
    ]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def cheat_sheet(selection=None):
    """The table of every activation and its properties, one row each, linked to its card."""
    head = ["| " + " | ".join(CHEAT_COLUMNS) + " |", "|" + " --- |" * len(CHEAT_COLUMNS)]
    return "\n".join(head + [cheat_row(name) for name in (selection or names())])


def _names(items):
    return ", ".join(f"`{n}`" for n in items) if items else "—"


def library_names(selection=None):
    """What torch.nn, torch.nn.functional and jax.nn call each activation, and how they differ."""
    head = [
        f"*As documented: PyTorch {TORCH_VERSION}; JAX {JAX_VERSION}.*",
        "",
        "| actlab | `torch.nn` module | PyTorch function | `jax.nn` | where they differ |",
        "|" + " --- |" * 5,
    ]
    rows = []
    for name in selection or names():
        act = get(name)
        lib = NAMES.get(name) or Names(None, act.torch, (act.jax,) if act.jax else ())
        note = DIFFERENCES.get(name, "").replace("|", r"\|")
        rows.append(
            f"| {link(name)} | {code(lib.module)} "
            f"| {code(lib.torch)} | {_names(lib.jax)} | {note} |"
        )
    return "\n".join(head + rows)


def not_covered():
    """The libraries' other entries, with what each is and why the registry leaves it out."""
    return "\n".join(f"- `{name}`: {why}." for name, why in NOT_COVERED.items())
