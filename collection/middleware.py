"""Make every writing request one unit of work: atomic, with one revision per changed object."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import history

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class HistoryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            return self.get_response(request)
        # Read lazily: DRF token authentication sets the user inside the view.
        with history.changes(user=lambda: getattr(request, "user", None)):
            return self.get_response(request)
