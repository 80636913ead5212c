"""URLs of the REST interface: the catalogue routes, search, the OpenAPI schema and its docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from .searching import SearchView
from .views import AuthorityViewSet, CollectionViewSet, ItemViewSet

app_name = "rest"

router = SimpleRouter()
router.register("items", ItemViewSet, basename="item")
router.register("authorities", AuthorityViewSet, basename="authority")
router.register("collections", CollectionViewSet, basename="collection")

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="rest:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="rest:schema"), name="redoc"),
    *router.urls,
]
