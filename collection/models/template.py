"""Description templates: per kind of item, the Dublin Core elements a cataloguer is expected to fill."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..dublin_core import PROPERTY_CHOICES
from .item import Item


class DescriptionTemplate(models.Model):
    """The expected elements of one kind, in the order the item editor shows them first."""

    kind = models.CharField(_("kind"), max_length=32, choices=Item.Kind.choices, unique=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Guidance shown to cataloguers above the values.")
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("description template")
        verbose_name_plural = _("description templates")

    def __str__(self) -> str:
        return str(self.get_kind_display())


class TemplateElement(models.Model):
    """One expected element of a template: where it comes, and whether it must or should be filled."""

    class Requirement(models.TextChoices):
        REQUIRED = "required", _("required: saving is refused while it is empty")
        RECOMMENDED = "recommended", _("recommended: a warning when it is empty")
        OPTIONAL = "optional", _("optional: shown first, ready to fill")

    template = models.ForeignKey(
        DescriptionTemplate, on_delete=models.CASCADE, related_name="elements"
    )
    term = models.CharField(_("element"), max_length=40, choices=PROPERTY_CHOICES)
    position = models.PositiveIntegerField(_("position"), default=0)
    requirement = models.CharField(
        _("requirement"),
        max_length=16,
        choices=Requirement.choices,
        default=Requirement.RECOMMENDED,
    )

    class Meta:
        ordering = ["template", "position", "id"]
        verbose_name = _("expected element")
        verbose_name_plural = _("expected elements")
        constraints = [
            models.UniqueConstraint(fields=["template", "term"], name="template_element_once")
        ]

    def __str__(self) -> str:
        return f"{self.template}: {self.term} ({self.requirement})"
