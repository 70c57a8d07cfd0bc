"""Screenshots of the web app's main pages for the docs (docs/images/web-*.png).

Serves a built store with the web app on a free loopback port and drives Debian's headless
Chromium through the pages the README shows: the home page, a plan page, a source-document page
with its facts marked, and a query form with its results.

    .venv/bin/python scripts/web_screenshots.py --store .store/healthplan-kg --out docs/images
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from web.served import CHROMIUM_FLAGS, ServedApp  # noqa: E402

PLAN = "https://w3id.org/healthplan-kg/id/document/meld-st-9-2023-2024"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--lang", default="nb")
    args = parser.parse_args()

    from urllib.parse import urlencode

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    app = ServedApp(args.store)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir=/tmp/healthplan-kg-screenshots-{time.time_ns()}")
    chrome = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        chrome.get(f"{app.url}/lang/{args.lang}")

        def shoot(path: str, name: str, height: int = 1100, action=None) -> None:
            chrome.set_window_size(1366, height)
            chrome.get(app.url + path)
            deadline = time.monotonic() + 30   # pictures (the lineage) are drawn on first request
            while time.monotonic() < deadline and not chrome.execute_script(
                    "return Array.from(document.images).every(i => i.complete)"):
                time.sleep(0.2)
            time.sleep(0.3)
            if action:
                action()
                time.sleep(0.5)
            chrome.save_screenshot(str(args.out / f"web-{name}.png"))
            print(f"wrote {args.out / f'web-{name}.png'}")

        def type_search() -> None:
            box = chrome.find_element(By.ID, "search-box")
            box.send_keys("helse")
            time.sleep(0.8)

        shoot("/", "home", 1000, type_search)
        shoot("/entity?" + urlencode({"iri": PLAN}), "plan", 2400)
        docs = app.service.run("documents").values()
        doc = next(d["doc"] for d in docs if "2021" in (d["published"] or "")) if docs else ""

        def click_fact() -> None:
            marks = chrome.find_elements(By.CSS_SELECTOR, "mark.fact-Statement") or \
                chrome.find_elements(By.CSS_SELECTOR, "mark.fact")
            if marks:
                marks[0].click()

        shoot("/document?" + urlencode({"iri": doc}), "document", 1100, click_fact)
        shoot("/query/follow-ups?" + urlencode({"followed": "NOU 2023: 4"}), "query", 1000)
    finally:
        chrome.quit()
        app.stop()


if __name__ == "__main__":
    main()
