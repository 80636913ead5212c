"""Serializers that only describe the read representations in the OpenAPI schema.

The responses are built by representation.py; these mirror its shape for drf-spectacular.
"""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from .serializers import BibliographicSerializer


class CollectionRefSchema(serializers.Serializer):
    slug = serializers.SlugField()
    set_spec = serializers.CharField(help_text="OAI-PMH setSpec: slugs from the root, by colons")
    url = serializers.URLField()


class FileSchema(serializers.Serializer):
    label = serializers.CharField()
    filename = serializers.CharField()
    mime = serializers.CharField()
    family = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    version = serializers.IntegerField()
    thumbnail_url = serializers.URLField(allow_null=True)
    access_url = serializers.URLField(allow_null=True)


class ItemSchema(serializers.Serializer):
    identifier = serializers.CharField()
    url = serializers.URLField()
    portal_url = serializers.URLField(allow_null=True)
    title = serializers.CharField()
    dcmi_type = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField(required=False, help_text="Staff only")
    visibility = serializers.CharField(required=False, help_text="Staff only")
    embargo_until = serializers.DateField(required=False, allow_null=True, help_text="Staff only")
    collections = CollectionRefSchema(many=True)
    created = serializers.DateTimeField()
    modified = serializers.DateTimeField()
    published = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()
    metadata = serializers.DictField(
        child=serializers.DictField(),
        help_text="Dublin Core term -> {uri, values: [{value, language, uri, authority, "
        "date_lower, date_upper}]}, terms in Dublin Core order",
    )
    bibliographic = BibliographicSerializer(allow_null=True)
    files = FileSchema(many=True)


class AuthoritySchema(serializers.Serializer):
    slug = serializers.SlugField()
    url = serializers.URLField()
    kind = serializers.CharField()
    preferred_name = serializers.CharField()
    language = serializers.CharField()
    dates = serializers.CharField()
    date_lower = serializers.DateField(allow_null=True)
    date_upper = serializers.DateField(allow_null=True)
    description = serializers.CharField()
    is_public = serializers.BooleanField()
    names = serializers.ListField(child=serializers.DictField())
    identifiers = serializers.ListField(child=serializers.DictField())
    created = serializers.DateTimeField()
    modified = serializers.DateTimeField()


class CollectionSchema(serializers.Serializer):
    slug = serializers.SlugField()
    url = serializers.URLField()
    set_spec = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    language = serializers.CharField()
    is_public = serializers.BooleanField()
    parent = serializers.SlugField(allow_null=True)
    items_url = serializers.URLField()
    created = serializers.DateTimeField()
    modified = serializers.DateTimeField()


# Error bodies: DRF's {"detail": ...}, or for 400 messages keyed by parameter or field.
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Messages keyed by parameter or field, down to the value, or {detail}.",
    "additionalProperties": True,
}
ERRORS = {
    "400": ("A bad parameter or body; messages keyed by name.", FIELD_ERRORS),
    "401": ("Credentials missing or invalid.", DETAIL),
    "403": ("Not allowed for this user; the reason names the rule.", DETAIL),
    "404": ("No such record, or not one this user may see.", DETAIL),
    "406": ("No representation for the Accept header or format.", DETAIL),
    "409": ("Other records still depend on this one.", DETAIL),
    "412": ("If-Match does not match the record's current ETag.", DETAIL),
    "415": ("The body is not JSON.", DETAIL),
    "429": ("Too many anonymous requests; retry after Retry-After seconds.", DETAIL),
}
TEXT_BODY = {"type": "string"}
# Item representations besides JSON, detail and list (see views.ItemViewSet and renderers).
ITEM_FORMATS = {
    "application/ld+json": (
        {"type": "object", "required": ["@context", "@id", "@type"]},
        {"type": "object", "required": ["@context", "@graph"]},
    ),
    "application/vnd.citationstyles.csl+json": (
        {"type": "array", "items": {"type": "object"}},
        {"type": "array", "items": {"type": "object"}},
    ),
    "application/xml": (TEXT_BODY, TEXT_BODY),
    "text/xml": (TEXT_BODY, TEXT_BODY),
    "application/x-bibtex": (TEXT_BODY, TEXT_BODY),
    "application/x-research-info-systems": (TEXT_BODY, TEXT_BODY),
}


class ApiAutoSchema(AutoSchema):
    """The generated operation plus what drf-spectacular cannot see: errors and export formats."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        self.describe_formats(responses)
        for code in self.error_codes():
            description, body = ERRORS[code]
            responses.setdefault(
                code,
                {"description": description, "content": {"application/json": {"schema": body}}},
            )
        if self.method == "GET" and hasattr(self.view, "retrieve"):
            responses.setdefault("304", {"description": "Not modified (If-None-Match)."})
        return operation

    def error_codes(self) -> list[str]:
        codes = ["400", "401", "406"]
        if "{" in self.path:
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("403")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("415")
        if self.method in ("PUT", "PATCH", "DELETE"):
            codes.append("412")
        if self.method == "DELETE":
            codes.append("409")
        return [*codes, "429"]

    def describe_formats(self, responses: dict) -> None:
        """Give each export media type its own shape; the JSON one is the serializer's."""
        content = responses.get("200", {}).get("content", {})
        listing = self._is_list_view()
        for media_type, shapes in ITEM_FORMATS.items():
            if media_type in content:
                content[media_type] = {"schema": shapes[1] if listing else shapes[0]}
