"""What `pip install` puts in a wheel: every package of Ladder, and the
default theme (tests/test_new.py installs one and builds with it)."""

import tomllib

from .conftest import ROOT


def test_every_package_of_ladder_is_listed_for_the_wheel():
    """pyproject.toml lists the packages rather than finding them (the theme
    is mapped in from themes/): a new package must be added to the list."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "generator").rglob("__init__.py")}
    assert set(setuptools["packages"]) == found | {"generator.themes"}
    assert setuptools["package-dir"] == {"generator.themes": "themes"}
    assert "default/**/*" in setuptools["package-data"]["generator.themes"]
