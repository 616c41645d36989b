"""What the self-assessment tests share: a small framework of known shape, a
site built from it that can be edited and built again, and a person's own
browser, in which they open, mark and read the assessment as they would.

Each person gets a browser context of their own: an assessment is kept in the
browser (localStorage), and the other browser tests share their contexts.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.building.engine import build

from .support import HOST, serve

# Two topics over three levels: Delivery has a sublevel 1B, Communication a
# line at level 2 that only points back to level 1, and a text said again at
# level 3; "Writes clear notes." has a pinned id, so its anchor never moves.
GROWTH = """\
    path: /growth
    title: Growth Framework
    levels: 3
    topics:
      - name: communication
        title: Communication
        content:
          - level: 1
            criteria:
              - Asks for help when stuck.
              - text: Writes clear notes.
                id: clear-notes
          - level: 2
            criteria:
              - All criteria from level one.
              - Explains decisions to the team.
          - level: 3
            criteria:
              - Coaches others on writing.
              - Explains decisions to the team.
      - name: delivery
        title: Delivery
        content:
          - level: 1
            criteria:
              - Finishes tasks on time.
            exampleCriteria:
              - criteria: Criteria for sublevel B
                examples:
                  - Plans their own week.
          - level: 2
            criteria:
              - Plans the team's sprint.
          - level: 3
            criteria:
              - Shapes the roadmap with product managers.
    """
OTHER = """\
    path: /other
    title: Other Framework
    levels: 1
    topics:
      - name: craft
        title: Craft
        content:
          - level: 1
            criteria:
              - Does the work.
    """


class GrowthSite:
    """The growth framework, built and served; `edit` changes it and builds again
    into the same folder, on the same address (so the browser keeps what it kept)."""

    def __init__(self, root: Path):
        self.content = root / "content"
        self.out = root / "out"
        self.content.mkdir(parents=True)
        self.write(GROWTH)
        (self.content / "other.yml").write_text(textwrap.dedent(OTHER), encoding="utf-8")
        self.build()
        self.server, self.base = serve(self.out)

    def write(self, text: str) -> None:
        (self.content / "growth.yml").write_text(textwrap.dedent(text), encoding="utf-8")

    def build(self) -> None:
        build(self.content, self.out, strict=True)  # a mistake in the framework raises

    def edit(self, old: str, new: str) -> None:
        text = (self.content / "growth.yml").read_text(encoding="utf-8")
        assert old in text
        (self.content / "growth.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
        self.build()

    def reset(self) -> None:
        self.write(GROWTH)
        self.build()

    @property
    def url(self) -> str:
        return self.base + "growth/"


@pytest.fixture(scope="module")
def growth(tmp_path_factory):
    site = GrowthSite(tmp_path_factory.mktemp("growth"))
    yield site
    site.server.shutdown()
    site.server.server_close()


@pytest.fixture
def person(browser):
    """person(url, width=1366, **context options) → a page in a browser of its own.

    Every request is listed in `page.requests` (method, URL, body); requests to
    any host but 127.0.0.1 are aborted; script errors fail the test at its end."""
    made = []

    def open_(url: str, width: int = 1366, height: int = 900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True, **options)
        made.append(context)
        return visit(context, url)

    yield open_
    errors = [error for context in made for page in context.pages for error in page.script_errors]
    for context in made:
        context.close()
    assert errors == []


def visit(context, url: str):
    """A new tab of `context` on `url`, with its requests and script errors listed."""
    page = context.new_page()
    page.requests = []
    page.script_errors = []

    def route(route):
        request = route.request
        page.requests.append((request.method, request.url, request.post_data))
        if urlsplit(request.url).hostname == HOST:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.goto(url, wait_until="load")
    return page


# --- What a person does --------------------------------------------------------

def start(page, label: str = "Start a self-assessment") -> None:
    page.get_by_role("button", name=label).click()
    page.locator(".assessment__panel").wait_for()


def start_as(page, name: str, consistently: tuple[str, ...]) -> None:
    """Start an assessment, name whose it is, and mark `consistently` the criteria that read so."""
    start(page)
    page.get_by_label("Whose assessment (optional)").fill(name)
    for text in consistently:
        mark(page, text)


def saving(page, act) -> None:
    """Do `act`, then wait until the page has written the marks to its address
    (and the browser's copy, written first), as a person who reloads or opens
    another page a moment later would find them."""
    before = page.url
    act()
    page.wait_for_function("(before) => location.href !== before", arg=before)


def opened(page) -> None:
    """Wait for an assessment that opens by itself (from the link or the browser)."""
    page.locator(".assessment__panel").wait_for()


def criterion(page, text: str):
    """The list item of the criterion that reads `text`, where the page shows it
    (a text said again at a later level is in a tab that is not shown)."""
    return page.locator("li.criterion:visible").filter(has=page.locator(":scope > p", has_text=text))


def mark(page, text: str, choice: str = "Consistently") -> None:
    criterion(page, text).get_by_role("radio", name=choice).check()


def note(page, text: str, words: str) -> None:
    item = criterion(page, text)
    item.locator("summary").filter(has_text="Note").click()
    item.get_by_role("textbox").fill(words)


def chosen(page, text: str) -> str:
    """The mark chosen beside a criterion ("" when none)."""
    found = page.locator("li.criterion").filter(has=page.locator(":scope > p", has_text=text)).first.locator(
        "input[type=radio]:checked")
    return found.evaluate("input => input.closest('label').textContent.trim()") if found.count() else ""


def table(page) -> dict[str, list[str]]:
    """The text equivalent of the chart: topic → the level in each assessment."""
    rows = page.locator(".assessment__table tbody tr")
    found = {}
    for i in range(rows.count()):
        cells = [c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()]
        found[cells[0]] = cells[1:]
    return found


def gap(page) -> dict[str, list[str]]:
    """What is missing, by topic: each item's text."""
    found = {}
    groups = page.locator(".assessment__gap > section")
    for i in range(groups.count()):
        group = groups.nth(i)
        topic = group.locator("h4 a").inner_text().strip()
        found[topic] = [a.strip() for a in group.locator("li > a").all_inner_texts()]
    return found


def text_of(page, selector: str) -> str:
    return " ".join(page.locator(selector).inner_text().split())


def save_file(page, folder: Path, label: str = "Save as a file") -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name=label).click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def open_file(page, path: Path, label: str = "Open a file…") -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=label).click()
    chooser.value.set_files(str(path))


def write_json(folder: Path, name: str, value) -> Path:
    path = folder / name
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return path
