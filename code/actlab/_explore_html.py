"""The static view of an explorer: pre-rendered frames in a JSON block and a small script.

:meth:`actlab.explore.Explorer.to_html` renders every frame and hands them here. The page gets a
labelled ``<input type=range>`` per numeric control, a ``<select>`` per choice control, the current
``<img>`` with its alt text, every frame and alt text in a ``<script type="application/json">``
block, and a few lines of script that swap the image when a control moves. No widget state, no
external request. :func:`img_tag` is shared with the live view, which shows one frame at a time.

>>> data_uri(b"<svg/>", "svg")
'data:image/svg+xml;charset=utf-8,%3Csvg%2F%3E'
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
from urllib.parse import quote

URI_SAFE = "-_.!~*'()"  # the characters that JavaScript's encodeURIComponent leaves alone
_IDS = itertools.count(1)

# Swaps the image when a control moves; `__ID__` is replaced by the explorer's unique id.
_SCRIPT = """(function () {
  var root = document.getElementById("__ID__");
  var data = JSON.parse(document.getElementById("__ID__-data").textContent);
  var img = root.querySelector("img");
  var controls = root.querySelectorAll("[data-actlab-control]");
  function source(frame) {
    return data.base64 ? "data:" + data.mime + ";base64," + frame
      : "data:" + data.mime + ";charset=utf-8," + encodeURIComponent(frame);
  }
  function update() {
    var index = 0;
    controls.forEach(function (el, i) {
      var k = Number(el.value);
      index = index * data.texts[i].length + k;
      if (el.type === "range") {
        el.setAttribute("aria-valuetext", data.texts[i][k]);
        document.getElementById(el.id + "-value").textContent = data.texts[i][k];
      }
    });
    img.src = source(data.frames[index]);
    img.alt = data.alts[index];
  }
  controls.forEach(function (el) {
    el.addEventListener("input", update);
    el.addEventListener("change", update);
  });
})();"""


def data_uri(data: bytes, fmt: str) -> str:
    """A data URI, encoded exactly as the page's script encodes it (encodeURIComponent)."""
    if fmt == "svg":
        return f"data:image/svg+xml;charset=utf-8,{quote(data, safe=URI_SAFE)}"
    return f"data:image/png;base64,{base64.b64encode(data).decode()}"


def img_tag(data: bytes, fmt: str, alt: str, width: int, height: int) -> str:
    """An ``<img>`` showing one frame, scaled down to fit narrow pages."""
    return (
        f'<img src="{data_uri(data, fmt)}" '
        f'alt="{html.escape(alt)}" width="{width}" height="{height}" '
        f'style="max-width:100%;height:auto">'
    )


def _control_row(cid: str, label: str, texts: list[str], k: int, numeric: bool) -> str:
    """One labelled control: a range slider for numbers, a drop-down list for choices."""
    text = html.escape(texts[k])
    if numeric:
        control = (
            f'<input type="range" id="{cid}" min="0" max="{len(texts) - 1}" '
            f'step="1" value="{k}" aria-valuetext="{text}" data-actlab-control> '
            f'<span id="{cid}-value" aria-hidden="true">{text}</span>'
        )
    else:
        options = "".join(
            f'<option value="{j}"{" selected" * (j == k)}>{html.escape(t)}</option>'
            for j, t in enumerate(texts)
        )
        control = f'<select id="{cid}" data-actlab-control>{options}</select>'
    return (
        f'<div style="margin:0.2em 0"><label for="{cid}" '
        f'style="display:inline-block;min-width:8em">{html.escape(label)}</label> '
        f"{control}</div>"
    )


def static_html(labels, texts, numeric, current, frames, alts, fmt, image) -> str:
    """Self-contained HTML for an explorer.

    Args:
      labels, texts, numeric, current: per control, its label, its value texts, whether it is a
        slider, and the position shown first.
      frames, alts: the image bytes and alt text of every combination, in row-major order (the
        last control varies fastest), as the script indexes them.
      fmt: ``"svg"`` or ``"png"``.
      image: the ``<img>`` of the current frame (see :func:`img_tag`).
    """
    payload = {
        "mime": "image/svg+xml" if fmt == "svg" else "image/png",
        "base64": fmt == "png",
        "texts": texts,
        "frames": [f.decode() if fmt == "svg" else base64.b64encode(f).decode() for f in frames],
        "alts": alts,
    }
    blob = json.dumps(payload, separators=(",", ":")).replace("</", "<\\/")
    blob = blob.replace("<!--", "\\u003c!--")
    uid = f"actlab-explorer-{next(_IDS)}-{hashlib.sha1(blob.encode()).hexdigest()[:8]}"
    rows = "".join(
        _control_row(f"{uid}-{i}", label, t, k, num)
        for i, (label, t, k, num) in enumerate(zip(labels, texts, current, numeric, strict=True))
    )
    return (
        f'<div class="actlab-explorer" id="{uid}" data-actlab-explorer>'
        f"{rows}{image}"
        f'<script type="application/json" id="{uid}-data">{blob}</script>'
        f"<script>{_SCRIPT.replace('__ID__', uid)}</script></div>"
    )
