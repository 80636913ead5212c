"""History carried over from an earlier instance that the catalogue and archive tables cannot hold."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EarlierDerivation(models.Model):
    """A derivative creation recorded in an imported bag.

    The derivatives themselves are remade here after an import, at a new time; the bag's event is
    the true first creation from those bytes, so later exports write it instead of the remake's.
    """

    sha256 = models.CharField(_("SHA-256 of the original"), max_length=64)
    kind = models.CharField(_("kind"), max_length=16)
    happened = models.DateTimeField(_("created"))
    outcome = models.CharField(_("outcome"), max_length=16)

    class Meta:
        verbose_name = _("earlier derivative creation")
        verbose_name_plural = _("earlier derivative creations")
        constraints = [
            models.UniqueConstraint(fields=["sha256", "kind"], name="one_earlier_derivation")
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.sha256[:12]} at {self.happened:%Y-%m-%d %H:%M}"
