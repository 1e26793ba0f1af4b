"""A progress bar for :meth:`actlab.nn.MLP.fit`, shown only where it helps.

``progress=None`` (the default) shows a bar only in a Jupyter notebook, and only once the run
has taken :data:`DELAY` seconds, so short runs print nothing; in the book's build (where
``tools/book_extension.py`` sets ``ACTLAB_STATIC=1``) it never shows. ``progress=True`` shows it
from the first epoch: in a notebook as an HTML ``<progress>`` element with the epoch and the loss
(a text line for front ends without HTML), elsewhere as one line of text on stderr, redrawn in
place with a carriage return. ``progress=False`` shows nothing.

IPython is never imported here: if a notebook is running, its kernel has imported it already.
The bar is redrawn at most every :data:`INTERVAL` seconds, and once more at the end.

>>> print(repr(Bar(5, 20, 0.1234)))
[#####...............] epoch 5/20  loss 0.1234
"""

import html
import sys
import time

from .._static import STATIC_ENV, static_build  # noqa: F401 (STATIC_ENV re-exported)

DELAY = 2.0  # seconds a run takes before progress=None shows a bar
INTERVAL = 0.2  # seconds between redraws
WIDTH = 20


def in_notebook():
    """True inside a Jupyter kernel (an IPython shell that has a kernel), else False."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


class Bar:
    """One drawing of the bar: epoch k of N and the loss, as HTML and as text."""

    def __init__(self, epoch, epochs, loss):
        self.epoch, self.epochs, self.loss = epoch, epochs, loss

    def _label(self):
        return f"epoch {self.epoch}/{self.epochs}  loss {self.loss:.4f}"

    def _repr_html_(self):
        return (
            f'<progress value="{self.epoch}" max="{self.epochs}" style="width: 20em" '
            f'aria-label="training progress"></progress> <code>{html.escape(self._label())}</code>'
        )

    def __repr__(self):
        filled = WIDTH * self.epoch // self.epochs
        return f"[{'#' * filled}{'.' * (WIDTH - filled)}] {self._label()}"


def _display(bar):
    """Show ``bar`` in the notebook and return a handle that can redraw it."""
    from IPython.display import display  # a notebook has imported IPython already

    return display(bar, display_id=True)


class Progress:
    """Decides whether to draw, and draws: ``update`` after every epoch, ``close`` at the end."""

    def __init__(self, mode, epochs):
        self.epochs = epochs
        self.start = time.perf_counter()
        self.last = -float("inf")
        self.wait = DELAY if mode is None else 0.0
        self.handle = self.state = self.drawn = None
        if mode is False:
            self.kind = None
        elif in_notebook():
            static = static_build()
            self.kind = "notebook" if mode or not static else None
        else:
            self.kind = "text" if mode else None

    def update(self, epoch, loss):
        if self.kind is None:
            return
        self.state = (epoch, loss)
        now = time.perf_counter()
        if now - self.start >= self.wait and now - self.last >= INTERVAL:
            self.last = now
            self._draw()

    def close(self):
        """Draw the last epoch, if a bar is showing (a text bar then ends its line)."""
        if self.handle is None:
            return
        if self.drawn != self.state:
            self._draw()
        if self.kind == "text":
            sys.stderr.write("\n")
            sys.stderr.flush()

    def _draw(self):
        self.drawn = self.state
        bar = Bar(self.state[0], self.epochs, self.state[1])
        if self.kind == "text":
            sys.stderr.write(f"\r{bar!r}")
            sys.stderr.flush()
            self.handle = True
        elif self.handle is None:
            self.handle = _display(bar)
        else:
            self.handle.update(bar)
