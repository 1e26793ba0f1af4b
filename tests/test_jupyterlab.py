"""Each chapter in a real JupyterLab, as a Binder or JupyterHub learner sees it.

A JupyterLab server (the pinned jupyterlab + jupyterlab-myst of requirements.txt) serves copies of
the chapters and of their student release; headless Chromium (Debian's package, driven by
Playwright) opens each instructor notebook and each student notebook, and fails on raw MyST
syntax visible in a rendered markdown cell, on a cross-reference JupyterLab cannot resolve (it
would show a bare label), on a citation without author-year text before it (JupyterLab shows
only the key), and on a link whose text is a file name (a ``{doc}`` role without text). It also
checks that solutions are collapsed in the instructor's notebook and the stubs are open in the
student's. The rules a chapter must follow are in the instructor's guide (section "Chapter
markup").

None of this needs the notebook executed, so nothing is run here: that each chapter runs with no
error, no stderr and every cell executed is checked on the runs the suite makes anyway (the
nbgrader students of ``tests/test_nbgrader.py``: the instructor's answers and the untouched
student release; see ``tests/README.md``).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from release import release

# one JupyterLab server and one browser, on one worker
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("jupyterlab")]
ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
TOKEN = "step-to-swish-test"
# Raw MyST a reader should never see: fences, roles, directive options, printf-style numref text.
RAW_MYST = [
    (re.compile(r"```|:::"), "a directive fence"),
    (re.compile(r"\{[a-z][\w:-]*\}`"), "a role"),
    (re.compile(r"(?m)^\s*:[a-z][\w-]*:(\s|$)"), "a directive option line"),
    (re.compile(r"%s"), "numref text"),
    (re.compile(r"<!--|-->"), "an HTML comment"),
    (re.compile(r"<[\w./-]+>"), "a role's <target> (a role that wrapped over a line)"),
]
SETTINGS = {  # the notebook renders every cell (no windowing); no news pop-up
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": '{"windowingMode": "none"}',
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": (
        '{"fetchNews": "false", "checkForUpdates": false}'
    ),
}
MARKDOWN = """() => [...document.querySelectorAll('.jp-Notebook .jp-MarkdownCell')].map(c => {
  const out = c.querySelector('.myst') || c.querySelector('.jp-RenderedMarkdown');
  return {index: Number(c.dataset.windowedListIndex), myst: !!c.querySelector('.myst'),
          text: out ? out.textContent : null,
          refs: [...c.querySelectorAll('[title="Cross Reference Not Found"]')]
                  .map(e => e.textContent),
          links: out ? [...out.querySelectorAll('a')].map(a => a.textContent.trim()) : [],
          cites: [...c.querySelectorAll('[title="Citation Not Found"]')].map(e => {
            const range = document.createRange();
            range.setStart(out, 0); range.setEndBefore(e);
            return {key: e.textContent, before: range.toString().slice(-80)};
          })};
})"""
COLLAPSED = """() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]
  .map(c => !!c.querySelector('.jp-InputPlaceholder'))"""

LAB_HOMES = {}  # server URL -> the folder it serves


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on 127.0.0.1 serving copies of chapters/ and student_release/."""
    home = tmp_path_factory.mktemp("lab")
    (home / "chapters").mkdir()
    for path in CHAPTERS:
        shutil.copy(path, home / "chapters")
    release(ROOT / "chapters", home / "student_release")
    settings = home / ".settings"
    for name, text in SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(text)
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / ".workspaces"),
        "JUPYTER_CONFIG_DIR": str(home / ".config"),
        "JUPYTER_RUNTIME_DIR": str(home / ".runtime"),
    }
    port = _free_port()
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
        f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={home}",
        f"--IdentityProvider.token={TOKEN}", "--ServerApp.port_retries=0",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: open notebooks in one app
    ]  # fmt: skip
    log = open(home / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    LAB_HOMES[url] = home
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.25)
        else:
            pytest.fail("JupyterLab did not start in 60 s")
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited:\n{(home / 'server.log').read_text()[-3000:]}")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"no Chromium at {CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app(browser, lab):
    """One JupyterLab page, loaded once: every notebook is opened in it, one at a time.

    Loading the application took most of each page's time (the module went from 214 s to 31 s),
    so the notebooks are opened through its own commands (``docmanager:open``) rather than by
    loading a URL each; each is closed without a save dialog before the next opens.
    """
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    # reset: a fresh workspace, so no notebook opened before is restored
    page.goto(f"{lab}/lab?token={TOKEN}&reset")
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.commands")
    page.wait_for_function("() => window.jupyterapp.commands.hasCommand('docmanager:open')")
    yield page
    page.close()


OPEN = """async path => {
  const app = window.jupyterapp;
  for (const widget of [...app.shell.widgets('main')]) {  // close without asking to save
    if (widget.context) widget.context.model.dirty = false;
    widget.dispose();
  }
  await app.commands.execute('docmanager:open', {path, kernel: {name: 'python3'}});
}"""


def _open(app, lab, path: str):
    """Open ``path`` alone in the app; return the page once every cell is there and rendered."""
    n_cells = len(nbformat.read(Path(LAB_HOMES[lab]) / path, as_version=4).cells)
    page = app
    page.evaluate(OPEN, path)
    page.wait_for_function(
        f"() => document.querySelectorAll('.jp-Notebook').length === 1"
        f" && document.querySelectorAll('.jp-Notebook .jp-Cell').length === {n_cells}"
    )
    page.wait_for_function(  # the notebook open is the one asked for
        "path => [...window.jupyterapp.shell.widgets('main')]"
        ".some(w => !w.isDisposed && w.context && w.context.path === path)",
        arg=path,
    )
    page.wait_for_function(  # every markdown cell rendered
        "() => [...document.querySelectorAll('.jp-Notebook .jp-MarkdownCell')]"
        ".every(c => c.classList.contains('jp-mod-rendered'))"
    )
    try:  # jupyterlab-myst renders every markdown cell (asynchronously)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-Notebook .jp-MarkdownCell')]"
            ".every(c => c.querySelector('.myst'))",
            timeout=30_000,
        )
    except PlaywrightTimeout:
        pass  # reported cell by cell by _markdown_problems
    return page


def _markdown_problems(page) -> list[str]:
    problems = []
    for cell in page.evaluate(MARKDOWN):
        where = f"markdown cell {cell['index']}"
        if not cell["myst"]:
            problems.append(f"{where}: not rendered by jupyterlab-myst")
        text = cell["text"] or ""
        for pattern, what in RAW_MYST:
            found = pattern.search(text)
            if found:
                context = text[max(0, found.start() - 40) : found.end() + 40]
                problems.append(f"{where}: {what} shows as raw text: ...{context}...")
        for label in cell["refs"]:
            problems.append(f"{where}: reference to {label!r} shows as a bare label in JupyterLab")
        for link in cell["links"]:  # {doc}`02_step_function` without text shows the file name
            if re.fullmatch(r"[\w-]*_[\w-]*(\.\w+)?", link):
                problems.append(f"{where}: a link reads as a file name, {link!r}: give it text")
        for cite in cell["cites"]:
            if not re.search(r"\b(1[89]|20)\d\d[a-z]?\b", cite["before"]):
                problems.append(
                    f"{where}: citation {cite['key']!r} has no author-year text before it "
                    f"(JupyterLab shows only the key): ...{cite['before'][-60:]}"
                )
    return problems


def _hidden_cells(nb) -> list[bool]:
    return [
        bool(c.metadata.get("jupyter", {}).get("source_hidden"))
        for c in nb.cells
        if c.cell_type == "code"
    ]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_reads_well_with_its_solutions_collapsed(path, lab, app):
    page = _open(app, lab, f"chapters/{path.name}")
    problems = _markdown_problems(page)
    collapsed = page.evaluate(COLLAPSED)
    assert not problems, "\n".join(problems)
    assert collapsed == _hidden_cells(nbformat.read(path, as_version=4)), (
        "solutions are collapsed exactly where jupyter.source_hidden says"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_student_release_reads_well_and_shows_the_stubs(path, lab, app):
    page = _open(app, lab, f"student_release/{path.name}")
    problems = _markdown_problems(page)
    collapsed = page.evaluate(COLLAPSED)
    text = page.evaluate("() => document.querySelector('.jp-Notebook').textContent")
    assert not problems, "\n".join(problems)
    assert not any(collapsed), f"collapsed code cells in the student release: {collapsed}"
    if "### BEGIN SOLUTION" in path.read_text():
        assert "raise NotImplementedError()" in text and "BEGIN SOLUTION" not in text


LINKS = """() => [...document.querySelectorAll('.jp-Notebook .jp-MarkdownCell a')]
  .map(a => a.getAttribute('href') || '')"""


def _cross_chapter(path: Path) -> str:
    """The first link of the chapter's markdown to another chapter notebook."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for target in re.findall(r"\]\(([\w-]+\.ipynb)\)", cell.source):
                if target != path.name:
                    return target
    pytest.fail(f"{path.name} links to no other chapter notebook")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_a_link_to_another_chapter_opens_it_when_clicked(path, lab, app):
    """Clicked as a learner would: the linked chapter opens in this JupyterLab (a ``{doc}``
    role opened nothing: it became /files/chapters/NAME without .ipynb)."""
    target = _cross_chapter(path)
    page = _open(app, lab, f"chapters/{path.name}")
    # jupyterlab-myst resolves the link to the file's URL; a click opens it in the app
    hrefs = [h.split("?")[0] for h in page.evaluate(LINKS)]
    wanted = [i for i, h in enumerate(hrefs) if h.endswith(f"/files/chapters/{target}")]
    assert wanted, (target, hrefs)
    url = page.url
    page.locator(".jp-Notebook .jp-MarkdownCell a").nth(wanted[0]).click()
    page.wait_for_function(
        "path => [...window.jupyterapp.shell.widgets('main')]"
        ".some(w => !w.isDisposed && w.context && w.context.path === path)",
        arg=f"chapters/{target}",
        timeout=30_000,
    )
    assert page.url.split("?")[0].split("/lab")[0] == url.split("?")[0].split("/lab")[0]
