"""Reading YAML fast, and finding where in the text a value came from.

Valid files are parsed by yaml-rs (a Rust parser, about seven times faster
than libyaml here) when it is installed. PyYAML stays the reference: any file
yaml-rs does not accept is parsed again by PyYAML (with libyaml when present),
so every error is reported in the same words whichever parser is installed,
and the two give the same data for the same file (tested). Positions are not
kept on the parsed data; when a problem needs a line number, `locate`
composes the file once more and walks to the key.
"""

from __future__ import annotations

import functools
import os
import re

from ..errors import Problem

try:
    import yaml_rs
except ImportError:  # pragma: no cover - yaml-rs is a dependency, but a young one
    yaml_rs = None

# LADDER_YAML=pyyaml forces the reference parser (tests use it to compare both).
FAST = yaml_rs is not None and os.environ.get("LADDER_YAML") != "pyyaml"

Path = tuple  # a key path such as ("topics", 2, "content", 0, "level")

# A TAB after a list dash ("-\t'text'") is legal YAML 1.2 that libyaml rejects,
# and real Monzo files contain it. Swapping it for one space keeps columns.
_TAB_AFTER_DASH = re.compile(r"^((?:[ ]*-[ ]*)+?)\t", re.MULTILINE)


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

    # YAML 1.1 reads yes/no/on/off as booleans and 2024-01-01 as a date. Editors
    # mean text ("NO" is Norway), so only true/false stay booleans, as in YAML 1.2.
    dropped = ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    resolvers = {
        first: [(tag, rx) for tag, rx in found if tag not in dropped]
        for first, found in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    true_false = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    for first in "tTfF":
        resolvers.setdefault(first, []).insert(0, ("tag:yaml.org,2002:bool", true_false))

    class Loader(base):
        """The C safe loader with YAML 1.2 booleans that reports duplicate keys."""

        yaml_implicit_resolvers = resolvers

        def __init__(self, stream):
            super().__init__(stream)
            self.duplicates: list[tuple[str, yaml.Mark]] = []

        def construct_mapping(self, node, deep=False):
            mapping = super().construct_mapping(node, deep=deep)
            if len(mapping) < len(node.value):
                seen = set()
                for key_node, _ in node.value:
                    key = key_node.value
                    if key in seen:
                        self.duplicates.append((key, key_node.start_mark))
                    seen.add(key)
            return mapping

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
    if FAST:
        try:
            return yaml_rs.loads(normalise(text), parse_datetime=False), []
        except Exception:  # noqa: BLE001 - the reference parser explains what is wrong
            pass
    yaml, _, reference_loader = _pyyaml()
    loader = reference_loader(normalise(text))
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(exc, text, file, line_offset)]
    except yaml.YAMLError as exc:
        return None, [Problem(file, f"cannot read YAML: {exc}", line=line_offset + 1)]
    finally:
        loader.dispose()
    problems = [
        Problem(
            file,
            f"duplicate key {key!r}: the later value would silently win; remove one",
            line=mark.line + 1 + line_offset,
            column=mark.column + 1,
            key=str(key),
            excerpt=excerpt(text, mark.line + 1, line_offset),
        )
        for key, mark in loader.duplicates
    ]
    return data, problems


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
    lines = text.splitlines()
    start = max(1, line - around)
    end = min(len(lines), line + around)
    return tuple((n + line_offset, lines[n - 1]) for n in range(start, end + 1))


def format_path(path: Path) -> str:
    """Format ("topics", 2, "level") as 'topics[2].level'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def locate(text: str, path: Path) -> tuple[int, int] | None:
    """Return the 1-based (line, column) of the value at `path`, or its nearest parent.

    For a mapping key the key's own position is returned, which is where an
    editor looks for "unknown key" or "wrong type" mistakes.
    """
    yaml, base, _ = _pyyaml()
    try:
        node = yaml.compose(normalise(text), Loader=base)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    mark = node.start_mark
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    mark, node = key_node.start_mark, value_node
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1
