"""What YAML aliases make of a file. A value that aliases name is one object,
used many times: a 56 KB file can stand for gigabytes of data. Sizes are
counted once per use but each value is looked at once, so the 5 MB limit
holds for the data written out, and the anchor that breaks it can be named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator


def after_children(root: object, children: Callable[[object], list]) -> Iterator[object]:
    """Each node under `root` once (shared ones too), after all it holds; by
    hand, since nesting can be deeper than Python's recursion."""
    done: set[int] = set()
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in done:
            continue
        if children_done:
            done.add(id(node))
            yield node
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children(node) if id(child) not in done)


def data_children(value: object) -> list:
    """The keys and values of a mapping, the items of a list."""
    if isinstance(value, dict):
        return [part for pair in value.items() for part in pair]
    return value if isinstance(value, list) else []


def expanded_size(data: object) -> int:
    """How many bytes `data` would take written out without aliases, roughly:
    each text as written, anything else 8, and some punctuation around each."""
    sizes: dict[int, int] = {}

    def size(value: object) -> int:
        if isinstance(value, (dict, list)):
            return sizes[id(value)]
        return len(value) if isinstance(value, str) else 8

    for value in after_children(data, data_children):
        if isinstance(value, (dict, list)):
            sizes[id(value)] = 2 + sum(size(item) + 2 for item in data_children(value))
    return size(data)


def node_children(node) -> list:
    """What a composed YAML node holds: keys and values, or items."""
    if isinstance(node.value, str):
        return []
    return [part for pair in node.value for part in pair] if node.value and isinstance(node.value[0], tuple) \
        else list(node.value)


def heaviest(root) -> tuple[object, int]:
    """The node that aliases share and that takes the most room, all its uses
    counted, and how often it is used (the root, used once, when none is)."""
    sizes: dict[int, int] = {}
    uses: dict[int, int] = {}
    nodes: dict[int, object] = {}
    for node in after_children(root, node_children):
        children = node_children(node)
        sizes[id(node)] = len(node.value) if isinstance(node.value, str) else \
            2 + sum(sizes[id(child)] + 2 for child in children)
        for child in children:
            uses[id(child)] = uses.get(id(child), 0) + 1
            nodes[id(child)] = child
    shared = [nodes[key] for key, count in uses.items() if count > 1]
    worst = max(shared, key=lambda node: sizes[id(node)] * uses[id(node)], default=root)
    return worst, uses.get(id(worst), 1)
