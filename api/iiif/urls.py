"""URLs of the iiif interface."""

urlpatterns: list = []
