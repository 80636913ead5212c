"""Query filters for harvesting: modified since/until, collection (with sub-collections), type, kind, language."""

import datetime as dt

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.exceptions import ValidationError

from collection.models import Authority, Collection, Item, MetadataValue
from collection.public import CollectionTree
from collection.validators import normalize_language_tag

ISO_HELP = "Use ISO 8601, e.g. 2024-05-01 or 2024-05-01T12:00:00Z."


class UTCDateTimeField(forms.Field):
    """ISO 8601 date or date-time; without an offset it is read as UTC, as in OAI-PMH."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        try:  # the parsers return None for other shapes, raise ValueError for impossible dates
            parsed = parse_datetime(value)
            date = parse_date(value) if parsed is None and len(value) == 10 else None
        except ValueError:
            parsed = date = None
        if parsed is None and date is None:
            # The value goes in as a parameter: Django %-formats messages that carry params,
            # so a "%" typed into the message itself would break the formatting (a 500).
            raise forms.ValidationError(
                "“%(value)s” is not a date or time. " + ISO_HELP,
                code="invalid",
                params={"value": value},
            )
        parsed = parsed or dt.datetime.combine(date, dt.time.min)
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=dt.UTC)
        try:  # in UTC: PostgreSQL refuses offsets beyond ±15:59 that Python reads (+20:43)
            return parsed.astimezone(dt.UTC)
        except OverflowError:  # an offset that carries the time past year 1 or 9999
            raise forms.ValidationError(
                "“%(value)s” is outside the years 1 to 9999 in UTC. " + ISO_HELP,
                code="invalid",
                params={"value": value},
            ) from None


class UTCDateTimeFilter(filters.Filter):
    field_class = UTCDateTimeField


class ModifiedFilterSet(filters.FilterSet):
    modified_since = UTCDateTimeFilter(
        field_name="modified", lookup_expr="gte", label="Changed at or after (ISO 8601)"
    )
    modified_until = UTCDateTimeFilter(
        field_name="modified", lookup_expr="lte", label="Changed at or before (ISO 8601)"
    )


class ItemFilter(ModifiedFilterSet):
    collection = filters.CharFilter(
        method="filter_collection", label="Collection slug; includes its sub-collections"
    )
    type = filters.ChoiceFilter(
        field_name="dcmi_type", choices=Item.DCMIType.choices, label="DCMI type"
    )
    kind = filters.ChoiceFilter(choices=Item.Kind.choices)
    language = filters.CharFilter(method="filter_language", label="dc:language (BCP 47)")
    status = filters.ChoiceFilter(
        choices=Item.Status.choices, label="Workflow status (staff; others see published only)"
    )

    class Meta:
        model = Item
        fields: list[str] = []

    def filter_collection(self, queryset, name, value):
        tree = CollectionTree.load()
        staff = self.request_is_staff()
        root = tree.by_slug.get(value) if staff else tree.visible_by_slug(value)
        if root is None:
            # Filter methods run after form validation, so they raise DRF's 400 themselves.
            raise ValidationError({name: [f"No collection “{value}”."]})
        below = tree.descendants(root.pk) if staff else tree.visible_descendants(root.pk)
        return queryset.filter(collections__in=below).distinct()

    def filter_language(self, queryset, name, value):
        try:
            tag = normalize_language_tag(value)
        except DjangoValidationError as exc:
            raise ValidationError({name: exc.messages}) from None
        values = MetadataValue.objects.filter(
            item=OuterRef("pk"), term="language", value__iexact=tag
        )
        return queryset.filter(Exists(values))

    def request_is_staff(self) -> bool:
        user = getattr(self.request, "user", None)
        return bool(user and user.has_perm("collection.view_collection"))


class AuthorityFilter(ModifiedFilterSet):
    kind = filters.ChoiceFilter(choices=Authority.Kind.choices)

    class Meta:
        model = Authority
        fields: list[str] = []


class CollectionFilter(ModifiedFilterSet):
    parent = filters.CharFilter(field_name="parent__slug", label="Slug of the parent collection")

    class Meta:
        model = Collection
        fields: list[str] = []
