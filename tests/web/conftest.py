"""Fixtures of the web tests: the app served over the built bundled corpus (``served.ServedApp``), an
HTTP client, and a headless Chromium driven by Selenium (Debian's ``chromium`` and ``chromium-driver``)."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from .served import CHROMIUM_FLAGS, ServedApp  # noqa: E402


@pytest.fixture(scope="session")
def web(built_store):
    """The served app over the bundled corpus."""
    app = ServedApp(built_store)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def web_url(web) -> str:
    return web.url


@pytest.fixture(scope="session")
def http(web_url):
    import httpx

    with httpx.Client(base_url=web_url, timeout=60) as client:
        yield client


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("Debian's chromium and chromium-driver are not installed (make test installs them)")
    return browser, driver


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """A headless Chromium with a fresh profile, downloads going to a temporary folder."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    binary, driver = _chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    chrome.downloads = downloads
    chrome.implicitly_wait(0)
    yield chrome
    chrome.quit()


