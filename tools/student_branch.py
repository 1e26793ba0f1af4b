"""Commit the student release to a git branch, so that launch buttons open solution-free notebooks.

The book's launch buttons (Binder, and a JupyterHub with nbgitpuller) open a notebook at
``repository.branch`` of ``repository.url`` in ``_config.yml``. The course sets that branch to
``student``: this tool makes it. It takes the tree of a commit (HEAD by default), replaces every
``chapters/*.ipynb`` by its student release (``tools/release.py``: solutions and hidden tests
removed), and commits that tree on the branch ``student``. Everything else (``requirements.txt``,
``runtime.txt``, ``code/``, the appendix) is the same as in the commit, so Binder builds the same
environment. The branch's history holds only student releases: its commits have the previous
student commit as parent, never the instructor's, so ``git log`` on it shows no solution. Nothing
is checked out and the working tree is not touched.

    python tools/student_branch.py            # or: python3 make.py student-branch
    git push origin student                   # publish it where Binder and the hub look

Running it again without a change to the chapters makes no new commit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from release import ReleaseError, release_notebook

DEFAULT_IDENTITY = {"name": "From Step to Swish release", "email": "release@localhost"}


def git(repo: Path, *args: str, stdin: str | None = None, env: dict | None = None) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=repo, input=stdin, capture_output=True, text=True,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    if proc.returncode:
        raise ReleaseError(f"git {' '.join(args)} failed: {proc.stderr.strip()}")
    return proc.stdout.strip()


def _identity_env(repo: Path) -> dict:
    """The configured git identity, or a neutral one where none is set (a fresh CI clone)."""
    env = {}
    for key in ("name", "email"):
        proc = subprocess.run(["git", "config", f"user.{key}"], cwd=repo, capture_output=True)
        if proc.returncode or not proc.stdout.strip():
            env[f"GIT_AUTHOR_{key.upper()}"] = DEFAULT_IDENTITY[key]
            env[f"GIT_COMMITTER_{key.upper()}"] = DEFAULT_IDENTITY[key]
    return env


def student_files(repo: Path, ref: str) -> dict[str, str]:
    """``{path: student notebook text}`` for every ``chapters/*.ipynb`` in ``ref``."""
    import nbformat

    listing = git(repo, "ls-tree", "--name-only", ref, "chapters/").splitlines()
    files = {}
    for path in listing:
        if not path.endswith(".ipynb"):
            continue
        nb = nbformat.reads(git(repo, "show", f"{ref}:{path}"), as_version=4)
        text = nbformat.writes(release_notebook(nb, name=path))
        files[path] = text if text.endswith("\n") else text + "\n"
    if not files:
        raise ReleaseError(f"no chapters/*.ipynb in {ref}")
    return files


def publish(repo: Path, branch: str = "student", ref: str = "HEAD") -> str | None:
    """Commit the student release of ``ref`` to ``branch``; the new commit, or None if unchanged."""
    repo = Path(repo)
    source = git(repo, "rev-parse", "--verify", f"{ref}^{{commit}}")
    files = student_files(repo, source)
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        git(repo, "read-tree", source, env=env)
        for path, text in files.items():
            blob = git(repo, "hash-object", "-w", "--stdin", stdin=text)
            git(repo, "update-index", "--cacheinfo", f"100644,{blob},{path}", env=env)
        tree = git(repo, "write-tree", env=env)
    try:
        parent = git(repo, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}")
    except ReleaseError:
        parent = ""
    if parent and git(repo, "rev-parse", f"{parent}^{{tree}}") == tree:
        return None
    message = f"Student release of {source[:12]}: chapters without solutions"
    args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
    commit = git(repo, *args, env=_identity_env(repo))
    git(repo, "update-ref", f"refs/heads/{branch}", commit, *([parent] if parent else []))
    return commit


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--branch", default="student", help="branch to commit to (student)")
    parser.add_argument("--ref", default="HEAD", help="commit whose chapters to release (HEAD)")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="the repository (here)")
    args = parser.parse_args(argv)
    try:
        commit = publish(args.repo, args.branch, args.ref)
    except ReleaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if commit is None:
        print(f"branch {args.branch} already holds the student release of {args.ref}")
    else:
        print(f"branch {args.branch} is now {commit[:12]}: the student release of {args.ref}")
    print(f"publish it with: git push origin {args.branch}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
