"""Launch buttons: one repository setting everywhere, the student branch, no broken hub button."""

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
import yaml
from release import release_notebook
from student_branch import publish

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPO_URL = CONFIG["repository"]["url"].rstrip("/")
BRANCH = CONFIG["repository"]["branch"]
ORG, NAME = urlsplit(REPO_URL).path.strip("/").split("/")
DOCS = [ROOT / "README.md", ROOT / "intro.md", *sorted((ROOT / "appendix").glob("*.md"))]
# A repository on GitHub, a Binder launch of one, or a JupyterHub nbgitpuller link to one.
GITHUB = re.compile(r"github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?(?=[/)\s\"'`>#?&]|$)")
BINDER = re.compile(r"/v2/gh/([\w.-]+)/([\w.-]+)/([\w.-]+)")


def test_the_repository_setting_is_a_github_repository():
    assert REPO_URL == f"https://github.com/{ORG}/{NAME}"
    assert BRANCH == "student", "launch buttons open the student release unless told otherwise"
    assert CONFIG["launch_buttons"]["binderhub_url"] == "https://mybinder.org"


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_every_repository_link_in_the_docs_matches_the_setting(path):
    text = path.read_text()
    for org, name in GITHUB.findall(text):
        if org in {"jupyterhub", "jupyter", "executablebooks"}:  # tools the docs point to
            continue
        assert (org, name) == (ORG, NAME), f"{path.name}: github.com/{org}/{name} != {REPO_URL}"
    for org, name, branch in BINDER.findall(text):
        assert (org, name, branch) == (ORG, NAME, BRANCH), f"{path.name}: Binder link"


def test_readme_and_guide_quote_the_setting():
    """The check above is not vacuous: both documents give the Binder link of this repository."""
    binder = f"https://mybinder.org/v2/gh/{ORG}/{NAME}/{BRANCH}"
    for path in (ROOT / "README.md", ROOT / "appendix" / "instructors_guide.md"):
        assert binder in path.read_text(), f"{path.name} should link {binder}"


def test_no_jupyterhub_button_until_a_hub_is_configured():
    assert CONFIG["launch_buttons"]["jupyterhub_url"] == "", "a placeholder hub is a broken button"


@pytest.mark.book
@pytest.mark.slow
def test_built_pages_launch_the_student_release_on_binder_only(book_html):
    page = (book_html / "chapters" / "01_what_activations_do.html").read_text()
    links = re.findall(r'href="([^"]+)"', page)
    binder = [u for u in links if "mybinder.org" in u]
    want = (
        f"https://mybinder.org/v2/gh/{ORG}/{NAME}/{BRANCH}"
        "?urlpath=lab/tree/chapters/01_what_activations_do.ipynb"
    )
    assert binder == [want]
    assert not [u for u in links if "git-pull" in u], "a JupyterHub button with no hub set"
    assert f'href="{REPO_URL}"' in page  # the repository button


def _tiny_book(tmp_path: Path, hub: str) -> Path:
    """A one-notebook book with the course's repository and launch settings, and a hub set."""
    book = tmp_path / "book"
    (book / "chapters").mkdir(parents=True)
    config = {
        "title": "tiny",
        "only_build_toc_files": True,
        "execute": {"execute_notebooks": "off"},
        "repository": CONFIG["repository"],
        "launch_buttons": {**CONFIG["launch_buttons"], "jupyterhub_url": hub},
        "html": {"use_repository_button": True},
    }
    (book / "_config.yml").write_text(yaml.safe_dump(config))
    (book / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n- file: chapters/nb\n")
    (book / "intro.md").write_text("# Tiny\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A notebook")])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, book / "chapters" / "nb.ipynb")
    return book


@pytest.mark.slow
def test_a_configured_hub_gets_an_nbgitpuller_button_to_the_student_branch(tmp_path):
    hub = "https://hub.example.org"
    book = _tiny_book(tmp_path, hub)
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    proc = subprocess.run(
        [str(jupyter_book), "build", str(book), "-W", "-n"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    page = (book / "_build" / "html" / "chapters" / "nb.html").read_text()
    pulls = [u for u in re.findall(r'href="([^"]+)"', page) if "git-pull" in u]
    assert len(pulls) == 1, pulls
    url = urlsplit(pulls[0].replace("&amp;", "&"))
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{hub}/hub/user-redirect/git-pull"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query == {
        "repo": REPO_URL,
        "branch": BRANCH,
        "urlpath": f"lab/tree/{NAME}/chapters/nb.ipynb",
    }


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_student_branch_holds_the_release_and_nothing_else_changes(tmp_path):
    """make.py student-branch, in a clone: chapters released, everything else as in HEAD."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    commit = publish(clone, branch=BRANCH)
    assert commit and _git(clone, "rev-parse", BRANCH).strip() == commit
    assert _git(clone, "rev-list", "--count", BRANCH).strip() == "1", "no instructor history"
    changed = _git(clone, "diff", "--name-only", "HEAD", BRANCH).split()
    chapters = sorted(p.name for p in (clone / "chapters").glob("*.ipynb"))
    assert chapters and set(changed) <= {f"chapters/{c}" for c in chapters}
    for name in chapters:
        text = _git(clone, "show", f"{BRANCH}:chapters/{name}")
        expected = release_notebook(nbformat.read(clone / "chapters" / name, as_version=4))
        assert nbformat.reads(text, as_version=4).cells == expected.cells, name
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, name
    assert publish(clone, branch=BRANCH) is None, "nothing changed, so no new commit"
    assert _git(clone, "status", "--porcelain") == "", "the working tree is not touched"
