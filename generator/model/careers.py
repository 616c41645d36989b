"""Career paths between roles, and the development gap along them."""

from __future__ import annotations

from dataclasses import dataclass

from .framework import Framework, Level, Role, Topic


def reachable(framework: Framework, start: Role) -> list[Role]:
    """Roles that `start` can progress to, nearest first, in a stable order."""
    seen, order, frontier = {start.id}, [], [start]
    while frontier:
        following = []
        for role in frontier:
            for other_id in role.progresses_to:
                if other_id not in seen:
                    seen.add(other_id)
                    following.append(framework.role(other_id))
        order.extend(following)
        frontier = following
    return order


def career_pairs(framework: Framework) -> list[tuple[Role, Role]]:
    """Every (from, to) pair of roles where `to` lies ahead of `from` on a path."""
    return [(role, other) for role in framework.roles for other in reachable(framework, role)]


def chains(framework: Framework) -> list[list[Role]]:
    """Every path from a role nobody progresses to, to a role that leads nowhere."""
    has_parent = {other for role in framework.roles for other in role.progresses_to}
    found: list[list[Role]] = []
    # Depth first, by hand: a recursive closure would hold the framework in a
    # reference cycle, so it would wait for the garbage collector to be freed.
    stack = [[role] for role in reversed(framework.roles) if role.id not in has_parent and role.progresses_to]
    while stack:
        path = stack.pop()
        following = path[-1].progresses_to
        if not following:
            found.append(path)
        stack.extend(path + [framework.role(other_id)] for other_id in reversed(following))
    return found


@dataclass(slots=True)
class Gap:
    """How one topic's target changes from one role to another."""

    topic: Topic
    before: Level | None  # None: not required
    after: Level | None

    @property
    def rise(self) -> int:
        """Levels gained; "not required" counts as one step below the first level."""
        before = self.before.rank if self.before else -1
        after = self.after.rank if self.after else -1
        return after - before


def development_gap(framework: Framework, start: Role, goal: Role) -> list[Gap]:
    """Topics whose target rises from `start` to `goal`, in framework order."""
    gaps = [Gap(topic, start.target(topic), goal.target(topic))
            for topic in framework.topics if not topic.targets_unknown]
    return [gap for gap in gaps if gap.rise > 0]


def path_url(framework: Framework, start: Role, goal: Role) -> str:
    return f"{framework.path}/paths/{start.id}--{goal.id}/"
