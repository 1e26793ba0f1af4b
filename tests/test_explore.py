"""Explorers: the static HTML view, the live widget view, the switch between them, bad input."""

import base64
import json
import math
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote_to_bytes

import book_extension
import matplotlib.pyplot as plt
import numpy as np
import pytest

from actlab.explore import STATIC_ENV, WIDGET_MIME, explorer

CONTROLS = {"w": np.linspace(-1, 1, 3), "act": ["relu", "tanh"], "b": [0, 2]}
LABELS = {"w": "weight w", "act": "activation"}


def draw(ax, w, act, b):
    x = np.linspace(-2, 2, 5)
    y = np.maximum(w * x + b, 0) if act == "relu" else np.tanh(w * x + b)
    ax.plot(x, y)
    ax.set_ylim(-3, 5)
    ax.set_title(act)


def alt(w, act, b):
    return f"{act} of {w:g} x + {b}"


def small(**options):
    options = {"labels": LABELS, "alt": alt, "figsize": (2, 1.5), "dpi": 40, **options}
    return explorer(draw, CONTROLS, **options)


class Elements(HTMLParser):
    """Every element's attributes, and the text of each label by its `for`."""

    def __init__(self, text):
        super().__init__()
        self.elements, self.labels, self._label, self.scripts = [], {}, None, []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._label = dict(attrs)["for"] if tag == "label" else None

    def handle_endtag(self, tag):
        self._label = None

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] = data
        if self.elements and self.elements[-1][0] == "script":
            self.scripts.append((self.elements[-1][1], data))

    def find(self, tag, **attrs):
        return [a for t, a in self.elements if t == tag and attrs.items() <= a.items()]


def image_bytes(src):
    """The bytes inside a data URI (base64 or percent-encoded)."""
    head, data = src.split(",", 1)
    return base64.b64decode(data) if head.endswith(";base64") else unquote_to_bytes(data)


def payload(html):
    (data,) = [text for attrs, text in Elements(html).scripts if attrs.get("type")]
    return json.loads(data)


def test_static_html_has_one_frame_and_alt_text_per_combination():
    e = small()
    data = payload(e.to_html())
    grid = [(w, a, b) for w in CONTROLS["w"] for a in CONTROLS["act"] for b in CONTROLS["b"]]
    assert e.n_frames == len(grid) == len(data["frames"]) == len(data["alts"])
    assert data["alts"] == [alt(*combo) for combo in grid]
    assert len(set(data["frames"])) == len(grid), "each combination should draw a different frame"
    assert all(frame.startswith("<svg") for frame in data["frames"])
    assert data["texts"] == [["-1", "0", "1"], ["relu", "tanh"], ["0", "2"]]


def test_static_html_has_labelled_native_controls_and_the_current_image():
    e = small(initial={"w": 1.0, "act": "tanh"})
    page = Elements(e.to_html())
    (root,) = page.find("div", **{"class": "actlab-explorer"})
    assert "data-actlab-explorer" in root
    ranges, selects = page.find("input", type="range"), page.find("select")
    assert len(ranges) == 2 and len(selects) == 1
    assert [page.labels[c["id"]] for c in (ranges[0], selects[0], ranges[1])] == [
        "weight w",
        "activation",
        "b",
    ]
    w, b = ranges
    assert (w["min"], w["max"], w["value"], w["aria-valuetext"]) == ("0", "2", "2", "1")
    assert (b["max"], b["value"], b["aria-valuetext"]) == ("1", "1", "2")  # middle of [0, 2]
    options = page.find("option")
    assert [o["value"] for o in options] == ["0", "1"] and "selected" in options[1]
    (img,) = page.find("img")
    assert img["alt"] == alt(1.0, "tanh", 2)
    assert img["src"].startswith("data:image/svg+xml;charset=utf-8,")
    assert (
        image_bytes(img["src"]).decode() == payload(e.to_html())["frames"][-1]
    )  # w=1, tanh, b=2 is the last combination


def test_static_html_makes_no_external_request_and_escapes_text():
    e = explorer(
        lambda ax, k: ax.plot([0, k]),
        {"k": [1, 2]},
        labels={"k": 'k </script> "&'},
        alt='slope "{k}" </script><!--',
        figsize=(2, 1.5),
        dpi=40,
    )
    html = e.to_html()
    assert not re.search(r"<(link|iframe)|\b(src|href)=\"(https?:)?//", html)
    assert html.count("</script>") == 2  # the JSON block and the script; the text is escaped
    page = Elements(html)
    assert page.labels[page.find("input")[0]["id"]] == 'k </script> "&'
    assert payload(html)["alts"] == ['slope "1" </script><!--', 'slope "2" </script><!--']


def test_ids_are_unique_across_explorers_on_one_page():
    e = small()
    page = Elements(small().to_html() + e.to_html() + e.to_html())
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids)) == 3 * (1 + 3 + 2 + 1)  # root, 3 controls, 2 values, data
    assert len(page.find("div", **{"data-actlab-explorer": None})) == 3


def test_png_frames_and_default_alt_text():
    e = explorer(
        lambda ax, k, c: ax.plot([0, k], color=c), {"k": [1, 2], "c": ["red", "blue"]}, fmt="png"
    )
    data = payload(e.to_html())
    assert data["base64"] and data["mime"] == "image/png"
    pngs = [base64.b64decode(f) for f in data["frames"]]
    assert all(p.startswith(b"\x89PNG") for p in pngs) and len(set(pngs)) == 4
    assert data["alts"][0] == "Plot for k = 1, c = red"


def test_actlab_static_switches_the_widget_view_off(monkeypatch):
    e = small()
    monkeypatch.setenv(STATIC_ENV, "1")
    static = e._repr_mimebundle_()
    assert set(static) == {"text/html", "text/plain"}
    assert len(payload(static["text/html"])["frames"]) == e.n_frames
    monkeypatch.delenv(STATIC_ENV)
    live = e._repr_mimebundle_()
    assert set(live) == {WIDGET_MIME, "text/html", "text/plain"}
    assert live[WIDGET_MIME]["model_id"] == e.widget().model_id
    assert "data-actlab-explorer" not in live["text/html"]  # a snapshot, not all the frames
    assert "12 frames" in live["text/plain"]


def test_widget_redraws_the_image_when_a_control_changes():
    figures_before = set(plt.get_fignums())
    e = small()
    box = e.widget()
    (w, act, b), image = box.children[0].children, box.children[1]
    assert [c.description for c in (w, act, b)] == ["weight w", "activation", "b"]
    assert type(w).__name__ == "SelectionSlider" and type(act).__name__ == "Dropdown"
    assert (w.value, act.value, b.value) == (0.0, "relu", 2)
    seen = [image.value]
    w.value, act.value, b.value = 1.0, "tanh", 0
    # each change redraws; the final image is the frame and alt text of the new combination
    assert f'alt="{alt(1.0, "tanh", 0)}"' in image.value
    (src,) = re.findall(r'src="([^"]+)"', image.value)
    assert image_bytes(src) == e.frame([2, 1, 0])
    w.value = -1.0
    seen += [image.value]
    assert len(set(seen)) == 2 and f'alt="{alt(-1.0, "tanh", 0)}"' in image.value
    leaked = set(plt.get_fignums()) - figures_before
    assert not leaked, "explorers must not leave pyplot figures behind"


def test_initial_values_match_within_rounding():
    e = explorer(lambda ax, p: None, {"p": np.linspace(0, 1, 11)}, initial={"p": 0.3})
    assert e.current == [3] and math.isclose(e.values[0][3], 0.3)


@pytest.mark.parametrize(
    ("args", "options", "error", "match"),
    [
        (("not callable", CONTROLS), {}, TypeError, "draw must be callable"),
        ((draw, {}), {}, ValueError, "non-empty dict"),
        ((draw, [("w", [1])]), {}, TypeError, "non-empty dict name -> values, got list"),
        ((draw, {1: [1]}), {}, TypeError, "Python identifier .* got 1"),
        ((draw, {**CONTROLS, "b": []}), {}, ValueError, "'b' has no values"),
        ((draw, {**CONTROLS, "act": "relu"}), {}, TypeError, "needs a list of values"),
        ((draw, CONTROLS), {"labels": {"x": "?"}}, ValueError, r"labels .*\['x'\]"),
        ((draw, CONTROLS), {"initial": {"x": 1}}, ValueError, r"initial .*\['x'\]"),
        ((draw, CONTROLS), {"initial": {"w": 0.5}}, ValueError, "not one of its values"),
        ((draw, CONTROLS), {"initial": {"act": "gelu"}}, ValueError, "not one of its values"),
        ((draw, CONTROLS), {"max_frames": 11}, ValueError, "3 x 2 x 2 = 12 frames"),
        ((draw, {**CONTROLS, "w": [1, 0]}), {}, ValueError, "strictly increasing"),
        ((draw, {**CONTROLS, "w": [0, np.nan]}), {}, ValueError, "finite"),
        ((draw, {**CONTROLS, "act": ["relu", 1]}), {}, TypeError, "numbers or strings"),
        ((draw, {**CONTROLS, "act": ["relu", "relu"]}), {}, ValueError, "repeated"),
        ((lambda ax, w: None, CONTROLS), {}, TypeError, r"draw\(ax, w, act, b\)"),
        ((draw, CONTROLS), {"alt": lambda **v: " "}, ValueError, "non-empty string"),
        ((draw, CONTROLS), {"alt": "{slope}"}, ValueError, "alt template"),
        ((draw, CONTROLS), {"alt": 3}, TypeError, "alt must be"),
        ((draw, CONTROLS), {"fmt": "jpg"}, ValueError, "fmt must be"),
        ((draw, CONTROLS), {"figsize": (0, 1)}, ValueError, "figsize"),
        ((draw, CONTROLS), {"fmt": ["svg"]}, TypeError, "fmt must be 'svg' or 'png' .a str."),
        ((draw, CONTROLS), {"figsize": "ab"}, TypeError, "figsize must be two numbers"),
        ((draw, CONTROLS), {"figsize": 5}, TypeError, r"figsize must be two numbers .*got 5$"),
        ((draw, CONTROLS), {"figsize": (1, 2, 3)}, ValueError, "figsize .* got 3 values"),
        ((draw, CONTROLS), {"figsize": (np.nan, 1)}, ValueError, r"figsize\[0\] must be finite"),
        ((draw, CONTROLS), {"figsize": (1, "2")}, TypeError, r"figsize\[1\] must be a real"),
        ((draw, CONTROLS), {"dpi": np.nan}, ValueError, "dpi must be finite, got nan"),
        ((draw, CONTROLS), {"dpi": np.inf}, ValueError, "dpi must be finite, got inf"),
        ((draw, CONTROLS), {"dpi": "80"}, TypeError, "dpi must be a real number"),
        ((draw, CONTROLS), {"dpi": -1}, ValueError, "dpi must be > 0"),
        ((draw, CONTROLS), {"dpi": 1e5}, ValueError, "600000 x 350000 pixels; each side"),
        ((draw, CONTROLS), {"figsize": (0.001, 1)}, ValueError, "0 x 80 pixels"),
        ((draw, CONTROLS), {"max_frames": "a"}, TypeError, "max_frames must be a positive int"),
        ((draw, CONTROLS), {"max_frames": 0}, ValueError, "max_frames must be a positive int"),
        ((draw, CONTROLS), {"max_frames": 12.0}, TypeError, "max_frames must be a positive int"),
        ((draw, CONTROLS), {"labels": "ab"}, TypeError, "labels must be a dict"),
        ((draw, CONTROLS), {"initial": 0.5}, TypeError, "initial must be a dict"),
    ],
)
def test_bad_input_fails_clearly(args, options, error, match):
    with pytest.raises(error, match=match) as info:
        explorer(*args, **options)
    assert str(info.value).startswith("explorer():")


def test_good_arguments_of_every_kind_are_taken():
    e = explorer(draw, CONTROLS, figsize=[4, np.float32(3)], dpi=np.int64(50), max_frames=12,
                 labels=None, initial={"act": "tanh"}, fmt="png")  # fmt: skip
    assert (e.figsize, e.dpi, e.current, e.n_frames) == ((4.0, 3.0), 50.0, [1, 1, 1], 12)
    assert isinstance(e.dpi, float) and all(isinstance(v, float) for v in e.figsize)


def test_frame_and_alt_text_check_their_index():
    e = explorer(draw, CONTROLS)
    assert e.frame([0, 1, 1]) == e.frame((0, 1, 1)) and e.alt_text([2, 0, 0])
    for call in (e.frame, e.alt_text):
        where = f"Explorer.{call.__name__}"
        with pytest.raises(ValueError, match=rf"{where}: index of 'w' must be 0..2, got 3"):
            call([3, 0, 0])
        shape = r"\(w: 0..2, act: 0..1, b: 0..1\); got 2 positions"
        with pytest.raises(ValueError, match=rf"{where}: index must list one position .*{shape}"):
            call([0, 0])
        with pytest.raises(ValueError, match=rf"{where}: index of 'act' must be an integer >= 0"):
            call([0, -1, 0])
        with pytest.raises(TypeError, match=rf"{where}: index of 'b' must be an integer >= 0"):
            call([0, 0, 0.5])
        with pytest.raises(TypeError, match=rf"{where}: index must list one position"):
            call(5)


def test_too_many_frames_by_default():
    with pytest.raises(ValueError, match="151 frames exceeds max_frames=150"):
        explorer(draw, {"w": range(151), "act": ["relu"], "b": [0]})


def test_sphinx_extension_loads_no_matplotlib():
    # moved from tests/test_probing.py with the extension (tools/book_extension.py)
    code = "import sys, book_extension\nprint('matplotlib' in sys.modules)"
    tools = Path(__file__).resolve().parents[1] / "tools"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tools
    )
    assert out.stdout.strip() == "False"


def test_sphinx_extension_registers_its_parts(monkeypatch):
    monkeypatch.setenv(STATIC_ENV, "0")  # setup sets it to 1; the original state comes back
    app = SimpleNamespace(events={})
    app.connect = lambda event, handler, priority=500: app.events.setdefault(event, handler)
    book_extension.setup(app)
    assert app.events["doctree-read"] is book_extension.hide_markers
    assert set(app.events) == {
        "config-inited",
        "html-page-context",
        "doctree-read",
        "env-before-read-docs",  # the claims ledger (tools/claims_ledger.py)
        "env-get-outdated",
        "source-read",
    }


def test_sphinx_extension_marks_the_build_static_and_drops_repeated_scripts(monkeypatch):
    monkeypatch.setenv(STATIC_ENV, "0")  # so that the original state comes back afterwards
    app = SimpleNamespace(events={})
    app.connect = lambda event, handler, priority=500: app.events.setdefault(event, handler)
    meta = book_extension.setup(app)
    assert meta["parallel_read_safe"] and book_extension.os.environ[STATIC_ENV] == "1"

    config = SimpleNamespace(html_context={})
    app.events["config-inited"](app, config)
    assert config.html_context == {"default_mode": "auto"}
    config = SimpleNamespace(html_context={"default_mode": "light"})
    app.events["config-inited"](app, config)
    assert config.html_context == {"default_mode": "light"}

    def js(name, **attributes):
        return SimpleNamespace(filename=name, attributes=attributes)

    inline, twin, other = js(None, body="const A = 1"), js("", body="const A = 1"), js("x.js")
    scripts = [inline, other, twin, js("x.js")]
    context = {"script_files": scripts}
    app.events["html-page-context"](app, "page", "page.html", context, None)
    assert context["script_files"] is scripts and scripts == [inline, other]
