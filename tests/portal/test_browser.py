"""The portal in a real browser: Debian's headless Chromium driven by Playwright, checked by axe-core.

Search "Vlasov", pick a facet, open an item, see the zoom viewer fetch IIIF tiles, switch language,
and see the plain access copy with scripts off; a screenshot of each page goes to
test-artifacts/portal/, and any serious or critical axe violation fails.
"""

import shutil

import pytest

from tests.browser_helpers import AXE, BROWSER_MARKS, CHROMIUM, CHROMIUM_ARGS, ROOT, launch
from tests.browser_helpers import check_page as check_page_in
from tests.conftest import run_inline

from .conftest import load_demo

__all__ = ["AXE", "CHROMIUM", "CHROMIUM_ARGS", "ROOT"]  # imported from here by other modules

ARTIFACTS = ROOT / "test-artifacts" / "portal"

pytestmark = BROWSER_MARKS


@pytest.fixture
def demo_site(transactional_db, live_server, tmp_path, settings):
    # Media stays where config.urls serves it from (its document root is fixed at import).
    settings.SEARCH_FTS_PATH = tmp_path / "search.sqlite3"
    settings.SEARCH_INDEX_PREFIX = f"test-portal-browser-{tmp_path.name}"
    settings.ARCHIVE_ORIGINALS_ROOT = tmp_path / "originals"
    run_inline(load_demo)
    yield live_server.url
    from search.backends import reset_backend

    reset_backend()


@pytest.fixture
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def check_page(page, name: str) -> None:
    """Save a screenshot and fail on serious or critical accessibility violations."""
    check_page_in(page, name, ARTIFACTS)


def test_search_facet_item_thumbnail_and_language(demo_site, page):
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    page.goto(demo_site + "/")
    check_page(page, "01-home")

    page.fill("#home-q", "Vlasov")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search/?q=Vlasov")
    assert "results" in page.inner_text("#result-count")
    check_page(page, "02-search")

    before = page.locator(".hit").count()
    page.click('[data-facet="type"] a:has-text("Still image")')
    page.wait_for_url("**type=StillImage**")
    assert 0 < page.locator(".hit").count() < before
    check_page(page, "03-search-facet")

    # The zoom viewer replaces the access copy: its info.json and a tile must come back 200.
    with (
        page.expect_response(is_iiif("/info.json"), timeout=30_000) as info,
        page.expect_response(is_iiif("/default.jpg"), timeout=30_000) as tile,
    ):
        page.locator(".hit h3 a").first.click()
        page.wait_for_url("**/items/vlasov-photo-**")
        page.wait_for_selector(".zoom-ready .openseadragon-canvas canvas", timeout=30_000)
    assert info.value.status == 200 and tile.value.status == 200, (info.value, tile.value)
    assert tile.value.header_value("content-type") == "image/jpeg"
    assert not page.locator("#item-image").count()  # replaced by the viewer, not shown twice
    thumbs = page.locator(".card img")
    if thumbs.count():
        thumbs.first.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.card img')].some(i => i.complete && i.naturalWidth > 0)"
        )
    check_page(page, "04-item")

    page.keyboard.press("Tab")  # the skip link is the first stop and visible when focused
    assert page.evaluate("document.activeElement.className") == "skip-link"

    page.click('.language-switch button[data-language="nl"]')
    page.wait_for_selector('html[lang="nl"]')
    assert "Dit object citeren" in page.inner_text("#cite-title")
    check_page(page, "05-item-nl")

    page.click('.language-switch button[data-language="en"]')
    page.wait_for_selector('html[lang="en"]')
    assert "Cite this item" in page.inner_text("#cite-title")

    item_url = page.url
    page.goto(demo_site + "/timeline/dossier-vlasov/")
    check_page(page, "06-timeline")
    access_copy_without_javascript(page, item_url)


def is_iiif(suffix: str):
    return lambda response: "/iiif/" in response.url and response.url.endswith(suffix)


def access_copy_without_javascript(page, item_url: str) -> None:
    """With scripts off there is no viewer: the plain access copy must load instead."""
    context = page.context.browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        plain = context.new_page()
        with plain.expect_response(lambda r: "/media/" in r.url, timeout=30_000) as image:
            plain.goto(item_url)
        assert image.value.status == 200
        assert plain.locator("#item-image").is_visible()
        assert not plain.locator(".openseadragon-canvas").count()
        plain.screenshot(path=str(ARTIFACTS / "07-item-no-javascript.png"), full_page=True)
    finally:
        context.close()
