"""Export to CSV and Excel, import back, rebuild: every criterion and example
comes back in the same topic, level and sublevel."""

import shutil

import pytest

from generator.building.engine import check, load_site
from generator.commands.export import export
from generator.commands.import_sheet import import_sheet
from generator.rendering.exports import has_data

from .conftest import MONZO, ROOT


def criteria(site):
    """framework path → (topic name, level, sublevel) → [(text, examples)], and its knowledge."""
    found = {}
    for framework in site.frameworks:
        if not has_data(framework):
            continue
        places = found.setdefault(framework.path, {})
        for topic in framework.topics:
            for tl in topic.levels:
                places[topic.name, tl.level.id, ""] = [(c.text, c.examples) for c in tl.criteria]
                for sub in tl.sublevels:
                    places[topic.name, tl.level.id, f"{sub.id} {sub.qualifier}"] = [(c.text, []) for c in sub.criteria]
        places["knowledge"] = [(c.text, c.examples) for c in framework.knowledge]
    return found


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("source", ["content", "monzo"])
def test_export_then_import_gives_back_every_criterion_in_its_place(tmp_path, fmt, source):
    folder = ROOT / "content" if source == "content" else MONZO
    if not folder.is_dir():
        pytest.skip("the Monzo corpus is not here")
    original, _ = load_site(folder)
    export(folder, fmt, tmp_path / "files")
    again = tmp_path / "again"
    again.mkdir()
    if (folder / "site.yml").exists():
        shutil.copy(folder / "site.yml", again / "site.yml")
    frameworks = sorted((f for f in original.frameworks if has_data(f)), key=lambda f: f.path != "generic")
    for framework in frameworks:  # the generic framework first: the others inherit from it again
        name = framework.path.replace("/", "-") + "." + fmt
        import_sheet(tmp_path / "files" / name, again, path="/" + framework.path, title=framework.title,
                     kind=framework.kind)
    check(again, strict=False)
    rebuilt, problems = load_site(again)
    assert not [p for p in problems if p.is_error]
    assert criteria(rebuilt) == criteria(original)
