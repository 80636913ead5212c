"""URLs of the public portal: readable, stable paths (other sites link to them as written)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, register_converter

from . import converters, seo
from .views import authorities, browse, home, items, search

register_converter(converters.AuthorityKindConverter, "authority_kind")
register_converter(converters.CiteFormatConverter, "cite_format")
register_converter(converters.RecordIdConverter, "record_id")

app_name = "portal"

urlpatterns = [
    path("", home.home, name="home"),
    path("search/", search.search_page, name="search"),
    path("items/<str:identifier>/", items.item_page, name="item"),
    path("items/<str:identifier>/cite.<cite_format:fmt>", items.citation, name="cite"),
    path("items/<str:identifier>/original/<record_id:file_id>", items.original, name="original"),
    path("collections/", browse.collections, name="collections"),
    path("collections/<slug:slug>/", browse.collection_page, name="collection"),
    path("browse/", browse.browse_index, name="browse-index"),
    path("browse/<str:facet>/", browse.browse_facet, name="browse"),
    path("timeline/<slug:slug>/", authorities.timeline, name="timeline"),
    path("<authority_kind:kind>/<slug:slug>/", authorities.authority_page, name="authority"),
    path("sitemap.xml", seo.sitemap_index, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": seo.SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", seo.robots_txt, name="robots"),
    path("i18n/", include("django.conf.urls.i18n")),
]
