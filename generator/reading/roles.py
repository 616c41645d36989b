"""Roles: the target level per topic that a role needs, and the career paths
between roles, which must not form a cycle."""

from __future__ import annotations

from ..model import Framework, Role, slugify
from .format import MAX_CAREER_PAGES, MAX_ROLE_MATRIX, MAX_ROLES
from .schema import did_you_mean


def read_roles(items: list[dict], framework: Framework, error) -> list[Role]:
    """A framework's roles, their targets checked against its topics and levels;
    `error(message, key path)` reports a problem."""
    topics = {t.name: t for t in framework.topics}
    levels = {level.id: level for level in framework.levels}
    roles: list[Role] = []
    if len(items) > MAX_ROLES:
        error(f"{len(items):,} roles; a framework has at most {MAX_ROLES}: split it", ("roles", MAX_ROLES))
        return []
    if len(items) * len(topics) > MAX_ROLE_MATRIX:
        error(f"{len(items):,} roles × {len(topics):,} topics make a role matrix of {len(items) * len(topics):,} "
              f"cells; the limit is {MAX_ROLE_MATRIX:,}: split the framework", ("roles",))
    for index, item in enumerate(items):
        if any(r.id == item["id"] for r in roles):
            error(f"role id {item['id']!r} is used twice", ("roles", index, "id"))
            continue
        role = Role(id=item["id"], title=item["title"], description=item["description"] or "")
        if not slugify(role.id) == role.id:
            error(f"role id {role.id!r} must be lower-case letters, digits and '-', e.g. "
                       f"{slugify(role.id)!r}", ("roles", index, "id"))
        for name, level_id in item["targets"].items():
            where = ("roles", index, "targets", name)
            if name not in topics:
                error(f"unknown topic {name!r}{did_you_mean(name, topics)}", where)
            elif topics[name].targets_unknown:
                error(f"topic {name!r} says 'targetsUnknown: true'; remove one or the other", where)
            elif level_id not in levels:
                error(f"level {level_id!r} is not a level of this framework "
                           f"({', '.join(levels)})", where)
            else:
                role.targets[topics[name].slug] = levels[level_id]
        roles.append(role)
    _read_paths(items, roles, error)
    return roles

def _read_paths(items: list[dict], roles: list[Role], error) -> None:
    """Resolve `progressesTo` and `progressesFrom` into one graph, without cycles."""
    ids = [role.id for role in roles]
    edges: dict[str, set[str]] = {role_id: set() for role_id in ids}
    for index, item in enumerate(items):
        if item["id"] not in edges:
            continue
        for key in ("progressesTo", "progressesFrom"):
            for n, other in enumerate(item[key]):
                if other not in edges:
                    error(f"unknown role {other!r}{did_you_mean(other, ids)}", ("roles", index, key, n))
                elif key == "progressesTo":
                    edges[item["id"]].add(other)
                else:
                    edges[other].add(item["id"])
    cycle = find_cycle(ids, edges)
    if cycle:
        index = ids.index(cycle[0])
        error("career paths form a cycle: " + " → ".join(cycle), ("roles", index, "progressesTo"))
        return
    for role in roles:
        role.progresses_to = [other for other in ids if other in edges[role.id]]
    pairs, chains = career_pages(roles)
    if max(pairs, chains) > MAX_CAREER_PAGES:
        paths = f"{chains:,} path" + ("" if chains == 1 else "s")
        error(f"these career paths join {pairs:,} pairs of roles (a page each) along {paths} from a first to a "
              f"last role; the limit is {MAX_CAREER_PAGES:,} of each: shorten or split them", ("roles",))
        for role in roles:
            role.progresses_to = []


def career_pages(roles: list[Role]) -> tuple[int, int]:
    """How many pairs of roles lie on a path (each gets a page), and how many
    paths lead from a role nobody progresses to, to one that leads nowhere:
    counted, not listed, since a few lines can make millions of them."""
    following = {role.id: role.progresses_to for role in roles}
    pairs = 0
    for role in roles:
        seen, reached = {role.id}, [role.id]
        for current in reached:  # grows as it goes
            for other in following[current]:
                if other not in seen:
                    seen.add(other)
                    reached.append(other)
        pairs += len(reached) - 1
    ends: dict[str, int] = {}  # paths from each role to a last one, for the roles whose count is known
    for role in reversed(_in_path_order(roles)):
        ends[role.id] = sum(ends[other] for other in role.progresses_to) or 1
    has_parent = {other for role in roles for other in role.progresses_to}
    chains = sum(ends[role.id] for role in roles if role.id not in has_parent and role.progresses_to)
    return pairs, chains


def _in_path_order(roles: list[Role]) -> list[Role]:
    """The roles with each before every role it progresses to (they form no cycle)."""
    by_id = {role.id: role for role in roles}
    waiting = {role.id: 0 for role in roles}
    for role in roles:
        for other in role.progresses_to:
            waiting[other] += 1
    ready = [role for role in roles if not waiting[role.id]]
    for role in ready:  # grows as it goes
        for other in role.progresses_to:
            waiting[other] -= 1
            if not waiting[other]:
                ready.append(by_id[other])
    return ready


def find_cycle(nodes: list[str], edges: dict[str, set[str]]) -> list[str] | None:
    """Return a cycle such as ["a", "b", "a"], or None when the graph has none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in nodes:
        if node not in state and (cycle := visit(node)):
            return cycle
    return None
