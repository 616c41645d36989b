"""The fields of a schema that hold one value: text (mojibake repaired),
URLs (through the one allow-list), language tags, numbers, booleans and
level ids. See `schema` for how a schema is checked."""

from __future__ import annotations

import re

from . import mojibake
from .schema import Field, describe, did_you_mean
from .urls import url_problem

LEVEL_ID_SCHEMA = {"type": ["integer", "string"], "pattern": r"\S"}  # a number, or a letter or name


class Text(Field):
    """A string; numbers are taken as text, mojibake is repaired with a warning.

    `pattern` is a regular expression the whole text must match (JSON Schema's
    dialect too, so keep it to classes, groups and repetition), with
    `expected` saying in words what it wants."""

    expected = "text"

    def __init__(self, required: bool = False, default: object = None, choices: tuple = (), doc: str = "",
                 pattern: str = "", expected: str = "", max_length: int | None = None):
        super().__init__(required, default, doc)
        self.choices = choices
        self.max_length = max_length
        self.pattern = re.compile(pattern) if pattern else None
        if expected:
            self.expected = expected

    def convert(self, value, path, checker):
        if type(value) is not str:
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                return self.wrong(value, path, checker)
            value = str(value)
        text = value
        if not text.isascii():
            repaired = mojibake.repair(text)
            if repaired != text:
                checker.warn(path, f"repaired mojibake: {mojibake.change(text, repaired)}")
            text = repaired
        text = text.strip() if "\n" not in text else text
        if self.choices and text not in self.choices:
            options = ", ".join(self.choices)
            checker.error(path, f"expected one of {options}, got {describe(value)}{did_you_mean(text, self.choices)}")
            return self.default
        if not text and self.required:
            checker.error(path, f"is required: expected {self.expected}")
        if self.max_length is not None and len(text) > self.max_length:
            checker.error(path, f"is {len(text):,} characters long; the limit is {self.max_length}")
        if self.pattern and text and not self.pattern.fullmatch(text):
            checker.error(path, f"expected {self.expected}, got {describe(value)}")
            return self.default
        return text

    def json_schema(self):
        if self.choices:
            return self.described({"enum": list(self.choices)})
        schema = {"type": ["string", "number"]}
        if self.pattern:
            schema = {"type": "string", "pattern": f"^(?:{self.pattern.pattern})$"}
        elif self.required:
            schema["pattern"] = r"\S"  # not blank (numbers are never blank)
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        return self.described(schema)


class Url(Text):
    """A link: http, https, mailto or relative (see `urls`), or, with
    `absolute`, an http(s) URL only."""

    expected = "a URL"

    def __init__(self, absolute: bool = False, default: object = None, doc: str = ""):
        super().__init__(default=default, doc=doc)
        self.absolute = absolute

    def convert(self, value, path, checker):
        text = super().convert(value, path, checker)
        if text and (message := url_problem(text, self.absolute)):
            checker.error(path, message)
            return self.default
        return text


# RFC 5646's grammar of a well-formed language tag (BCP 47): a language with
# optional script, region, variants, extensions and private use, a private-use
# tag alone, or one of the irregular grandfathered tags. Registered subtags are
# not looked up: a language without interface strings is a warning anyway.
_LANGUAGE_TAG = re.compile(r"""(?:
    (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})
    (?:-[a-z]{4})?
    (?:-(?:[a-z]{2}|[0-9]{3}))?
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
    (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*
    (?:-x(?:-[a-z0-9]{1,8})+)?
  | x(?:-[a-z0-9]{1,8})+
  | en-gb-oed | i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)
  | sgn-(?:be-fr|be-nl|ch-de)
)""", re.VERBOSE | re.IGNORECASE)
MAX_LANGUAGE_TAG = 24  # Pagefind fails on longer ones, and no language needs more


class LanguageTag(Text):
    """A language tag such as en, es or pt-BR (BCP 47), in lower case."""

    expected = "a language tag such as en, es or pt-BR"

    def convert(self, value, path, checker):
        text = super().convert(value, path, checker)
        if not text:
            return text
        if "_" in text:
            checker.error(path, f"language tags use '-', not '_': write {text.replace('_', '-')!r}")
        elif len(text) > MAX_LANGUAGE_TAG or not _LANGUAGE_TAG.fullmatch(text):
            checker.error(path, f"expected {self.expected} (at most {MAX_LANGUAGE_TAG} characters), "
                                f"got {describe(value)}")
        else:
            return text.lower()
        return self.default


class Integer(Field):
    expected = "an integer"

    def __init__(self, required: bool = False, default: object = None, minimum: int | None = None, doc: str = "",
                 maximum: int | None = None):
        super().__init__(required, default, doc)
        self.minimum = minimum
        self.maximum = maximum

    def convert(self, value, path, checker):
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value) < 20:
                value = int(value)
            else:
                return self.wrong(value, path, checker)
        if self.minimum is not None and value < self.minimum:
            checker.error(path, f"expected an integer of at least {self.minimum}, got {value}")
            return self.default
        if self.maximum is not None and value > self.maximum:
            checker.error(path, f"expected an integer of at most {self.maximum:,}, got {value:,}")
            return self.default
        return value

    def json_schema(self):
        number = {"type": "integer"} if self.minimum is None else {"type": "integer", "minimum": self.minimum}
        return self.described({"anyOf": [number, {"type": "string", "pattern": r"^\s*[0-9]+\s*$"}]})


class Number(Field):
    expected = "a number"

    def convert(self, value, path, checker):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.wrong(value, path, checker)
        return value

    def json_schema(self):
        return self.described({"type": "number"})


class Boolean(Field):
    expected = "true or false"

    def convert(self, value, path, checker):
        if not isinstance(value, bool):
            return self.wrong(value, path, checker)
        return value

    def json_schema(self):
        return self.described({"type": "boolean"})


class LevelId(Field):
    """A level: a number (1, 2…) or a letter or name from the framework's scale."""

    expected = "a level number or id"
    max_length = 40  # it names the level's page

    def convert(self, value, path, checker):
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            return self.wrong(value, path, checker)
        text = str(value).strip()
        if not text:
            return self.wrong(value, path, checker)
        if len(text) > self.max_length:
            checker.error(path, f"is {len(text):,} characters long; a level id is at most {self.max_length}")
            return self.default
        return text

    def json_schema(self):
        return self.described(LEVEL_ID_SCHEMA)


class LevelIds(Field):
    """One level id or a list of them: `2`, `[1, 2]`, or a range `"1..3"`."""

    expected = "a level, a list of levels or a range like 1..3"

    def convert(self, value, path, checker):
        items = value if isinstance(value, list) else [value]
        ids = []
        for item in items:
            if isinstance(item, bool) or not isinstance(item, (int, str)) or not str(item).strip():
                return self.wrong(value, path, checker)
            ids.append(str(item).strip())
        return ids

    def json_schema(self):
        return self.described({"anyOf": [LEVEL_ID_SCHEMA, {"type": "array", "items": LEVEL_ID_SCHEMA}]})
