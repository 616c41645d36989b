"""Declarative checks for front matter: types, required keys, unknown keys.

A schema is a tree of small field objects. `check` walks data and schema
together, returns cleaned data (defaults filled in, numbers read as text where
text is expected, mojibake repaired) and collects every problem on the way with
its key path, so one run reports every mistake in a file.

Each field also says what it accepts as JSON Schema (`json_schema`), beside
its check, so the schema editors use (`ladder schema`) and `ladder check`
come from one declaration and cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import mojibake
from .urls import url_problem
from .yamlio import spelled

Path = tuple


@dataclass
class Found:
    """A problem at a key path, before it is given a file position."""

    path: Path
    message: str
    severity: str = "error"


MAX_ERRORS = 100  # in one file: past this, reading the file stops (see `TooManyErrors`)


class TooManyErrors(Exception):
    """Raised at a file's error after `MAX_ERRORS`: reading on through a file of
    thousands of mistakes would only take time and bury the first ones."""

    message = f"more than {MAX_ERRORS} errors in this file; the rest were not looked for: fix these first"


@dataclass
class Checker:
    """Carries the problems found while checking one document."""

    found: list[Found] = field(default_factory=list)
    errors: int = 0

    def error(self, path: Path, message: str) -> None:
        if self.errors >= MAX_ERRORS:
            raise TooManyErrors
        self.found.append(Found(path, message))
        self.errors += 1

    def check(self, schema: Field, data: object) -> object:
        """`schema.check(data)` from the top of a document, stopping at `MAX_ERRORS`
        (then the data is None, and the last problem says why)."""
        try:
            return schema.check(data, (), self)
        except TooManyErrors:
            self.found.append(Found((), TooManyErrors.message))
            return None

    def warn(self, path: Path, message: str) -> None:
        self.found.append(Found(path, message, "warning"))


def describe(value: object) -> str:
    """Say what an editor wrote, for "expected X, got Y" messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    return type(value).__name__


class Field:
    """Base of all fields: `required` keys must be present and not empty."""

    expected = "a value"

    def __init__(self, required: bool = False, default: object = None, doc: str = ""):
        self.required = required
        self.default = default
        self.doc = doc

    def check(self, value: object, path: Path, checker: Checker) -> object:
        if value is None:
            if self.required:
                checker.error(path, f"is required: expected {self.expected}")
            return self.absent()
        return self.convert(value, path, checker)

    def convert(self, value: object, path: Path, checker: Checker) -> object:
        raise NotImplementedError

    def absent(self) -> object:
        """The value of an optional key that is not there (as `check(None)` gives)."""
        return self.default

    def wrong(self, value: object, path: Path, checker: Checker) -> object:
        checker.error(path, f"expected {self.expected}, got {describe(value)}")
        return self.default

    def json_schema(self) -> dict:
        """What `check` accepts, as JSON Schema (draft 2020-12), without `null`."""
        raise NotImplementedError

    def described(self, schema: dict) -> dict:
        return {"description": self.doc, **schema} if self.doc else schema

    def json_schema_in_place(self) -> dict:
        """The schema of this field where it stands: an optional key, list item or
        map value may be empty (`null`), which reads as absent."""
        schema = self.json_schema()
        if self.required:
            return schema
        if "enum" in schema:
            return {**schema, "enum": [*schema["enum"], None]}
        if isinstance(schema.get("type"), (str, list)) and "anyOf" not in schema:
            types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            return {**schema, "type": [*types, "null"]}
        # What describes the key stays beside it, where editors show it.
        outer = {k: schema.pop(k) for k in ("title", "description") if k in schema}
        return {**outer, "anyOf": [schema, {"type": "null"}]}


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
                checker.warn(path, f"repaired mojibake: {text!r} → {repaired!r}")
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


class ListOf(Field):
    """A list whose items all follow `item`; a single value is not a list."""

    def __init__(self, item: Field, required: bool = False, doc: str = "", expected: str = ""):
        super().__init__(required, None, doc)
        self.item = item
        self.expected = expected or f"a list of {item.expected.removeprefix('a ').removeprefix('an ')}"

    def absent(self):
        return []

    def convert(self, value, path, checker):
        if not isinstance(value, list):
            checker.error(path, f"expected {self.expected}, got {describe(value)}")
            return []
        items = []
        for index, item in enumerate(value):
            errors = checker.errors
            checked = self.item.check(item, path + (index,), checker)
            # An item with errors is reported and left out, so what is read
            # from the rest of the file only ever sees well-formed items.
            if checked is not None and checker.errors == errors:
                items.append(checked)
        return items

    def json_schema(self):
        return self.described({"type": "array", "items": self.item.json_schema_in_place()})


class MapOf(Field):
    """Keys chosen by the editor (topic names, say), each value following `value`."""

    expected = "a set of keys"

    def __init__(self, value: Field, required: bool = False, doc: str = ""):
        super().__init__(required, None, doc)
        self.value = value

    def absent(self):
        return {}

    def convert(self, value, path, checker):
        if not isinstance(value, dict):
            checker.error(path, f"expected {self.expected}, got {describe(value)}")
            return {}
        result = {}
        for key, item in value.items():
            errors = checker.errors
            checked = self.value.check(item, path + (key,), checker)
            if checked is not None and checker.errors == errors:
                result[str(key)] = checked
        return result

    def json_schema(self):
        return self.described({"type": "object", "additionalProperties": self.value.json_schema_in_place()})


class OneOf(Field):
    """Either a plain text or a record: `- "text"` or `- {text: …, number: …}`.

    Plain text is read as the record with only `key` set.
    """

    def __init__(self, text: Text, record: "Record", key: str = "text", doc: str = ""):
        super().__init__(False, None, doc)
        self.text, self.record, self.key = text, record, key
        self.expected = f"text or {record.expected}"
        # What the record gives for a plain text, made once: most items are plain.
        self.plain = record.convert({key: "x"}, (), Checker())

    def convert(self, value, path, checker):
        if isinstance(value, dict):
            return self.record.convert(value, path, checker)
        if isinstance(value, list):
            return self.wrong(value, path, checker)
        text = self.text.convert(value, path, checker)
        if text is None:
            return None
        item = dict(self.plain)
        item[self.key] = text
        return item

    def json_schema(self):
        return self.described({"anyOf": [self.text.json_schema(), self.record.json_schema()]})


class Record(Field):
    """A set of named keys. Unknown keys are errors, with a suggestion."""

    expected = "a set of keys"

    def __init__(self, fields: dict[str, Field], required: bool = False, doc: str = "", name: str = ""):
        super().__init__(required, None, doc)
        self.fields = fields
        self.name = name
        if name:
            self.expected = name

    def convert(self, value, path, checker):
        if not isinstance(value, dict):
            return self.wrong(value, path, checker)
        result = {}
        fields = self.fields
        for key in value:
            if key not in fields:
                checker.error(path + (key,), unknown_key_message(key, fields))
        for name, spec in fields.items():
            item = value.get(name)
            if item is None and not spec.required:
                result[name] = spec.absent()  # most keys are optional, and most are not there
            else:
                result[name] = spec.check(item, path + (name,), checker)
        return result

    def json_schema(self):
        schema = {"type": "object", "properties": {name: spec.json_schema_in_place() for name, spec in self.fields.items()},
                  "additionalProperties": False}
        if required := [name for name, spec in self.fields.items() if spec.required]:
            schema["required"] = required
        return self.described({"title": self.name, **schema} if self.name else schema)


LEVEL_ID_SCHEMA = {"type": ["integer", "string"], "pattern": r"\S"}  # a number, or a letter or name


def json_schema_document(record: Record, title: str, description: str) -> dict:
    """A whole JSON Schema document, for editors' YAML support (`ladder schema`)."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
            "description": description, **{k: v for k, v in record.json_schema().items() if k != "title"}}


def did_you_mean(wanted: str, known) -> str:
    """"; did you mean 'x'?" for the closest of `known`, or nothing."""
    import difflib  # only for content with a mistake

    close = difflib.get_close_matches(wanted, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def unknown_key_message(key: object, known) -> str:
    if not isinstance(key, str):
        return f"unknown key {spelled(key)}: keys are names; expected one of " + ", ".join(sorted(known))
    message = f"unknown key {key!r}"
    return message + (did_you_mean(key, known) or "; expected one of " + ", ".join(sorted(known)))
