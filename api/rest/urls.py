"""URLs of the rest interface."""

urlpatterns: list = []
