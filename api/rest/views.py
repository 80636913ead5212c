"""Read and write endpoints for items, authority records and collections."""

from django.db import models, transaction
from django.http import JsonResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from collection import history, public
from collection.exports import (
    JSONLD_CONTEXT,
    OAI_DC,
    bibtex_entry,
    csl_item,
    item_jsonld,
    record_of,
    ris_record,
)
from collection.models import Authority, Collection, Item

from . import conditional
from .filters import AuthorityFilter, CollectionFilter, ItemFilter
from .negotiation import FormatParamNegotiation
from .pagination import ModifiedCursorPagination
from .permissions import CataloguePermission, ItemPermission, is_staff_reader
from .renderers import ITEM_RENDERERS
from .representation import Representer
from .schema import ApiAutoSchema, AuthoritySchema, CollectionSchema, ItemSchema
from .serializers import AuthorityWriteSerializer, CollectionWriteSerializer, ItemWriteSerializer


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Other records still depend on this one."
    default_code = "conflict"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The record changed since you fetched it (If-Match does not match its ETag). "
        "Fetch it again, reapply your change and send the new ETag."
    )
    default_code = "precondition_failed"


@csrf_exempt  # else a PUT to an unknown URL would get the CSRF page instead of the 404
def not_found(request, *args, **kwargs) -> JsonResponse:
    """A JSON 404 for API URLs no route matches, like the 404s of the routes themselves."""
    return JsonResponse({"detail": "Not found."}, status=404)


def flush_history(comment: str) -> None:
    """Write the revision now, so the response shows the new version and modified time."""
    history.flush_now(comment)  # the request's unit of work, opened by the middleware


class CatalogueViewSet(viewsets.ModelViewSet):
    """Shared behaviour: strict parameters, conditional GET, keyset pages, errors in JSON."""

    pagination_class = ModifiedCursorPagination
    filter_backends = [DjangoFilterBackend]
    content_negotiation_class = FormatParamNegotiation
    permission_classes = [CataloguePermission]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]  # bodies are JSON: metadata does not fit a form
    schema = ApiAutoSchema()
    lookup_field = "slug"
    # A slug is [-a-zA-Z0-9_]+ (SlugField): anything else is a 404 before any query (a NUL byte
    # would otherwise reach PostgreSQL, which refuses it with an error, not "no such row").
    lookup_value_regex = r"[-a-zA-Z0-9_]{1,120}"
    model_name = ""  # the collection model whose view permission shows unpublished records
    represent_method = ""  # the Representer method for one record
    # Query parameters every list accepts besides its filters.
    common_params = frozenset({"cursor", "page_size", "format"})

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        if request.method in ("GET", "HEAD"):
            self.check_query_params(request)

    def check_query_params(self, request) -> None:
        """Refuse unknown parameters: a misspelt filter must not silently return everything."""
        allowed = set(self.common_params)
        if self.action == "list" and self.filterset_class is not None:
            allowed |= set(self.filterset_class.base_filters)
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise ValidationError(
                {
                    name: [f"Unknown parameter; use {', '.join(sorted(allowed))}."]
                    for name in unknown
                }
            )

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        # Errors are JSON whatever format was asked for: a BibTeX file cannot carry a 400.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
        return response

    @property
    def staff(self) -> bool:
        return is_staff_reader(self.request.user, self.model_name)

    def variant(self) -> str:
        renderer = getattr(self.request, "accepted_renderer", None)
        return f"{getattr(renderer, 'media_type', '')}|staff={self.staff}"

    def representer(self) -> Representer:
        return Representer(self.request, staff=self.staff)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        # The page first (one index walk), then its validators from its own rows.
        page = self.paginator.paginate_queryset(self.for_reading(queryset), request, self)
        etag, last_modified = conditional.page_validators(
            page, self.paginator.next_position, request, self.variant()
        )
        unchanged = conditional.not_modified(request, etag, last_modified)
        if unchanged is not None:
            return unchanged
        response = self.page_response(page)
        conditional.set_validators(response, etag, last_modified)
        return response

    def validators(self, obj) -> tuple[str, object]:
        """(ETag, Last-Modified) of the record's representation for this request's variant."""
        stamps = [obj.modified, *conditional.dependency_stamps()]
        return conditional.object_validators(obj, stamps, self.variant())

    def check_if_match(self, obj) -> None:
        """Refuse a write based on an outdated copy: no update silently overwrites another."""
        if conditional.if_match_fails(self.request, self.validators(obj)[0]):
            raise PreconditionFailed()

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        etag, last_modified = self.validators(obj)
        unchanged = conditional.not_modified(request, etag, last_modified)
        if unchanged is not None:
            return unchanged
        response = Response(self.one(obj))
        conditional.set_validators(response, etag, last_modified)
        return response

    def for_reading(self, queryset):
        """The queryset with what the representation reads prefetched."""
        return queryset

    def page_response(self, page: list) -> Response:
        representer = self.representer()
        method = getattr(representer, self.represent_method)
        return self.paginator.get_paginated_response([method(obj) for obj in page])

    def one(self, obj) -> dict:
        return getattr(self.representer(), self.represent_method)(obj)

    def get_object(self):
        if self.request.method not in ("GET", "HEAD"):
            return self.locked(super().get_object())
        # Not by setting self.queryset: the viewsets override get_queryset, which would drop it.
        queryset = self.for_reading(self.filter_queryset(self.get_queryset()))
        lookup = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        obj = get_object_or_404(queryset, **{self.lookup_field: lookup})
        self.check_object_permissions(self.request, obj)
        return obj

    def locked(self, obj):
        """The record re-read under a row lock held until the write commits.

        A concurrent write then waits, reads the version this one made and fails its If-Match,
        instead of both passing the check and the second overwriting the first.
        """
        if not transaction.get_connection().in_atomic_block:
            return obj  # the history middleware makes every write atomic; never lock outside
        return type(obj).objects.select_for_update().get(pk=obj.pk)

    def write_response(self, serializer, status_code: int) -> Response:
        flush_history("via the REST API")
        obj = self.for_reading(self.get_queryset()).get(pk=serializer.instance.pk)
        data = self.one(obj)
        response = Response(data, status=status_code, headers={"Location": data["url"]})
        # The new ETag, so a client can send its next change with If-Match without a GET.
        conditional.set_validators(response, *self.validators(obj))
        return response

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return self.write_response(serializer, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        self.check_if_match(instance)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return self.write_response(serializer, status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        self.check_if_match(instance)  # before any 409: the client's copy is what is wrong
        self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def perform_destroy(self, instance) -> None:
        try:
            instance.delete()
        except (models.ProtectedError, models.RestrictedError) as exc:
            objects = getattr(exc, "protected_objects", None) or exc.restricted_objects
            # str(): verbose names are lazy translations, which ", ".join cannot take.
            names = sorted({str(type(o)._meta.verbose_name) for o in objects})
            raise Conflict(f"Cannot delete: still used by {', '.join(names)}.") from None


@extend_schema_view(
    list=extend_schema(responses={200: ItemSchema(many=True)}),
    retrieve=extend_schema(responses={200: ItemSchema}),
    create=extend_schema(responses={201: ItemSchema}),
    update=extend_schema(responses={200: ItemSchema}),
    partial_update=extend_schema(responses={200: ItemSchema}),
)
class ItemViewSet(CatalogueViewSet):
    """Items in Dublin Core, as JSON, JSON-LD, oai_dc XML, CSL-JSON, BibTeX or RIS."""

    queryset = Item.objects.all()
    serializer_class = ItemWriteSerializer
    filterset_class = ItemFilter
    permission_classes = [ItemPermission]
    renderer_classes = ITEM_RENDERERS
    lookup_field = "identifier"
    lookup_value_regex = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
    model_name = "item"
    represent_method = "item"

    def get_renderers(self):
        # Writes answer with the JSON record whatever the Accept: the exports are for reading.
        if self.request is not None and self.request.method not in ("GET", "HEAD"):
            return [JSONRenderer()]
        return super().get_renderers()

    def get_queryset(self):
        return Item.objects.all() if self.staff else public.items()

    def page_response(self, page: list) -> Response:
        fmt = self.request.accepted_renderer.format
        representer = self.representer()
        if fmt == "json":
            return self.paginator.get_paginated_response(representer.items(page))
        rows = representer.page_rows(page)
        records = [self.export(representer, rows, item, fmt) for item in page]
        if fmt == "jsonld":
            # No "@id" beside "@graph": that would make the page a named graph, not the items.
            records = {"@context": JSONLD_CONTEXT, "@graph": records}
        response = Response(records)
        self.paginator.add_link_header(response)
        return response

    def one(self, item: Item):
        fmt = getattr(self.request.accepted_renderer, "format", "json")
        representer = self.representer()
        if fmt == "json" or self.request.method not in ("GET", "HEAD"):
            return representer.items([item])[0]
        rows = representer.page_rows([item])
        record = self.export(representer, rows, item, fmt, context=True)
        return [record] if fmt == "csl" else record  # CSL-JSON is always an array

    def export(self, representer: Representer, rows, item: Item, fmt: str, context: bool = False):
        """The item in one of the export formats (see collection.exports), from its rows."""
        row = rows.items[item.pk]
        api_url = representer.item_url.format(item.identifier)
        portal_url = (
            representer.portal_item_url.format(item.identifier)
            if representer.portal_item_url
            else ""
        )
        if fmt == "dcxml":
            return OAI_DC.build(record_of(row, portal_url or api_url))
        if fmt == "jsonld":
            return item_jsonld(
                row,
                api_url,
                portal_url=portal_url,
                authority_url=representer.authority_url,
                media=self.media_of(rows.files.get(item.pk, [])),
                context=context,
            )
        exporter = {"csl": csl_item, "bibtex": bibtex_entry, "ris": ris_record}[fmt]
        return exporter(row, portal_url or api_url)

    def media_of(self, files: list[dict]) -> list[dict]:
        return [
            {"url": f["access_url"], "mime": f["mime"], "thumbnail_url": f["thumbnail_url"]}
            for f in files
            if f.get("access_url")
        ]


@extend_schema_view(
    list=extend_schema(responses={200: AuthoritySchema(many=True)}),
    retrieve=extend_schema(responses={200: AuthoritySchema}),
    create=extend_schema(responses={201: AuthoritySchema}),
    update=extend_schema(responses={200: AuthoritySchema}),
    partial_update=extend_schema(responses={200: AuthoritySchema}),
)
class AuthorityViewSet(CatalogueViewSet):
    """Authority records: people, organisations, places, events, concepts."""

    queryset = Authority.objects.all()
    serializer_class = AuthorityWriteSerializer
    filterset_class = AuthorityFilter
    model_name = "authority"
    represent_method = "authority"

    def get_queryset(self):
        return Authority.objects.all() if self.staff else public.authorities()

    def for_reading(self, queryset):
        return queryset.prefetch_related("names", "identifiers")


@extend_schema_view(
    list=extend_schema(responses={200: CollectionSchema(many=True)}),
    retrieve=extend_schema(responses={200: CollectionSchema}),
    create=extend_schema(responses={201: CollectionSchema}),
    update=extend_schema(responses={200: CollectionSchema}),
    partial_update=extend_schema(responses={200: CollectionSchema}),
)
class CollectionViewSet(CatalogueViewSet):
    """Collections (OAI-PMH sets); anonymous users see the public ones only."""

    queryset = Collection.objects.all()
    serializer_class = CollectionWriteSerializer
    filterset_class = CollectionFilter
    model_name = "collection"
    represent_method = "collection"

    def get_queryset(self):
        if self.staff:
            return Collection.objects.all()
        return Collection.objects.filter(pk__in=public.CollectionTree.load().visible_ids())

    def perform_destroy(self, instance: Collection) -> None:
        if instance.items.exists():
            raise Conflict("Cannot delete a collection that still has items.")
        super().perform_destroy(instance)
