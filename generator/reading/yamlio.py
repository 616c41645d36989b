"""Reading YAML fast, and finding where in the text a value came from.

Valid files are parsed by yaml-rs (a Rust parser, about seven times faster
than libyaml here) when it is installed. PyYAML stays the reference: any file
yaml-rs does not accept is parsed again by PyYAML (with libyaml when present),
so every error is reported in the same words whichever parser is installed.
The two give the same data for the same file, or both refuse it (tested,
with random files too): PyYAML is taught yaml-rs's reading of plain values
(YAML 1.2's, with 0x, 0o, 0b and `_` in numbers), and files that use what
the two read differently — tags, anchors and aliases, several documents,
directives, numbers of a thousand digits — always go to PyYAML, which
refuses tags, and refuses aliases that make the data larger than a file may
be. Positions are not kept on the parsed data; when a problem needs a line
number, `locate` composes the file once more and walks to the key.
"""

from __future__ import annotations

import functools
import os
import re

from ..errors import Problem
from . import aliases

try:
    import yaml_rs
except ImportError:  # pragma: no cover - yaml-rs is a dependency, but a young one
    yaml_rs = None

# LADDER_YAML=pyyaml forces the reference parser (tests use it to compare both).
FAST = yaml_rs is not None and os.environ.get("LADDER_YAML") != "pyyaml"

Path = tuple  # a key path such as ("topics", 2, "content", 0, "level")

# What aliases may make of a file: no more data than a file without them could hold.
MAX_EXPANDED_BYTES = 5_000_000
MAX_DIGITS = 1_000  # a number longer than this is not one an editor means

# A TAB after a list dash ("-\t'text'") is legal YAML 1.2 that libyaml rejects,
# and real Monzo files contain it. Swapping it for one space keeps columns.
# Spaces and dashes as one run: as groups of each, a line of forty dashes
# could be split into groups in a trillion ways, each tried in turn.
_TAB_AFTER_DASH = re.compile(r"^([ ]*-[ -]*)\t", re.MULTILINE)
# What yaml-rs and PyYAML read differently, found without parsing (see
# `_for_reference`): a tag, anchor or alias where a value can start (at the
# start of a line, or after '- ', ': ', '? ', '[', '{' or ','; now and then the
# start of a line of a longer text), a second document, a directive, a very
# long number. Only the few places where such a character is are looked at:
# a pattern run over the whole text took three times as long as yaml-rs
# takes to read it.
_LINE_START = re.compile(r"[ \t]*(?:(?:-|\?|:|---)[ \t]+)*")  # what may come before a value on its line
_DOCUMENT = re.compile(r"\n(?:---|\.\.\.)(?=[ \t\n]|$)")
# Whole runs only (the look-behind), each read once: a pattern that could start
# anywhere in a run read the run again from each of its characters.
_HEX_RUN = re.compile(r"(?<![0-9A-Fa-f_])[0-9A-Fa-f_]{" + str(MAX_DIGITS) + ",}")
_DIGIT = re.compile("[0-9]")
# Characters yaml-rs reads as text and PyYAML refuses or reads as line breaks
# (C1 controls come with mojibake): PyYAML reads them as stand-ins from a
# private-use plane, given back in the data (see `_restore`).
_STAND_IN = 0x100000
_TEXT_ONLY = re.compile("[\x80-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_STAND_INS = re.compile("[\U00100080-\U0010009f\U00102028\U00102029\U0010feff\U0010fffe\U0010ffff]")

# YAML 1.2's plain values, as yaml-rs reads them (its `scalar.rs`): only
# true/false are booleans (YAML 1.1 read yes/no/on/off too, and "NO" is
# Norway), no dates, no `<<` merges or `=` values, numbers in YAML 1.2's
# forms with 0x, 0o and 0b prefixes and `_` anywhere among the digits.
_NULL = r"^(?:~|null|Null|NULL|)$"
_BOOL = r"^(?:true|True|TRUE|false|False|FALSE)$"
_INT = r"^[-+]?(?:0[xX][_0-9a-fA-F]*[0-9a-fA-F][_0-9a-fA-F]*|0[oO][_0-7]*[0-7][_0-7]*|0[bB][_01]*[01][_01]*" \
       r"|[_0-9]*[0-9][_0-9]*)$"
_DIGITS = r"[_0-9]*[0-9][_0-9]*"  # at least one digit, and `_` anywhere
_EXPONENT = r"[eE][-+]?" + _DIGITS
_FLOAT = (r"^(?:[-+]?\.[iI][nN][fF]|\.[nN][aA][nN]"
          rf"|[-+]?(?:(?:{_DIGITS}\.[_0-9]*|[_0-9]*\.{_DIGITS})(?:{_EXPONENT})?|{_DIGITS}{_EXPONENT}))$")

_NOT_TEXT = re.compile("|".join((_NULL, _BOOL, _INT, _FLOAT)))  # a plain value that is no text


@functools.cache
def _pyyaml():
    """PyYAML and the reference loader, imported on first need: a build whose
    files yaml-rs accepts never needs them, and importing them is a tenth of
    the start-up time of `ladder build`."""
    import yaml

    try:  # libyaml is several times faster; the pure-Python loader gives the same data
        base = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on how PyYAML was built
        base = yaml.SafeLoader

    resolvers: dict[str, list] = {}
    for tag, pattern, first in (("null", _NULL, ["~", "n", "N", ""]), ("bool", _BOOL, "tTfF"),
                                ("float", _FLOAT, "-+0123456789._"), ("int", _INT, "-+0123456789_")):
        for char in first:
            resolvers.setdefault(char, []).append((f"tag:yaml.org,2002:{tag}", re.compile(pattern)))

    class Loader(base):
        """The C safe loader reading plain values as yaml-rs does, and reporting
        duplicate keys (as yaml-rs does, by value: 1 and true are one key)."""

        yaml_implicit_resolvers = resolvers
        yaml_constructors = {tag: constructor for tag, constructor in base.yaml_constructors.items()
                             if tag and tag.rsplit(":", 1)[-1] in ("null", "bool", "str", "seq", "map")}

        def __init__(self, stream):
            super().__init__(stream)
            self.duplicates: list[tuple[object, yaml.Mark]] = []

        def construct_mapping(self, node, deep=False):
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) < len(node.value):
                seen: set = set()
                for key_node, _ in node.value:
                    key = self.construct_object(key_node)
                    if key in seen:
                        self.duplicates.append((key, key_node.start_mark))
                    seen.add(key)
            return mapping

        def construct_yaml_int(self, node):
            text = self.construct_scalar(node).replace("_", "")
            sign = -1 if text[0] == "-" else 1
            text = text.lstrip("+-")
            base = {"0x": 16, "0o": 8, "0b": 2}.get(text[:2].lower(), 10)
            digits = text[2:] if base != 10 else text
            if len(digits) > MAX_DIGITS:
                raise yaml.constructor.ConstructorError(
                    None, None, f"a number of more than {MAX_DIGITS:,} digits; if it is text, put it in quotes",
                    node.start_mark)
            return sign * int(digits, base)

        def construct_yaml_float(self, node):
            text = self.construct_scalar(node).replace("_", "")
            if text.lower().lstrip("+-") in (".inf", ".nan"):
                return float(text.replace(".", "", 1))
            return float(text)

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_yaml_float)
    Loader.add_constructor(None, base.construct_undefined)
    return yaml, base, Loader


def normalise(text: str) -> str:
    """Return the text as libyaml should see it (same lines and columns)."""
    if "\t" in text:
        text = _TAB_AFTER_DASH.sub(lambda m: m.group(1) + " ", text)
    return text


def parse(text: str, file: str, line_offset: int = 0) -> tuple[object, list[Problem]]:
    """Parse one YAML document; return its data and any problems.

    `line_offset` is the number of lines before `text` in `file`, so that
    positions are reported as the editor sees them.
    """
    text = normalise(text)
    if FAST and not _for_reference(text):
        try:
            return yaml_rs.loads(text, parse_datetime=False, alias_limits=_NO_ALIASES), []
        except Exception:  # noqa: BLE001 - the reference parser explains what is wrong
            pass
    return _reference(text, file, line_offset)


def _for_reference(text: str) -> bool:
    """Whether the file has what the two parsers read differently (see `_LINE_START`).
    One pass over the text for each mark: a mark's line is found from the last
    mark's, never by searching the line again (a line of a million marks)."""
    for mark in "!&*":
        at = text.find(mark)
        line = seen = 0  # where the line of the mark at `at` starts; how far newlines were looked for
        value_start = -1  # where a value may start on that line, after its dashes and colons
        while at != -1:
            named = mark == "!" or text[at + 1:at + 2] not in ("", " ", "\t", "\n", ",", "[", "]", "{", "}")
            if named:
                newline = text.rfind("\n", seen, at)
                if newline != -1 or value_start == -1:
                    line = newline + 1 if newline != -1 else line
                    value_start = _LINE_START.match(text, line).end()
                seen = at
                if value_start == at or _last_on_line(text, line, at) in (":", "[", "{", ","):
                    return True
            at = text.find(mark, at + 1)
    return bool(("\n---" in text or "\n..." in text) and _DOCUMENT.search(text)
                or text.startswith("%") or "\n%" in text
                or len(text) >= MAX_DIGITS and _long_number(text))


def _last_on_line(text: str, line: int, at: int) -> str:
    """The last character before `at` on its line (which starts at `line`) that is not a space or tab."""
    at -= 1
    while at >= line and text[at] in " \t":
        at -= 1
    return text[at] if at >= line else ""


def _long_number(text: str) -> bool:
    """Whether a digit starts a run of MAX_DIGITS or more digits, letters A-F and `_`."""
    return any(_DIGIT.search(text, run.start(), run.end() - MAX_DIGITS + 1) for run in _HEX_RUN.finditer(text))


def _reference(text: str, file: str, line_offset: int) -> tuple[object, list[Problem]]:
    """Parse with PyYAML, the reference: refuse tags and runaway aliases."""
    yaml, base, reference_loader = _pyyaml()
    stood_in = _TEXT_ONLY.search(text) is not None
    if "!" in text and (tagged := _tagged(text, file, line_offset)):
        return None, tagged
    loader = reference_loader(_stand_ins(text))
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(exc, text, file, line_offset)]
    except yaml.YAMLError as exc:
        return None, [Problem(file, f"cannot read YAML: {exc}", line=line_offset + 1)]
    except RecursionError:  # the pure-Python loader, on values nested thousands deep
        return None, [Problem(file, "invalid YAML: values are nested too deeply", line=line_offset + 1)]
    finally:
        loader.dispose()
    if "*" in text and (size := aliases.expanded_size(data)) > MAX_EXPANDED_BYTES:
        return None, [_alias_problem(text, file, line_offset, size)]
    if stood_in:
        data = _restore(data)
    problems = [
        Problem(
            file,
            f"duplicate key {spelled(key)}: the later value would silently win; remove one",
            line=mark.line + 1 + line_offset,
            column=mark.column + 1,
            key=format_path((key,)),
            excerpt=excerpt(text, mark.line + 1, line_offset),
        )
        for key, mark in loader.duplicates
    ]
    return data, problems


# yaml-rs copies what an alias names each time it is used: it is given no
# file with aliases (see `_for_reference`), and refuses any it is given.
_NO_ALIASES = yaml_rs.AliasLimits(max_total_replayed_events=0) if yaml_rs is not None else None


def _tagged(text: str, file: str, line_offset: int) -> list[Problem]:
    """A problem at each YAML tag (!foo, !!binary…): Ladder's files use none,
    and the two parsers read them differently."""
    yaml, base, _ = _pyyaml()
    found = []
    try:
        for event in yaml.parse(_stand_ins(text), Loader=base):
            tag = getattr(event, "tag", None)
            if tag is not None:
                mark = event.start_mark
                found.append(Problem(file, f"YAML tags such as {_shown_tag(text, mark)!r} are not used in "
                                     "Ladder's files; remove it (put text in quotes)",
                                     line=mark.line + 1 + line_offset, column=mark.column + 1,
                                     excerpt=excerpt(text, mark.line + 1, line_offset)))
    except yaml.YAMLError:
        pass  # loading it says what is wrong
    return found


def _shown_tag(text: str, mark) -> str:
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    found = re.search(r"!\S*", line[mark.column:])
    return found.group() if found else "!"


def _alias_problem(text: str, file: str, line_offset: int, size: int) -> Problem:
    """Name the anchor whose aliases make the data too large."""
    yaml, base, _ = _pyyaml()
    root = yaml.compose(_stand_ins(text), Loader=base)
    worst, uses = aliases.heaviest(root)
    mark = worst.start_mark
    anchor = re.match(r"&(\S+)", text.split("\n")[mark.line][mark.column:]) if worst is not root else None
    named = f"the anchor '&{anchor.group(1)}' here" if anchor else "the value here"
    return Problem(file, f"aliases make this file's data about {size:,} bytes, over the {MAX_EXPANDED_BYTES:,} "
                   f"a file may hold: {named} is used {uses:,} times; write less of it",
                   line=mark.line + 1 + line_offset, column=mark.column + 1,
                   excerpt=excerpt(text, mark.line + 1, line_offset))


def _stand_ins(text: str) -> str:
    """The text with each `_TEXT_ONLY` character replaced by its stand-in, for PyYAML."""
    return _TEXT_ONLY.sub(lambda m: chr(_STAND_IN + ord(m.group())), text) if _TEXT_ONLY.search(text) else text


def _restore(data: object) -> object:
    """The data with the stand-ins of `_TEXT_ONLY` characters given back."""
    def given_back(value):
        if isinstance(value, (dict, list)):
            return done[id(value)]
        return _restored_text(value) if isinstance(value, str) else value

    done: dict[int, object] = {}
    for value in aliases.after_children(data, aliases.data_children):
        if isinstance(value, dict):
            done[id(value)] = {given_back(k): given_back(v) for k, v in value.items()}
        elif isinstance(value, list):
            done[id(value)] = [given_back(item) for item in value]
    return given_back(data)


def spelled(key: object) -> str:
    """A key as YAML spells it: 'title', 1, null, true."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return str(key).lower()
    return repr(key)


_HINTS = {
    "found character '\\t' that cannot start any token": "a TAB is used for indentation; indent with spaces",
    "found character that cannot start any token": "a TAB or a stray character here; indent with spaces",
    "mapping values are not allowed here": "text containing ': ' must be wrapped in quotes",
    "could not find expected ':'": "a key is missing its ':' or a quoted text is not closed",
    "found undefined alias": "'*' starts an alias in YAML; wrap text starting with '*' in quotes",
    "expected <block end>, but found '-'": "this list item is indented differently from the ones above",
    "expected <block end>, but found '<block mapping start>'": "this line is indented differently from the lines above",
    "found unexpected end of stream": "a quoted text is not closed",
}


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str, line_offset: int) -> Problem:
    """Turn a PyYAML error into a `file:line:col: message` an editor can act on."""
    mark = exc.problem_mark or exc.context_mark
    message = (exc.problem or "invalid YAML").strip()
    if message == "but found another document":
        message, exc.context = "a second document starts here; a file holds one: remove this line", None
    hint = _HINTS.get(message)
    if exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
        message += f" ({exc.context} started on line {exc.context_mark.line + 1 + line_offset})"
    if hint:
        message += f"; {hint}"
    line = mark.line + 1 if mark else 1
    return Problem(
        file,
        f"invalid YAML: {message}",
        line=line + line_offset,
        column=(mark.column + 1) if mark else None,
        excerpt=excerpt(text, line, line_offset),
    )


def excerpt(text: str, line: int, line_offset: int = 0, around: int = 2) -> tuple[tuple[int, str], ...]:
    """Return numbered source lines around `line` (1-based within `text`)."""
    lines = _lines(text)
    start = max(1, line - around)
    end = min(len(lines), line + around)
    return tuple((n + line_offset, lines[n - 1]) for n in range(start, end + 1))


@functools.lru_cache(maxsize=4)
def _lines(text: str) -> list[str]:
    """The lines of a file, split once for all of its problems (only at line
    feeds, as YAML and editors do: `splitlines` also splits at U+2028)."""
    lines = text.split("\n")
    return lines[:-1] if len(lines) > 1 and not lines[-1] else lines


def format_path(path: Path) -> str:
    """Format ("topics", 2, "level") as 'topics[2].level'; keys that are not
    names as YAML spells them (null, true)."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
        else:
            name = part if isinstance(part, str) else spelled(part)
            out += f".{name}" if out else name
    return out


def locate(text: str, path: Path) -> tuple[int, int] | None:
    """Return the 1-based (line, column) of the value at `path`, or its nearest parent.

    For a mapping key the key's own position is returned, which is where an
    editor looks for "unknown key" or "wrong type" mistakes. A key that is
    not a name (1, null, true) is found by its value.
    """
    yaml, _, _ = _pyyaml()
    node = _composed(text)
    if node is None:
        return None
    mark = node.start_mark
    for part in path:
        if isinstance(node, yaml.MappingNode):
            found = _keys(node).get(part) if isinstance(part, str) else \
                next(((k, v) for k, v in node.value if _same_key(k, part)), None)
            if found is None:
                break
            mark, node = found[0].start_mark, found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1


@functools.lru_cache(maxsize=4)
def _composed(text: str):
    """The node tree of a file, composed once for all of its problems: a file
    with thousands of mistakes must not be composed thousands of times."""
    yaml, base, _ = _pyyaml()
    try:
        return yaml.compose(_stand_ins(normalise(text)), Loader=base)
    except (yaml.YAMLError, RecursionError):
        return None


@functools.lru_cache(maxsize=256)
def _keys(mapping) -> dict:
    """A mapping node's (key node, value node) by key text, the first of each:
    walking every key for every problem would take time squared in the keys."""
    found: dict = {}
    for key_node, value_node in mapping.value:
        if isinstance(key_node.value, str) and (key_node.style or not _NOT_TEXT.match(key_node.value)):
            found.setdefault(_restored_text(key_node.value), (key_node, value_node))
    return found


def _restored_text(value: str) -> str:
    return value if value.isascii() else _STAND_INS.sub(lambda m: chr(ord(m.group()) - _STAND_IN), value)


def _same_key(node, part: object) -> bool:
    """Whether a key node holds `part`, a key that is not text (1, null, true)."""
    if not isinstance(node.value, str):
        return False
    if node.style:  # quoted: text
        return False
    yaml, _, reference_loader = _pyyaml()
    loader = reference_loader("")
    try:
        tag = loader.resolve(yaml.ScalarNode, node.value, (True, False))
        value = loader.construct_object(yaml.ScalarNode(tag, node.value))
    except (yaml.YAMLError, ValueError):
        return False
    finally:
        loader.dispose()
    return value == part and type(value) is type(part)
