"""Description templates in the admin: curators set each kind's expected elements and their order."""

from django.contrib import admin

from ..models import DescriptionTemplate, TemplateElement


class TemplateElementInline(admin.TabularInline):
    model = TemplateElement
    fields = ("position", "term", "requirement")
    ordering = ("position", "id")
    extra = 3


@admin.register(DescriptionTemplate)
class DescriptionTemplateAdmin(admin.ModelAdmin):
    list_display = ("kind", "elements_summary")
    fields = ("kind", "note")
    inlines = [TemplateElementInline]

    @admin.display(description="expected elements")
    def elements_summary(self, obj: DescriptionTemplate) -> str:
        marks = {"required": "*", "recommended": "+", "optional": ""}
        return ", ".join(f"{e.term}{marks[e.requirement]}" for e in obj.elements.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("elements")
