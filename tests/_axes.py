"""Reading what a plotting helper drew, for the plotting tests (the Agg backend and the closing of
figures after each test are set in tests/conftest.py)."""


def legend_texts(ax):
    legend = ax.get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def labelled_lines(ax):
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]
