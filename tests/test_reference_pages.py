"""The reference pages are generated from the registry: a new activation is on them with nothing
else to edit, and every card holds what a card must.

The appendix notebooks' code is run here, in this process (so that an activation registered by
the test is the kernel's too); the book build runs the same code (tests/test_book.py checks the
built pages against the registry).
"""

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest

from actlab import activations, reference
from actlab.activations import Activation, registry

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "cards": ROOT / "appendix" / "activation_reference.ipynb",
    "cheat sheet": ROOT / "appendix" / "cheat_sheet.ipynb",
    "names": ROOT / "appendix" / "library_names.ipynb",
}


def rendered(path):
    """The Markdown the code cells of the notebook ``path`` display, run in this process."""
    namespace, shown = {}, []
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(path), "exec"), namespace)  # noqa: S102 (our own notebooks)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), str(path), "eval"), namespace)  # noqa: S307
            shown.append(getattr(value, "data", ""))
    return "\n".join(s for s in shown if isinstance(s, str))


def cube():
    return Activation(
        "cube", lambda x: np.asarray(x, float) ** 3, lambda x: 3 * np.asarray(x, float) ** 2,
        family="smooth", latex="x^3", derivative_latex="3x^2", output_range=r"(-\infty, \infty)",
        odd=True, monotonic=True, smooth=True, bounded=False, saturating=False,
        value_at_zero=0.0, derivative_at_zero=0.0, reference=None, torch=None, jax=None,
        summary="A throwaway cubic.", use="Never: a test.",
    )  # fmt: skip


@pytest.fixture
def registered_cube():
    activations.register(cube())
    yield "cube"
    del registry._REGISTRY["cube"]


def test_a_registered_activation_gets_a_card_a_row_and_a_name_row_with_nothing_else_to_edit(
    registered_cube,
):
    pages = {what: rendered(path) for what, path in PAGES.items()}
    card = pages["cards"].split("(card-cube)=")[1]
    assert card.startswith("\n### `cube`\n\nA throwaway cubic.")
    assert re.search(r"!\[cube \(solid line\)[^]]*\]\(data:image/png;base64,", card)
    assert "f(x) = x^3" in card and "f'(x) = 3x^2" in card and "Never: a test." in card
    row = "| {ref}`cube <card-cube>` | $(-\\infty, \\infty)$ | ✓ | ✓ |  | ✓ |  | 0 | 0 |  |"
    assert row in pages["cheat sheet"].splitlines()
    assert "| {ref}`cube <card-cube>` | — | — | — |" in pages["names"]


@pytest.fixture(scope="module")
def pages():
    return {what: rendered(path) for what, path in PAGES.items()}


def test_without_it_the_pages_list_exactly_the_registry(pages):
    assert re.findall(r"^\(card-([\w-]+)\)=$", pages["cards"], re.M) == [
        reference.anchor(n)[5:] for n in activations.names()
    ]
    for what in ("cheat sheet", "names"):
        linked = re.findall(r"^\| \{ref\}`(\w+) <card-", pages[what], re.M)
        assert linked == activations.names(), what


def test_the_generated_pages_name_no_activation_by_hand():
    """What the pages show of each activation comes from the registry, never from the notebook."""
    for path in PAGES.values():
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                strings = re.findall(r"[\"'](\w+)[\"']", "".join(cell["source"]))
                assert not set(strings) & set(activations.names()), (path.name, strings)


@pytest.mark.parametrize("name", activations.names())
def test_every_card_holds_what_a_card_must(name, pages):
    act = activations.get(name)
    card = pages["cards"].split(f"({reference.anchor(name)})=\n")[1].split("\n(card-")[0]
    for part in ("**range**", "**properties**", "**parameters**", "**when to use it**",
                 "**taught in**", "**papers**", "**PyTorch**", "**JAX**"):  # fmt: skip
        assert part in card, part
    assert act.latex in card and act.derivative_latex in card and act.use in card
    assert act.use, f"{name}: no 'when to use it'"
    for role, key in act.sources:
        assert f"{reference.WORDING[role]} {{cite:t}}`{key}`" in card
    if act.chapter:
        assert f"{{doc}}`../chapters/{act.chapter}`" in card
    if not act.vector_valued:
        assert f"$f(0) = {reference.number(act.value_at_zero)}$" in card
        assert "data:image/png;base64," in card
