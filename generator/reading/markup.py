"""Markdown bodies → safe HTML.

Python-Markdown renders; nh3 then removes anything executable (scripts, event
handlers, `javascript:` URLs), whatever the source contained. Sections that
start with a level-two heading become cards, which is how Monzo-style
Markdown pages ("## Level 1 … ---") read best.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrBlockprocessor, AbbrExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from ..errors import MarkdownRefused
from ..model import slugify
from .markdown_memo import MAX_SECONDS
from .urls import SCHEMES

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "section": {"class"},
    "th": {"scope", "colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start"},
}


class _Cards(Treeprocessor):
    """Wrap each `<h2>` and what follows it, up to the next `<h2>`, in a card.

    A `# heading` in a body becomes `<h2>`: the page's own title is its `<h1>`.
    """

    def run(self, root: etree.Element) -> None:
        children = list(root)
        for child in children:
            if child.tag == "h1":
                child.tag = "h2"
        if not any(child.tag == "h2" for child in children):
            return
        for child in children:
            root.remove(child)
        card = None
        for child in children:
            if child.tag == "h2":
                card = etree.SubElement(root, "section", {"class": "card"})
            if child.tag == "hr" and card is not None:
                continue  # cards are separated already
            (card if card is not None else root).append(child)


class _CardsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        md.treeprocessors.register(_Cards(md), "ladder-cards", 1)


# Markdown's "extra", as classes: named, each would be looked up among every
# installed package's entry points, which took longer than the rest of setup.
_EXTRA = (FencedCodeExtension, FootnoteExtension, AttrListExtension, DefListExtension, TableExtension,
          AbbrExtension, MarkdownInHtmlExtension)


class _Renderer:
    """One Markdown instance, made once (that takes longer than most
    conversions) and reused for every text, whatever its heading-id prefix."""

    def __init__(self):
        self.id_prefix = ""
        self.markdown = markdown.Markdown(extensions=[*(extension() for extension in _EXTRA), SaneListExtension(),
                                                      TocExtension(slugify=self._slug), _CardsExtension()],
                                          output_format="html")

    def _slug(self, value: str, _separator: str) -> str:
        return self.id_prefix + (slugify(value) or "section")

    def convert(self, text: str, id_prefix: str) -> str:
        self.id_prefix = id_prefix
        self.markdown.reset()
        return self.markdown.convert(text)


# Python-Markdown looks for the ']' (or ')') that closes each '[' (or '](')
# character by character, as far as the end of the text when none does: a
# 20 KB text of brackets that close nowhere took nine seconds. The steps
# those searches will take are counted first, and a text over this is refused.
MAX_BRACKET_STEPS = 2_000_000  # about a second


# Python's HTML parser, which Python-Markdown gives the text to find HTML
# blocks, reads a tag that starts ('<' and a letter) as far as its '>': to
# the end of the text when none comes. 8,000 "<a " took six seconds. As for
# brackets, the steps are counted first.
MAX_TAG_STEPS = 10_000_000  # about half a second
_TAG_START = re.compile(r"<[A-Za-z]")

# Lists and quotes nested deeper than this (in columns of indentation, a tab
# or a '>' counting four) are refused: Python-Markdown up to 3.11.3 runs out
# of stack on them, and later versions take time and memory that grow with
# the square of the depth (2,000 deep: 8 s, and over a gigabyte).
MAX_NESTING = 400
_LEAD = re.compile(r"^[ \t>]+", re.MULTILINE)

# Python-Markdown takes each abbreviation definition ("*[HTML]: …") off the
# front of its paragraph and reads the rest again, so time grows with their
# square: 500 take 0.3 s, 5,000 half a minute.
MAX_ABBREVIATIONS = 500


def render_markdown(text: str, id_prefix: str = "", seconds: float = MAX_SECONDS) -> str:
    """Render Markdown to sanitised HTML; empty text gives an empty string.
    Raises `MarkdownRefused` for text it would take too long over, or that
    takes longer than `seconds`.

    `id_prefix` keeps heading ids apart from the page's own anchors when the
    Markdown is one part of a larger page.
    """
    if not text or not text.strip():
        return ""
    if (steps := bracket_steps(text)) > MAX_BRACKET_STEPS:
        raise MarkdownRefused(f"brackets that close far away or nowhere would take Markdown {steps:,} steps to "
                              f"read (the limit is {MAX_BRACKET_STEPS:,}); write \\[ for a bracket that is text")
    if (steps := tag_steps(text)) > MAX_TAG_STEPS:
        raise MarkdownRefused(f"tags that close far away or nowhere ('<' and a letter, with no '>' after it) would "
                              f"take Markdown {steps:,} steps to read (the limit is {MAX_TAG_STEPS:,}); write &lt; "
                              "for a '<' that is text")
    if nesting(text) > MAX_NESTING:
        raise MarkdownRefused(_TOO_DEEP)
    if "*[" in text and (count := len(AbbrBlockprocessor.RE.findall(text))) > MAX_ABBREVIATIONS:
        raise MarkdownRefused(f"{count:,} abbreviation definitions (*[…]: …) would take Markdown too long to read "
                              f"(the limit is {MAX_ABBREVIATIONS:,})")
    try:
        return _sanitiser().clean(_within(seconds, _renderer().convert, text, id_prefix))
    except RecursionError:
        raise MarkdownRefused(_TOO_DEEP) from None


_TOO_DEEP = "lists or quotes are nested too deeply for Markdown to render"


class _OutOfTime(Exception):
    pass


def _within(seconds: float, work, *args):
    """`work(*args)`, stopped by a timer signal after `seconds`. Python-Markdown
    has other paths whose time grows with the square of a block's length (a
    definition list of 10,000 lines took 14 s) beyond those counted above:
    this bounds them all. Only the main thread gets signals, and every build,
    check and preview renders there; elsewhere (or on a system without
    interval timers) the work runs unbounded."""
    if seconds <= 0:
        raise MarkdownRefused(_SLOW)
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return work(*args)
    armed = True

    def expired(_signal, _frame):
        if armed:
            raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expired)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            return work(*args)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            armed = False
    except _OutOfTime:
        raise MarkdownRefused(_SLOW) from None
    finally:
        signal.signal(signal.SIGALRM, previous)


_SLOW = (f"Markdown took over {MAX_SECONDS:g} s, the limit for one file's Markdown; a long definition list or a "
         "paragraph full of marks (*, `, <, [) is the usual cause: split it with blank lines")


def bracket_steps(text: str) -> int:
    """How many characters Python-Markdown's searches for closing brackets go
    through: from each '[' to its ']', and from each '](' to its ')' (or to
    the end, for those that close nowhere)."""
    if "[" not in text:
        return 0
    steps, opened = 0, {"[": [], "(": []}
    closing = {"]": "[", ")": "("}
    for at, char in enumerate(text):
        if char == "[" or (char == "(" and text[at - 1:at] == "]") or (char == "(" and opened["("]):
            opened[char].append(at)
        elif char in closing and opened[closing[char]]:
            steps += at - opened[closing[char]].pop()
    return steps + sum(len(text) - at for stack in opened.values() for at in stack)


def tag_steps(text: str) -> int:
    """How many characters Python's HTML parser goes through looking for the
    end of each tag that starts: from each '<' and a letter to the next '>'
    (or to the end of the text)."""
    steps, close = 0, -1
    for start in _TAG_START.finditer(text):
        at = start.start()
        if close < at:
            close = text.find(">", at)
            if close < 0:
                close = len(text)
        steps += close - at
    return steps


def nesting(text: str) -> int:
    """How deep the most nested line is: its leading spaces, tabs and '>'
    quote marks, in columns (a tab or a '>' counting four)."""
    deepest = 0
    for lead in _LEAD.findall(text):
        if len(lead) * 4 > deepest:  # no shallower than this can beat the deepest
            deepest = max(deepest, len(lead.expandtabs(4)) + 3 * lead.count(">"))
    return deepest


@functools.cache
def _renderer() -> _Renderer:
    return _Renderer()


@functools.cache
def _sanitiser() -> nh3.Cleaner:
    """What may stay in the HTML, set up once."""
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
