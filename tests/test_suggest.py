"""`ladder suggest-mappings`: ranking by text similarity, across English and Spanish."""

import yaml

from generator.building.engine import load_site
from generator.commands.cli import main
from generator.commands.suggest_mappings import precision, suggest

FEEDBACK = """
---
path: /{path}
title: {title}
topics:
{topics}
---
"""


def framework(path, topics):
    lines = []
    for name, criteria in topics.items():
        lines += [f"  - name: {name}", f"    title: {name}", "    content:", "      - level: 1", "        criteria:"]
        lines += [f"          - {c!r}" for c in criteria]
    return FEEDBACK.format(path=path, title=path, topics="\n".join(lines))


FILES = {
    "a.md": framework("a", {
        "feedback": ["Gives feedback to peers after each coaching session", "Seeks feedback on performance"],
        "budgets": ["Negotiates supplier budgets and contracts"],
    }),
    "b.md": framework("b", {
        "presupuestos": ["Negocia presupuestos y contratos con proveedores"],
        "retroalimentacion": ["Busca feedback de los demás sobre su desempeño", "Da feedback tras el coaching"],
    }),
    "c.md": framework("c", {
        "performance-feedback": ["Organise performance feedback and coaching for the team"],
        "rotas": ["Publishes the weekly rota"],
    }),
}


def test_closest_topics_are_ranked_first_across_languages(content):
    site, _ = load_site(content(FILES))
    found = {(s.framework.path, s.topic.name): s.candidates for s in suggest(site, top=2, min_score=0)}
    feedback = found[("a", "feedback")]
    assert {(c.framework.path, c.topic.name) for c in feedback} == {("b", "retroalimentacion"), ("c", "performance-feedback")}
    budgets = found[("a", "budgets")]
    assert (budgets[0].framework.path, budgets[0].topic.name) == ("b", "presupuestos")
    assert budgets[0].score > budgets[1].score
    # never a topic of the same framework
    assert all(c.framework.path != "a" for c in feedback + budgets)


def test_themed_topics_are_not_suggested_and_precision_is_measured(content):
    mappings = """
themes:
  - id: feedback
    title: Feedback
    members: [a#feedback, b#retroalimentacion, c#performance-feedback]
  - id: money
    title: Money
    members: [a#budgets, b#presupuestos]
"""
    site, problems = load_site(content({**FILES, "mappings.yml": mappings}))
    assert problems == []
    assert [(s.framework.path, s.topic.name) for s in suggest(site, min_score=0)] == [("c", "rotas")]
    assert precision(site, top=1) == (5, 5)


def test_the_command_prints_yaml_an_editor_can_paste_and_writes_nothing(content, capsys):
    mappings = "themes:\n  - id: feedback\n    title: Feedback\n    members: [b#retroalimentacion, c#performance-feedback]\n"
    folder = content({**FILES, "mappings.yml": mappings})
    before = sorted(p.name for p in folder.rglob("*"))
    assert main(["suggest-mappings", "--content", str(folder), "--min-score", "0"]) == 0
    out = capsys.readouterr().out
    data = yaml.safe_load(out)
    feedback = next(t for t in data["themes"] if t["id"] == "feedback")
    assert "a#feedback" in feedback["members"]
    assert sorted(p.name for p in folder.rglob("*")) == before
    assert main(["suggest-mappings", "--content", str(folder), "--evaluate"]) == 0
    assert "top-1:" in capsys.readouterr().out
