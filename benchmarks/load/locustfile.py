"""Load scenario for the stack (`make stack`): public visitors, one OAI harvester, one archivist.

Run it through benchmarks/bench_load.py (steps of users, CPU per process type, the knee), or by
hand against a loopback stack:

    STACK_ADMIN_PASSWORD=$(cat data/stack/admin-password) .venv/bin/locust \
        -f benchmarks/load/locustfile.py --host http://127.0.0.1:8080 --headless -u 10 -r 5 -t 60s

Visitors search with facets, open item pages and fetch thumbnails and IIIF images; the harvester
follows ListRecords resumption tokens from the start to the end and begins again; the archivist
logs in to the admin, creates a draft item through the REST API (session and CSRF token, as the
admin's own JavaScript would) and uploads a small JPEG to it through the admin's upload form.
Request names group URLs by endpoint, so the report has one line per endpoint.
"""

from __future__ import annotations

import io
import os
import random
import re
import uuid
from pathlib import Path

from locust import HttpUser, between, constant, task

ROOT = Path(__file__).resolve().parents[2]
# Words of the synthetic titles and the demo (demo/synthetic/vocabularies.py), and facets the
# search page offers: type, decade, a date range, a sort.
TERMS = ["letter", "photograph", "Prague", "war", "Vlasov", "army", "berlin", "manifesto", ""]
FACETS = [{}, {"type": "Text"}, {"type": "StillImage"}, {"decade": "1940"},
          {"from": "1940", "to": "1950"}, {"sort": "-date"}]  # fmt: skip
# What the visitors found on the site, shared by every simulated user of this process.
POOL: dict[str, list[str]] = {"items": [], "images": []}


def admin_password() -> str:
    if os.environ.get("STACK_ADMIN_PASSWORD"):
        return os.environ["STACK_ADMIN_PASSWORD"]
    stack_dir = Path(os.environ.get("STACK_DIR", ROOT / "data" / "stack"))
    return (stack_dir / "admin-password").read_text().strip()


def image_urls(document) -> list[str]:
    """Every IIIF image file (`…/full/<size>/0/default.jpg`) named anywhere in a manifest."""
    found: list[str] = []
    if isinstance(document, dict):
        for value in document.values():
            found += image_urls(value)
    elif isinstance(document, list):
        for value in document:
            found += image_urls(value)
    elif isinstance(document, str) and re.search(r"/iiif/.+\.jpg$", document):
        found.append(document)
    return found


def small_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (96, 64), (random.randrange(256), 90, 40)).save(out, "JPEG")
    return out.getvalue()


class Visitor(HttpUser):
    """A member of the public: searches, opens items, looks at pictures."""

    weight = 20
    wait_time = between(1, 3)

    def on_start(self) -> None:
        if not POOL["items"]:  # the first visitor of the process looks around once
            self.discover()

    def discover(self) -> None:
        name = "/api/items/ (discovery)"
        response = self.client.get("/api/items/?page_size=100", name=name)
        if not response.ok:
            return
        records = response.json()["results"]
        POOL["items"][:] = [r["identifier"] for r in records]
        with_files = [r["identifier"] for r in records if r.get("files")]
        images: list[str] = []
        for r in records:
            images += [f["thumbnail_url"] for f in r.get("files", []) if f.get("thumbnail_url")]
        for identifier in with_files[:10]:
            manifest = self.client.get(f"/iiif/manifests/{identifier}", name="/iiif/manifests/[id]")
            if manifest.ok:
                images += image_urls(manifest.json())
        POOL["images"][:] = images

    @task(4)
    def search(self) -> None:
        params = {"q": random.choice(TERMS), **random.choice(FACETS)}
        self.client.get("/search/", params=params, name="/search/?q&facets")

    @task(4)
    def item_page(self) -> None:
        if POOL["items"]:
            identifier = random.choice(POOL["items"])
            self.client.get(f"/items/{identifier}/", name="/items/[id]/")

    @task(2)
    def image(self) -> None:
        if POOL["images"]:
            url = random.choice(POOL["images"])
            kind = "thumbnail" if "/iiif/" not in url else "IIIF image"
            self.client.get(url, name=f"{kind} (jpg)")


class Harvester(HttpUser):
    """One OAI-PMH harvester, following resumption tokens through the whole repository."""

    fixed_count = 1
    wait_time = constant(0.5)  # a polite harvester; it still keeps a worker busy
    token: str | None = None

    @task
    def next_page(self) -> None:
        if self.token:
            params = {"verb": "ListRecords", "resumptionToken": self.token}
            name = "/oai ListRecords (resumption)"
        else:
            params = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
            name = "/oai ListRecords (first page)"
        with self.client.get("/oai", params=params, name=name, catch_response=True) as response:
            match = re.search(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>", response.content)
            if b"<error" in response.content:
                response.failure("OAI error")
            self.token = match.group(1).decode() if match else None


class Archivist(HttpUser):
    """One archivist: a new draft item through the REST API, then a JPEG through the admin."""

    fixed_count = 1
    wait_time = between(10, 20)

    def on_start(self) -> None:
        self.client.get("/admin/login/", name="/admin/login/")
        self.client.post(
            "/admin/login/",
            data={"username": "admin", "password": admin_password(), "next": "/admin/",
                  "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers={"Referer": f"{self.host}/admin/login/"},
            name="/admin/login/ (POST)",
        )  # fmt: skip

    def csrf(self) -> dict:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": self.host}

    @task
    def deposit(self) -> None:
        word = uuid.uuid4().hex[:10]
        record = {
            "dcmi_type": "StillImage",
            "kind": "photograph",
            "metadata": {"title": [{"value": f"Load test photograph {word}", "language": "en"}]},
        }
        created = self.client.post(
            "/api/items/", json=record, headers=self.csrf(), name="/api/items/ (POST)"
        )
        if created.status_code != 201:
            return
        identifier = created.json()["identifier"]
        listing = self.client.get(
            "/admin/collection/item/", params={"q": identifier}, name="/admin/collection/item/?q"
        )
        found = re.search(r"/admin/collection/item/(\d+)/change/", listing.text)
        if not found:
            return
        url = f"/admin/archive/mediafile/add/?item={found.group(1)}"
        self.client.get(url, name="/admin/archive/mediafile/add/")
        self.client.post(
            url,
            data={"item": found.group(1), "csrfmiddlewaretoken": self.client.cookies["csrftoken"]},
            files={"files": (f"{word}.jpg", small_jpeg(), "image/jpeg")},
            headers={"Referer": f"{self.host}{url}"},
            name="/admin/archive/mediafile/add/ (POST upload)",
        )
