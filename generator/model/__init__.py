"""The one model every page is rendered from: framework → topic (optionally
under category and subcategory) → level → sublevel → criterion (+ examples),
with a level scale and roles per framework, mappings between frameworks, and
the site around them. Reading makes it; rendering and commands only read it."""

from .framework import (
                        Category,
                        Criterion,
                        Framework,
                        Level,
                        Role,
                        Source,
                        Sublevel,
                        Topic,
                        TopicLevel,
                        humanise,
                        marks_notes,
                        slugify,
)
from .mappings import Alignment, LevelLink, Mappings, Member, RoleLevel, Scale, Theme
from .site import Brand, Group, Palette, Site, SiteConfig, group_frameworks, make_site

__all__ = [
    "Alignment", "Brand", "Category", "Criterion", "Framework", "Group", "Level", "LevelLink", "Mappings", "Member",
    "Palette", "Role", "RoleLevel", "Scale", "Site", "SiteConfig", "Source", "Sublevel", "Theme", "Topic", "TopicLevel",
    "group_frameworks", "humanise", "make_site", "marks_notes", "slugify",
]
