"""The item editor in a real browser: Debian's headless Chromium driven by Playwright, checked by axe-core."""

import json

import pytest
from django.contrib.auth.models import Group, User

from tests.browser_helpers import BROWSER_MARKS, ROOT, check_page, launch

ARTICLE = "vlasov-article-2023"
ARTIFACTS = ROOT / "test-artifacts" / "editor"

pytestmark = BROWSER_MARKS


@pytest.fixture(autouse=True)
def orm_beside_playwright(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls (setting
    # up rows, reading what the browser saved) are ordinary blocking calls all the same.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo_article(transactional_db, live_server):
    """The demo article with its collections, authorities and the demo's templates (no images:
    the whole demo takes seconds more and its photographs play no part here)."""
    from collection import history
    from demo.dossier.authorities import AUTHORITIES
    from demo.dossier.collections import COLLECTIONS
    from demo.dossier.items import ITEMS
    from demo.dossier.loader import DemoLoader
    from demo.dossier.templates import TEMPLATES

    article = next(spec for spec in ITEMS if spec.identifier == ARTICLE)
    named = {v.authority for v in article.values}
    named |= {c.authority for c in article.bibliographic.contributors}
    loader = DemoLoader()
    with history.changes(comment="demo article"):
        for spec in COLLECTIONS:
            loader.collections[spec.slug] = loader.collection(spec)
        for spec in AUTHORITIES:
            if spec.slug in named:
                loader.authorities[spec.slug] = loader.authority(spec)
        loader.item(article)
        for kind, elements in TEMPLATES.items():
            loader.template(kind, elements)
    member("curator1", "curator")
    return live_server.url


def member(username: str, role: str) -> User:
    user = User.objects.create_user(username, password="pw-" + username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def logged_in(browser, base: str, username: str, javascript: bool = True, axe: bool = False):
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(base + "/admin/login/")
    if axe:  # the branded login page, checked once
        check_axe(page, "login")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-" + username)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")
    return page


def check_axe(page, name: str) -> None:
    check_page(page, name, ARTIFACTS)


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab (only the keyboard) until the focused element matches `selector`."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def type_language(page, language: str) -> None:
    """From a value, Tab to its language and replace what the editor proposed."""
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('dc-language')")
    page.keyboard.press("Control+A")
    page.keyboard.type(language)


def first_value(term: str) -> str:
    return f'[data-term="{term}"] .dc-row:first-child textarea'


def test_demo_article_height_add_a_value_and_axe(demo_article, browser):
    """The demo article's change form as a curator sees it at 1280 px wide: its height, the
    interactions it takes to add a value, and axe on the change and add pages."""
    from collection.models import Item

    item = Item.objects.get(identifier=ARTICLE)
    page = logged_in(browser, demo_article, "curator1", axe=True)
    page.goto(f"{demo_article}/admin/collection/item/{item.pk}/change/")
    height = page.evaluate("document.body.scrollHeight")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "article-height.json").write_text(json.dumps({"height_px": height}))
    print(f"article change form: {height} px")
    assert height < 8000  # 15,561 px before the editor (docs/cataloguing.md)
    check_axe(page, "article-change-form")

    # Adding a subject: 1. press "Add Subject" (the new value has the focus and the previous
    # subject's language), 2. type the value. Then save.
    page.click('[data-term="subject"] .dc-add')
    focused = page.evaluate(
        "[document.activeElement.name, document.activeElement.closest('.dc-row')"
        ".querySelector('.dc-language').value]"
    )
    assert focused[0].startswith("values-") and focused[0].endswith("-value")
    # The last subject (an authority) has no language: the collection's is proposed.
    assert focused[1] == item.collections.first().language != ""
    page.keyboard.type("Russische bevrijdingsbeweging")
    page.click('input[name="_continue"]')
    page.wait_for_selector(".messagelist")
    assert item.values.filter(term="subject", value="Russische bevrijdingsbeweging").exists()
    assert item.values.get(value="Russische bevrijdingsbeweging").position == (
        item.values.filter(term="subject").count() - 1
    )

    page.goto(f"{demo_article}/admin/collection/item/add/?kind=photograph")
    check_axe(page, "photograph-add-form")


@pytest.fixture
def site(transactional_db, live_server):
    from demo.dossier.loader import DemoLoader
    from demo.dossier.templates import TEMPLATES

    DemoLoader().template("photograph", TEMPLATES["photograph"])
    member("cataloguer1", "cataloguer")
    return live_server.url


def test_keyboard_only_photograph_with_twelve_values_in_three_languages(site, browser):
    from collection.models import Item

    page = logged_in(browser, site, "cataloguer1")
    page.goto(f"{site}/admin/collection/item/add/?kind=photograph")
    tab_to(page, "#id_identifier")
    page.keyboard.press("Control+A")  # it proposes a generated identifier
    page.keyboard.type("photo-berlin-1944")
    page.keyboard.press("Tab")
    page.keyboard.type("StillImage")  # the select's type-ahead

    values = {
        "title": [
            ("Vlasov in Berlijn", "nl"),
            ("Vlasov in Berlin", "en"),
            ("Власов в Берлине", "ru"),
        ],
        "creator": [("Hoffmann, Heinrich", ""), ("Photo-Hoffmann", "")],
        "created": [("1944-09", "")],
        "description": [
            ("Vlasov op het perron.", "nl"),
            ("Vlasov on the platform.", "en"),
            ("Власов на перроне.", "ru"),
        ],
        "subject": [("spoorwegen", "nl"), ("railways", "en")],
        "spatial": [("Berlijn", "nl")],
    }
    for term, rows in values.items():
        tab_to(page, first_value(term))
        for index, (text, language) in enumerate(rows):
            if index:
                page.keyboard.press("Alt+Enter")  # a new value after this one, focused
                proposed = page.evaluate(
                    "document.activeElement.closest('.dc-row').querySelector('.dc-language').value"
                )
                assert proposed == rows[index - 1][1]  # the previous value's language
            page.keyboard.type(text)
            if language:
                type_language(page, language)
    page.keyboard.press("Enter")  # in the last language field: submits the form
    page.wait_for_selector(".messagelist")

    item = Item.objects.get(identifier="photo-berlin-1944")
    saved = {
        term: [(v.value, v.language) for v in item.values.filter(term=term).order_by("position")]
        for term in values
    }
    assert saved == values
    assert item.values.count() == 12 and item.title == "Vlasov in Berlijn"
    assert item.status == Item.Status.DRAFT and item.dcmi_type == "StillImage"
    assert {v.language for v in item.values.all()} == {"", "nl", "en", "ru"}


def creators(item) -> list[tuple[str, int]]:
    return [(v.value, v.position) for v in item.values.filter(term="creator").order_by("position")]


def test_reorder_creators_by_dragging_and_by_keyboard(site, browser):
    from collection import history
    from collection.models import Item, MetadataValue

    with history.changes(comment="fixture"):
        item = Item.objects.create(identifier="two-creators", dcmi_type="Text", kind="letter")
        MetadataValue.objects.create(item=item, term="title", value="Brief", language="nl")
        for position, name in enumerate(["Trukhin", "Malyshkin"]):
            MetadataValue.objects.create(item=item, term="creator", value=name, position=position)
    page = logged_in(browser, site, "cataloguer1")
    url = f"{site}/admin/collection/item/{item.pk}/change/"
    page.goto(url)
    rows = page.locator('[data-term="creator"] .dc-row')
    rows.nth(1).locator(".dc-handle").drag_to(rows.nth(0), target_position={"x": 10, "y": 4})
    assert rows.nth(0).locator("textarea").input_value() == "Malyshkin"
    page.click('input[name="_continue"]')
    page.wait_for_selector(".messagelist")
    assert creators(item) == [("Malyshkin", 0), ("Trukhin", 1)]

    page.locator(first_value("creator")).focus()
    page.keyboard.press("Alt+ArrowDown")
    assert page.evaluate("document.activeElement.value") == "Malyshkin"  # focus moved with it
    page.wait_for_function("document.querySelector('.dc-live').textContent.includes('place 2')")
    # An element the item has no group for yet: "Add an element" starts one, focused.
    page.select_option(".dc-add-element select", "contributor")
    page.click(".dc-add-element-button")
    page.keyboard.type("Zhilenkov")
    page.click('input[name="_continue"]')
    page.wait_for_selector(".messagelist")
    assert creators(item) == [("Trukhin", 0), ("Malyshkin", 1)]
    assert [v.value for v in item.values.filter(term="contributor")] == ["Zhilenkov"]


def test_without_javascript_the_plain_formset_saves(site, browser):
    from collection.models import Item

    page = logged_in(browser, site, "cataloguer1", javascript=False)
    page.goto(f"{site}/admin/collection/item/add/?kind=photograph")
    assert page.locator(".dc-add").first.is_hidden()
    page.fill("#id_identifier", "photo-plain")
    page.select_option("#id_dcmi_type", "StillImage")
    page.fill(first_value("title"), "Zonder JavaScript")
    page.fill(first_value("created"), "1943")
    spare = page.locator(".dc-spares .dc-row").first
    spare.locator('select[name$="-term"]').select_option("subject")
    spare.locator("textarea").fill("propaganda")
    spare.locator(".dc-language").fill("nl")
    page.click('input[name="_save"]')
    page.wait_for_selector(".messagelist")
    item = Item.objects.get(identifier="photo-plain")
    assert [(v.term, v.value) for v in item.values.order_by("term")] == [
        ("created", "1943"),
        ("subject", "propaganda"),
        ("title", "Zonder JavaScript"),
    ]
