"""What a level expects: what carries over from the levels below, what is new,
and lines that only point back to an earlier level."""

import pytest

from generator.building.engine import build, load_site
from generator.model import Level
from generator.model.expectations import expectations, points_back

from .htmlcheck import parse_file

LEVELS = [Level(id=str(n), rank=n - 1) for n in range(1, 5)]
NAMED = [Level(id="1", name="Learning", rank=0), Level(id="2", name="Performing", rank=1),
         Level(id="3", name="Enhancing", rank=2)]
GRADES = [Level(id=grade, rank=rank) for rank, grade in enumerate("GFEDCB")]


@pytest.mark.parametrize("text, level, below, labels", [
    ("All criteria from level one.", LEVELS[1], LEVELS[:1], set()),
    ("All criteria from level one", LEVELS[2], LEVELS[:2], set()),
    ("Everything in level 2, and:", LEVELS[2], LEVELS[:2], set()),
    ("As the previous level.", LEVELS[3], LEVELS[:3], set()),
    ("Todos los criterios del nivel anterior", GRADES[1], GRADES[:1], set()),
    ("Todos los criterios del grado G.", GRADES[2], GRADES[:2], set()),
    ("Lo mismo que en el primer nivel", LEVELS[1], LEVELS[:1], set()),
    ("Tous les critères du niveau précédent.", LEVELS[1], LEVELS[:1], set()),
    ("Alle Kriterien der vorherigen Stufe", LEVELS[1], LEVELS[:1], set()),
    ("Same as the Learning level", NAMED[1], NAMED[:1], set()),
    ("Everything in 1C.", LEVELS[1], LEVELS[:1], {"1a", "1b", "1c"}),
], ids=lambda value: value if isinstance(value, str) else None)
def test_lines_that_only_point_back_are_recognised_in_any_language(text, level, below, labels):
    assert points_back(text, level, below, labels)


@pytest.mark.parametrize("text, level, below", [
    ("Talks to non-technical stakeholders on appropriate level of abstraction", LEVELS[2], LEVELS[:2]),
    ("Demonstrates a deep level of knowledge in a specific area", LEVELS[1], LEVELS[:1]),
    ("Mentors people at level three", LEVELS[1], LEVELS[:1]),  # points up, not back
    ("Leads level 4 projects", LEVELS[2], LEVELS[:2]),
    ("Shares learning with the team", NAMED[1], NAMED[:1]),  # a level's name, but no level
    ("Builds on the previous level's work by leading a project across several teams in the company",
     LEVELS[1], LEVELS[:1]),  # too long to be only a pointer
    ("Completes training.", LEVELS[1], LEVELS[:1]),
], ids=lambda value: value if isinstance(value, str) else None)
def test_criteria_that_mention_a_level_are_not_pointers(text, level, below):
    assert not points_back(text, level, below, set())


LADDER = """
---
path: /ops
title: Ops
levels: 3
topics:
  - name: teamwork
    title: Teamwork
    content:
      - level: 1
        criteria: ["Asks for help.", "Shares updates."]
        exampleCriteria:
          - criteria: "Criteria for sublevel B"
            examples: ["Pairs with others."]
      - level: 2
        criteria: ["All criteria from level one.", "Shares updates.", "Leads a stand-up."]
      - level: 3
        criteria: ["Coaches others."]
  - name: conduct
    title: Conduct
    content:
      - level: 1
        criteria: ["Follows policies."]
---
"""


def test_each_level_expects_what_the_levels_below_asked_unless_said_again(content):
    site, problems = load_site(content({"ops.md": LADDER}))
    assert problems == []
    framework = site.frameworks[0]
    by_level = expectations(framework)
    first, second, third = (by_level[level.id] for level in framework.levels)
    assert [row.topic.name for row in first] == ["teamwork", "conduct"]
    assert all(not row.new and not row.carried for row in first)  # nothing is new at the first level

    teamwork, conduct = second
    assert [c.text for c in teamwork.here.criteria if c.anchor in teamwork.pointers] == ["All criteria from level one."]
    assert [c.text for c in teamwork.here.criteria if c.anchor in teamwork.new] == ["Leads a stand-up."]
    # "Shares updates." is said again at level 2, so it is not carried over as well
    assert [(c.criterion.text, c.origin) for c in teamwork.carried] == [("Asks for help.", "1"),
                                                                          ("Pairs with others.", "1B")]
    assert conduct.here is None and [c.criterion.text for c in conduct.carried] == ["Follows policies."]

    teamwork3 = third[0]
    assert [c.text for c in teamwork3.here.criteria if c.anchor in teamwork3.new] == ["Coaches others."]
    assert [c.criterion.text for c in teamwork3.carried] == ["Asks for help.", "Shares updates.",
                                                             "Pairs with others.", "Leads a stand-up."]


def test_the_level_page_lists_what_carries_over_in_place_of_a_pointer(content, tmp_path):
    build(content({"ops.md": LADDER}), tmp_path / "out")
    doc = parse_file(tmp_path / "out" / "ops" / "level-2" / "index.html")
    text = " ".join(doc.text.split())
    assert "All criteria from level one." not in text
    carried = [" ".join(e.text.split()) for e in doc.with_class("criteria--carried")]
    assert carried == ["Asks for help. 1 Pairs with others. 1B", "Follows policies. 1"]
    new = [" ".join(e.text.split()) for e in doc.with_class("criterion--new")]
    assert new == ["Leads a stand-up. new"]
    assert "4 criteria expected: 1 new, 3 from earlier levels" in text
    level3 = parse_file(tmp_path / "out" / "ops" / "level-3" / "index.html")
    assert [" ".join(e.text.split()) for e in level3.with_class("criteria--carried")] == [
        "Asks for help. 1 Shares updates. 1 Pairs with others. 1B Leads a stand-up. 2", "Follows policies. 1"]
    # a carried criterion keeps the anchor it has at its own level
    level1 = parse_file(tmp_path / "out" / "ops" / "level-1" / "index.html")
    asks = next(e for e in level1.elements if e.attrs.get("class", "").startswith("criterion")
                and "Asks for help." in e.text)
    assert asks.attrs["id"] in doc.ids


def test_a_level_with_nothing_listed_says_so_on_its_page_and_in_its_framework_panel(content, tmp_path):
    late = """---
path: /late
title: Late
levels: 3
topics:
  - name: communication
    title: Communication
    content:
      - level: 2
        criteria: ["Coaches others."]
  - name: delivery
    title: Delivery
    content:
      - level: 2
        criteria: ["Ships on time."]
---
"""
    build(content({"late.md": late}), tmp_path / "out")
    empty = "Nothing is listed at this level."
    level1 = parse_file(tmp_path / "out" / "late" / "level-1" / "index.html")
    assert [e.text.strip() for e in level1.with_class("empty")] == [empty] and not level1.with_class("topic")
    level2 = parse_file(tmp_path / "out" / "late" / "level-2" / "index.html")
    assert not level2.with_class("empty")
    assert [e.attrs["id"] for e in level2.with_class("topic")] == ["level-2-communication", "level-2-delivery"]
    page = parse_file(tmp_path / "out" / "late" / "index.html")
    panels = {e.attrs["id"]: " ".join(e.text.split()) for e in page.with_class("level-panel")}
    assert empty in panels["level-1"] and empty not in panels["level-2"]
    assert "Coaches others." in panels["level-2"] and "Ships on time." in panels["level-2"] and empty in panels["level-3"]
