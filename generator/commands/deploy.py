"""`ladder deploy`: publish a built site to a branch, for GitHub Pages "from a branch".

ghp-import writes the folder as the branch's only tree in one commit, without
touching the working copy.
"""

from __future__ import annotations

from pathlib import Path

import ghp_import

from ..errors import LadderError


def deploy(site_dir: Path, branch: str = "gh-pages", remote: str = "origin", push: bool = True,
           message: str = "Publish frameworks") -> None:
    try:
        ghp_import.ghp_import(str(site_dir), branch=branch, remote=remote, push=push, mesg=message,
                              nojekyll=True, no_history=False)
    except ghp_import.GhpError as exc:
        raise LadderError(f"deploy failed: {exc.message if hasattr(exc, 'message') else exc}") from exc
