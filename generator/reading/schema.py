"""Declarative checks for front matter: types, required keys, unknown keys.

A schema is a tree of small field objects. `check` walks data and schema
together, returns cleaned data (defaults filled in, numbers read as text where
text is expected, mojibake repaired) and collects every problem on the way with
its key path, so one run reports every mistake in a file.

Each field also says what it accepts as JSON Schema (`json_schema`), beside
its check, so the schema editors use (`ladder schema`) and `ladder check`
come from one declaration and cannot drift apart. The fields that hold one
value (text, URLs, numbers, level ids) are in `fields`; the ones that hold
others (lists, maps, records) are here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def __init__(self, text: Field, record: "Record", key: str = "text", doc: str = ""):
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
