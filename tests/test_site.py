"""The built site works offline in a real browser: every page, the math, the images, the explorers.

Headless Chromium (Debian's package, driven by Playwright) loads every page from a local server;
any request to another host is aborted and reported. Install the browser with
``apt-get install -y chromium`` (never ``playwright install``). Every page is also checked with
axe-core (WCAG 2 A and AA rules), the copy that the PyPI package ``axe-playwright-python`` ships
(``requirements-dev.txt``): injected from disk, so it runs offline too.
"""

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

import axe_playwright_python
import pytest
from playwright.sync_api import sync_playwright

pytestmark = [pytest.mark.book, pytest.mark.browser, pytest.mark.slow]
# Debian's Chromium by default; set CHROMIUM to another Chromium or Chrome binary elsewhere.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Text left after removing code, scripts and typeset math: raw TeX here means MathJax did not run.
VISIBLE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll("pre, code, script, style, mjx-container, .highlight")
      .forEach(el => el.remove());
  return body.textContent;
}"""
IMAGES = """async () => {
  const imgs = [...document.images];
  imgs.forEach(img => { img.loading = "eager"; });
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  return imgs.map(img => ({src: img.src.slice(0, 80), alt: (img.getAttribute("alt") || "").trim(),
                           width: img.naturalWidth}));
}"""
MATHJAX_DONE = """async () => {
  const math = document.querySelectorAll(".math").length;
  const ready = () => window.MathJax && MathJax.startup && MathJax.startup.promise;
  for (let i = 0; math && !ready() && i < 100; i++) await new Promise(r => setTimeout(r, 50));
  if (ready()) await MathJax.startup.promise;
  return {math: math,
          typeset: document.querySelectorAll("mjx-container").length,
          errors: document.querySelectorAll("mjx-merror").length};
}"""


AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
# preload: false, or axe fetches the style sheets again to read them, and resolves the theme's
# @import of basic.css against the site's root (a 404); only the WCAG 2.1 rule
# css-orientation-lock, not run here, needs them.
AXE_RUN = """async () => (await axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}, resultTypes: ["violations"],
  preload: false
})).violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                          html: v.nodes[0].html.slice(0, 120)}))"""


def axe_violations(page):
    """axe-core's WCAG 2 A/AA violations on the page as it is (run after the math is typeset)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


@pytest.fixture(scope="module")
def site(book_html):
    """Serve the built HTML on 127.0.0.1 (a free port) for the duration of this module."""
    handler = functools.partial(Quiet, directory=str(book_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        # Chromium may ask for /favicon.ico on its own, at any moment, before it reads the page's
        # icon link: answer "no content" rather than a 404 that would appear depending on timing.
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
        else:
            super().do_GET()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, site):
    """Open a page of the site; return it with the list of problems seen while it ran."""
    context = browser.new_context()
    host = urlparse(site).netloc

    def open_(path):
        page, problems = context.new_page(), []

        def route(r):
            if urlparse(r.request.url).netloc == host:
                return r.continue_()
            problems.append(f"external request {r.request.url}")
            return r.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: problems.append(f"failed request {r.url}"))
        page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
        page.goto(f"{site}/{path}", wait_until="load")
        return page, problems

    yield open_
    context.close()


def site_pages(book_html):
    pages = sorted(p.relative_to(book_html).as_posix() for p in book_html.rglob("*.html"))
    return [p for p in pages if not p.startswith(("_static/", "_sources/", "_images/"))]


def test_every_page_loads_offline_with_math_and_images(book_html, open_page):
    pages, report = site_pages(book_html), []
    assert "index.html" in pages, pages
    for path in pages:
        page, problems = open_page(path)
        if 'http-equiv="Refresh"' in (book_html / path).read_text()[:500]:
            page.wait_for_url(lambda url, start=page.url: url != start)  # index.html redirects
        else:
            problems += page_problems(page)
            problems += [
                f"axe-core: {v['impact']} {v['id']} on {v['nodes']} elements, e.g. {v['html']}"
                for v in axe_violations(page)
                if v["impact"] in ("critical", "serious")
            ]
        page.close()
        report += [f"{path}: {problem}" for problem in dict.fromkeys(problems)]
    assert not report, "\n".join(report)


def page_problems(page):
    """Math not typeset, raw TeX left in the text, images not loaded or without alt text."""
    problems, math = [], page.evaluate(MATHJAX_DONE)
    if math["math"] and not math["typeset"]:
        problems.append(f"{math['math']} math elements but no mjx-container: MathJax did not run")
    if math["errors"]:
        problems.append(f"{math['errors']} TeX errors (mjx-merror)")
    text = page.evaluate(VISIBLE_TEXT)
    problems += [f"raw TeX {tex!r} in the text" for tex in ("$$", "\\(", "\\begin{") if tex in text]
    for img in page.evaluate(IMAGES):
        if img["width"] == 0:
            problems.append(f"image did not load: {img['src']}")
        if not img["alt"]:
            problems.append(f"image without alt text: {img['src']}")
    return problems


def explorer_state(root):
    """The image's source (a short digest, to keep failure messages short) and alt text."""
    img = root.locator("img")
    return hash(img.get_attribute("src")), img.get_attribute("alt")


def label_of(root, control):
    return root.locator(f"label[for='{control.get_attribute('id')}']").inner_text().strip()


def test_explorers_respond_to_the_keyboard(book_html, open_page):
    pages = [
        p for p in site_pages(book_html) if "data-actlab-explorer" in (book_html / p).read_text()
    ]
    assert pages, "no page of the site contains an explorer (an element with data-actlab-explorer)"
    sliders = selects = 0
    for path in pages:
        page, problems = open_page(path)
        for root in page.locator("[data-actlab-explorer]").all():
            for slider in root.locator("input[type=range]").all():
                before, label = explorer_state(root), slider.get_attribute("aria-valuetext")
                at_end = slider.input_value() == slider.get_attribute("max")
                there, back = ("ArrowLeft", "ArrowRight") if at_end else ("ArrowRight", "ArrowLeft")
                slider.focus()
                page.keyboard.press(there)
                after, text = explorer_state(root), slider.get_attribute("aria-valuetext")
                assert after[0] != before[0], f"{path}: the slider did not change the image"
                assert after[1] not in (before[1], ""), f"{path}: the alt text did not change"
                assert text != label, f"{path}: the slider's aria-valuetext did not change"
                shown = root.locator(f"[id='{slider.get_attribute('id')}-value']").inner_text()
                assert shown == text, f"{path}: the value shown is {shown!r}, not {text!r}"
                assert label_of(root, slider), f"{path}: a slider has no label"
                page.keyboard.press(back)  # the frame the page was built with comes back
                assert explorer_state(root) == before, f"{path}: slider back, another image"
                sliders += 1
            for select in root.locator("select").all():
                before, choices = explorer_state(root), select.locator("option").count()
                at_end = select.input_value() == str(choices - 1)
                there, back = ("ArrowUp", "ArrowDown") if at_end else ("ArrowDown", "ArrowUp")
                select.focus()
                page.keyboard.press(there)
                after = explorer_state(root)
                assert after[0] != before[0], f"{path}: the select did not change the image"
                assert after[1] not in (before[1], ""), f"{path}: the alt text did not change"
                assert label_of(root, select), f"{path}: a select has no label"
                page.keyboard.press(back)
                assert explorer_state(root) == before, f"{path}: select back, another image"
                selects += 1
        assert not problems, f"{path}:\n" + "\n".join(problems)
        page.close()
    assert sliders and selects, f"explorers should have sliders and selects: {sliders}, {selects}"


def pdf_pages(pdf: bytes) -> int:
    """The number of pages of a PDF that Chromium printed (its page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_cheat_sheet_prints_on_one_or_two_a4_pages(open_page):
    page, problems = open_page("appendix/cheat_sheet.html")
    page.evaluate(MATHJAX_DONE)  # typeset first: the math sets the rows' height
    page.emulate_media(media="print")
    pages = pdf_pages(page.pdf(format="A4"))
    # and nothing of the table is cut off at the right: its last column is on the page
    cut = page.evaluate("""() => {
      const table = document.querySelector("section#cheat-sheet table");
      const box = table.parentElement.getBoundingClientRect();
      return table.getBoundingClientRect().right > box.right + 1;
    }""")
    page.close()
    assert 1 <= pages <= 2 and not cut and not problems, (pages, cut, problems)


def test_the_bibliography_has_no_accessibility_violation_at_all(open_page):
    """It had 1 critical (aria-required-children) and 46 minor (aria-deprecated-role) ones."""
    page, problems = open_page("appendix/bibliography.html")
    page.evaluate(MATHJAX_DONE)
    violations = axe_violations(page)
    entries = page.locator("[role=list] > [role=listitem]").count()
    page.close()
    assert violations == [] and not problems, (violations, problems)
    assert entries >= 40  # every reference is an item of the list


@pytest.mark.parametrize("path", ["appendix/instructors_guide.html", "intro.html"])
def test_a_page_for_instructors_needs_no_sideways_scrolling_at_1280_px(open_page, path):
    """The guide once overflowed at 1280 px (an inline nbgitpuller URL of 200 characters)."""
    page, problems = open_page(path)
    page.set_viewport_size({"width": 1280, "height": 900})
    width, client = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client, f"{path}: {width} px wide in a {client} px window"
    assert not problems, problems


def test_links_to_other_chapters_are_links_to_their_pages(book_html):
    """A Markdown link to a chapter's .ipynb (tools/fix_links.py) becomes a link to its page."""
    html = (book_html / "chapters" / "04_sigmoid.html").read_text()
    hrefs = re.findall(r'href="([^"#]+)', html)
    assert "01_what_activations_do.html" in hrefs and "05_fall_of_sigmoid.html" in hrefs
    local = [h for h in hrefs if "://" not in h and "_sources" not in h]
    assert not [h for h in local if h.endswith(".ipynb")], local
