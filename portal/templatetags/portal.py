"""Template helpers of the portal: query-string links, language names, labels, absolute URLs."""

import datetime

from django import template
from django.conf import settings
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from collection import labels

from ..labels import TERM_LABELS

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with parameters set (value None removes one); page resets."""
    params: QueryDict = context["request"].GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    return "?" + params.urlencode()


@register.filter
def language_label(code: str) -> str:
    return labels.language_name(code)


@register.filter
def term_label(term: str) -> str:
    return str(TERM_LABELS.get(term, term))


@register.filter
def dcmi_type_label(name: str) -> str:
    return labels.dcmi_type_label(name)


@register.simple_tag
def absolute(path: str) -> str:
    """An absolute URL on SITE_URL (canonical links, Open Graph, sitemaps)."""
    if not path or path.startswith(("http://", "https://")):
        return path or ""
    return settings.SITE_URL + path


@register.simple_tag
def localized_name(authority, language_code: str) -> dict:
    """The authority's name in the interface language when it has one, else the preferred name."""
    wanted = (language_code or "").split("-")[0]
    if authority.language.split("-")[0] == wanted:
        return {"name": authority.preferred_name, "language": authority.language}
    for variant in authority.names.all():
        if variant.language.split("-")[0] == wanted:
            return {"name": variant.name, "language": variant.language}
    return {"name": authority.preferred_name, "language": authority.language}


@register.filter
def readable_dates(obj) -> str:
    """EDTF bounds as a reader says them: 12 July 1942, June 1942, 1943, 4 – 11 February 1945."""
    lower, upper = getattr(obj, "date_lower", None), getattr(obj, "date_upper", None)
    if lower is None:
        return getattr(obj, "dates", "") or ""
    upper = upper or lower
    text = getattr(obj, "dates", "") or ""
    prefix = _("about") + " " if ("~" in text or "?" in text or "%" in text) else ""
    if lower == upper:
        shown = date_format(lower, "j F Y")
    elif (lower.month, lower.day, upper.month, upper.day) == (1, 1, 12, 31):
        shown = str(lower.year) if lower.year == upper.year else f"{lower.year}–{upper.year}"
    elif (
        lower.day == 1
        and (lower.year, lower.month) == (upper.year, upper.month)
        and (upper + datetime.timedelta(days=1)).day == 1
    ):
        shown = date_format(lower, "F Y")
    else:
        shown = f"{date_format(lower, 'j F Y')} – {date_format(upper, 'j F Y')}"
    return prefix + shown
