from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Any, per_page: int | None = None) -> dict[str, Any]:
    """Page `items` by ?page=N; returns template context (page_obj, querystring_without_page)."""
    paginator = Paginator(items, per_page or settings.DOORSTEP_PAGE_SIZE)
    page: Page[Any] = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return {
        "page_obj": page,
        "querystring_without_page": f"{encoded}&" if encoded else "",
    }


@dataclass
class SeekPage:
    """One page of a list ordered newest first by (`field`, id), with the same interface as
    Django's `Page` for the templates, and Previous/Next links that carry a cursor (the last
    or first row's key) so that any page costs what page 1 costs."""

    object_list: list[Any]
    number: int
    count: int
    per_page: int
    previous_query: str = ""
    next_query: str = ""

    @property
    def paginator(self) -> SeekPage:  # templates read page_obj.paginator.count/num_pages
        return self

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def _cursor(value: str | None) -> tuple[dt.date, int] | None:
    """`YYYY-MM-DD.ID` as (date, id); None when missing or malformed."""
    day, _, pk = (value or "").partition(".")
    try:
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def seek_paginate(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    field: str,
    keys: QuerySet[Any] | None = None,
    per_page: int | None = None,
) -> dict[str, Any]:
    """Page `queryset` (ordered by `-field, -id`, `field` a date) by ?page=N, as `paginate`.

    Previous and Next carry ?before= or ?after= the first or last row's `date.id`: the page
    is then a seek on the index (`field <= d AND (field < d OR id < i)`) instead of an OFFSET
    that reads and throws away every earlier row. A page asked for by number alone (a typed or
    bookmarked URL) finds its rows' ids with a narrow OFFSET query, then loads just those rows
    with their annotations (a deferred join). Ties on `field` are ordered by id, so no row is
    skipped or repeated. A malformed cursor or page number falls back to the page by number.

    `keys`, if given, is the same rows without the costly columns (the count and the ids of
    a page by number are read from it, ideally from an index alone).
    """
    keys = queryset if keys is None else keys
    size = per_page or settings.DOORSTEP_PAGE_SIZE
    count = keys.count()
    pages = max(1, math.ceil(count / size))
    number = min(_page_number(request.GET.get("page")), pages)
    after = _cursor(request.GET.get("after"))
    before = _cursor(request.GET.get("before"))
    rows: list[Any] = []
    if after is not None and number > 1:
        day, pk = after
        rows = list(
            queryset.filter(**{f"{field}__lte": day}).filter(
                Q(**{f"{field}__lt": day}) | Q(pk__lt=pk)
            )[:size]
        )
    elif before is not None and number < pages:
        day, pk = before
        rows = list(
            queryset.filter(**{f"{field}__gte": day})
            .filter(Q(**{f"{field}__gt": day}) | Q(pk__gt=pk))
            .order_by(field, "pk")[:size]
        )[::-1]
    if not rows:
        start = (number - 1) * size
        if start == 0:
            rows = list(queryset[:size])
        else:
            ids = list(keys.values_list("pk", flat=True)[start : start + size])
            by_id = {row.pk: row for row in queryset.filter(pk__in=ids)}
            rows = [by_id[pk] for pk in ids if pk in by_id]
    params = request.GET.copy()
    for name in ("page", "after", "before"):
        params.pop(name, None)
    base = params.urlencode()
    base = f"{base}&" if base else ""
    page = SeekPage(object_list=rows, number=number, count=count, per_page=size)
    if rows and page.has_next():
        last = rows[-1]
        page.next_query = (
            f"{base}after={getattr(last, field).isoformat()}.{last.pk}&page={number + 1}"
        )
    if rows and page.has_previous():
        first = rows[0]
        page.previous_query = (
            f"{base}page=1"
            if number == 2
            else f"{base}before={getattr(first, field).isoformat()}.{first.pk}&page={number - 1}"
        )
    return {"page_obj": page, "querystring_without_page": base}
