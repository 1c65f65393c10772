from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
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
