"""An organisation's brand as theme assets: its files, and `brand.css`, which
sets the default theme's colours to the brand's for each colour scheme."""

from __future__ import annotations

from ..errors import ContentError, Problem
from ..model import Brand, Palette
from ..reading.files import Refused, regular_file_bytes

BRAND_CSS = "brand.css"


def brand_assets(brand: Brand) -> dict[str, bytes]:
    """Files to publish under `assets/`, by their path in the site."""
    found = {}
    for name, path in brand.files:
        try:
            found["assets/" + name] = regular_file_bytes(str(path))
        except (Refused, OSError) as exc:  # changed since site.yml was read
            message = f"cannot read file: {exc.strerror}" if isinstance(exc, OSError) else str(exc)
            raise ContentError([Problem(name.removeprefix("site/"), message)]) from None
    if brand.light is not None:
        found["assets/" + BRAND_CSS] = brand_css(brand.light, brand.dark).encode("utf-8")
    return found


def brand_css(light: Palette, dark: Palette) -> str:
    """Custom properties of the default theme, for the screen only: print keeps
    its black on white."""
    return (f"/* The site's colours, from site.yml (made by Ladder). */\n"
            f"@media screen {{\n{_rules(light)}}}\n"
            f"@media screen and (prefers-color-scheme: dark) {{\n{_rules(dark)}}}\n")


def _rules(palette: Palette) -> str:
    lines = [f"  :root {{ --primary: {palette.primary}; --primary-text: {palette.primary_text}; "
             f"--accent: {palette.accent}; --accent-soft: {palette.accent_soft}; }}\n"]
    # The last shade is that of every level from the fifth up (.pill--4 to .pill--7).
    selectors = [f".pill--{shade}" for shade in range(len(palette.pill_text) - 1)]
    selectors.append(", ".join(f".pill--{shade}" for shade in range(len(palette.pill_text) - 1, 8)))
    lines += [f"  {selector} {{ --pill-text: {text}; }}\n" for selector, text in zip(selectors, palette.pill_text)]
    return "".join(lines)
