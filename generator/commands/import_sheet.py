"""`ladder import`: a framework file from a spreadsheet.

The sheet is read (`reading.sheets`), its layout told from its header and
read into a draft (`reading.sheet_layouts`), and the draft written as a
Monzo-format framework file. The text is checked as `ladder check` checks a
file before anything is written; a file that exists is replaced only with
--force, and a sheet with errors writes nothing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..building.full import find_generic
from ..errors import ContentError, Problem, UsageError, plural
from ..model import slugify
from ..reading.files import content_files, parse_page
from ..reading.frameworks import read_framework
from ..reading.pages import check_page, generic_topics_of, site_path_problem
from ..reading.sheet_layouts import front_matter, read_sheet
from ..reading.sheets import read_table

_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


@dataclass
class Imported:
    file: Path
    summary: str
    warnings: list[Problem] = field(default_factory=list)


def yaml_text(value, indent: int = 0) -> str:
    """Front matter as YAML: every text double-quoted (JSON's escapes are
    YAML's), so no text can be read back as a number, a date or `true`."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{yaml_text(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
        return "\n".join(lines)
    lines = []
    for item in value:
        if isinstance(item, (dict, list)) and item:
            text = yaml_text(item, indent + 2)
            lines.append(f"{pad}- {text[indent + 2:]}")
        else:
            lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, dict)):
        return "[]" if isinstance(value, list) else "{}"
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def import_sheet(source: Path, content_dir: Path, path: str | None = None, title: str | None = None,
                 layout: str | None = None, sheet: str | None = None, framework: str | None = None,
                 kind: str | None = None, force: bool = False) -> Imported:
    table = read_table(source, sheet)
    draft = read_sheet(table, source.name, layout, framework)
    errors = [p for p in draft.problems if p.is_error]
    if errors:
        raise ContentError(draft.problems)
    if path is not None:
        draft.path = path
    draft.path = (draft.path or slugify(source.stem) or "imported").strip("/")
    if unsafe := site_path_problem("/" + draft.path):  # before anything is written where the path points
        raise ContentError([Problem(source.name, f"the framework's path: {unsafe}")])
    draft.title = title or draft.title or source.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    if not content_dir.is_dir():
        raise UsageError(f"content folder not found: {content_dir}")
    generic = find_generic(content_dir, list(content_files(content_dir)), None)
    known = generic_topics_of([generic]) if generic is not None and draft.path != "generic" else {}
    inherit = {t.name for t in draft.topics if t.inherited and t.name in known}
    data = front_matter(draft, kind, inherit)
    text = f"---\n{yaml_text(data)}\n---\n"
    target = content_dir / (draft.path + ".md")
    _check(text, target, content_dir, known)
    if target.exists() and not force:
        raise UsageError(f"{target} exists; use --force to replace it")
    _claimed(content_dir, draft.path, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
    summary = (f"{table.name}: {draft.layout} layout; wrote {target} ({plural(len(draft.topics), 'topic')}, "
               f"{plural(len(draft.levels), 'level')}, {draft.criteria} criteria)")
    return Imported(target, summary, [p for p in draft.problems if not p.is_error])


def _check(text: str, target: Path, content_dir: Path, generic_topics: dict) -> None:
    """Read the file as a build would, before it is written: any problem stops the import."""
    rel = target.relative_to(content_dir).as_posix()
    page, problems = parse_page(text, text.encode("utf-8"), rel)
    if page is not None and not any(p.is_error for p in problems):
        checked, found = check_page(page)
        problems += found
        if checked is not None:
            _, found = read_framework(checked, "en", generic_topics, None)
            problems += found
    if problems:
        raise ContentError([Problem(rel, f"the file made from the sheet would not pass `ladder check`: {p}")
                            for p in problems])


def _claimed(content_dir: Path, path: str, target: Path) -> None:
    """Another content file already published at this path."""
    wanted = re.compile(rf"^path:\s*['\"]?/?{re.escape(path)}/?['\"]?\s*$", re.MULTILINE)
    for rel, file in content_files(content_dir).items():
        if Path(file).resolve() == target.resolve():
            continue
        with open(file, "rb") as handle:
            head = handle.read(8192).decode("utf-8", errors="replace")
        if wanted.search(head):
            raise UsageError(f"{rel} already has path /{path}; choose another with --path")
