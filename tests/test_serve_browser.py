"""A real headless browser (Debian's chromium through selenium) drives the deal explorer of `kg serve`.

It loads the deal list, filters by an organization with the form, opens a
deal, and finds the quoted sentence and the amounts formatted with their
currency.  Skips with the reason when chromium, chromedriver or selenium is
missing (.ci/run installs the browser: apt-get install chromium chromium-driver).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from serve_helpers import CORPUS, corpus_store, free_port, kg_serve, running  # noqa: E402

from kg.query import run_query  # noqa: E402
from kg.store import Store  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="browser test: chromium and chromedriver not installed "
                       "(apt-get install -y chromium chromium-driver; .ci/run does it)"),
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}"),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (test extra) is not installed")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1360,1200",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = corpus_store(tmp_path_factory.mktemp("corpus") / "store.kg")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(kg_serve(store, port), url + "/"):
        yield url, store


def test_browse_filter_open_a_deal_and_read_its_evidence(browser, site):
    from selenium.webdriver.common.by import By

    url, store = site
    with Store(store, create=False, read_only=True) as st:
        agreement, _date, parties, amount, _bound, quote = run_query(st, "biggest_upfronts").rows[0]
        currency = "USD"
    org = parties.split("; ")[0]
    browser.get(url + "/")
    assert browser.title.startswith("Deals")
    all_rows = len(browser.find_elements(By.CSS_SELECTOR, "table.deals tbody tr"))
    box = browser.find_element(By.NAME, "org")
    box.send_keys(org)
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda b: "org=" in b.current_url)  # the filtered page, not the old one
    rows = browser.find_elements(By.CSS_SELECTOR, "table.deals tbody tr")
    assert 0 < len(rows) < all_rows
    assert all(org in r.text for r in rows)
    path = "/id/" + agreement.split("/id/", 1)[1]
    browser.find_element(By.CSS_SELECTOR, f'table.deals a[href="{path}"]').click()
    assert browser.current_url.endswith(path)
    body = browser.find_element(By.TAG_NAME, "main").text
    assert quote in body
    assert f"{currency} {amount:,.0f}" in body
    cite = browser.find_elements(By.CSS_SELECTOR, "blockquote.evidence cite")
    assert cite and "characters" in cite[0].text and "/corpus/" in cite[0].text
    browser.find_element(By.LINK_TEXT, org).click()
    assert browser.find_element(By.TAG_NAME, "h1").text == org
    assert browser.find_elements(By.CSS_SELECTOR, "svg.network circle")
