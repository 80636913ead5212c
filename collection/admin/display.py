"""List columns of user-supplied text, isolated so bidirectional text cannot reorder a row."""

from collections.abc import Callable

from django.contrib import admin
from django.utils.html import format_html


def isolated(field: str, description: str, ordering: str | None = None) -> Callable:
    """A list_display column showing `field` inside <bdi>.

    A title with a right-to-left override (U+202E) or in Arabic script then stays inside its
    own cell instead of reordering the identifier, dates and links around it.
    """

    @admin.display(description=description, ordering=ordering or field)
    def column(obj) -> str:
        value = getattr(obj, field)
        return format_html("<bdi>{}</bdi>", "" if value is None else value)

    column.__name__ = field  # the column's CSS class stays "column-<field>"
    return column
