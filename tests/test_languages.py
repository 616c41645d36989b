"""Pages in the reader's language: plural forms by CLDR's rules, and the site's
title, description and group names per language from site.yml."""

import pytest

from generator.building.engine import build, load_site
from generator.rendering.plurals import plural_rule
from generator.rendering.theme import DEFAULT_THEME, Translations

from .htmlcheck import parse_file


@pytest.fixture
def translations(tmp_path):
    return Translations([DEFAULT_THEME / "i18n"], tmp_path / "cache")


@pytest.mark.parametrize("language, count, expected", [
    ("en", 1, "1 new"), ("en", 2, "2 new"), ("en", 0, "0 new"),
    ("es", 1, "1 nuevo"), ("es", 2, "2 nuevos"), ("es", 0, "0 nuevos"),
])
def test_plural_forms_follow_the_languages_rules(translations, language, count, expected):
    assert translations.for_language(language)("count_new", count=count) == expected


def test_a_language_never_borrows_an_english_plural_form(tmp_path):
    """Polish has "few" and "many": with its own strings and no "_one" form, the
    English "_one" form is not used for 1."""
    (tmp_path / "en.yml").write_text("apples: '{count} apples'\napples_one: '{count} apple'\n")
    (tmp_path / "pl.yml").write_text("apples: '{count} jabłek'\napples_one: '{count} jabłko'\n"
                                     "apples_few: '{count} jabłka'\n")
    (tmp_path / "fr.yml").write_text("apples: '{count} pommes'\n")
    strings = Translations([tmp_path], tmp_path)
    polish = strings.for_language("pl")
    assert [polish("apples", count=n) for n in (1, 3, 5, 22)] == ["1 jabłko", "3 jabłka", "5 jabłek", "22 jabłka"]
    assert strings.for_language("fr")("apples", count=1) == "1 pommes"  # not "1 apple"


def test_plural_rules_are_kept_in_the_cache_and_agree_with_babel(tmp_path):
    from babel.core import Locale

    cache = tmp_path / "cache"
    cache.mkdir()
    for _ in range(2):  # worked out, then read from the cache
        rule = plural_rule("es", cache)
        counts = [0, 1, 2, 5, 21, 999, 1000, 10**6, 1.5]
        assert [rule(n) for n in counts] == [Locale.parse("es").plural_form(n) for n in counts]
    assert '"es"' in (cache / "plural-rules.json").read_text()
    assert plural_rule("xx-unknown", cache)(1) == "one"  # English rules for a language CLDR lacks


SITE = """
title: Career frameworks
description: What is expected at every level.
groups:
  contact-centres: Contact centres
translations:
  es:
    title: Marcos profesionales
    description: Lo que se espera en cada nivel.
    groups:
      contact-centres: Centros de contacto
"""

SPANISH = """
---
path: /es/criterios
title: Criterios
sidebarGroup: contact-centres
language: es
levels: 2
topics:
  - name: foco
    title: Foco en el cliente
    content:
      - level: 1
        criteria: ["Atiende al cliente."]
      - level: 2
        criteria: ["Anticipa necesidades."]
---
"""

ENGLISH = """
---
path: /support
title: Support
sidebarGroup: contact-centres
levels: 1
topics:
  - name: care
    title: Care
    content:
      - level: 1
        criteria: ["Helps customers."]
---
"""


def test_site_title_description_and_group_names_follow_the_pages_language(content, tmp_path):
    out = tmp_path / "out"
    build(content({"site.yml": SITE, "es.md": SPANISH, "en.md": ENGLISH}), out)
    spanish = parse_file(out / "es" / "criterios" / "level-2" / "index.html")
    text = " ".join(spanish.text.split())
    assert "Marcos profesionales" in text and "Centros de contacto" in text
    assert "Career frameworks" not in text and "Contact centres" not in text
    assert "1 nuevo" in text and "1 nuevos" not in text
    english = parse_file(out / "support" / "index.html")
    assert "Career frameworks" in english.text and "Contact centres" in " ".join(english.text.split())
    home = " ".join(parse_file(out / "index.html").text.split())
    assert "Contact centres" in home and "What is expected at every level." in home


def test_a_translation_with_a_wrong_key_is_an_error_with_its_line(content):
    _, problems = load_site(content({"site.yml": SITE.replace("    title: Marcos", "    titel: Marcos"),
                                     "en.md": ENGLISH}))
    assert [str(p) for p in problems] == [
        "site.yml:7: translations.es.titel: unknown key 'titel'; did you mean 'title'?"]


@pytest.mark.parametrize("language", ["es-419", "es-MX"])
def test_a_regional_language_reads_its_primary_languages_strings(content, tmp_path, language):
    """Spanish as written in Latin America gets the theme's and site.yml's Spanish, not English."""
    folder = content({"site.yml": SITE, "es.md": SPANISH.replace("language: es", f"language: {language}"),
                      "en.md": ENGLISH})
    _, problems = load_site(folder)
    assert problems == []  # no "English is used" warning
    out = tmp_path / "out"
    build(folder, out)
    page = parse_file(out / "es" / "criterios" / "level-2" / "index.html")
    text = " ".join(page.text.split())
    assert "1 nuevo" in text and "Saltar al contenido" in text and "Skip to content" not in text
    assert "Marcos profesionales" in text and "Centros de contacto" in text and "Career frameworks" not in text
    assert f'lang="{language.lower()}"' in (out / "es" / "criterios" / "index.html").read_text()
    words = (out / f"ladder-assessment-words.{language.lower()}.json").read_text()
    assert "Empezar una autoevaluación" in words


def test_a_regional_language_without_a_primary_is_still_english_with_a_warning(content):
    _, problems = load_site(content({"site.yml": SITE, "de.md": SPANISH.replace("language: es", "language: de-AT")}))
    assert [p.message for p in problems] == [
        "no interface strings for language 'de-at' in the theme (have: en, es); English is used"]


def test_a_site_in_a_regional_language_keeps_its_own_title_on_its_own_pages(content, tmp_path):
    site = "title: Marcos de carrera\nlanguage: es-419\ntranslations:\n  es:\n    title: Marcos profesionales\n"
    out = tmp_path / "out"
    build(content({"site.yml": site, "es.md": SPANISH.replace("language: es\n", "")}), out)
    text = " ".join(parse_file(out / "es" / "criterios" / "index.html").text.split())
    assert "Marcos de carrera" in text and "Marcos profesionales" not in text
    assert "Saltar al contenido" in text
