"""Role pages: the role × competency matrix, a profile per role, and career paths."""

from __future__ import annotations

from ...model import Framework, Role
from ...model.careers import career_pairs, chains, development_gap, path_url
from .. import assessment
from ..page import Page


def paths_url(framework: Framework) -> str:
    """The career-paths page, when any role leads to another."""
    return f"{framework.path}/paths/" if any(r.progresses_to for r in framework.roles) else ""


def _page(framework: Framework, url: str, template: str, kind: str, lazy=None, **context) -> Page:
    return Page(url=url, template=template, title=framework.title, language=framework.language,
                context={"framework": framework, "paths_url": paths_url(framework), **context},
                source=framework.file, kind=kind, lazy=lazy)


def profile(framework: Framework, role: Role) -> dict:
    """What a role's page shows: required topics by category, and its neighbours."""
    groups = []
    for category, subgroups in framework.topic_groups():
        kept = [(sub, [t for t in topics if role.target(t)]) for sub, topics in subgroups]
        kept = [(sub, topics) for sub, topics in kept if topics]
        if kept:
            groups.append((category, kept))
    return {
        "required": [t for t in framework.topics if role.target(t)],
        "groups": groups,
        "previous": [r for r in framework.roles if role.id in r.progresses_to],
        "following": [(framework.role(other), path_url(framework, role, framework.role(other)))
                      for other in role.progresses_to],
        "not_required": [t for t in framework.topics if not role.target(t) and not t.targets_unknown],
        "unknown": [t for t in framework.topics if t.targets_unknown],
    }


def all_paths(framework: Framework, pairs) -> dict:
    by_start: dict[str, list] = {}
    for start, goal in pairs:
        by_start.setdefault(start.id, []).append((goal, len(development_gap(framework, start, goal))))
    return {"chains": chains(framework),
            "pairs": [(framework.role(start_id), goals) for start_id, goals in by_start.items()]}


def pages(framework: Framework) -> list[Page]:
    if not framework.roles:
        return []
    found = [_page(framework, framework.roles_url, "roles.html", "role-matrix")]
    found.extend(_page(framework, framework.role_url(role), "role.html", "role", role=role,
                       lazy=lambda f=framework, r=role: {**profile(f, r), "assessment": assessment.box(f)})
                 for role in framework.roles)
    pairs = career_pairs(framework)
    if pairs:
        found.append(_page(framework, paths_url(framework), "paths.html", "paths",
                           step_url=lambda a, b, f=framework: path_url(f, a, b),
                           lazy=lambda f=framework, p=pairs: all_paths(f, p)))
        found.extend(
            _page(framework, path_url(framework, start, goal), "path.html", "path", start=start, goal=goal,
                  lazy=lambda f=framework, s=start, g=goal: {"gaps": development_gap(f, s, g)})
            for start, goal in pairs
        )
    return found
