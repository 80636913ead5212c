"""Keyset cursor pagination on (modified, id): harvesters never miss or repeat a record mid-harvest.

DRF's CursorPagination keys on one field plus an offset among equal values, which can skip rows
when several records share a `modified` time and one of them changes; a cursor carrying both
fields of a unique ordering cannot.
"""

import base64
import binascii
import datetime as dt

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class ModifiedCursorPagination(BasePagination):
    page_size = 50  # default number of records per page
    max_page_size = 100  # larger requested sizes are capped to this
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    ordering = ("modified", "id")  # unique and stable: a record that changes moves to the end

    def paginate_queryset(self, queryset, request, view=None) -> list:
        self.request = request
        size = self.get_page_size(request)
        position = self.decode_cursor(request)
        if position is not None:
            modified, pk = position
            queryset = queryset.filter(Q(modified__gt=modified) | Q(modified=modified, pk__gt=pk))
        rows = list(queryset.order_by(*self.ordering)[: size + 1])
        self.has_next = len(rows) > size  # the one extra row only says whether more follow
        rows = rows[:size]
        self.last = rows[-1] if rows else None
        return rows

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError({self.page_size_query_param: ["Must be a whole number ≥ 1."]})
        return min(int(raw), self.max_page_size)

    def decode_cursor(self, request) -> tuple[dt.datetime, int] | None:
        raw = request.query_params.get(self.cursor_query_param)
        if raw is None:
            return None
        try:
            text = base64.urlsafe_b64decode(raw.encode("ascii") + b"==").decode("ascii")
            stamp, pk = text.rsplit("|", 1)
            modified = parse_datetime(stamp)
            if modified is None or modified.tzinfo is None:
                raise ValueError(stamp)
            return modified, int(pk)
        except (ValueError, UnicodeError, binascii.Error):
            raise ValidationError(
                {self.cursor_query_param: ["Invalid cursor: use the `next` link as given."]}
            ) from None

    def encode_cursor(self, row) -> str:
        stamp = row.modified.astimezone(dt.UTC).isoformat()
        return base64.urlsafe_b64encode(f"{stamp}|{row.pk}".encode()).decode().rstrip("=")

    def get_next_link(self) -> str | None:
        if not self.has_next or self.last is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, self.encode_cursor(self.last))

    def get_paginated_response(self, data) -> Response:
        response = Response({"next": self.get_next_link(), "results": data})
        self.add_link_header(response)
        return response

    def add_link_header(self, response) -> None:
        """RFC 8288 Link: the next page for every format, including BibTeX and RIS."""
        link = self.get_next_link()
        if link:
            response["Link"] = f'<{link}>; rel="next"'

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "Opaque position from the previous page's `next` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": f"Records per page (default {self.page_size}, at most "
                f"{self.max_page_size}).",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]
