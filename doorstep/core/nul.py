"""No NUL character reaches the database from a request.

A NUL (\\x00) is never meant: it is a broken client or an attack. PostgreSQL refuses it even in
a lookup (`DataError`), so a search, filter or hidden field carrying one would be a 500. Form
fields already refuse it on the field; this catches every other way in (query strings, hidden
references read by views) before the view runs, with a 400 that names the field. The API's
JSON bodies are checked by `doorstep.api.resources.InputSerializer`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
MESSAGE = "Remove the NUL character (\\x00) from “{}”: it cannot be stored."


def field_with_nul(request: HttpRequest) -> str | None:
    """The name of the first query or form field whose name or value holds a NUL."""
    sources = [request.GET]
    if request.method == "POST" and request.content_type in FORM_TYPES:
        sources.append(request.POST)
    for source in sources:
        for name, values in source.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return name.replace("\x00", "\ufffd")
    return None


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        name = field_with_nul(request)
        if name is None:
            return None
        message = MESSAGE.format(name)
        if request.path.startswith("/api/"):
            return JsonResponse({name: [message]}, status=400)
        return render(request, "core/nul_refused.html", {"message": message}, status=400)
