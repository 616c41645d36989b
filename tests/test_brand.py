"""Branding by configuration: logo, favicon, colours, extra CSS and JS from
site.yml, checked for contrast and read only from inside the content folder.

Contrast is measured with coloraide, not with Ladder's own arithmetic."""

from __future__ import annotations

import random
import re
import subprocess
import sys

import pytest
from coloraide import Color

from generator.building.engine import build, check
from generator.errors import ContentError
from generator.reading.brand import (
    DARK,
    LIGHT,
    PILL_SHADES,
    dark_palette,
    light_palette,
    parse,
)

from .conftest import SIMPLE
from .htmlcheck import broken_links, parse_file
from .test_engine import touch_later

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#0b5d4b"/></svg>\n'
BRANDED = """
title: Acme careers
primary_color: "#0b5d4b"
accent_color: "#b3261e"
logo: images/logo.svg
logo_dark: images/logo-dark.svg
favicon: images/icon.png
extra_css: [css/extra.css, "https://cdn.example.org/fonts.css"]
extra_js: [js/extra.js]
"""


def contrast(a: str, b: str) -> float:
    return Color(a).contrast(Color(b), method="wcag21")


def mixed(colour: str, share: float, base: str) -> str:
    """CSS color-mix(in srgb, colour share, base), as the browser computes it."""
    return Color.mix(Color(base), Color(colour), share, space="srgb").to_string(hex=True)


def branded(content, files: dict | None = None):
    folder = content({"support.md": SIMPLE, "site.yml": BRANDED, "css/extra.css": ".site-footer { font-style: italic; }\n",
                      "js/extra.js": "document.documentElement.dataset.extra = 'yes';\n",
                      "images/logo.svg": LOGO, "images/logo-dark.svg": LOGO.replace("#0b5d4b", "#ffffff"),
                      **(files or {})})
    (folder / "images" / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    return folder


def problems_of(folder) -> list[str]:
    try:
        return [str(p) for p in check(folder).warnings]
    except ContentError as error:
        return [str(p) for p in error.problems]


def test_a_branded_site_publishes_its_files_and_links_them_from_every_page(content, tmp_path):
    folder = branded(content)
    build(folder, tmp_path / "out")
    out = tmp_path / "out"
    for rel in ("images/logo.svg", "images/logo-dark.svg", "images/icon.png", "css/extra.css", "js/extra.js"):
        assert (out / "assets" / "site" / rel).read_bytes() == (folder / rel).read_bytes()
    for page in ("index.html", "support/index.html", "support/level-2/index.html"):
        doc = parse_file(out / page)
        heads = {e.attrs.get("href") or e.attrs.get("src") for e in doc.elements if e.tag in ("link", "script")}
        root = "../" * page.count("/")
        assert any(h.startswith(root + "assets/site/images/icon.png?v=") for h in heads if h)
        assert any(h.startswith(root + "assets/brand.css?v=") for h in heads if h)
        assert any(h.startswith(root + "assets/site/css/extra.css?v=") for h in heads if h)
        assert "https://cdn.example.org/fonts.css" in heads
        assert any(h.startswith(root + "assets/site/js/extra.js?v=") for h in heads if h)
        logo = [e for e in doc.elements if e.tag == "img" and "site-logo" in e.classes]
        assert len(logo) == 1 and logo[0].attrs["src"].startswith(root + "assets/site/images/logo.svg?v=")
        assert logo[0].attrs["alt"] == ""  # the site's title, beside it, names the link
        dark = [e for e in doc.elements if e.tag == "source"]
        assert dark[0].attrs["media"] == "(prefers-color-scheme: dark)"
        assert dark[0].attrs["srcset"].startswith(root + "assets/site/images/logo-dark.svg?v=")
    css = (out / "assets" / "brand.css").read_text()
    assert "--primary: #0b5d4b" in css and "--accent: #b3261e" in css
    assert broken_links(out) == []


def test_an_unbranded_site_keeps_the_default_look(content, tmp_path):
    build(content({"support.md": SIMPLE}), tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text()
    assert "brand.css" not in html and "site-logo" not in html and 'rel="icon" href="data:image/svg+xml' in html
    assert not (tmp_path / "out" / "assets" / "brand.css").exists()


def palette_colours(css: str, scheme: str) -> dict[str, str]:
    block = css.split("prefers-color-scheme: dark")[1 if scheme == "dark" else 0]
    return dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", block.split("pill--0")[0]))


def test_the_published_colours_read_in_both_schemes(content, tmp_path):
    build(branded(content), tmp_path / "out")
    css = (tmp_path / "out" / "assets" / "brand.css").read_text()
    light, dark = palette_colours(css, "light"), palette_colours(css, "dark")
    assert contrast(light["primary-text"], light["primary"]) >= 4.5
    for background in (LIGHT["page"], LIGHT["soft"], LIGHT["new"], LIGHT["inherited"], light["accent-soft"]):
        assert contrast(light["accent"], background) >= 4.5
    assert dark["accent"] != light["accent"]  # a lighter variant, derived
    for background in (DARK["page"], DARK["card"], DARK["soft"], DARK["new"], DARK["inherited"], dark["accent-soft"]):
        assert contrast(dark["accent"], background) >= 4.5
    assert contrast(dark["primary-text"], dark["primary"]) >= 4.5


@pytest.mark.parametrize("seed", range(3))
def test_any_colour_gets_a_readable_dark_variant_and_readable_text(seed):
    """Whatever two colours an editor picks, dark mode and every text on a
    colour read (AA); only the chosen colours themselves can fail, in light mode."""
    rng = random.Random(seed)
    for _ in range(60):
        primary, accent = (f"#{rng.randrange(0x1000000):06x}" for _ in range(2))
        dark = dark_palette(parse(primary), parse(accent))
        for background in (DARK["page"], DARK["card"], DARK["soft"], DARK["new"], DARK["inherited"], dark.accent_soft):
            assert contrast(dark.accent, background) >= 4.5, (accent, dark)
        assert contrast(dark.primary_text, dark.primary) >= 4.5, (primary, dark)
        light = light_palette(parse(primary), parse(accent))
        for palette, card in ((light, LIGHT["page"]), (dark, DARK["card"])):
            for shade, text in zip(PILL_SHADES, palette.pill_text):
                assert contrast(text, mixed(palette.accent, shade, card)) >= 4.5, (accent, shade, palette)


def test_a_colour_too_light_for_links_is_named_with_a_darker_one_that_reads(content):
    folder = content({"support.md": SIMPLE, "site.yml": 'title: x\nprimary_color: "#1a4d8f"\naccent_color: "#f0b400"\n'})
    found = problems_of(folder)
    warning = next(p for p in found if "accent_color" in p)
    assert warning.startswith("site.yml:3: warning: accent_color: #f0b400: links and highlighted text")
    ratio = float(re.search(r"contrast of ([0-9.]+):1", warning).group(1))
    assert ratio == pytest.approx(contrast("#f0b400", "#ffffff"), abs=0.06)  # "… on the white page"
    darker = re.search(r'such as "(#[0-9a-f]{6})"', warning).group(1)
    assert contrast(darker, "#ffffff") >= 4.5 and contrast(darker, LIGHT["soft"]) >= 4.5
    assert not any("primary_color" in p for p in found)
    strict = subprocess.run([sys.executable, "-m", "generator", "check", "--strict", "--content", str(folder)],
                            capture_output=True, text=True)
    assert strict.returncode == 1 and "accent_color" in strict.stderr
    assert subprocess.run([sys.executable, "-m", "generator", "check", "--content", str(folder)],
                          capture_output=True).returncode == 0


def test_a_mid_tone_header_colour_is_named(content):
    """Neither white nor dark text reads on a mid grey: the editor is told."""
    assert contrast("#ffffff", "#7a7a7a") < 4.5 and contrast("#1d2129", "#7a7a7a") < 4.5
    found = problems_of(content({"support.md": SIMPLE, "site.yml": 'primary_color: "#7a7a7a"\naccent_color: "#1a4d8f"\n'}))
    assert any(p.startswith("site.yml:1: warning: primary_color: #7a7a7a: text on it") for p in found)


def test_an_unquoted_colour_is_an_error_that_says_to_quote_it(content):
    found = problems_of(content({"support.md": SIMPLE, "site.yml": "primary_color: #1a4d8f\n"}))
    assert found == ['site.yml:1: primary_color: is empty: write the colour in quotes, such as '
                     'primary_color: "#1a4d8f" (in YAML, # starts a comment)']


def test_a_colour_that_is_not_one_is_an_error(content):
    found = problems_of(content({"support.md": SIMPLE, "site.yml": "accent_color: red\n"}))
    assert found == ['site.yml:1: accent_color: expected a colour such as "#b3261e", in quotes, got "red"']


def test_files_are_read_only_from_inside_the_content_folder(content, tmp_path):
    (tmp_path / "secret.svg").write_text(LOGO)
    folder = content({"support.md": SIMPLE, "site.yml": (
        "logo: ../secret.svg\nfavicon: /etc/passwd.png\nlogo_dark: images/link.svg\n"
        "extra_css: [missing.css, 'http://example.org/a.css', 'javascript:alert(1)//.css', logo.png]\n"
        "extra_js: [images/link.svg]\n")})
    (folder / "images").mkdir()
    (folder / "images" / "link.svg").symlink_to(tmp_path / "secret.svg")
    found = problems_of(folder)
    assert "site.yml:1: logo: '../secret.svg' is outside the content folder; put the file inside it" in found
    assert any(p.startswith("site.yml:2: favicon: expected a path inside the content folder") for p in found)
    assert "site.yml:3: logo_dark: 'images/link.svg' is outside the content folder; put the file inside it" in found
    assert any(p.startswith("site.yml:4: extra_css[0]: file not found: missing.css") for p in found)
    assert any(p.startswith("site.yml:4: extra_css[1]: expected a file in the content folder or an https:// URL")
               for p in found)
    assert any(p.startswith("site.yml:4: extra_css[2]: expected a path inside the content folder") for p in found)
    assert any(p.startswith("site.yml:4: extra_css[3]: expected a file ending in .css") for p in found)
    assert any(p.startswith("site.yml:5: extra_js[0]: expected a file ending in .js") for p in found)
    with pytest.raises(ContentError):
        build(folder, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_dark_logo_needs_a_logo(content):
    folder = content({"support.md": SIMPLE, "site.yml": "logo_dark: logo.svg\n", "logo.svg": LOGO})
    assert problems_of(folder) == ["site.yml:1: logo_dark: is the dark-mode variant of `logo`: set `logo` too"]


def test_a_changed_logo_is_published_by_the_next_build(content, tmp_path):
    folder = branded(content)
    out = tmp_path / "out"
    build(folder, out, force=False)
    touch_later(folder / "images" / "logo.svg", LOGO.replace("#0b5d4b", "#123456"))
    result = build(folder, out, force=False)
    assert not result.unchanged
    assert "#123456" in (out / "assets" / "site" / "images" / "logo.svg").read_text()


def test_theme_dir_overrides_the_stable_blocks_and_keeps_the_brand(content, tmp_path):
    """The blocks the README lists as stable: a theme that overrides them keeps working."""
    theme = tmp_path / "theme" / "templates"
    theme.mkdir(parents=True)
    (theme / "home.html").write_text(
        '{% extends "base.html" %}'
        "{% block title %}Our frameworks{% endblock %}"
        "{% block description %}Custom description{% endblock %}"
        '{% block head %}<meta name="theme-color" content="#0b5d4b">{% endblock %}'
        "{% block layout_class %} layout--custom{% endblock %}"
        '{% block sidebar %}<aside class="custom-sidebar">Sidebar</aside>{% endblock %}'
        '{% block breadcrumbs %}<nav class="custom-crumbs" aria-label="Trail"></nav>{% endblock %}'
        "{% block content %}<h1>Welcome</h1>{% endblock %}"
        '{% block footer %}<footer class="custom-footer">Acme HR</footer>{% endblock %}')
    folder = branded(content, {"site.yml": BRANDED + "description: A site.\ntheme_dir: ../theme\n"})
    build(folder, tmp_path / "out")
    html = (tmp_path / "out" / "index.html").read_text()
    for expected in ("<title>Our frameworks · Acme careers</title>", 'content="Custom description"',
                     '<meta name="theme-color" content="#0b5d4b">', 'class="layout layout--custom"',
                     '<aside class="custom-sidebar">', 'class="custom-crumbs"', "<h1>Welcome</h1>",
                     '<footer class="custom-footer">Acme HR</footer>', "assets/brand.css?v=", 'class="site-logo"'):
        assert expected in html
    assert "site-footer" not in html
