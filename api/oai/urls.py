"""URL of the OAI-PMH interface: one base URL for all six verbs (mounted at /oai)."""

from django.urls import path

from . import views

app_name = "oai"
urlpatterns = [path("", views.endpoint, name="endpoint")]
