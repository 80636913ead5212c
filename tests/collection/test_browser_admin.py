"""Bulk edit and revert in a real browser: headless Chromium driven by Playwright, checked by axe-core.

A curator adds a subject authority to the 50 items of a search result (preview first), previews
and applies a replace by pattern, moves the 50 to a collection, and reverts an item and an
authority from their history; a cataloguer cannot publish through a bulk action. Axe checks the
admin index, the item list, the bulk preview and status pages, the move page, the history and the
revert page; screenshots go to test-artifacts/admin/.
"""

import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client

from collection import history
from collection.models import Authority, Collection, Item, MetadataValue, Revision
from tests.browser_helpers import BROWSER_MARKS, ROOT, check_page, launch

ARTIFACTS = ROOT / "test-artifacts" / "admin"
BATCH = 50

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module. Playwright's sync API keeps an event loop running in this
    thread, so Django would refuse the tests' ORM calls as "async" without this switch; they are
    ordinary blocking calls (Playwright's documented advice for Django tests)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # this run's screenshots only
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
        with sync_api.sync_playwright() as playwright:
            browser = launch(playwright)
            yield browser
            browser.close()


@pytest.fixture
def site(transactional_db, live_server) -> str:
    return live_server.url


def member(username: str, role: str) -> User:
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def signed_in(browser, base: str, user: User):
    """A page whose browser carries the user's session (the login form is Django's own)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def build_items(prefix: str, title: str, count: int, **fields) -> list[Item]:
    """`count` items with one Dutch title each and a first revision, in a few queries."""
    items = Item.objects.bulk_create(
        Item(identifier=f"{prefix}-{n:03}", dcmi_type="Text", **fields) for n in range(1, count + 1)
    )
    MetadataValue.objects.bulk_create(
        MetadataValue(item=item, term="title", value=f"{title} {n}", language="nl")
        for n, item in enumerate(items, start=1)
    )
    with history.changes(comment="fixture"):
        for item in items:
            history.touch_item(item.pk)
    return items


def revisions(item_id: int) -> int:
    return Revision.objects.filter(target_type="item", target_id=item_id).count()


def run_action(page, action: str) -> None:
    """Tick every row of the list shown and run the action (keyboard: space on the toggle)."""
    page.focus("#action-toggle")
    page.keyboard.press("Space")
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def choose_authority(page, name: str) -> None:
    """Pick an authority record in the admin's autocomplete (Select2) by typing its name."""
    page.click("#id_authority + .select2 .select2-selection")
    page.fill(".select2-search__field", name)
    page.wait_for_selector(f".select2-results__option:has-text('{name}')")
    page.keyboard.press("Enter")


def test_bulk_subject_on_a_search_result_with_preview(site, browser):
    curator = member("curator1", "curator")
    with history.changes():
        vlasov = Authority.objects.create(
            kind="person", slug="vlasov", preferred_name="Andrey Vlasov", language="en"
        )
    letters = build_items("letter", "Brief", BATCH)
    others = build_items("photo", "Foto", 3)
    page = signed_in(browser, site, curator)

    page.goto(site + "/admin/")
    assert page.title().endswith(f"| {settings.REPOSITORY_NAME} admin")
    assert settings.REPOSITORY_NAME in page.inner_text("#site-name")
    check_page(page, "01-index", ARTIFACTS)

    page.goto(site + "/admin/collection/item/")
    page.fill("#searchbar", "Brief")
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=Brief**")
    assert page.locator("#result_list tbody tr").count() == BATCH
    check_page(page, "02-changelist-search", ARTIFACTS)

    run_action(page, "add_value")
    page.wait_for_selector("#id_term")
    page.select_option("#id_term", "subject")
    choose_authority(page, "Andrey Vlasov")
    page.click("button[value=preview]")
    page.wait_for_selector("#bulk-preview")
    assert page.locator("#bulk-preview tbody tr").count() == BATCH
    assert "authority:vlasov" in page.inner_text("#bulk-preview tbody tr >> nth=0 >> td.new")
    assert MetadataValue.objects.filter(term="subject").count() == 0  # a preview saves nothing
    check_page(page, "03-bulk-preview", ARTIFACTS)

    page.click("button[value=apply]")
    page.wait_for_selector(".messagelist")
    assert f"on {BATCH} item(s)" in page.inner_text(".messagelist")
    for item in letters:
        assert list(item.values.filter(term="subject").values_list("authority", flat=True)) == [
            vlasov.pk
        ]
        assert revisions(item.pk) == 2  # the fixture's, and one for the bulk edit
    assert not MetadataValue.objects.filter(item__in=others, term="subject").exists()
    last = Revision.objects.filter(target_id=letters[0].pk).latest("id")
    assert last.user == curator and last.comment.startswith("bulk edit: Added subject")

    # A queued edit's status page (this run keeps no task results: it says so).
    page.goto(site + "/admin/collection/item/bulk/no-such-job/")
    assert "Bulk edit progress" in page.title()
    check_page(page, "04-bulk-status", ARTIFACTS)


def test_replace_by_pattern_previews_every_change(site, browser):
    curator = member("curator1", "curator")
    letters = build_items("letter", "Brief", BATCH)
    page = signed_in(browser, site, curator)
    page.goto(site + "/admin/collection/item/?q=Brief")
    run_action(page, "replace_value")
    page.select_option("#id_term", "title")
    page.fill("#id_find", r"^Brief (\d+)$")
    page.check("#id_regex")
    page.fill("#id_replacement", r"Letter \1")
    page.click("button[value=preview]")
    page.wait_for_selector("#bulk-preview")
    rows = page.locator("#bulk-preview tbody tr")
    assert rows.count() == BATCH
    shown = {
        rows.nth(n).locator("th").inner_text(): rows.nth(n).locator("td.new").inner_text()
        for n in range(BATCH)
    }
    assert shown == {item.identifier: f"Letter {n} @nl" for n, item in enumerate(letters, 1)}
    assert Item.objects.filter(title__startswith="Letter").count() == 0

    page.click("button[value=apply]")
    page.wait_for_selector(".messagelist")
    assert Item.objects.filter(title__startswith="Letter").count() == BATCH
    assert all(revisions(item.pk) == 2 for item in letters)

    # Then the same 50 move into one collection: the page names them, "Move" applies.
    with history.changes():
        photos = Collection.objects.create(slug="letters", title="Letters")
    page.goto(site + "/admin/collection/item/?q=Letter")
    run_action(page, "move_to_collection")
    page.wait_for_selector("#move-items")
    assert page.locator("#move-items li").count() == BATCH
    check_page(page, "05-move", ARTIFACTS)
    page.select_option("#id_collection", label="Letters")
    page.click("input[value=Move]")
    page.wait_for_selector(".messagelist")
    assert f"on {BATCH} item(s)" in page.inner_text(".messagelist")
    assert Item.objects.filter(collections=photos).count() == BATCH
    assert all(revisions(item.pk) == 3 for item in letters)


def test_revert_an_item_and_an_authority(site, browser):
    curator = member("curator1", "curator")
    (item,) = build_items("memo", "Memorandum", 1)
    with history.changes(user=curator):
        item.values.filter(term="title").update(value="Memorandum (wrong)")
        history.touch_item(item.pk)
        vlasov = Authority.objects.create(
            kind="person", slug="vlasov", preferred_name="Andrey Vlasov", language="en"
        )
    with history.changes(user=curator):
        vlasov.preferred_name = "A. A. Vlasov"
        vlasov.save()
    page = signed_in(browser, site, curator)

    revert_from_history(page, f"{site}/admin/collection/item/{item.pk}/history/", "item")
    item.refresh_from_db()
    assert item.title == "Memorandum 1"
    page.goto(f"{site}/admin/collection/item/?q=memo")
    assert "Memorandum 1" in page.inner_text("#result_list")
    newest = Revision.objects.filter(target_type="item", target_id=item.pk).latest("id")
    assert newest.comment.startswith("Reverted to revision 1 of ") and newest.user == curator
    assert newest.changes["values.title"][1] == [["Memorandum 1", "", "", "nl"]]

    revert_from_history(
        page, f"{site}/admin/collection/authority/{vlasov.pk}/history/", "authority"
    )
    vlasov.refresh_from_db()
    assert vlasov.preferred_name == "Andrey Vlasov"
    newest = Revision.objects.filter(target_type="authority", target_id=vlasov.pk).latest("id")
    assert newest.comment.startswith("Reverted to revision") and newest.user == curator


def revert_from_history(page, history_url: str, name: str) -> None:
    """Open the history, restore the oldest revision, and see the new one say what it reverted."""
    page.goto(history_url)
    check_page(page, f"06-history-{name}", ARTIFACTS)
    page.locator("a:has-text('Restore this revision')").last.click()
    page.wait_for_selector("#revert-changes")
    check_page(page, f"07-revert-{name}", ARTIFACTS)
    page.click("input[value='Restore this revision']")
    page.wait_for_selector(".messagelist")
    assert "Reverted to revision" in page.inner_text(".messagelist")
    assert "Reverted to revision" in page.locator(".revision .help").first.inner_text()


def test_a_cataloguer_cannot_publish_through_a_bulk_action(site, browser):
    cataloguer = member("cat1", "cataloguer")
    drafts = build_items("draft", "Concept", 3)
    page = signed_in(browser, site, cataloguer)
    page.goto(site + "/admin/collection/item/")
    offered = page.locator("select[name=action] option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    assert "add_value" in offered and "publish_items" not in offered
    # A forged choice (an option added in the page) is refused by the server, not just hidden.
    page.evaluate(
        """() => document.querySelector('select[name=action]')
                  .add(new Option('Publish', 'publish_items'))"""
    )
    run_action(page, "publish_items")
    page.wait_for_selector(".messagelist")
    assert set(Item.objects.values_list("status", flat=True)) == {"draft"}
    assert all(revisions(item.pk) == 1 for item in drafts)

    # A bulk value edit of a selection with a published item is refused whole, as in the form.
    Item.objects.filter(pk=drafts[0].pk).update(status="published")
    page.goto(site + "/admin/collection/item/")
    run_action(page, "add_value")
    page.wait_for_selector(".messagelist")
    assert "Only curators may edit" in page.inner_text(".messagelist")
    assert not MetadataValue.objects.filter(term="subject").exists()
