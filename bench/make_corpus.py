#!/usr/bin/env python3
"""Write a deterministic synthetic corpus of Monzo-format framework files.

    python bench/make_corpus.py N DIR [--source FOLDER ...] [--seed S] [--no-roles] [--force]

The corpus recombines the criteria, examples, topic names and Markdown of a
real corpus (by default Ladder's own `content/` and, when it exists, the Monzo
corpus in `../shared/corpus/monzo`), in realistic shapes:

* one `/generic` framework (7 levels) that the others inherit from: about a
  third of every framework's topics have an empty `title:`;
* 4–7 levels, 5–10 topics, 2–6 criteria per level; some levels add
  `exampleCriteria` with examples, some are split into sublevels
  ("Criteria for sublevel A", "Criteria for sublevel A (after probation)",
  "Criteria for sublevel B"…) whose examples are the sublevel's criteria;
* 8 sidebar groups plus ungrouped frameworks, a few `homepage: true`;
* Markdown bodies on about a third of the pages, and a few `yaml: false`
  Markdown pages shaped like Monzo's design frameworks;
* roles (Ladder's extension: id, title, description, progressesTo, targets) on
  about a quarter of the frameworks, unless `--no-roles`. Roles come from
  their own random stream, so `--no-roles` changes nothing else.

The same N, seed and sources always give a byte-identical corpus. Exactly N
files are written (the generic framework is one of them). DIR must be empty or
absent, or a corpus this script wrote earlier (with `--force`).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MARKER = ".ladder-bench-corpus"
GENERIC_LEVELS = 7

GROUPS = ["engineering", "design", "operations", "product", "people", "marketing", "data", "finance"]
GROUP_WEIGHTS = [20, 10, 16, 10, 8, 8, 10, 8]  # plus UNGROUPED_SHARE ungrouped
UNGROUPED_SHARE = 0.12
DISCIPLINES = {
    "engineering": ["Backend", "Web", "Mobile", "Platform", "Security", "Infrastructure", "Payments",
                    "Quality", "Site Reliability", "Machine Learning", "Developer Experience", "Embedded"],
    "design": ["Product Design", "Visual Design", "User Research", "Content Design", "Brand Design",
               "Design Systems", "Illustration", "Motion Design"],
    "operations": ["Customer Operations", "Financial Crime", "Collections", "Complaints", "Vulnerable Customers",
                   "Chargebacks", "Onboarding", "Quality Assurance", "Workforce Planning", "Operations Leadership"],
    "product": ["Product Management", "Product Operations", "Technical Product", "Growth Product",
                "Product Analytics", "Product Marketing"],
    "people": ["People Partnering", "Talent Acquisition", "Learning and Development", "Reward",
               "People Operations", "Inclusion", "Workplace"],
    "marketing": ["Brand Marketing", "Performance Marketing", "Community", "Communications", "Social",
                  "Partnerships", "Copywriting"],
    "data": ["Data Science", "Analytics Engineering", "Data Engineering", "Business Intelligence",
             "Decision Science", "Data Governance"],
    "finance": ["Financial Planning", "Treasury", "Tax", "Financial Control", "Procurement", "Risk",
                "Compliance", "Legal", "Internal Audit"],
    "": ["Executive Support", "Technical Operations", "Strategy", "Office Management", "Internal Comms",
         "Business Operations", "Project Management"],
}
QUALIFIERS = ["", "", "", "Individual Contributor", "Leadership", "Management", "Specialist", "Apprentice"]
ROLE_TITLES = ["Associate", "Junior", "", "Senior", "Lead", "Principal", "Head of", "Director of"]

# Used only when the source corpus is missing or too small.
FALLBACK_TOPICS = [
    ("knowledge", "🧠 Knowledge"), ("impact", "💥 Impact"), ("communication", "💬 Communication"),
    ("teamwork", "🤝 Teamwork"), ("leadership", "🧭 Leadership"), ("mastery", "🎓 Mastery"),
    ("conduct", "⚖️ Conduct"), ("influence", "📣 Influence"), ("execution", "🚀 Execution"),
    ("problem solving", "🧩 Problem solving"), ("feedback", "🔁 Feedback"), ("ownership", "🎯 Ownership"),
    ("customer focus", "🙋 Customer focus"), ("delivery", "📦 Delivery"), ("craft", "🛠️ Craft"),
    ("mentoring", "🌱 Mentoring"), ("strategy", "♟️ Strategy"), ("risk", "🛡️ Risk and compliance"),
]
FALLBACK_CRITERIA = [
    "Actively communicates what they are working on", "Seeks out feedback",
    "Delivers small, well-defined tasks", "Identifies problems to solve",
    "Owns the implementation of the solution", "Understands the wider business context",
    "Proactively gives feedback to those they work with", "Mentors others in their team",
]
FALLBACK_EMOJI = ["🛠️", "💬", "🎯", "📄", "🎉", "👭", "🧠", "💥", "🔍", "🎨", "📊", "🏦"]

SUBLEVEL_RE = re.compile(r"^\s*criteria for sublevel\b", re.IGNORECASE)
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE)
_TAB_AFTER_DASH = re.compile(r"^((?:[ ]*-[ ]*)+?)\t", re.MULTILINE)
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    return _SLUG_RE.sub("-", text.lower()).strip("-")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax, which libyaml, Hugo and PyYAML all read)."""
    out = json.dumps(text, ensure_ascii=False)
    if _UNSAFE.search(out):
        out = _UNSAFE.sub(lambda m: "\\u%04x" % ord(m.group()), out)
    return out


# -- the source corpus --------------------------------------------------------


@dataclass
class Pools:
    criteria: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    example_criteria: list[tuple[str, list[str]]] = field(default_factory=list)
    topics: list[tuple[str, str]] = field(default_factory=list)  # (name, title)
    topic_counts: dict[str, int] = field(default_factory=dict)  # how many frameworks use each name
    paragraphs: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    emoji: list[str] = field(default_factory=list)
    files: int = 0

    def dedupe(self) -> None:
        for name in ("criteria", "examples", "paragraphs", "headings", "emoji"):
            setattr(self, name, list(dict.fromkeys(getattr(self, name))))
        first: dict[str, list[str]] = {}
        for criterion, examples in self.example_criteria:
            first.setdefault(criterion, examples)
        self.example_criteria = list(first.items())
        seen, topics = set(), []
        for name, title in self.topics:
            if name not in seen:
                seen.add(name)
                topics.append((name, title))
        self.topics = topics


def default_sources() -> list[Path]:
    sources = [REPO / "content"]
    monzo = REPO.parent / "shared" / "corpus" / "monzo"
    if monzo.is_dir():
        sources.append(monzo)
    return sources


def _text(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("text")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        value = " ".join(str(value).split())
        return value or None
    return None


def _harvest_markdown(body: str, pools: Pools) -> None:
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            heading = block.splitlines()[0].lstrip("#").strip()
            if heading and len(heading) < 80:
                pools.headings.append(heading)
            rest = "\n".join(block.splitlines()[1:]).strip()
            if rest and not rest.startswith("#"):
                pools.paragraphs.append(rest)
        elif len(block) >= 40 and not block.startswith(("|", "<", "!", "```")):
            pools.paragraphs.append(block)


def _harvest_topics(topics, pools: Pools) -> None:
    for topic in topics or []:
        if not isinstance(topic, dict):
            continue
        name, title = _text(topic.get("name")), _text(topic.get("title"))
        if name and len(name) <= 40:
            pools.topic_counts[name] = pools.topic_counts.get(name, 0) + 1
            if title:  # without a source's note marks ("Scheduling*"): they mean nothing in another framework
                pools.topics.append((name, title.rstrip("*†‡§ ")))
        contents = list(topic.get("content") or [])
        if topic.get("criteria"):  # Ladder's standards and units
            contents.append({"criteria": topic.get("criteria")})
        for content in contents:
            if not isinstance(content, dict):
                continue
            for item in content.get("criteria") or []:
                if text := _text(item):
                    pools.criteria.append(text)
                if isinstance(item, dict):
                    pools.examples.extend(t for t in map(_text, item.get("examples") or []) if t)
            for item in content.get("exampleCriteria") or []:
                if not isinstance(item, dict) or not (criterion := _text(item.get("criteria"))):
                    continue
                examples = [t for t in map(_text, item.get("examples") or []) if t]
                if SUBLEVEL_RE.match(criterion):
                    pools.criteria.extend(examples)
                else:
                    pools.criteria.append(criterion)
                    pools.examples.extend(examples)
                    if examples:
                        pools.example_criteria.append((criterion, examples))


def harvest(sources: list[Path], warn=lambda message: None) -> Pools:
    """Collect texts from every page file of the source folders, in a stable order."""
    pools = Pools()
    for source in sources:
        if not source.is_dir():
            warn(f"source folder not found, skipped: {source}")
            continue
        files = sorted(
            (p for p in source.rglob("*") if p.suffix in (".md", ".markdown", ".yml", ".yaml") and p.is_file()),
            key=lambda p: p.relative_to(source).as_posix(),
        )
        for path in files:
            rel = path.relative_to(source)
            if any(part.startswith((".", "_")) for part in rel.parts):
                continue
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                warn(f"{path}: skipped ({exc})")
                continue
            body = ""
            if path.suffix in (".md", ".markdown"):
                match = _FRONT_MATTER_RE.match(text)
                if not match:
                    _harvest_markdown(text, pools)
                    pools.files += 1
                    continue
                front, body = match.group(1), text[match.end():]
            else:
                front = text
            try:
                data = yaml.load(_TAB_AFTER_DASH.sub(lambda m: m.group(1) + " ", front), Loader=_Loader)
            except yaml.YAMLError as exc:
                warn(f"{path}: skipped, invalid YAML ({str(exc).splitlines()[0]})")
                continue
            if not isinstance(data, dict):
                continue
            pools.files += 1
            for key in ("title", "sidebarTitle"):
                title = _text(data.get(key))
                if title and not title[0].isalnum() and " " in title:
                    pools.emoji.append(title.split(" ", 1)[0])
            _harvest_topics(data.get("topics"), pools)
            _harvest_markdown(body, pools)
            if overview := data.get("overview"):
                _harvest_markdown(str(overview), pools)
    pools.dedupe()
    if len(pools.criteria) < 20:
        pools.criteria.extend(c for c in FALLBACK_CRITERIA if c not in pools.criteria)
    if len(pools.examples) < 5:
        pools.examples.extend(FALLBACK_CRITERIA)
    if len(pools.topics) < 12:
        known = {name for name, _ in pools.topics}
        pools.topics.extend(t for t in FALLBACK_TOPICS if t[0] not in known)
    if not pools.example_criteria:
        pools.example_criteria = [(c, [pools.examples[i % len(pools.examples)]]) for i, c in
                                  enumerate(pools.criteria[:10])]
    if len(pools.paragraphs) < 3:
        pools.paragraphs.extend(FALLBACK_CRITERIA)
    if not pools.headings:
        pools.headings = ["Overview", "How to use this framework", "Expectations"]
    if len(pools.emoji) < 4:
        pools.emoji.extend(FALLBACK_EMOJI)
    return pools


# -- generation -----------------------------------------------------------------


@dataclass
class Stats:
    files: int = 0
    bytes: int = 0
    frameworks: int = 0
    markdown_pages: int = 0
    topics: int = 0
    inherited_topics: int = 0
    levels: int = 0  # topic levels with content
    criteria: int = 0  # plain `criteria` items
    example_criteria: int = 0  # `exampleCriteria` entries that are criteria with examples
    sublevels: int = 0  # `exampleCriteria` entries that are sublevels
    examples: int = 0  # examples of criteria with examples
    sublevel_criteria: int = 0  # examples of sublevels (their criteria)
    roles: int = 0
    files_list: list[str] = field(default_factory=list)

    @property
    def criterion_items(self) -> int:
        """Every `criteria` item and `exampleCriteria` entry: what a peer lists as criteria."""
        return self.criteria + self.example_criteria + self.sublevels

    @property
    def example_items(self) -> int:
        """Every `examples` item."""
        return self.examples + self.sublevel_criteria

    def summary(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "files_list"}
        data["criterion_items"] = self.criterion_items
        data["example_items"] = self.example_items
        return data


class Writer:
    def __init__(self, rng: random.Random, pools: Pools, stats: Stats):
        self.rng = rng
        self.pools = pools
        self.stats = stats

    def criteria_block(self, out: list[str], indent: str, count: int) -> None:
        rng, pool = self.rng, self.pools.criteria
        out.append(f"{indent}criteria:\n")
        for _ in range(count):
            out.append(f"{indent}  - {q(rng.choice(pool))}\n")
        self.stats.criteria += count

    def example_criteria_block(self, out: list[str], indent: str, level: int, sublevels: bool, count: int) -> None:
        rng, pools, stats = self.rng, self.pools, self.stats
        out.append(f"{indent}exampleCriteria:\n")
        if sublevels:
            letters = "ABCD"[: rng.randint(2, 4)]
            for i, letter in enumerate(letters):
                title = f"Criteria for sublevel {letter}"
                entries = [title + " (after probation)"] if (level == 1 and i == 0 and rng.random() < 0.5) else []
                entries.insert(0, title)
                for entry in entries:
                    n = rng.randint(1, 4)
                    out.append(f"{indent}  - criteria: {q(entry)}\n{indent}    examples:\n")
                    for _ in range(n):
                        out.append(f"{indent}      - {q(rng.choice(pools.criteria))}\n")
                    stats.sublevels += 1
                    stats.sublevel_criteria += n
            return
        for _ in range(count):
            criterion, examples = rng.choice(pools.example_criteria)
            n = rng.randint(1, 3)
            picked = examples[:n] if rng.random() < 0.6 else [rng.choice(pools.examples) for _ in range(n)]
            out.append(f"{indent}  - criteria: {q(criterion)}\n{indent}    examples:\n")
            for example in picked:
                out.append(f"{indent}      - {q(example)}\n")
            stats.example_criteria += 1
            stats.examples += len(picked)

    def topic(self, out: list[str], name: str, title: str | None, levels: int, inherited: bool) -> None:
        rng, stats = self.rng, self.stats
        out.append(f"  - name: {q(name)}\n")
        out.append("    title:\n" if title is None else f"    title: {q(title)}\n")
        out.append("    content:\n")
        stats.topics += 1
        stats.inherited_topics += inherited
        # Inheriting topics sometimes leave level 1 to the generic framework.
        first = 2 if inherited and rng.random() < 0.3 else 1
        for level in range(first, levels + 1):
            out.append(f"      - level: {level}\n")
            stats.levels += 1
            roll = rng.random()
            if roll < 0.08:  # a level split into sublevels, as in Monzo's Customer Operations
                self.example_criteria_block(out, "        ", level, True, 0)
                continue
            total = rng.randint(2, 6)
            with_examples = min(total - 1, rng.randint(1, 2)) if roll < 0.35 else 0
            self.criteria_block(out, "        ", total - with_examples)
            if with_examples:
                self.example_criteria_block(out, "        ", level, False, with_examples)

    def body(self, out: list[str]) -> None:
        rng, pools = self.rng, self.pools
        out.append("\n")
        for i in range(rng.randint(1, 3)):
            if i or rng.random() < 0.5:
                out.append(f"## {rng.choice(pools.headings)}\n\n")
            out.append(rng.choice(pools.paragraphs) + "\n\n")
            if rng.random() < 0.3:
                for _ in range(rng.randint(2, 4)):
                    out.append(f"- {rng.choice(pools.criteria)}\n")
                out.append("\n")


def _roles(rng: random.Random, title: str, topic_names: list[str], levels: int) -> list[str]:
    base = title.split(" ", 1)[-1].replace(" Framework", "")
    count = rng.randint(2, 5)
    ranks = sorted(rng.sample(range(len(ROLE_TITLES)), count))
    ids = [slugify(f"{ROLE_TITLES[r]} {base}") or f"role-{i + 1}" for i, r in enumerate(ranks)]
    ids = [f"{rid}-{i + 1}" if ids.count(rid) > 1 else rid for i, rid in enumerate(ids)]
    out = ["roles:\n"]
    for i, (rank, rid) in enumerate(zip(ranks, ids)):
        role_title = f"{ROLE_TITLES[rank]} {base}".strip()
        out.append(f"  - id: {q(rid)}\n    title: {q(role_title)}\n")
        out.append(f"    description: {q(f'Works at level {min(levels, i + 1)} of the {base} framework.')}\n")
        if i + 1 < count:
            out.append(f"    progressesTo: [{q(ids[i + 1])}]\n")
        out.append("    targets:\n")
        target = max(1, min(levels, round((i + 1) * levels / count)))
        for name in topic_names:
            if rng.random() < 0.85:
                out.append(f"      {q(name)}: {max(1, min(levels, target + rng.randint(-1, 1)))}\n")
    return out


def generate(n: int, out_dir: Path, sources: list[Path] | None = None, seed: int = 0, roles: bool = True,
             force: bool = False, warn=lambda message: print(message, file=sys.stderr)) -> Stats:
    """Write the corpus; return what it contains."""
    if n < 1:
        raise ValueError("N must be at least 1")
    out_dir = Path(out_dir)
    if out_dir.exists():
        if not out_dir.is_dir():
            raise ValueError(f"{out_dir} exists and is not a folder")
        if any(out_dir.iterdir()):
            if not (force and (out_dir / MARKER).exists()):
                raise ValueError(f"{out_dir} is not empty" +
                                 ("" if (out_dir / MARKER).exists() else " and was not made by make_corpus.py")
                                 + (" (use --force to replace it)" if (out_dir / MARKER).exists() else ""))
            shutil.rmtree(out_dir)
    pools = harvest(sources if sources is not None else default_sources(), warn)
    rng = random.Random(f"ladder-bench:{seed}")
    stats = Stats()
    writer = Writer(rng, pools, stats)
    files: dict[str, str] = {}

    # The generic framework: the most shared topics, which the others inherit, over 7 levels.
    topic_pool = pools.topics
    by_use = sorted(range(len(topic_pool)), key=lambda i: (-pools.topic_counts.get(topic_pool[i][0], 0), i))
    generic_topics = [topic_pool[i] for i in by_use[: min(10, max(6, len(topic_pool) // 3))]]
    out = ['---\npath: "/generic"\ntitle: "📄 Generic Framework"\nsidebarTitle: "📄 Generic"\n'
           f'sidebarGroup:\nyaml: true\nlevels: {GENERIC_LEVELS}\nhomepage: false\ntopics:\n']
    for name, title in generic_topics:
        writer.topic(out, name, title, GENERIC_LEVELS, False)
    out.append("---\n")
    files["generic.md"] = "".join(out)
    stats.frameworks += 1

    titles: dict[str, int] = {}
    paths: set[str] = {"generic"}
    group_names = GROUPS + [""]
    weights = [w * (1 - UNGROUPED_SHARE) / sum(GROUP_WEIGHTS) for w in GROUP_WEIGHTS] + [UNGROUPED_SHARE]
    for index in range(1, n):
        group = rng.choices(group_names, weights)[0]
        discipline = rng.choice(DISCIPLINES[group])
        qualifier = rng.choice(QUALIFIERS)
        name = f"{discipline} {qualifier}".strip()
        titles[name] = titles.get(name, 0) + 1
        if titles[name] > 1:
            name = f"{name} {titles[name]}"
        emoji = rng.choice(pools.emoji)
        slug = slugify(name)
        path = f"{group}/{slug}" if group else slug
        while path in paths:  # only if a title slugs like another one
            path += "-x"
        paths.add(path)
        markdown_page = rng.random() < 0.03
        levels = rng.randint(4, 7)
        out = [f"---\npath: {q('/' + path)}\ntitle: {q(f'{emoji} {name} Framework')}\n"
               f"sidebarTitle: {q(f'{emoji} {name}')}\nsidebarGroup:{' ' + q(group) if group else ''}\n"]
        if markdown_page:  # like Monzo's design pages: no topics, the levels in Markdown
            out.append("yaml: false\nlevels:\nhomepage:\n---\n")
            for level in range(1, levels + 1):
                out.append(f"## Level {level}\n\n")
                for _ in range(rng.randint(2, 4)):
                    out.append(f"### {rng.choice(topic_pool)[1]}\n\n{rng.choice(pools.paragraphs)}\n\n")
            stats.markdown_pages += 1
        else:
            homepage = rng.random() < 0.1
            out.append(f"yaml: true\nlevels: {levels}\nhomepage: {'true' if homepage else 'false'}\ntopics:\n")
            count = rng.randint(5, 10)
            inherit = min(len(generic_topics), sum(rng.random() < 0.35 for _ in range(count)))
            chosen = rng.sample(generic_topics, inherit)
            taken = {t[0] for t in chosen}
            own = [t for t in rng.sample(topic_pool, min(len(topic_pool), count + inherit)) if t[0] not in taken]
            topics = [(t, True) for t in chosen] + [(t, False) for t in own[: count - inherit]]
            rng.shuffle(topics)
            for (topic_name, topic_title), inherited in topics:
                writer.topic(out, topic_name, None if inherited else topic_title, levels, inherited)
            if roles:
                role_rng = random.Random(f"ladder-bench-roles:{seed}:{index}")
                if role_rng.random() < 0.25:
                    out.extend(_roles(role_rng, name, [t[0][0] for t in topics], levels))
                    stats.roles += 1
            out.append("---\n")
            if rng.random() < 0.33:
                writer.body(out)
            stats.frameworks += 1
        files[f"{path}.md"] = "".join(out)

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text(f"Synthetic corpus: N={n} seed={seed} roles={roles}\n", encoding="utf-8")
    made = set()
    for rel, text in files.items():
        target = out_dir / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        data = text.encode("utf-8")
        target.write_bytes(data)
        stats.bytes += len(data)
    stats.files = len(files)
    stats.files_list = sorted(files)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, metavar="N", help="number of files to write (including /generic)")
    parser.add_argument("dir", type=Path, metavar="DIR", help="folder to write (empty or absent)")
    parser.add_argument("--source", type=Path, action="extend", nargs="+", metavar="FOLDER",
                        help="folder(s) of real frameworks to take texts from (default: content/ and the Monzo corpus)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--no-roles", action="store_true", help="leave out Ladder's `roles:` extension")
    parser.add_argument("--force", action="store_true", help="replace a corpus this script wrote before")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        stats = generate(args.n, args.dir, args.source, args.seed, not args.no_roles, args.force)
    except ValueError as exc:
        parser.error(str(exc))
    summary = stats.summary()
    print(f"wrote {stats.files} files ({stats.bytes / 1e6:.1f} MB) to {args.dir} in "
          f"{time.perf_counter() - started:.2f} s: " + ", ".join(f"{k} {v}" for k, v in summary.items()
                                                                if k not in ("files", "bytes")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
