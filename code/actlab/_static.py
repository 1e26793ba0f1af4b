"""Whether this process runs inside the book's build: one environment variable, read in one place.

The book's Sphinx extension (``tools/book_extension.py``) sets ``ACTLAB_STATIC=1`` when Sphinx
loads it, before any notebook is executed, so every kernel the build starts inherits it.
:mod:`actlab.explore` then gives only the static HTML view of an explorer, and
:mod:`actlab.nn.progress` draws no progress bar. This module imports nothing but :mod:`os`, so the
extension can read it without loading matplotlib.

>>> import os
>>> static_build() == (os.environ.get(STATIC_ENV) == "1")
True
"""

import os

STATIC_ENV = "ACTLAB_STATIC"


def static_build():
    """True inside the book's build (``ACTLAB_STATIC=1``), False elsewhere."""
    return os.environ.get(STATIC_ENV) == "1"
