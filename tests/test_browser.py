"""graph.html in a real headless Chromium: it loads offline, draws, and runs no article text."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from kg.export import write_html
from kg.graph import build_graph
from kg.resolve import resolve
from tests.conftest import make_extraction

CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMEDRIVER is None or shutil.which("chromium") is None,
    reason="needs Debian's chromium and chromium-driver (.ci/run installs them)",
)

HOSTILE = (
    '马斯克说<script>window.pwned=1</script>与普京<img src=x onerror="window.pwned=2">通话。'
    '<a href="javascript:window.pwned=3">拜登</a>会见泽连斯基。'
)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def page_for(tmp_path: Path, mentions, text) -> Path:
    ex = make_extraction("doc1", text, mentions)
    path = tmp_path / "graph.html"
    write_html(build_graph([ex], resolve([ex])), path)
    return path


def wait_ready(driver, seconds: float = 20) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if driver.execute_script("return window.kgReady === true"):
            return
        time.sleep(0.1)
    raise AssertionError("graph did not stabilise")


def test_browser_page_draws_nodes_without_errors_and_runs_no_article_text(browser, tmp_path: Path):
    path = page_for(
        tmp_path, [("马斯克", "PERSON"), ("普京", "PERSON"), ("拜登", "PERSON"), ("泽连斯基", "PERSON")], HOSTILE
    )
    browser.get(path.as_uri())
    wait_ready(browser)
    assert browser.execute_script("return window.kgNetwork.body.data.nodes.length") == 4
    assert browser.execute_script("return window.pwned === undefined")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    # clicking shows the evidence as text, never as markup
    node = browser.execute_script("return window.kgNetwork.body.data.nodes.getIds()[0]")
    browser.execute_script(
        "window.kgNetwork.selectNodes([arguments[0]]);"
        "window.kgNetwork.emit('click', {nodes: [arguments[0]], edges: []});",
        node,
    )
    assert browser.find_element("id", "details").find_element("tag name", "h2").text
    assert browser.execute_script("return window.pwned === undefined")
