"""The look every figure shares: the palette, the dash patterns, how a figure gets its Axes.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common forms of
colour blindness; lines also differ in dash pattern, so a figure still reads in greyscale.
Figures that an explorer redraws get fixed margins (:func:`fixed_margins`) instead of a layout
engine: every frame lines up, and each draws about twice as fast.

>>> color(0) == OKABE_ITO["blue"], color(8) == color(0)
(True, True)
>>> power_of_ten(-6)
'10⁻⁶'
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

#: The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008).
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
#: Line colours in order of use (yellow last: it has little contrast on white).
COLORS = [OKABE_ITO[c] for c in ("blue", "vermillion", "bluish green", "orange",
                                  "reddish purple", "sky blue", "black", "yellow")]  # fmt: skip
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3))]
GREY = "#777777"


def color(i: int) -> str:
    """The ``i``-th colour of the palette (cycling)."""
    return COLORS[i % len(COLORS)]


def linestyle(i: int):
    """The ``i``-th dash pattern (cycling)."""
    return LINESTYLES[i % len(LINESTYLES)]


def axes_for(ax, figsize=(6, 3.5)):
    """``ax``, or the Axes of a new figure laid out by matplotlib's constrained layout."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def fixed_margins(ax, figsize, position):
    """``ax`` (or the Axes of a new figure of ``figsize``) placed at ``position``, a tuple
    (left, bottom, width, height) in figure fractions, with no layout engine: the margins an
    explorer's frames share, so that they line up and draw fast."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    ax.figure.set_layout_engine("none")
    ax.set_position(position)
    return ax


def reference_lines(ax, y0=True, x0=True):
    """Thin grey axes through the origin, kept out of the legend."""
    if y0:
        ax.axhline(0.0, color=GREY, linewidth=0.6, zorder=0)
    if x0:
        ax.axvline(0.0, color=GREY, linewidth=0.6, zorder=0)


def break_jumps(x: np.ndarray, y: np.ndarray, fraction: float = 0.2) -> tuple:
    """Insert NaN where ``y`` jumps, so a discontinuity (the step function) is not drawn as a
    vertical line. A jump is a change between neighbours larger than ``fraction`` of the range of
    ``y`` and ten times the median change: a coarse grid alone does not make one."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    finite = y[np.isfinite(y)]
    change = np.abs(np.diff(y))
    if finite.size < 3 or np.ptp(finite) == 0:
        return x, y
    typical = np.median(change[np.isfinite(change)])
    jumps = np.flatnonzero((change > fraction * np.ptp(finite)) & (change > 10 * typical)) + 1
    return np.insert(x, jumps, np.nan), np.insert(y, jumps, np.nan)


def power_of_ten(k: int) -> str:
    """``10`` with the exponent ``k`` in Unicode superscripts, e.g. ``10⁻⁶``; ``1`` for k = 0.

    Log axes default to mathtext labels, which take most of the drawing time of an explorer's
    frame; these plain-text labels do not."""
    if k == 0:
        return "1"
    return "10" + str(int(k)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
