"""Keyset cursor pagination on (modified, id): harvesters never miss or repeat a record mid-harvest.

DRF's CursorPagination keys on one field plus an offset among equal values, which can skip rows
when several records share a `modified` time and one of them changes; a cursor carrying both
fields of a unique ordering cannot. The page itself is api.keyset's, shared with OAI-PMH: a
row-value seek in the `modified` index, so a late page costs what the first one does.
"""

import base64
import binascii
import datetime as dt

from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from .. import keyset

# The largest id a 64-bit integer column holds, on SQLite and PostgreSQL (bigint) alike.
MAX_ID = 2**63 - 1


class ModifiedCursorPagination(BasePagination):
    page_size = 50  # default number of records per page
    max_page_size = 100  # larger requested sizes are capped to this
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    ordering = ("modified", "id")  # unique and stable: a record that changes moves to the end

    def paginate_queryset(self, queryset, request, view=None) -> list:
        self.request = request
        page = keyset.page(
            queryset, self.ordering, self.decode_cursor(request), self.get_page_size(request)
        )
        self.next_position = page.next
        return page.rows

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
            modified, pk = modified.astimezone(dt.UTC), int(pk)  # UTC: what the database holds
            if not 0 <= pk <= MAX_ID:
                raise ValueError(pk)  # the database would refuse it with an error, not a page
            return modified, pk
        except (ValueError, OverflowError, UnicodeError, binascii.Error):
            raise ValidationError(
                {self.cursor_query_param: ["Invalid cursor: use the `next` link as given."]}
            ) from None

    def encode_cursor(self, position: tuple[dt.datetime, int]) -> str:
        modified, pk = position
        stamp = modified.astimezone(dt.UTC).isoformat()
        return base64.urlsafe_b64encode(f"{stamp}|{pk}".encode()).decode().rstrip("=")

    def get_next_link(self) -> str | None:
        if self.next_position is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(
            url, self.cursor_query_param, self.encode_cursor(self.next_position)
        )

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
