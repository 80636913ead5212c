"""Good-citizen endpoints: the sitemap of public pages and robots.txt, with SITE_URL as the host."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from collection import public
from collection.models import Collection
from collection.public import CollectionTree

from .public import public_items


class SiteSitemap(Sitemap):
    """Absolute URLs on SITE_URL, not on whatever Host header the request came with."""

    limit = 10_000  # urls per sitemap page; a page stays small enough to render quickly

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"


class ItemSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return public_items().only("identifier", "modified").order_by("pk")

    def lastmod(self, item):
        return item.modified


class CollectionSitemap(SiteSitemap):
    def items(self):
        visible = CollectionTree.load().visible_ids()
        return Collection.objects.filter(pk__in=visible).order_by("pk")

    def lastmod(self, collection):
        return collection.modified


class AuthoritySitemap(SiteSitemap):
    def items(self):
        cited = public_items().filter(values__authority__isnull=False)
        ids = cited.values_list("values__authority", flat=True).distinct()
        return public.authorities().filter(pk__in=ids).order_by("pk")

    def lastmod(self, authority):
        return authority.modified


SITEMAPS = {"items": ItemSitemap, "collections": CollectionSitemap, "authorities": AuthoritySitemap}


@require_GET
def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """The sitemap index: one entry per page of each section, with its last change."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = settings.SITE_URL + reverse("portal:sitemap-section", args=[section])
        for page in range(1, sitemap.paginator.num_pages + 1):
            entries.append(location if page == 1 else f"{location}?p={page}")
    lastmod = public_items().aggregate(last=Max("modified"))["last"]
    context = {"entries": entries, "lastmod": lastmod}
    return TemplateResponse(
        request, "portal/sitemap_index.xml", context, content_type="application/xml"
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    # Search result pages are endless combinations of the same items: crawlers get the sitemap.
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /i18n/",
        "Disallow: /items/*/cite.",
        "Disallow: /items/*/original/",
        "Allow: /",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('portal:sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
