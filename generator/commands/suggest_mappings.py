"""Suggest theme members: rank topics of other frameworks by text similarity.

Topics are compared by TF-IDF over character n-grams of their title,
description and criteria, with accents folded. Character n-grams need no
language model and catch shared stems across English and Spanish ("feedback",
"client"/"cliente", "gestión"/"management" does not match: the method is crude
by design). The whole method is ~40 lines; a machine-learning library would
add far more weight than it saves.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..building.engine import load_site
from ..errors import ContentError
from ..model import Framework, Site, Topic

NGRAMS = (3, 4, 5)


@dataclass(slots=True)
class Candidate:
    framework: Framework
    topic: Topic
    score: float


@dataclass(slots=True)
class Suggestion:
    framework: Framework
    topic: Topic
    candidates: list[Candidate]


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    letters = "".join(ch if ch.isalnum() else " " for ch in folded if not unicodedata.combining(ch))
    return " " + " ".join(letters.split()) + " "


def _grams(text: str) -> Counter:
    text = _normalise(text)
    return Counter(text[i:i + n] for n in NGRAMS for i in range(len(text) - n + 1))


def topic_text(topic: Topic) -> str:
    parts = [topic.title, topic.description]
    for topic_level in topic.levels:
        for criterion in topic_level.all_criteria():
            parts.append(criterion.text)
            parts.extend(criterion.examples)
    return " ".join(parts)


class Index:
    """TF-IDF vectors of every topic, for cosine similarity."""

    def __init__(self, site: Site):
        self.entries = [(f, t) for f in site.frameworks for t in f.topics]
        counts = [_grams(topic_text(t)) for _, t in self.entries]
        documents = Counter(gram for count in counts for gram in count)
        total = len(counts)
        self.vectors = []
        for count in counts:
            vector = {g: (1 + math.log(c)) * math.log((1 + total) / (1 + documents[g])) for g, c in count.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self.vectors.append({g: v / norm for g, v in vector.items()})

    def ranked(self, index: int) -> list[Candidate]:
        """Topics of other frameworks, most similar first."""
        framework, _ = self.entries[index]
        vector = self.vectors[index]
        scored = []
        for other, (other_framework, other_topic) in enumerate(self.entries):
            if other_framework is framework:
                continue
            theirs = self.vectors[other]
            small, large = (vector, theirs) if len(vector) < len(theirs) else (theirs, vector)
            score = sum(v * large.get(g, 0.0) for g, v in small.items())
            scored.append(Candidate(other_framework, other_topic, score))
        scored.sort(key=lambda c: (-c.score, c.framework.path, c.topic.slug))
        return scored


def themes_of(site: Site) -> dict[int, set[str]]:
    """id(topic) → ids of the themes it (or one of its criteria) belongs to."""
    found: dict[int, set[str]] = {}
    for theme in site.mappings.themes:
        for member in theme.members:
            if member.topic is not None:
                found.setdefault(id(member.topic), set()).add(theme.id)
    return found


def suggest(site: Site, top: int = 3, min_score: float = 0.05) -> list[Suggestion]:
    """For each topic in no theme, up to `top` closest topics of other frameworks
    scoring at least `min_score` (cosine similarity, 0 to 1)."""
    index = Index(site)
    themed = themes_of(site)
    return [
        Suggestion(framework, topic, [c for c in index.ranked(i)[:top] if c.score >= min_score])
        for i, (framework, topic) in enumerate(index.entries)
        if id(topic) not in themed and topic_text(topic).strip()
    ]


def precision(site: Site, top: int = 1) -> tuple[int, int]:
    """(hits, topics): how often a themed topic's top suggestions share one of its themes."""
    index = Index(site)
    themed = themes_of(site)
    hits = total = 0
    for i, (_, topic) in enumerate(index.entries):
        if id(topic) not in themed:
            continue
        total += 1
        best = index.ranked(i)[:top]
        if any(themed.get(id(c.topic), set()) & themed[id(topic)] for c in best):
            hits += 1
    return hits, total


def as_yaml(site: Site, suggestions: list[Suggestion]) -> str:
    """Paste-ready YAML: topics grouped under the theme of their closest match."""
    themed = themes_of(site)
    titles = {theme.id: theme.title for theme in site.mappings.themes}
    by_theme: dict[str, list[str]] = {}
    loose: list[str] = []
    unmatched: list[str] = []
    for s in suggestions:
        if not s.candidates:
            unmatched.append(f"#   {s.framework.path}#{s.topic.name}")
            continue
        ref = f"{s.framework.path}#{s.topic.name}"
        closest = ", ".join(f"{c.framework.path}#{c.topic.name} ({c.score:.2f})" for c in s.candidates)
        best = s.candidates[0] if s.candidates else None
        theme_ids = sorted(themed.get(id(best.topic), ())) if best else []
        line = f"      - {ref}  # closest: {closest}"
        if theme_ids:
            by_theme.setdefault(theme_ids[0], []).append(line)
        else:
            loose.append(f"#   {ref}  # closest: {closest}")
    out = ["# Suggested theme members: each topic is listed under the theme of the",
           "# topic it is closest to. Check each one, then paste the lines you agree",
           "# with under that theme's members in content/mappings.yml.", "themes:"]
    for theme_id in sorted(by_theme):
        out += [f"  - id: {theme_id}  # {titles[theme_id]}", "    members:"] + by_theme[theme_id]
    if loose:
        out += ["", "# Closest topics are in no theme yet; a new theme may fit:"] + loose
    if unmatched:
        out += ["", "# No close match in another framework:"] + unmatched
    return "\n".join(out) + "\n"


def suggest_mappings(content_dir: Path, top: int = 3, min_score: float = 0.05, evaluate: bool = False) -> str:
    """`ladder suggest-mappings`: the suggestions as YAML, or with `evaluate`,
    how often the top suggestions agree with the existing themes."""
    site, problems = load_site(content_dir)
    if site is None:
        raise ContentError(problems)
    if not evaluate:
        return as_yaml(site, suggest(site, top, min_score))
    lines = []
    for n in (1, 3):
        hits, total = precision(site, n)
        share = f"{hits / total:.0%}" if total else "n/a"
        lines.append(f"top-{n}: {hits} of {total} themed topics have a suggestion sharing their theme ({share})\n")
    return "".join(lines)
