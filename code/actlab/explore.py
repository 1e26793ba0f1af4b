"""Explorers: a plot with controls that responds live in Jupyter and on the static book.

``explorer(draw, controls)`` returns an object that Jupyter displays in one of two ways:

- in a running kernel, as ipywidgets controls plus an image that the kernel redraws (one reused
  matplotlib figure, frames cached) whenever a control changes;
- in the book build (environment variable ``ACTLAB_STATIC=1``, set by the book's Sphinx
  extension ``tools/book_extension.py``), as self-contained HTML: a labelled ``<input
  type=range>`` per numeric control, a ``<select>`` per choice control, an ``<img>`` with alt
  text, every frame rendered in advance into a JSON block, and a few lines of script that swap
  the image (built by :mod:`actlab._explore_html`). No widget state, no external request.

Every combination of control values is one frame, so the frame count is the product of the control
sizes: keep it to about 50-100 and fix the axis limits in ``draw`` so that frames do not jump.

>>> def draw(ax, w, act):
...     ax.plot([0, 1], [0, w])
>>> e = explorer(draw, {"w": [0.5, 1.0, 2.0], "act": ["relu", "tanh"]})
>>> e.n_frames
6
"""

from __future__ import annotations

import inspect
import io
import itertools
import math
import numbers
from collections.abc import Callable, Mapping

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import _validate
from ._explore_html import img_tag, static_html
from ._static import STATIC_ENV, static_build  # noqa: F401 (STATIC_ENV re-exported)

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
MAX_FRAMES = 150


def _control(name, raw) -> tuple[list, list[str], bool]:
    """Check one control's values; return them as Python scalars, their texts, and numeric-ness."""
    if isinstance(raw, (str, bytes)) or not hasattr(raw, "__iter__"):
        raise TypeError(f"explorer(): control {name!r} needs a list of values, got {raw!r}")
    vals = [v.item() if isinstance(v, np.generic) else v for v in list(raw)]
    if not vals:
        raise ValueError(f"explorer(): control {name!r} has no values")
    if all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in vals):
        if not all(math.isfinite(v) for v in vals) or any(np.diff(vals) <= 0):
            raise ValueError(
                f"explorer(): the values of control {name!r} must be finite and strictly "
                f"increasing, got {vals}"
            )
        for spec in (".4g", ".10g", ".17g"):  # the shortest texts that tell values apart
            texts = [format(v, spec) for v in vals]
            if len(set(texts)) == len(texts):
                return vals, texts, True
    if not all(isinstance(v, (str, bool)) for v in vals):
        raise TypeError(f"explorer(): control {name!r} needs numbers or strings, got {vals}")
    texts = [str(v) for v in vals]
    if len(set(texts)) != len(texts):
        raise ValueError(f"explorer(): control {name!r} has repeated values {vals}")
    return vals, texts, False


class Explorer:
    """A plot over a grid of control values; made by :func:`explorer`, which documents it."""

    def __init__(self, draw, controls, labels, alt, figsize, dpi, initial, fmt, max_frames):
        if not callable(draw):
            raise TypeError(
                f"explorer(): draw must be callable as draw(ax, **values), got {draw!r}"
            )
        where = "explorer()"
        if not isinstance(controls, Mapping):
            raise TypeError(
                f"{where}: controls must be a non-empty dict name -> values, got "
                f"{type(controls).__name__}"
            )
        if not controls:
            raise ValueError(f"{where}: controls must be a non-empty dict name -> values")
        for name in controls:
            if not isinstance(name, str) or not name.isidentifier():
                raise TypeError(
                    f"{where}: control names are passed to draw by keyword, so each must be a "
                    f"Python identifier (a str); got {name!r}"
                )
        labels = _validate.mapping(labels, "labels", where)
        initial = _validate.mapping(initial, "initial", where)
        for what, given in (("labels", labels), ("initial", initial)):
            if unknown := sorted(set(given) - set(controls), key=repr):
                raise ValueError(
                    f"{where}: {what} has unknown control(s) {unknown}; "
                    f"the controls are {list(controls)}"
                )
        if not isinstance(fmt, str):
            raise TypeError(f"{where}: fmt must be 'svg' or 'png' (a str), got {fmt!r}")
        if fmt not in ("svg", "png"):
            raise ValueError(f"{where}: fmt must be 'svg' or 'png', got {fmt!r}")
        figsize = _validate.positive_pair(figsize, "figsize", where, "(width, height) in inches")
        dpi = _validate.positive(dpi, "dpi", where)
        pixels = [round(side * dpi) for side in figsize]
        if min(pixels) < 1 or max(pixels) >= 2**16:
            raise ValueError(
                f"{where}: figsize * dpi is {pixels[0]} x {pixels[1]} pixels; each side must be "
                f"1 to 65535 pixels (figsize={figsize}, dpi={dpi:g})"
            )
        max_frames = _validate.positive_int(max_frames, "max_frames", where)
        if not (alt is None or isinstance(alt, str) or callable(alt)):
            raise TypeError(f"{where}: alt must be a str.format template, a callable or None")
        self.names = list(controls)
        self.values, self.texts, self.numeric = zip(
            *(_control(name, raw) for name, raw in controls.items()), strict=True
        )
        self.labels = [str(labels.get(name, name)) for name in self.names]
        self.n_frames = math.prod(len(v) for v in self.values)
        if self.n_frames > max_frames:
            raise ValueError(
                f"explorer(): {' x '.join(str(len(v)) for v in self.values)} = {self.n_frames} "
                f"frames exceeds max_frames={max_frames}; use fewer values per control"
            )
        self.current = [
            len(v) // 2 if num else 0 for v, num in zip(self.values, self.numeric, strict=True)
        ]
        for i, name in enumerate(self.names):
            if name in initial:
                self.current[i] = self._find(i, initial[name])
        try:
            inspect.signature(draw).bind(None, **self._kwargs(self.current))
        except TypeError as exc:
            raise TypeError(
                f"explorer(): draw cannot be called as draw(ax, {', '.join(self.names)}): {exc}"
            ) from None
        except ValueError:  # some builtins have no signature
            pass
        self.draw, self.alt, self.fmt = draw, alt, fmt
        self.figsize, self.dpi = figsize, dpi
        self._figure, self._frames, self._widget = None, {}, None
        self.alt_text(self.current)  # a bad alt template fails now, not at display time

    def _find(self, i: int, value) -> int:
        for k, v in enumerate(self.values[i]):
            if v == value or (
                self.numeric[i]
                and isinstance(value, numbers.Real)
                and math.isclose(v, value, rel_tol=1e-9, abs_tol=1e-12)
            ):
                return k
        raise ValueError(
            f"explorer(): initial value {value!r} of control {self.names[i]!r} is "
            f"not one of its values {self.values[i]}"
        )

    def _index(self, index, where: str) -> list[int]:
        """``index`` checked: one position per control, each within that control's values."""
        sizes = [len(v) for v in self.values]
        shape = ", ".join(f"{n}: 0..{k - 1}" for n, k in zip(self.names, sizes, strict=True))
        if isinstance(index, (str, bytes)) or not hasattr(index, "__len__"):
            raise TypeError(f"{where}: index must list one position per control ({shape}); "
                            f"got {index!r}")  # fmt: skip
        if len(index) != len(sizes):
            raise ValueError(f"{where}: index must list one position per control ({shape}); "
                             f"got {len(index)} positions")  # fmt: skip
        for name, k, size in zip(self.names, index, sizes, strict=True):
            _validate.positive_int(k, f"index of {name!r}", where, minimum=0)
            if k >= size:
                raise ValueError(f"{where}: index of {name!r} must be 0..{size - 1}, got {k}")
        return [int(k) for k in index]

    def _kwargs(self, index: list[int]) -> dict:
        return {n: vals[k] for n, vals, k in zip(self.names, self.values, index, strict=True)}

    def _flat(self, index: list[int]) -> int:
        return int(np.ravel_multi_index(index, [len(v) for v in self.values]))

    def alt_text(self, index: list[int]) -> str:
        """The alt text of the frame at ``index`` (one position per control)."""
        index = self._index(index, "Explorer.alt_text")
        kwargs = self._kwargs(index)
        if self.alt is None:
            parts = (
                f"{lab} = {t[k]}" for lab, t, k in zip(self.labels, self.texts, index, strict=True)
            )
            text = "Plot for " + ", ".join(parts)
        else:
            try:
                text = self.alt(**kwargs) if callable(self.alt) else self.alt.format(**kwargs)
            except (KeyError, IndexError) as exc:
                raise ValueError(f"explorer(): alt template {self.alt!r} failed: {exc!r}") from None
        if not isinstance(text, str) or not text.strip():
            raise ValueError(
                f"explorer(): alt gave {text!r} for {kwargs}; it must be a non-empty "
                f"string describing the frame"
            )
        return text

    def frame(self, index: list[int]) -> bytes:
        """The image (SVG or PNG bytes) at ``index``, drawn on one reused figure and cached."""
        index = self._index(index, "Explorer.frame")
        key = self._flat(index)
        if key not in self._frames:
            if self._figure is None:
                self._figure = Figure(figsize=self.figsize, dpi=self.dpi, layout="constrained")
                FigureCanvasAgg(self._figure)
            fig = self._figure
            fig.clear()
            self.draw(fig.add_subplot(), **self._kwargs(index))
            buf = io.BytesIO()
            # The alt text goes in as the image's title: it describes the frame, and frames that
            # look alike (a step function for two positive weights) still differ.
            drop = ["Creator", "Date", "Format", "Type"] if self.fmt == "svg" else ["Software"]
            meta = {"Title": self.alt_text(index), **dict.fromkeys(drop)}
            with matplotlib.rc_context({"svg.hashsalt": "actlab", "svg.fonttype": "path"}):
                fig.savefig(buf, format=self.fmt, metadata=meta)
            data = buf.getvalue()
            self._frames[key] = data[data.index(b"<svg") :] if self.fmt == "svg" else data
        return self._frames[key]

    def _img(self, index: list[int]) -> str:
        width, height = (round(s * self.dpi) for s in self.figsize)
        return img_tag(self.frame(index), self.fmt, self.alt_text(index), width, height)

    def to_html(self) -> str:
        """Self-contained HTML: native controls, every frame in a JSON block, a small script."""
        grid = [list(index) for index in itertools.product(*(range(len(v)) for v in self.values))]
        frames = [self.frame(index) for index in grid]
        alts = [self.alt_text(index) for index in grid]
        return static_html(
            self.labels,
            self.texts,
            self.numeric,
            self.current,
            frames,
            alts,
            self.fmt,
            self._img(self.current),
        )

    def widget(self):
        """The live ipywidgets view (built once): controls plus an image redrawn on change."""
        if self._widget is None:
            import ipywidgets as widgets

            style = {"description_width": "initial"}
            image = widgets.HTML(self._img(self.current))
            controls = []
            for i, (label, vals, texts) in enumerate(
                zip(self.labels, self.values, self.texts, strict=True)
            ):
                options = list(zip(texts, vals, strict=True))
                value = vals[self.current[i]]
                if self.numeric[i]:
                    control = widgets.SelectionSlider(
                        options=options,
                        value=value,
                        description=label,
                        style=style,
                        continuous_update=True,
                    )
                else:
                    control = widgets.Dropdown(
                        options=options, value=value, description=label, style=style
                    )

                def redraw(change, i=i):
                    self.current[i] = self._find(i, change["new"])
                    image.value = self._img(self.current)

                control.observe(redraw, names="value")
                controls.append(control)
            self._widget = widgets.VBox([widgets.VBox(controls), image])
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        if static_build():
            bundle = {"text/html": self.to_html()}
        else:
            bundle = dict(self.widget()._repr_mimebundle_())
            # Fallback for viewers without a kernel: the current frame only, so that showing an
            # explorer in Jupyter costs one frame, not all of them (the book uses to_html()).
            bundle["text/html"] = (
                f'<div class="actlab-explorer-snapshot">{self._img(self.current)}</div>'
            )
        bundle["text/plain"] = repr(self)
        return {
            k: v
            for k, v in bundle.items()
            if (include is None or k in include) and k not in (exclude or ())
        }

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{n}: {len(v)} values" for n, v in zip(self.names, self.values, strict=True)
        )
        name = getattr(self.draw, "__name__", type(self.draw).__name__)
        return f"<Explorer of {name}({parts}); {self.n_frames} frames>"


def explorer(
    draw: Callable,
    controls: Mapping,
    *,
    labels: Mapping | None = None,
    alt: str | Callable | None = None,
    figsize: tuple[float, float] = (6, 3.5),
    dpi: float = 80,
    initial: Mapping | None = None,
    fmt: str = "svg",
    max_frames: int = MAX_FRAMES,
) -> Explorer:
    """Make an explorer: one plot per combination of control values, chosen by controls.

    Args:
      draw: ``draw(ax, **values)`` draws one frame on a fresh matplotlib Axes. Fix the axis limits.
      controls: name -> values, in display order. Numbers (strictly increasing) become sliders;
        strings (or bools) become drop-down lists.
      labels: name -> visible label (default: the name).
      alt: alt text of each frame: a ``str.format`` template or a callable, both given the values
        by name (default: "Plot for label = value, ...").
      figsize, dpi: figure size in inches and resolution; ``figsize * dpi`` is the size in pixels.
      initial: name -> the value shown first (default: middle of numeric controls, first choice).
      fmt: ``"svg"`` (sharp at any zoom, small once gzipped; best for line plots) or ``"png"``
        (better for images or many points).
      max_frames: raise ``ValueError`` when the product of the control sizes exceeds it.

    Returns:
      An :class:`Explorer`; display it (last expression of a cell) to show it.
    """
    return Explorer(draw, controls, labels, alt, figsize, dpi, initial, fmt, max_frames)
