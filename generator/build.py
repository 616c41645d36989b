"""The build pipeline: load → validate → model → render → write.

Everything is computed in memory first; only a build without errors touches
the disk, and it writes into a temporary folder that is swapped in at the end,
so a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import search as search_index
from .builder import SiteBuilder
from .config import SiteConfig
from .errors import ContentError, LadderError, Problem, UsageError
from .model import Site

MARKER = ".ladder-site"


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list[Problem] = field(default_factory=list)
    output: Path | None = None
    site: Site | None = None


def load_site(content_dir: Path, base_url: str | None = None) -> tuple[Site, SiteConfig, list[Problem]]:
    """Read and validate all content; return the model and every problem found."""
    builder = SiteBuilder(content_dir, base_url)
    site, problems, _, _ = builder.load()
    return site, builder.config, problems


def check_output_folder(output_dir: Path, content_dir: Path) -> None:
    """Refuse to replace a folder Ladder did not make, or one holding the content."""
    output = output_dir.resolve()
    content = content_dir.resolve()
    if output == Path(output.anchor) or output == Path.home():
        raise UsageError(f"refusing to use {output} as the output folder")
    if output == content or output in content.parents:
        raise UsageError(f"the output folder {output} would replace the content; choose another")
    if output.exists():
        if not output.is_dir():
            raise UsageError(f"output {output} exists and is not a folder")
        if any(output.iterdir()) and not (output / MARKER).exists():
            raise UsageError(
                f"output folder {output} is not empty and was not made by Ladder; "
                "empty it or choose another --output"
            )


def write_output(files: dict[str, bytes], output_dir: Path, finish=None) -> None:
    """Write all files into a fresh folder next to `output_dir`, then swap it in.

    `finish(folder)` runs on the written folder before the swap (search indexing).
    """
    output = output_dir.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.building-{os.getpid()}"
    retired = output.parent / f".{output.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for rel, data in sorted(files.items()):
            target = staging / rel
            if staging not in target.resolve().parents:
                raise LadderError(f"refusing to write outside the output folder: {rel}")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (staging / MARKER).write_text("Built by Ladder. This folder is replaced on every build.\n")
        if finish is not None:
            finish(staging)
        if output.exists():
            output.rename(retired)
        staging.rename(output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not output.exists():
            retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def build(
    content_dir: Path,
    output_dir: Path | None = Path("output"),
    base_url: str | None = None,
    strict: bool = False,
    progress=lambda message: None,
    search: bool = False,
) -> BuildResult:
    """Build the site; with `output_dir=None`, check only and write nothing.

    Raises `ContentError` with every problem when the content has errors (or
    warnings, when `strict`). `progress` receives a line per stage. `search`
    indexes the written site with Pagefind before it replaces the old one.
    """
    started = time.perf_counter()
    if output_dir is not None:
        check_output_folder(output_dir, content_dir)
    builder = SiteBuilder(content_dir, base_url)
    changes = builder.build()
    if not changes.ok or (strict and changes.problems):
        raise ContentError(changes.problems)
    progress(f"read {_plural(len(builder.site.frameworks), 'page')} from {content_dir}, "
             f"rendered {_plural(changes.rendered, 'page')}")
    if output_dir is not None:
        write_output(builder.output, output_dir, finish=search_index.index if search else None)
        if search:
            progress("indexed the site for search")
    return BuildResult(
        pages=len(builder.pages),
        files=len(builder.output),
        seconds=time.perf_counter() - started,
        warnings=changes.problems,
        output=output_dir,
        site=builder.site,
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
