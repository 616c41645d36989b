"""`ladder new`: a ready repository for an organisation's frameworks, or one
more framework in it.

As `mkdocs new`, `hugo new site` and `zola init` do, it writes a small site
that builds as it is, and never overwrites anything. The repository holds
content only: its workflow installs the Ladder that `requirements.txt` pins.
"""

from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..errors import UsageError
from ..model import humanise
from ..reading.files import load_page, page_entries
from ..reading.pages import check_page, default_path, generic_topics_of
from .schema import SCHEMAS, file_name, schema_text

STARTER = Path(__file__).resolve().parent / "starter"
HIDDEN = {"github", "gitignore", "vscode"}  # kept without their dot in the package, which skips dot files
MAX_LEVELS = 50


def new_site(folder: Path, title: str = "", requirement: str = "") -> list[str]:
    """Write a new site repository into `folder` (absent, or empty but for
    `.git`); return notes for the person who asked, such as what to do next."""
    if folder.exists() and (not folder.is_dir() or any(p.name != ".git" for p in folder.iterdir())):
        raise UsageError(f"{folder} already exists and is not empty; Ladder does not write over anything. "
                         "Choose a new folder name")
    title = title or _sentence(folder.resolve().name) or "Career frameworks"
    notes = []
    if not requirement:
        requirement, note = pinned_requirement()
        notes += [note] if note else []
    files = {("." if rel.parts[0] in HIDDEN else "") + rel.as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(STARTER.rglob("*")) if path.is_file() and "__pycache__" not in path.parts
             for rel in [path.relative_to(STARTER)]}
    files = {rel: text.replace("__TITLE_YAML__", json.dumps(title, ensure_ascii=False)).replace("__TITLE__", title)
             for rel, text in files.items()}
    files["requirements.txt"] = f"# The Ladder this site is built with; change it to upgrade.\n{requirement}\n"
    files.update({f"schemas/{file_name(kind)}": schema_text(kind) for kind in SCHEMAS})
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return notes


def _sentence(name: str) -> str:
    """"my-frameworks" → "My frameworks"."""
    words = name.replace("_", " ").replace("-", " ").split()
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def pinned_requirement() -> tuple[str, str]:
    """The requirement that installs the running Ladder, as `pip freeze` would
    write it (from the install's direct_url.json, PEP 610), and a note when
    GitHub's runners could not install from it."""
    for dist in metadata.distributions(name="ladder"):
        found = dist.read_text("direct_url.json") if dist.version == __version__ else None
        if found:
            return requirement_from(json.loads(found))
    return f"ladder=={__version__}", ""


def requirement_from(direct_url: dict) -> tuple[str, str]:
    """A PEP 508 requirement for the install PEP 610's `direct_url` describes, and a note."""
    url = direct_url.get("url", "")
    if vcs := direct_url.get("vcs_info"):
        return f"ladder @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}".rstrip("@"), ""
    requirement = f"ladder @ {url}"
    if url.startswith("file:"):
        return requirement, ("requirements.txt installs Ladder from a folder on this computer, which the "
                             "publishing workflow cannot reach: before you publish, change it to where your "
                             "organisation installs Ladder from, such as "
                             "'ladder @ git+https://github.com/ORGANISATION/ladder@COMMIT' "
                             "(or make the site with `ladder new --requirement …`)")
    return requirement, ""


def new_framework(path: Path, content_dir: Path, title: str = "", levels: int = 3) -> Path:
    """Write a framework file at `path` (inside `content_dir`) with every
    topic of the generic framework, to inherit; refuse to overwrite one."""
    if not content_dir.is_dir():
        raise UsageError(f"content folder not found: {content_dir} (run this in the site's folder, or use --content)")
    if not 1 <= levels <= MAX_LEVELS:
        raise UsageError(f"--levels: expected a number from 1 to {MAX_LEVELS}, got {levels}")
    root = content_dir.resolve()
    target = path.resolve() if path.resolve().is_relative_to(root) or path.is_absolute() else (root / path).resolve()
    if not target.is_relative_to(root) or target == root:
        raise UsageError(f"{path} is not inside the content folder {content_dir}")
    suffix = target.suffix.lower()
    if suffix not in (".yml", ".yaml", ".md"):
        raise UsageError(f"{path}: expected a file name ending in .yml (or .md, for a page with Markdown text)")
    if target.exists():
        raise UsageError(f"{shown(target)} already exists; Ladder does not overwrite it")
    rel = target.relative_to(root).as_posix()
    title = title or humanise(target.stem)
    front = _front_matter(default_path(rel), title, levels, _generic_topics(content_dir))
    if suffix == ".md":
        text = f"---\n{front}---\nWrite here what the framework is for, and who it is for.\n"
    else:
        text = _modeline(target, root) + front
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:  # "x": never over a file made meanwhile
        handle.write(text)
    return target


def shown(path: Path) -> str:
    """A path as the person typing commands would write it: relative to here."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)


def _generic_topics(content_dir: Path) -> list[str]:
    """Names of the generic framework's topics, in its order."""
    checked = []
    for rel, entry in page_entries(content_dir):
        page, _ = load_page(Path(entry.path), rel)
        if page is not None and (found := check_page(page)[0]) is not None:
            checked.append(found)
    return list(generic_topics_of(checked))


def _modeline(target: Path, root: Path) -> str:
    """The line that tells yaml-language-server where the schema is, when the
    site has one (`ladder new` writes it into schemas/)."""
    for folder in (root, *root.parents):
        schema = folder / "schemas" / file_name("framework")
        if schema.is_file():
            return f"# yaml-language-server: $schema={os.path.relpath(schema, target.parent)}\n"
    return ""


def _front_matter(path: str, title: str, levels: int, inherited: list[str]) -> str:
    quoted = json.dumps(title, ensure_ascii=False)
    lines = [f"path: /{path}", f"title: {quoted}", f"sidebarTitle: {quoted}", 'sidebarGroup: ""', "yaml: true",
             f"levels: {levels}", "homepage: false", "description: One or two sentences for the home page.",
             "topics:"]
    topics = [(name, "") for name in inherited] or [("example-topic", "Example topic")]
    for name, topic_title in topics:
        lines += [f"  - name: {json.dumps(name, ensure_ascii=False)}",
                  f"    title: {topic_title}" if topic_title else
                  "    title:  # empty: the generic framework's topic, with its criteria",
                  "    content:"]
        for level in range(1, levels + 1):
            lines += [f"      - level: {level}", "        criteria:",
                      f"          - What is expected at level {level}."] if topic_title else \
                     [f"      - level: {level}", "        criteria: []"]
    return "\n".join(lines) + "\n"
