"""An organisation's branding from `site.yml`: logo, favicon, colours, and
extra style sheets and scripts, checked before anything is built.

Files are read only from inside the content folder. Colours are checked for
WCAG AA contrast (4.5:1 for text) where the default theme writes text on
them or puts them on the page as text, and each gets a variant that reads on
the dark colour scheme: editors choose two colours, not a palette.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Brand, Palette
from .files import Refused, regular_file_bytes
from .schema import Checker
from .urls import url_problem

COLOUR = "#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})"
AA = 4.5  # WCAG 2 AA contrast for text of normal size
MARGIN = 0.1  # what Ladder derives clears AA by this much, whatever a checker's rounding
MAX_FILE_BYTES = 2_000_000
IMAGES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".avif")
ICONS = (".svg", ".png", ".ico")

# The default theme's own colours (themes/default/assets/ladder.css), which
# the chosen ones are shown with.
WHITE, BLACK = "#ffffff", "#000000"
LIGHT = {"page": "#ffffff", "soft": "#f5f6f8", "new": "#e3f5ea", "inherited": "#fcf1d6", "text": "#1d2129"}
DARK = {"page": "#12151b", "soft": "#1a1e26", "card": "#1d222b", "new": "#16352a", "inherited": "#3a2f14",
        "text": "#e6e8ec", "on_light": "#10131a"}
# Backgrounds links and highlighted text may sit on, besides the accent's own tint.
LIGHT_BEHIND = ("page", "soft", "new", "inherited")
DARK_BEHIND = ("page", "soft", "card", "new", "inherited")
PILL_SHADES = (0.08, 0.22, 0.42, 0.80, 0.90)  # .pill--0 … .pill--4 and up: accent mixed into the card

RGB = tuple[float, float, float]


def read_brand(content_dir: Path, data: dict, raw: dict, checker: Checker) -> Brand:
    """The brand `data` (checked settings) describes; `raw` is site.yml as
    written, to tell a key left empty from one not there."""
    files: dict[str, Path] = {}

    def asset(key, value: str, suffixes: tuple[str, ...], path=None) -> str:
        found = content_file(content_dir, value, suffixes, path or (key,), checker)
        if found is None:
            return ""
        name = "site/" + found.relative_to(content_dir.resolve()).as_posix()
        files[name] = found
        return name

    def linked(key: str, suffix: str) -> tuple[str, ...]:
        found = []
        for index, value in enumerate(data[key]):
            if "://" in value or value.startswith("//"):
                if problem := url_problem(value, absolute=True):
                    checker.error((key, index), problem)
                elif not value.lower().startswith("https://"):  # browsers block them on an https site
                    checker.error((key, index), f"expected a file in the content folder or an https:// URL, "
                                                f"got {value!r}: an http:// style sheet or script does not load "
                                                "on a site served over https")
                else:
                    found.append(value)
            elif name := asset(key, value, (suffix,), (key, index)):
                found.append(name)
        return tuple(found)

    logo = asset("logo", data["logo"], IMAGES) if data["logo"] else ""
    logo_dark = asset("logo_dark", data["logo_dark"], IMAGES) if data["logo_dark"] else ""
    if logo_dark and not logo:
        checker.error(("logo_dark",), "is the dark-mode variant of `logo`: set `logo` too")
    favicon = asset("favicon", data["favicon"], ICONS) if data["favicon"] else ""
    extra_css, extra_js = linked("extra_css", ".css"), linked("extra_js", ".js")
    for key in ("primary_color", "accent_color"):
        if key in raw and raw[key] is None:
            checker.error((key,), f'is empty: write the colour in quotes, such as {key}: "#1a4d8f" '
                                  "(in YAML, # starts a comment)")
    light = dark = None
    if data["primary_color"] or data["accent_color"]:
        primary = parse(data["primary_color"] or data["accent_color"])
        accent = parse(data["accent_color"] or data["primary_color"])
        light, dark = light_palette(primary, accent), dark_palette(primary, accent)
        for key, message in contrast_problems(light, data):
            checker.warn((key,), message)
    return Brand(logo=logo, logo_dark=logo_dark, favicon=favicon, extra_css=extra_css, extra_js=extra_js,
                 files=tuple(sorted(files.items())), light=light, dark=dark)


def content_file(content_dir: Path, value: str, suffixes: tuple[str, ...], path: tuple,
                 checker: Checker) -> Path | None:
    """The regular file `value` names inside the content folder, or None and a problem."""
    kinds = ", ".join(suffixes)
    if not value.lower().endswith(suffixes):
        checker.error(path, f"expected a file ending in {kinds}, got {value!r}")
        return None
    root = content_dir.resolve()
    if value.startswith(("/", "\\")) or "\\" in value or ":" in value:
        checker.error(path, f"expected a path inside the content folder, such as images/logo.svg, got {value!r}")
        return None
    found = (root / value).resolve()
    if not found.is_relative_to(root):
        checker.error(path, f"{value!r} is outside the content folder; put the file inside it")
        return None
    try:
        size = len(regular_file_bytes(str(found), MAX_FILE_BYTES + 1))  # a regular file, not a pipe or device
    except FileNotFoundError:
        checker.error(path, f"file not found: {value} (paths are relative to the content folder)")
        return None
    except (Refused, OSError) as exc:
        checker.error(path, f"{value}: {exc.strerror if isinstance(exc, OSError) else exc}")
        return None
    if size > MAX_FILE_BYTES:
        checker.error(path, f"{value} is larger than {MAX_FILE_BYTES:,} bytes, the limit")
        return None
    return found


# --- Colours ---------------------------------------------------------------

def parse(colour: str) -> RGB:
    """"#1a4d8f" or "#18f" → red, green and blue from 0 to 1."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4))


def hex_of(rgb: RGB) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(a: RGB, b: RGB, share: float) -> RGB:
    """`share` of `a` in `b`, as CSS `color-mix(in srgb, a share, b)`, to whole 8-bit steps."""
    return tuple(round((x * share + y * (1 - share)) * 255) / 255 for x, y in zip(a, b))


def towards(colour: RGB, target: RGB, good) -> RGB:
    """The first of `colour` mixed ever more with `target` for which `good` holds."""
    for step in range(51):
        candidate = mix(target, colour, step / 50)
        if good(candidate):
            return candidate
    return target


def readable_text(background: RGB, *candidates: str) -> str:
    """The first candidate text colour that reads on `background` (AA), else
    the one with the most contrast."""
    for candidate in candidates:
        if contrast(parse(candidate), background) >= AA + MARGIN:
            return candidate
    return max(candidates, key=lambda c: contrast(parse(c), background))


def light_palette(primary: RGB, accent: RGB) -> Palette:
    card = parse(LIGHT["page"])
    return Palette(
        primary=hex_of(primary), primary_text=readable_text(primary, WHITE, LIGHT["text"]),
        accent=hex_of(accent), accent_soft=hex_of(mix(accent, card, 0.12)),
        pill_text=tuple(readable_text(mix(accent, card, s), LIGHT["text"], WHITE, BLACK) for s in PILL_SHADES))


def dark_palette(primary: RGB, accent: RGB) -> Palette:
    """Lighter variants: on a dark page the accent must be lighter to read,
    and buttons in the primary colour carry dark text."""
    page, card = parse(DARK["page"]), parse(DARK["card"])
    behind = [parse(DARK[k]) for k in DARK_BEHIND]
    white = parse(WHITE)

    def reads(colour: RGB) -> bool:
        return min(contrast(colour, bg) for bg in (*behind, mix(colour, page, 0.16))) >= AA + MARGIN

    accent = towards(accent, white, reads)
    primary = towards(primary, white, lambda c: contrast(c, page) >= 3 and max(
        contrast(c, parse(DARK["on_light"])), contrast(c, white)) >= AA + MARGIN)
    return Palette(
        primary=hex_of(primary), primary_text=readable_text(primary, DARK["on_light"], WHITE),
        accent=hex_of(accent), accent_soft=hex_of(mix(accent, page, 0.16)),
        pill_text=tuple(readable_text(mix(accent, card, s), DARK["text"], DARK["on_light"], BLACK, WHITE)
                        for s in PILL_SHADES))


def contrast_problems(light: Palette, data: dict) -> list[tuple[str, str]]:
    """(key, message) for each chosen colour that gives text under WCAG AA."""
    problems = []
    primary, text = parse(light.primary), parse(light.primary_text)
    if (ratio := contrast(primary, text)) < AA:
        key = "primary_color" if data["primary_color"] else "accent_color"
        problems.append((key, f"{data[key]}: text on it (the header, buttons, the chosen level tab) has a "
                              f"contrast of {ratio:.1f}:1 at best; WCAG AA needs {AA}:1. "
                              f"Choose a darker or a lighter colour"))
    accent, page = parse(light.accent), parse(LIGHT["page"])
    behind = [parse(LIGHT[k]) for k in LIGHT_BEHIND]
    if (worst := min(contrast(accent, bg) for bg in (*behind, parse(light.accent_soft)))) < AA:
        key = "accent_color" if data["accent_color"] else "primary_color"
        darker = towards(accent, parse(BLACK), lambda c: min(
            contrast(c, bg) for bg in (*behind, mix(c, page, 0.12))) >= AA + MARGIN)
        problems.append((key, f"{data[key]}: links and highlighted text in it have a contrast of "
                              f"{contrast(accent, page):.1f}:1 on the white page "
                              f"({worst:.1f}:1 on its tints); WCAG AA needs {AA}:1. "
                              f'A darker shade such as "{hex_of(darker)}" reads'))
    return problems
