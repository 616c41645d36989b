"""The JSON Schema editors use (`ladder schema`) agrees with `ladder check`:
it accepts every real content file, and rejects what the check rejects."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import jsonschema
import pytest

from generator.commands.schema import schema_text
from generator.reading.files import load_page, page_entries
from generator.reading.format import FRAMEWORK
from generator.reading.schema import Checker
from generator.reading.settings import SITE_SCHEMA

from .conftest import MONZO, ROOT

STARTER = ROOT / "generator" / "commands" / "starter" / "content"


def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_text(kind))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(kind: str, data) -> list[str]:
    return [error.message for error in validator(kind).iter_errors(data)]


def check_errors(declaration, data) -> list[str]:
    checker = Checker()
    declaration.check(data, (), checker)
    return [f.message for f in checker.found if f.severity == "error"]


def kind_of(rel: str) -> str:
    return {"site.yml": "site", "mappings.yml": "mappings"}.get(rel, "framework")


@pytest.mark.parametrize("folder", [ROOT / "content", STARTER, MONZO], ids=["content", "starter", "monzo"])
def test_the_schemas_accept_every_content_file(folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    entries = [(rel, entry.path) for rel, entry in page_entries(folder)]
    entries += [(name, folder / name) for name in ("site.yml", "mappings.yml") if (folder / name).is_file()]
    assert len(entries) >= 3
    for rel, path in entries:
        page, problems = load_page(type(folder)(path), rel)
        assert page is not None and not problems, rel
        assert schema_errors(kind_of(rel), page.data) == [], rel


VALID = {
    "path": "/support", "title": "Support", "sidebarTitle": "Support", "sidebarGroup": "", "yaml": True,
    "levels": 2, "homepage": False, "kind": "progression",
    "scale": [{"id": 1, "name": "Learning"}, {"id": "2"}],
    "topics": [{
        "name": "communication", "title": None, "code": 1.1,
        "content": [{"level": 1, "criteria": ["Asks for help", {"text": "Explains", "number": 2, "examples": ["x"]}],
                     "exampleCriteria": [{"criteria": "Criteria for sublevel A", "examples": ["y"]}]}],
    }],
    "roles": [{"id": "advisor", "title": "Advisor", "targets": {"communication": 2}, "progressesTo": []}],
    "meta": {"credit": 3, "extra": [{"label": "Unit", "value": 1}]},
}


def mutated(change) -> dict:
    data = copy.deepcopy(VALID)
    change(data)
    return data


def topic(data) -> dict:
    return data["topics"][0]


# Each kind of mistake `ladder check` reports from the declarations, by example.
MISTAKES = {
    "misspelt key": lambda d: topic(d)["content"][0].update(exampleCritera=[]),
    "unknown top-level key": lambda d: d.update(sidebarTitel="x"),
    "text given a list": lambda d: d.update(title=["a"]),
    "text given true": lambda d: d.update(sidebarGroup=True),
    "integer given words": lambda d: d.update(levels="many"),
    "integer below its minimum": lambda d: d.update(levels=0),
    "boolean given text": lambda d: d.update(homepage="yes"),
    "a choice not offered": lambda d: d.update(kind="standrd"),
    "a list given text": lambda d: d.update(topics="communication"),
    "a required key missing": lambda d: topic(d).pop("name"),
    "a required key empty": lambda d: topic(d).update(name=None),
    "a required text blank": lambda d: topic(d).update(name="   "),
    "a record given text": lambda d: d.update(source="a book"),
    "a criterion given a list": lambda d: topic(d)["content"][0]["criteria"].append(["a"]),
    "a criterion record without its text": lambda d: topic(d)["content"][0]["criteria"].append({"number": "3"}),
    "a level given true": lambda d: topic(d)["content"][0].update(level=True),
    "a level given a list": lambda d: topic(d)["content"][0].update(level=[1]),
    "a level left blank": lambda d: d["scale"].append({"id": " "}),
    "a role target given true": lambda d: d["roles"][0]["targets"].update(communication=True),
    "a map given a list": lambda d: d["roles"][0].update(targets=["communication"]),
    "the whole file a list": lambda d: (d.clear(), d.update(x=1)),
}

# What the check accepts though it might look wrong: the schema must accept it too.
ACCEPTED = {
    "levels as digits": lambda d: d.update(levels="3"),
    "a number as text": lambda d: d.update(title=2024),
    "an empty optional key": lambda d: d.update(description=None),
    "an empty list item": lambda d: topic(d)["content"][0]["criteria"].append(None),
    "a letter level": lambda d: topic(d)["content"][0].update(level="G"),
    "a multi-line text": lambda d: d.update(overview="Line one\nline two\n"),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_what_ladder_check_rejects_the_schema_rejects(mistake):
    data = mutated(MISTAKES[mistake])
    if mistake == "the whole file a list":
        data = ["a"]
    assert check_errors(FRAMEWORK, data), "the example is no mistake for ladder check"
    assert schema_errors("framework", data), f"the schema accepts {mistake}"


@pytest.mark.parametrize("case", ACCEPTED)
def test_what_ladder_check_accepts_the_schema_accepts(case):
    data = mutated(ACCEPTED[case])
    assert check_errors(FRAMEWORK, data) == []
    assert schema_errors("framework", data) == []


def test_the_valid_example_is_valid_for_both():
    assert check_errors(FRAMEWORK, VALID) == [] and schema_errors("framework", VALID) == []


@pytest.mark.parametrize("settings", [
    {"primary_color": "blue"}, {"accent_color": "#12345"}, {"primary_colour": "#123456"},
    {"extra_css": "a.css"}, {"suggest_changes": "no"}, {"title": ["x"]},
])
def test_site_settings_mistakes_are_rejected_by_both(settings):
    assert check_errors(SITE_SCHEMA, settings)
    assert schema_errors("site", settings)


def test_site_settings_schema_accepts_a_branded_site():
    settings = {"title": "Acme", "primary_color": "#0b5d4b", "accent_color": "#b3261e", "logo": "logo.svg",
                "extra_css": ["a.css", "https://cdn.example.org/a.css"], "suggest_changes": False}
    assert check_errors(SITE_SCHEMA, settings) == [] and schema_errors("site", settings) == []


def test_the_schema_describes_each_key_as_the_check_documents_it():
    schema = json.loads(schema_text("framework"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == set(FRAMEWORK.fields)
    assert schema["properties"]["levels"]["description"] == FRAMEWORK.fields["levels"].doc
    content = schema["properties"]["topics"]["items"]["properties"]["content"]
    assert "exampleCriteria" in content["items"]["properties"]


@pytest.mark.parametrize("kind", ["framework", "site", "mappings"])
def test_ladder_schema_prints_it(kind):
    args = [] if kind == "framework" else [kind]
    run = subprocess.run([sys.executable, "-m", "generator", "schema", *args], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    jsonschema.Draft202012Validator.check_schema(json.loads(run.stdout))
    assert run.stdout == schema_text(kind)


def test_a_misspelt_key_is_named_as_in_the_schema_with_the_closest_valid_key(content):
    folder = content({"support.yml": """
        path: /support
        title: Support
        topics:
          - name: communication
            title: Communication
            content:
              - level: 1
                exampleCritera:
                  - criteria: Gives updates
        kind: standrd
        """})
    run = subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(folder)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert ("support.yml:8: topics[0].content[0].exampleCritera: unknown key 'exampleCritera'; "
            "did you mean 'exampleCriteria'?") in run.stderr
    assert 'kind: expected one of progression, standard, unit, got "standrd"; did you mean \'standard\'?' in run.stderr
