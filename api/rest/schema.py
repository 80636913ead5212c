"""Serializers that only describe the read representations in the OpenAPI schema.

The responses are built by representation.py; these mirror its shape for drf-spectacular.
"""

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
