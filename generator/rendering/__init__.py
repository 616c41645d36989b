"""Rendering: the model → HTML pages, one module per page kind (`pages/`),
through the theme's Jinja templates."""
