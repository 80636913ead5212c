"""The admin's upload form: one or more files for an item, or a new version of one file."""

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.utils.translation import gettext_lazy as _

from collection.models import Item

from .models import MediaFile


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None) -> list:
        one = super().clean
        files = list(data) if isinstance(data, list | tuple) else [data]
        # No file chosen (or a part with an empty name, which Django drops) is an empty list:
        # cleaning None instead runs the required check rather than returning no files at all.
        return [f for f in (one(f, initial) for f in files or [None]) if f]


def item_widget(admin_site: admin.AdminSite):
    """Autocomplete when the catalogue's item admin offers search, else a raw id box."""
    field = MediaFile._meta.get_field("item")
    item_admin = admin_site._registry.get(Item)
    if item_admin is not None and item_admin.search_fields:
        return widgets.AutocompleteSelect(field, admin_site)
    return widgets.ForeignKeyRawIdWidget(field.remote_field, admin_site)


class UploadForm(forms.Form):
    field_order = ["item", "files", "label"]
    files = MultipleFileField(label=_("files"))
    label = forms.CharField(
        label=_("label"), max_length=300, required=False, help_text=_("Used for a single file.")
    )
    replaces = forms.ModelChoiceField(
        MediaFile.objects.current(),
        label=_("new version of"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "The file to replace has a newer version already, or no longer exists: open "
                "the file's current version and choose “Upload a new version” there."
            )
        },
    )

    def __init__(self, *args, admin_site: admin.AdminSite, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Built here, not on the class: the widget depends on the admin site's registry.
        self.fields["item"] = forms.ModelChoiceField(
            Item.objects.all(), label=_("item"), widget=item_widget(admin_site)
        )

    def clean(self) -> dict:
        data = super().clean()
        if "replaces" in self._errors:  # a hidden field: the page shows only non-field errors
            self.add_error(None, self._errors.pop("replaces"))
        replaces, item = data.get("replaces"), data.get("item")
        if replaces is not None:
            if len(data.get("files") or []) != 1:
                raise forms.ValidationError(_("A new version is exactly one file."))
            if item is not None and replaces.item_id != item.pk:
                raise forms.ValidationError(_("The new version must belong to the same item."))
        return data
