"""Content negotiation: an unknown `?format=` is a 400 naming the parameter, not DRF's bare 404."""

from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class FormatParamNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            formats = sorted({r.format for r in renderers})
            raise ValidationError(
                {
                    self.settings.URL_FORMAT_OVERRIDE: [
                        f"Unknown format; use one of {', '.join(formats)}."
                    ]
                }
            ) from None
