"""The descriptive editor: an item's values grouped by element, ordered by place, templated by kind.

It is an ordinary inline formset (prefix ``values``) rendered in groups: without JavaScript every
field is a plain input and the server accepts the post as it is; `collection/static/collection/
editor.js` only moves rows, fills positions and clones the empty form, posting the same fields.
"""

import json
from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..dublin_core import DEFINITIONS, PROPERTIES, READING_ORDER
from ..editor import Expected, expected_for
from ..models import Collection, Item, MetadataValue
from .parts import ItemPartInlineMixin

# Rows with an element drop-down at the end of the form, for values of any element (no-JS path).
SPARE_ROWS = 2
# The part of a value that makes it worth saving; language, term and place alone are not.
CONTENT = ("value", "uri", "authority")


class ValueForm(forms.ModelForm):
    """One value. Its place in its group is `position`, which the editor computes, never asks."""

    # Not a model field here: the formset turns the posted order into 0..n-1 per element.
    position = forms.IntegerField(
        label=gettext_lazy("order"),
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"class": "dc-position", "min": 0}),
    )

    class Meta:
        model = MetadataValue
        fields = ("term", "value", "language", "uri", "authority")
        widgets = {
            "value": forms.Textarea(attrs={"rows": 1, "cols": 60, "class": "dc-input"}),
            "language": forms.TextInput(
                attrs={
                    "class": "dc-language",
                    "size": 6,
                    "placeholder": gettext_lazy("language"),
                    "title": gettext_lazy("Language: a BCP 47 tag (nl, en, ru-Latn)"),
                    "autocomplete": "off",
                    "spellcheck": "false",
                }
            ),
            "uri": forms.URLInput(
                attrs={"class": "dc-uri", "size": 20, "placeholder": "URI", "title": "URI"}
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "language" in self.fields:  # its help is the field's title: one line per value
            self.fields["language"].help_text = ""
        if self.instance.pk:
            self.initial.setdefault("position", self.instance.position)

    def has_changed(self) -> bool:
        # A new row with only its element and language filled in is an empty slot, not a value.
        if self.instance.pk:
            return super().has_changed()
        return any(name in self.changed_data for name in CONTENT)

    @property
    def term_name(self) -> str:
        if self.instance.pk or "term" not in self.fields:
            return self.instance.term
        return (self["term"].value() if self.is_bound else self.initial.get("term")) or ""


@dataclass
class Group:
    """One element's values as the editor shows them."""

    term: str
    requirement: str = ""
    rows: list = field(default_factory=list)
    error: str = ""

    @property
    def label(self) -> str:
        return PROPERTIES[self.term].label

    @property
    def qname(self) -> str:
        return PROPERTIES[self.term].qname

    @property
    def definition(self) -> str:
        return DEFINITIONS[self.term]


def _filled(data: dict) -> bool:
    return bool((data.get("value") or "").strip() or data.get("uri") or data.get("authority"))


class EditorFormSet(BaseInlineFormSet):
    """The values of an item; positions follow the order of the rows, templates add empty groups."""

    # Set per request by ValueInline.get_formset.
    expected: Expected
    kind: str = ""
    default_language: str = ""
    collection_languages_json: str = "{}"
    kind_choices = Item.Kind.choices

    def __init__(self, *args, **kwargs) -> None:
        item = kwargs.get("instance")
        present = set()
        if item is not None and item.pk:
            present = set(item.values.values_list("term", flat=True))
        slots = [
            {"term": term, "language": self.default_language}
            for term in self.expected.order
            if term not in present
        ]
        if self.max_num == 0:  # read-only: no empty rows
            slots = []
        spares = [{"language": self.default_language}] * (SPARE_ROWS if self.max_num else 0)
        kwargs.setdefault("initial", slots + spares)
        self.extra = len(kwargs["initial"])
        self.group_errors: dict[str, str] = {}
        super().__init__(*args, **kwargs)

    # --- saving ---------------------------------------------------------------------------

    def _live_forms(self) -> list:
        return [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
            if hasattr(form, "cleaned_data")
        ]

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        live = self._live_forms()
        self._number(live)
        filled = {form.cleaned_data["term"] for form in live if _filled(form.cleaned_data)}
        if "title" not in filled:
            raise forms.ValidationError(_("An item needs a title: add a value for “title”."))
        missing = self.expected.missing_required(filled)
        for term in missing:
            self.group_errors[term] = _("%(element)s is required for this kind of item.") % {
                "element": PROPERTIES[term].label
            }
            first = next((f for f in self.forms if f.term_name == term), None)
            if first is not None:
                first.add_error("value", self.group_errors[term])
        if missing:
            labels = ", ".join(PROPERTIES[t].label for t in missing)
            raise forms.ValidationError(_("Fill in the required elements: %s.") % labels)

    def _number(self, live: list) -> None:
        """Give each value its place in its element: the posted order, new rows after the rest."""
        by_term: dict[str, list] = {}
        for index, form in enumerate(live):
            order = form.cleaned_data.get("position")
            key = (order is None, order or 0, index)
            by_term.setdefault(form.cleaned_data["term"], []).append((key, form))
        for rows in by_term.values():
            for position, (_key, form) in enumerate(sorted(rows, key=lambda r: r[0])):
                form.instance.position = position
                # Django saves an existing row only if its form changed; a row whose place
                # changed because another moved or went must be saved too.
                moved = form.instance.pk and position != form.initial.get("position")
                if moved and "position" not in form.changed_data:
                    form.changed_data.append("position")

    # --- showing --------------------------------------------------------------------------

    @cached_property
    def groups(self) -> list[Group]:
        """The element groups in the editor's order, each with its rows in their order."""
        rows: dict[str, list] = {}
        for index, form in enumerate(self.forms):
            if form.term_name in PROPERTIES:  # rows without an element are the spares
                rows.setdefault(form.term_name, []).append((self._place(form, index), form))
        groups = []
        for term in self.expected.group_order(rows):
            requirement = (
                "required"
                if term in self.expected.required
                else "recommended"
                if term in self.expected.recommended
                else ""
            )
            ordered = [form for _key, form in sorted(rows.get(term, []), key=lambda r: r[0])]
            groups.append(Group(term, requirement, ordered, self.group_errors.get(term, "")))
        return groups

    @staticmethod
    def _place(form, index: int) -> tuple:
        if "position" not in form.fields:
            return (0, form.instance.position, index)
        raw = form["position"].value()
        try:
            return (0, int(raw), index)
        except (TypeError, ValueError):
            return (1, 0, index)

    def spares(self) -> list:
        """Rows not in a group: where a value of any element can be typed without JavaScript."""
        grouped = {id(form) for group in self.groups for form in group.rows}
        return [form for form in self.forms if id(form) not in grouped]

    def other_terms(self) -> list[Group]:
        """Elements without a group yet, in reading order, for 'add an element'."""
        shown = {group.term for group in self.groups}
        return [Group(term) for term in READING_ORDER if term not in shown]


def collection_languages() -> dict[str, str]:
    """Collection id -> language, for the language of values on a new item (few collections)."""
    rows = Collection.objects.exclude(language="").values_list("pk", "language")[:1000]
    return {str(pk): language for pk, language in rows}


def default_language(item: Item | None) -> str:
    """The language a new value starts with: the item's collection's, else its most used one."""
    if item is None or not item.pk:
        return ""
    for language in item.collections.values_list("language", flat=True):
        if language:
            return language
    used = Counter(item.values.exclude(language="").values_list("language", flat=True))
    return used.most_common(1)[0][0] if used else ""


class ValueInline(ItemPartInlineMixin, admin.TabularInline):
    model = MetadataValue
    form = ValueForm
    formset = EditorFormSet
    template = "admin/collection/item/editor.html"
    fields = ("term", "value", "language", "uri", "authority", "position")
    autocomplete_fields = ("authority",)
    ordering = ("term", "position", "id")
    verbose_name_plural = gettext_lazy("description")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("authority")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "authority" and formfield is not None:
            # One line per value: keep "add a new authority" (a popup), drop the edit and view
            # icons (the authority's own page is one click away from its name in the box).
            formfield.widget.can_change_related = False
            formfield.widget.can_view_related = False
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        kind = request.POST.get("kind") or request.GET.get("kind") or (obj.kind if obj else "")
        formset.kind = kind if kind in Item.Kind.values else Item.Kind.DOCUMENT
        formset.expected = expected_for(formset.kind)
        formset.default_language = default_language(obj)
        formset.collection_languages_json = json.dumps(collection_languages())
        return formset


def warn_recommended(request, item: Item) -> None:
    """Say which recommended elements of the item's kind are still empty (saving went ahead)."""
    filled = {
        term
        for term, value, uri, authority in item.values.values_list(
            "term", "value", "uri", "authority"
        )
        if value.strip() or uri or authority
    }
    missing = expected_for(item.kind).missing_recommended(filled)
    if missing:
        labels = ", ".join(str(PROPERTIES[t].label) for t in missing)
        messages.warning(
            request,
            _("Saved, but recommended for this kind of item and still empty: %s.") % labels,
        )
