"""Authority records with their variant names and external identifiers."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Authority, AuthorityIdentifier, AuthorityName, Revision
from ..permissions import can_publish
from .display import isolated
from .history import RevisionHistoryMixin


class AuthorityNameInline(admin.TabularInline):
    model = AuthorityName
    fields = ("name", "language", "position")
    extra = 1


class AuthorityIdentifierInline(admin.TabularInline):
    model = AuthorityIdentifier
    fields = ("scheme", "uri")
    extra = 1


@admin.register(Authority)
class AuthorityAdmin(RevisionHistoryMixin, admin.ModelAdmin):
    history_target = Revision.Target.AUTHORITY
    list_display = (
        isolated("preferred_name", _("preferred name")),
        "kind",
        "dates",
        "slug",
        "is_public",
        "modified",
    )
    list_filter = ("kind", "is_public")
    # Variant names too, so Власов or Wlassow finds Vlasov (autocomplete uses these as well).
    search_fields = ("preferred_name", "names__name", "slug", "identifiers__uri")
    prepopulated_fields = {"slug": ("preferred_name",)}
    fields = ("kind", "preferred_name", "language", "slug", "dates", "description", "is_public")
    inlines = [AuthorityNameInline, AuthorityIdentifierInline]

    def get_readonly_fields(self, request, obj=None):
        # Making a record private or public is a curator's decision, as for items.
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if can_publish(request.user) else [*readonly, "is_public"]
