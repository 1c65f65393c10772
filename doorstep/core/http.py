"""Request types for views. LoginRequiredMiddleware guarantees a signed-in user, so views
annotate `request: AuthedHttpRequest` and get `request.user` typed as a staff `User`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from doorstep.core.concurrency import ConflictRow, EditConflict, SavedAs, show_conflict
from doorstep.core.forms import add_service_errors

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from doorstep.accounts.models import User


class AuthedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


def safe_next_url(request: HttpRequest, default: str) -> str:
    """The `next` address from the form or query string when it stays on this site, else
    `default` — never an open redirect."""
    from django.utils.http import url_has_allowed_host_and_scheme

    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def modal_done(
    request: HttpRequest, *, message: str, redirect_to: str, follow: bool = False
) -> HttpResponse:
    """A form succeeded. In the htmx modal: close it and reload the page underneath (or, with
    `follow`, go to `redirect_to`), which shows `message`. As a full page: redirect."""
    from django.contrib import messages
    from django.shortcuts import redirect

    messages.success(request, message)
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Trigger"] = "ds-modal-close"
        if follow:
            response["HX-Redirect"] = redirect_to
        else:
            response["HX-Refresh"] = "true"
        return response
    return redirect(redirect_to)


def modal_form[T](
    request: AuthedHttpRequest,
    *,
    form: forms.Form,
    save: Callable[[dict[str, Any]], T],
    message: str | Callable[[T], str],
    redirect_to: str | Callable[[T], str],
    follow: bool = False,
    page: str,
    partial: str,
    title: str,
    context: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
    saved_as: SavedAs | None = None,
) -> HttpResponse:
    """A form that opens in the base template's modal (htmx) or as a page of its own.

    On a valid POST, `save(form.cleaned_data)` calls the service. When it returns, `modal_done`
    with `message` and `redirect_to` (either may be worked out from what `save` returned).
    When someone saved the record since the form was opened (`EditConflict`), nothing is saved
    and both versions are shown (`saved_as`: the record's name for a field named otherwise); a
    service's `ValidationError` goes on the form by field. Otherwise the form is rendered:
    `partial` alone for htmx, else `page`, which includes it, with `context` (a function when
    it reads what a failed save may have changed, or costs queries a success need not make)."""
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict, saved_as=saved_as)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return modal_done(
                request,
                message=message(result) if callable(message) else message,
                redirect_to=redirect_to(result) if callable(redirect_to) else redirect_to,
                follow=follow,
            )
    shown = {
        "title": title,
        "modal": bool(request.htmx),
        "partial": partial,
        "form": form,
        "conflict_rows": conflict_rows,
        **((context() if callable(context) else context) or {}),
    }
    return render(request, partial if request.htmx else page, shown)
