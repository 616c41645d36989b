"""Make the README's picture of the self-assessment: docs/self-assessment.png.

Builds this repository's content/ into a temporary folder, serves it, and in
Debian's Chromium (as the browser tests use it) marks a few criteria of the
Customer Operations framework as a person and their manager would, then
photographs where they stand and the gap to the next level.

    python docs/screenshots.py
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.building.engine import build  # noqa: E402

OUT = ROOT / "docs" / "self-assessment.png"
PERSON = ["Working towards probation targets", "At least 2 weeks performance", "Working towards 1B standards",
          "Consistently performs expected targets", "Knows when to ask for help", "Welcomes feedback",
          "Able to use the correct channels", "Follows policies and procedures", "Completes training",
          "Identifies risks", "Works closely or in pairs", "May need support", "Captain might support",
          "Knows where to go"]
MANAGER = PERSON[:3] + PERSON[4:7] + PERSON[7:10]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def mark_all(page, beginnings: list[str], choice: str = "Consistently") -> None:
    for beginning in beginnings:
        items = page.locator("li.criterion").filter(has=page.locator(":scope > p", has_text=beginning))
        for i in range(items.count()):
            item = items.nth(i)
            if item.locator("fieldset").count():
                item.get_by_role("radio", name=choice).evaluate("radio => radio.click()")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build(ROOT / "content", site)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/customer-operations/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 760, "height": 1000})
            page.goto(url)
            page.get_by_role("button", name="Start a self-assessment").click()
            page.locator(".assessment__panel").wait_for()
            page.get_by_label("Whose assessment (optional)").fill("Sam (manager)")
            mark_all(page, MANAGER)
            page.get_by_role("button", name="Keep a copy of this one to compare").click()
            page.get_by_label("Whose assessment (optional)").fill("Alex")
            mark_all(page, PERSON)
            page.evaluate("document.querySelector('.assessment__status[role=status]').textContent = ''")
            start = page.locator("#assessment-standing-title").bounding_box()
            end = page.locator(".assessment__gap").bounding_box()
            top = start["y"] + page.evaluate("scrollY") - 12
            page.screenshot(path=str(OUT), full_page=True, clip={
                "x": start["x"] - 12, "y": top, "width": 760 - 2 * (start["x"] - 12),
                "height": min(end["y"] + page.evaluate("scrollY") + end["height"] - top + 12, 1400)})
            browser.close()
        server.shutdown()
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
