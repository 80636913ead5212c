"""The search boxes' typeahead in a real browser (Chromium under Playwright, checked by axe-core).

Type a prefix, see the listbox open with a count announced politely, walk it with the arrow
keys (aria-activedescendant follows), Enter on a person goes to the person's page, Escape closes
the list and Enter then searches the typed text as a plain form would, Enter on a title goes to
its item. One test: the demo loads once (about 20 s of the test's 35 s).
"""

from tests.browser_helpers import BROWSER_MARKS, ROOT
from tests.browser_helpers import check_page as check_page_in

from .test_browser import demo_site, page  # noqa: F401 (fixtures)

ARTIFACTS = ROOT / "test-artifacts" / "portal-suggest"

pytestmark = BROWSER_MARKS


def watch_errors(tab) -> list[str]:
    """Collect the page's script errors (a broken typeahead must fail the test)."""
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def options(tab, box: str) -> list[str]:
    listbox = f"#{box}-suggestions"
    tab.wait_for_selector(f'{listbox} [role="option"]', state="visible")
    return tab.locator(f'{listbox} [role="option"] .suggestion-text').all_inner_texts()


def test_typeahead_is_an_accessible_combobox(demo_site, page):  # noqa: F811
    errors = watch_errors(page)
    page.goto(demo_site + "/")
    box = page.locator("#home-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-controls") == "home-q-suggestions"

    box.press_sequentially("Strik", delay=30)
    texts = options(page, "home-q")
    assert "Strik-Strikfeldt, Wilfried" in texts, texts
    assert box.get_attribute("aria-expanded") == "true"
    status = page.locator('.suggest-wrap [role="status"][aria-live="polite"]').first
    assert "suggestion" in status.inner_text()
    check_page_in(page, "01-home-suggestions", ARTIFACTS)

    box.press("ArrowDown")
    first = page.locator('#home-q-suggestions [role="option"]').first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    for _ in range(texts.index("Strik-Strikfeldt, Wilfried")):
        box.press("ArrowDown")
    chosen = page.locator('#home-q-suggestions [aria-selected="true"]')
    assert chosen.locator(".suggestion-text").inner_text() == "Strik-Strikfeldt, Wilfried"
    box.press("Enter")
    page.wait_for_url("**/people/wilfried-strik-strikfeldt/")

    # The header box on the person's page: Escape closes the list, Enter then searches.
    header = page.locator("#header-q")
    header.press_sequentially("Vlas", delay=30)
    assert options(page, "header-q")
    header.press("Escape")
    assert header.get_attribute("aria-expanded") == "false"
    assert page.locator("#header-q-suggestions").is_hidden()
    header.press("Enter")
    page.wait_for_url("**/search/?q=Vlas")
    check_page_in(page, "02-search-after-escape", ARTIFACTS)

    # The search page's box: Up from no selection goes to the last option, Down wraps to the
    # first; Enter on a title goes to its item.
    box = page.locator("#q")
    box.fill("")
    box.press_sequentially("monument voor h", delay=30)
    texts = options(page, "q")
    sources = page.locator('#q-suggestions [role="option"] .suggestion-source').all_inner_texts()
    title = "Monument voor het Russisch Bevrijdingsleger in Praha-Řeporyje"
    assert (texts[0], sources[0]) == (title, "title"), texts
    box.press("ArrowUp")
    last = page.locator('#q-suggestions [role="option"]').last
    assert box.get_attribute("aria-activedescendant") == last.get_attribute("id")
    box.press("ArrowDown")
    first = page.locator('#q-suggestions [role="option"]').first
    assert first.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url("**/items/*/")
    assert "Monument" in page.inner_text("h1")
    assert not errors, errors
