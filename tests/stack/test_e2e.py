"""End to end on the stack, in a browser: an archivist's upload reaches every public surface.

An archivist logs in to the admin through nginx, creates an item, uploads a photograph and a PDF
and publishes it. Within a bounded time the worker has made the thumbnail, Elasticsearch finds
the item on the portal's search page (with that thumbnail), OAI-PMH ListRecords carries it, its
IIIF manifest validates, and its media comes from nginx through X-Accel-Redirect after Django's
access check (gunicorn's access log shows the internal redirect, the client never sees it).
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path

import lxml.etree
import pytest
import requests

from tests.archive import samples
from tests.portal.test_browser import CHROMIUM, CHROMIUM_ARGS

from .conftest import wait_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"needs Chromium at {CHROMIUM}"),
]
CONFORMANCE = Path(__file__).resolve().parents[3] / "shared" / "conformance"
IIIF_SCHEMA = CONFORMANCE / "iiif" / "iiif_3_0.json"
# The worker makes the derivatives, the outbox reaches Elasticsearch: all within this.
BOUND = 60
OAI = "{http://www.openarchives.org/OAI/2.0/}"


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_upload_in_the_admin_reaches_portal_search_oai_iiif_and_nginx(stack, browser):
    from archive.models import Derivative, MediaFile
    from collection.models import Item

    word = f"stackcheck{uuid.uuid4().hex[:8]}"
    title = f"Photograph {word} of the stack"
    page = browser.new_context(locale="en-GB").new_page()
    page.set_default_timeout(30_000)

    # The archivist: log in through nginx, create a draft item.
    page.goto(stack.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", stack.admin_password)
    page.click("input[type=submit]")
    page.wait_for_url(stack.url + "/admin/")
    page.goto(stack.url + "/admin/collection/item/add/")
    identifier = page.input_value("#id_identifier")
    page.fill("#id_values-0-value", title)
    page.select_option("#id_dcmi_type", "StillImage")
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/**")
    item = Item.objects.get(identifier=identifier)
    assert item.status == "draft"

    # Upload a photograph and a PDF in one go.
    page.goto(f"{stack.url}/admin/archive/mediafile/add/?item={item.pk}")
    page.set_input_files(
        "input[name=files]",
        [
            {"name": "front.jpg", "mimeType": "image/jpeg", "buffer": samples.image_bytes()},
            {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": samples.text_pdf()},
        ],
    )
    with page.expect_navigation():
        page.click("input[type=submit][value=Upload]")
    files = list(MediaFile.objects.filter(item=item).order_by("position"))
    assert [f.mime_type for f in files] == ["image/jpeg", "application/pdf"]

    # Publish.
    page.goto(f"{stack.url}/admin/collection/item/{item.pk}/change/")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/collection/item/")
    assert Item.objects.get(pk=item.pk).status == "published"

    # The worker makes every derivative of both files, once.
    def derived():
        rows = list(Derivative.objects.filter(media_file__item=item))
        return rows and all(d.status == "done" for d in rows) and rows

    rows = wait_for(derived, BOUND, "the derivatives of the photograph and the PDF")
    assert all(d.attempts == 1 for d in rows)
    assert {"thumbnail", "iiif"} <= {d.kind for d in rows if d.media_file_id == files[0].pk}

    # Elasticsearch finds it; the portal's hit shows the worker's thumbnail.
    def found():
        page.goto(f"{stack.url}/search/?q={word}")
        hit = page.locator(f".hit:has(a[href*='{identifier}'])")
        return hit.count() and hit.locator("img.thumb").count() and hit

    hit = wait_for(found, BOUND, "the item with its thumbnail in the portal's search", 1.0)
    thumb = hit.locator("img.thumb").first
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle()
    )
    thumb_url = thumb.get_attribute("src")
    assert "/media/" in thumb_url

    # The item page shows the image.
    page.goto(f"{stack.url}/items/{identifier}/")
    assert page.locator("#item-image, .openseadragon-canvas").count()

    # OAI-PMH ListRecords carries it (every page, following resumption tokens).
    def harvested() -> bool:
        params = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
        while True:
            root = lxml.etree.fromstring(stack.get("/oai", params=params).content)
            if any(
                title in (el.text or "")
                for el in root.iter("{http://purl.org/dc/elements/1.1/}title")
            ):
                return True
            token = root.find(f".//{OAI}resumptionToken")
            if token is None or not token.text:
                return False
            params = {"verb": "ListRecords", "resumptionToken": token.text}

    wait_for(harvested, BOUND, "the item in OAI-PMH ListRecords")

    # Its IIIF manifest validates against the Presentation 3.0 schema.
    response = stack.get(f"/iiif/manifests/{identifier}")
    assert response.status_code == 200, response.text[:300]
    manifest = response.json()
    from tests.api_iiif.helpers import assert_language_maps, assert_manifest_types

    assert_manifest_types(manifest)
    assert_language_maps(manifest)
    if IIIF_SCHEMA.is_file():
        from jsonschema import Draft7Validator

        schema = json.loads(IIIF_SCHEMA.read_text(encoding="utf-8"))
        validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(manifest)]
        assert not errors, "\n".join(errors)
    assert manifest["id"].startswith(stack.url)  # SITE_URL follows the address served

    path = re.sub(r"^(https?://[^/]+)?/media/", "", thumb_url)
    if os.environ.get("ARCHIVE_STORAGE") == "s3":
        # On S3 the access check answers with a presigned URL of the object store.
        media = stack.get("/media/" + path, allow_redirects=False)
        assert media.status_code == 302 and "X-Amz-Signature" in media.headers["Location"]
        assert media.headers["Location"].startswith(os.environ["AWS_S3_ENDPOINT_URL"])
        assert requests.get(media.headers["Location"], timeout=30).content[:2] == b"\xff\xd8"
        return
    # Its media: nginx sends the bytes after Django's access check, the redirect never leaks.
    media = stack.get("/media/" + path)
    assert media.status_code == 200
    assert media.headers["Server"] == "nginx"
    assert "X-Accel-Redirect" not in media.headers
    assert media.headers["Content-Type"] == "image/jpeg"
    on_disk = Path(stack.dir, "data", "media", path)
    assert media.content == on_disk.read_bytes()
    access_log = (stack.logs / "web-access.log").read_text()
    assert re.search(
        rf'"GET /media/{re.escape(path)} [^"]*" 200 .* accel="/internal-media/{re.escape(path)}"',
        access_log,
    ), "gunicorn's access log should show the X-Accel-Redirect it answered"
