"""The single OAI-PMH base URL: GET and POST alike, errors in the XML with HTTP 200 (HTTP-01..07)."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import response
from .errors import OAIError
from .handlers import HANDLERS, Context
from .verbs import parse

CONTENT_TYPE = "text/xml; charset=utf-8"


@csrf_exempt  # harvesters POST without a CSRF token (HTTP-03); the endpoint changes nothing
@require_http_methods(["GET", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    """Answer one OAI-PMH request."""
    params = request.POST if request.method == "POST" else request.GET
    pairs = [(key, value) for key, values in params.lists() for value in values]
    ctx = Context(timezone.now().replace(microsecond=0), request.build_absolute_uri(request.path))
    try:
        req = parse(pairs)
        root = response.envelope(ctx.now, ctx.base_url, req.args)
        HANDLERS[req.verb](req, ctx, root)
    except OAIError as exc:
        args = dict(pairs) if exc.echo_request else None
        root = response.envelope(ctx.now, ctx.base_url, args)
        response.errors(root, exc.errors)
    return HttpResponse(response.serialize(root), content_type=CONTENT_TYPE)
