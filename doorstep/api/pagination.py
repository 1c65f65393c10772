"""Cursor pagination on a stable, unique key (docs/api.md, "Pagination").

Every list is ordered by the record's id, so a page boundary never moves when rows are added
or changed while a client pages through: follow `next` until it is null.
"""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.pagination import CursorPagination

BAD_CURSOR = "This cursor is not valid: use the `next` or `previous` address of a page."


class IdCursorPagination(CursorPagination):
    ordering = "id"
    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_cursor_message = BAD_CURSOR

    def decode_cursor(self, request: Any) -> Any:
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound as exc:
            # A bad cursor is bad input naming a parameter (400), not a missing page (404).
            raise exceptions.ValidationError({self.cursor_query_param: [BAD_CURSOR]}) from exc
        if (
            cursor is not None
            and cursor.position is not None
            and not str(cursor.position).isdigit()
        ):
            # Positions are ids: anything else is a cursor this API never handed out.
            raise exceptions.ValidationError({self.cursor_query_param: [BAD_CURSOR]})
        return cursor
