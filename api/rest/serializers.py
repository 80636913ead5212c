"""Write serializers: validate what cataloguers send, then save it with the catalogue's own models.

Reads do not go through these (see representation.py); they accept the read shape back, so a
client can GET a record, change it and PUT it.
"""

import copy
import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from collection import permissions as rules
from collection.dublin_core import DATE_PROPERTIES, PROPERTIES
from collection.models import (
    Authority,
    AuthorityIdentifier,
    AuthorityName,
    BibliographicRecord,
    Collection,
    Contributor,
    Item,
    MetadataValue,
)
from collection.validators import normalize_language_tag, parse_date

# What a SlugField admits: checked before a lookup, so a NUL byte or a stray character is "no such
# record" (400) rather than a database error (PostgreSQL refuses NUL in text).
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class SlugRefField(serializers.SlugRelatedField):
    """A SlugRelatedField that looks up only strings a slug could be."""

    def to_internal_value(self, data):
        if not (isinstance(data, str) and SLUG.fullmatch(data)):
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data))
        return super().to_internal_value(data)


class ValueSerializer(serializers.Serializer):
    value = serializers.CharField(
        allow_blank=True, required=False, default="", trim_whitespace=True
    )
    language = serializers.CharField(allow_blank=True, required=False, default="")
    uri = serializers.URLField(allow_blank=True, required=False, default="", max_length=500)
    authority = serializers.JSONField(required=False, allow_null=True, default=None)

    def validate_language(self, tag: str) -> str:
        try:
            return normalize_language_tag(tag)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def validate_authority(self, ref) -> Authority | None:
        # The read shape gives {"slug": ...}; a bare slug is accepted too.
        slug = ref.get("slug") if isinstance(ref, dict) else ref
        if slug in (None, ""):
            return None
        found = SLUG.fullmatch(str(slug))
        authority = Authority.objects.filter(slug=str(slug)).first() if found else None
        if authority is None:
            raise serializers.ValidationError(f"No authority record “{slug}”.")
        return authority

    def validate(self, attrs: dict) -> dict:
        if not (attrs["value"] or attrs["uri"] or attrs["authority"]):
            raise serializers.ValidationError({"value": "Give a value, a URI or an authority."})
        return attrs


@extend_schema_field(
    {
        "type": "object",
        "description": "Dublin Core term -> list of values (or the read shape {uri, values}).",
        "additionalProperties": {"type": "array", "items": {"type": "object"}},
    }
)
class MetadataField(serializers.Field):
    """{term: [values]} (or the read shape {term: {"values": [...]}}), terms as in dublin_core."""

    def to_internal_value(self, data) -> dict[str, list[dict]]:
        if not isinstance(data, dict):
            raise serializers.ValidationError("Expected an object of Dublin Core terms.")
        out, errors = {}, {}
        for key, values in data.items():
            term = key.split(":", 1)[-1]
            if term not in PROPERTIES:
                errors[key] = [f"Unknown Dublin Core term “{key}”."]
                continue
            if isinstance(values, dict):
                try:
                    values = _values_of_read_shape(values)
                except serializers.ValidationError as exc:
                    errors[key] = exc.detail
                    continue
            serializer = ValueSerializer(data=values, many=True)
            if not serializer.is_valid():
                errors[key] = serializer.errors
                continue
            if term in DATE_PROPERTIES:
                date_errors = _date_errors(serializer.validated_data)
                if date_errors:
                    errors[key] = date_errors
                    continue
            out[term] = serializer.validated_data
        if errors:
            raise serializers.ValidationError(errors)
        return out

    def to_representation(self, value):  # pragma: no cover - reads use representation.py
        return value


TERM_KEYS = frozenset({"uri", "values"})  # the read shape of one term


def _values_of_read_shape(term: dict) -> list:
    """The values of {"uri", "values"}; a misspelt or missing key must not read as "no values"."""
    unknown = sorted(set(term) - TERM_KEYS)
    if unknown:
        raise serializers.ValidationError(
            f"Unknown key {', '.join(map(repr, unknown))}; a term is a list of values "
            "or an object with “values” (and optionally “uri”)."
        )
    if "values" not in term:
        raise serializers.ValidationError(
            "Missing “values”; give [] to remove every value of the term."
        )
    return term["values"]


def _date_errors(values: list[dict]) -> list[dict]:
    errors, bad = [], False
    for value in values:
        try:
            if value["value"]:
                parse_date(value["value"])
            errors.append({})
        except DjangoValidationError as exc:
            errors.append({"value": exc.messages})
            bad = True
    return errors if bad else []


class ContributorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contributor
        fields = ["role", "family", "given"]


class BibliographicSerializer(serializers.ModelSerializer):
    contributors = ContributorSerializer(many=True, required=False)

    class Meta:
        model = BibliographicRecord
        exclude = ["id", "item"]


class ItemWriteSerializer(serializers.ModelSerializer):
    collections = serializers.ListField(child=serializers.SlugField(), required=False)
    metadata = MetadataField()
    bibliographic = BibliographicSerializer(required=False, allow_null=True)

    class Meta:
        model = Item
        fields = [
            "identifier",
            "dcmi_type",
            "kind",
            "status",
            "visibility",
            "embargo_until",
            "collections",
            "metadata",
            "bibliographic",
        ]
        extra_kwargs = {"identifier": {"required": False}}

    def validate_identifier(self, value: str) -> str:
        if self.instance is not None and value != self.instance.identifier:
            raise serializers.ValidationError("An identifier never changes once issued.")
        return value

    def validate_collections(self, slugs: list[str]) -> list[Collection]:
        found = {c.slug: c for c in Collection.objects.filter(slug__in=slugs)}
        missing = [s for s in slugs if s not in found]
        if missing:
            raise serializers.ValidationError(f"No collection {', '.join(missing)}.")
        return [found[s] for s in slugs]

    def validate(self, attrs: dict) -> dict:
        visibility = attrs.get("visibility", getattr(self.instance, "visibility", None))
        embargo = attrs.get("embargo_until", getattr(self.instance, "embargo_until", None))
        if visibility == Item.Visibility.EMBARGOED and not embargo:
            raise serializers.ValidationError(
                {"embargo_until": "An embargoed item needs an end date."}
            )
        self.check_title(attrs.get("metadata"))
        # PermissionDenied propagates: DRF answers 403 with the rule's reason.
        rules.check_item_change(self.context["request"].user, self.instance, attrs)
        return attrs

    def check_title(self, metadata: dict | None) -> None:
        """Every item has a title, as in the admin and the CSV import: POST and PUT must give
        one, and a PATCH must not remove the last."""
        replaces_all = self.instance is None or not self.partial
        if metadata is None or (not replaces_all and "title" not in metadata):
            return
        if not any(v["value"] for v in metadata.get("title", [])):
            raise serializers.ValidationError({"metadata": {"title": ["An item needs a title."]}})

    @transaction.atomic  # a savepoint: a failure half-way must not leave half an item
    def create(self, validated: dict) -> Item:
        parts = _pop_parts(validated)
        item = Item.objects.create(**validated)
        _save_parts(item, parts, replace_all=True)
        return item

    @transaction.atomic
    def update(self, item: Item, validated: dict) -> Item:
        parts = _pop_parts(validated)
        for name, value in validated.items():
            setattr(item, name, value)
        item.save()
        _save_parts(item, parts, replace_all=not self.partial)
        return item


def _pop_parts(validated: dict) -> dict:
    return {
        k: validated.pop(k) for k in ("collections", "metadata", "bibliographic") if k in validated
    }


def _save_parts(item: Item, parts: dict, replace_all: bool) -> None:
    if "collections" in parts:
        item.collections.set(parts["collections"])
    if "metadata" in parts:
        metadata = parts["metadata"]
        stale = item.values.all() if replace_all else item.values.filter(term__in=list(metadata))
        stale.delete()
        for term, values in metadata.items():
            for position, value in enumerate(values):
                MetadataValue.objects.create(item=item, term=term, position=position, **value)
    if "bibliographic" in parts:
        _save_bibliographic(item, parts["bibliographic"])


def _save_bibliographic(item: Item, data: dict | None) -> None:
    BibliographicRecord.objects.filter(item=item).delete()
    if data is None:
        return
    contributors = data.pop("contributors", [])
    record = BibliographicRecord.objects.create(item=item, **data)
    for position, contributor in enumerate(contributors):
        Contributor.objects.create(record=record, position=position, **contributor)


class AuthorityNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuthorityName
        fields = ["name", "language"]


class AuthorityIdentifierSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuthorityIdentifier
        fields = ["scheme", "uri"]


class AuthorityWriteSerializer(serializers.ModelSerializer):
    names = AuthorityNameSerializer(many=True, required=False)
    identifiers = AuthorityIdentifierSerializer(many=True, required=False)

    class Meta:
        model = Authority
        fields = ["slug", "kind", "preferred_name", "language", "dates", "description", "names"]
        fields += ["identifiers", "is_public"]
        extra_kwargs = {"slug": {"required": False}}

    def validate_is_public(self, value: bool) -> bool:
        current = self.instance.is_public if self.instance is not None else True
        request = self.context.get("request")
        if value != current and not rules.can_publish(getattr(request, "user", None)):
            raise serializers.ValidationError("Only curators may make a record private or public.")
        return value

    def validate_slug(self, value: str) -> str:
        if self.instance is not None and value != self.instance.slug:
            raise serializers.ValidationError("A slug never changes: other records link to it.")
        return value

    @transaction.atomic
    def create(self, validated: dict) -> Authority:
        names, identifiers = validated.pop("names", []), validated.pop("identifiers", [])
        authority = Authority.objects.create(**validated)
        self._save_parts(authority, names, identifiers)
        return authority

    @transaction.atomic
    def update(self, authority: Authority, validated: dict) -> Authority:
        names, identifiers = validated.pop("names", None), validated.pop("identifiers", None)
        for name, value in validated.items():
            setattr(authority, name, value)
        authority.save()
        self._save_parts(authority, names, identifiers)
        return authority

    def _save_parts(self, authority, names, identifiers) -> None:
        if names is not None:
            authority.names.all().delete()
            for position, name in enumerate(names):
                AuthorityName.objects.create(authority=authority, position=position, **name)
        if identifiers is not None:
            authority.identifiers.all().delete()
            for identifier in identifiers:
                AuthorityIdentifier.objects.create(authority=authority, **identifier)


class CollectionWriteSerializer(serializers.ModelSerializer):
    parent = SlugRefField(
        slug_field="slug", queryset=Collection.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Collection
        fields = ["slug", "parent", "title", "description", "language", "is_public"]

    def validate_slug(self, value: str) -> str:
        if self.instance is not None and value != self.instance.slug:
            raise serializers.ValidationError("A slug never changes: it is the OAI-PMH set spec.")
        return value

    def validate_parent(self, parent: Collection | None) -> Collection | None:
        if self.instance is not None:
            probe = copy.copy(self.instance)  # the model's own rule, asked before saving
            probe.parent = parent
            error = probe.structural_errors().get("parent")
            if error:
                raise serializers.ValidationError(str(error))
        return parent
