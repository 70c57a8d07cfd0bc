"""The web app as an analyst uses it, in a real headless Chromium: search with suggestions, an
entity page and its panels, a query form with a name for the IRI, sorting, a download, a source
text with its facts marked, and the language switch.
"""

from __future__ import annotations

import csv
import io
import time
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.slow

By = pytest.importorskip("selenium.webdriver.common.by").By
expected = pytest.importorskip("selenium.webdriver.support.expected_conditions")
WebDriverWait = pytest.importorskip("selenium.webdriver.support.wait").WebDriverWait

NOU = "https://w3id.org/healthplan-kg/id/document/nou-2023-4"


def _wait(browser, condition, seconds: float = 15):
    return WebDriverWait(browser, seconds).until(condition)


@pytest.fixture
def page(browser, web_url):
    """Open a path of the served app, in bokmål unless the test switches."""
    browser.delete_all_cookies()

    def open_path(path: str):
        browser.get(web_url + path)
        return browser

    return open_path


def test_search_suggests_as_you_type_and_leads_to_the_entity(page):
    browser = page("/")
    box = browser.find_element(By.ID, "search-box")
    box.send_keys("NHSA")
    suggestion = _wait(browser, expected.visibility_of_element_located((By.CSS_SELECTOR, "#suggestions li")))
    assert "Nasjonal helse- og samhandlingsplan" in suggestion.text
    suggestion.click()
    heading = _wait(browser, expected.presence_of_element_located((By.ID, "entity-label")))
    assert heading.text == "Nasjonal helse- og samhandlingsplan"
    assert "meld-st-9-2023-2024" in browser.current_url


def test_the_search_page_answers_the_submitted_form(page):
    browser = page("/")
    box = browser.find_element(By.ID, "search-box")
    box.send_keys("NOU 2023: 4")
    browser.find_element(By.CSS_SELECTOR, "form.search button").click()
    first = _wait(browser, expected.presence_of_element_located((By.CSS_SELECTOR, "#search-results li a")))
    assert first.text == "Tid for handling"


def test_an_entity_page_shows_its_panels_and_each_runs_on_its_own(page):
    browser = page("/entity?" + urlencode({"iri": NOU}))
    assert browser.find_element(By.ID, "entity-label").text == "Tid for handling"
    properties = browser.find_element(By.ID, "panel-properties").text
    assert "NOU 2023: 4" in properties and "Helsepersonellkommisjonen" in properties
    followed = next(p for p in browser.find_elements(By.CSS_SELECTOR, "section.panel")
                    if p.find_elements(By.CSS_SELECTOR, "table") and "follow" in p.get_attribute("id"))
    assert "Nasjonal helse- og samhandlingsplan" in followed.text
    followed.find_element(By.CSS_SELECTOR, "a.run-alone").click()
    _wait(browser, expected.presence_of_element_located((By.ID, "results")))
    assert "/query/follow-ups" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")


def test_a_query_form_takes_a_name_sorts_and_downloads_the_whole_answer(page, web):
    browser = page("/query/mentions")
    field = browser.find_element(By.ID, "param-entity")
    field.send_keys("Helsepersonellkommisjonen")
    browser.find_element(By.ID, "run-query").click()
    # the page before the click may already show the whole answer: wait for the one the form asked for
    _wait(browser, expected.url_contains("entity="))
    rows = _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#results tbody tr"))
    assert rows and all("helsepersonellkommisjonen" in r.text for r in rows)   # the entity column
    assert "Helsepersonellkommisjonen" in browser.find_element(By.ID, "param-entity").get_attribute("value")

    header = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#results thead a.sort") if a.text == "surface")
    header.click()
    _wait(browser, expected.url_contains("sort=surface"))
    column = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results thead th")].index("surface ↑")
    surfaces = [r.find_elements(By.TAG_NAME, "td")[column].text
                for r in browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")]
    assert surfaces == sorted(surfaces, key=str.casefold)

    permalink = browser.find_element(By.ID, "permalink").get_attribute("href")
    browser.get(permalink)
    again = [r.find_elements(By.TAG_NAME, "td")[column].text
             for r in browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")]
    assert again == surfaces

    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow",
                                                            "downloadPath": str(browser.downloads)})
    browser.find_element(By.ID, "download-csv").click()
    deadline = time.monotonic() + 15
    while not list(browser.downloads.glob("mentions*.csv")) and time.monotonic() < deadline:
        time.sleep(0.1)
    downloaded = next(browser.downloads.glob("mentions*.csv")).read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(downloaded)))
    assert table[0] == ["doc", "entity", "entity_label", "entity_kind", "surface"]
    assert len(table) - 1 == len(web.kg.query("mentions", entity="Helsepersonellkommisjonen"))
    assert [row[4] for row in table[1:]] == sorted((row[4] for row in table[1:]), key=str.casefold)


def test_a_source_text_marks_its_facts_and_a_click_tells_what_was_extracted(page, web):
    doc = web.kg.query("documents").values()[0]["doc"]
    browser = page("/document?" + urlencode({"iri": doc}))
    marks = browser.find_elements(By.CSS_SELECTOR, "#source-text mark.fact")
    assert marks
    marks[0].click()
    detail = _wait(browser, expected.visibility_of_element_located((By.CSS_SELECTOR, "#fact-detail p")))
    assert ":" in detail.text
    link = detail.find_elements(By.TAG_NAME, "a")
    if link:
        link[0].click()
        _wait(browser, expected.presence_of_element_located((By.ID, "entity-label")))


def test_the_language_switch_changes_the_ui_and_the_labels(page):
    browser = page("/entity?" + urlencode({"iri": NOU}))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nb"
    assert "norsk offentlig utredning" in browser.find_element(By.ID, "panel-properties").text
    browser.find_element(By.ID, "lang-nn").click()
    _wait(browser, lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nn")
    assert "meld-st" not in browser.current_url and "nou-2023-4" in browser.current_url   # the same page
    assert "Lagra spørjingar" in browser.find_element(By.CSS_SELECTOR, "header nav").text
    assert "norsk offentleg utgreiing" in browser.find_element(By.ID, "panel-properties").text
    browser.find_element(By.ID, "lang-en").click()
    _wait(browser, lambda b: b.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert "Saved queries" in browser.find_element(By.CSS_SELECTOR, "header nav").text
    browser.get(browser.current_url.split("/entity")[0] + "/queries")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Saved queries"   # the choice is kept
