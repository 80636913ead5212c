"""URLs of the REST interface: the catalogue routes, search and autocomplete, the OpenAPI schema and its docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from .searching import SearchView, SuggestView
from .views import AuthorityViewSet, CollectionViewSet, ItemViewSet, not_found

app_name = "rest"

router = SimpleRouter()
router.register("items", ItemViewSet, basename="item")
router.register("authorities", AuthorityViewSet, basename="authority")
router.register("collections", CollectionViewSet, basename="collection")

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("suggest/", SuggestView.as_view(), name="suggest"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="rest:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="rest:schema"), name="redoc"),
    *router.urls,
    # Last: any other /api/ URL ending in a slash (an identifier the routes refuse) is a JSON 404,
    # not the portal's HTML page. Without the slash Django's APPEND_SLASH still redirects first.
    re_path(r"^.*/$", not_found),
]
