"""URLs of the oai interface."""

urlpatterns: list = []
