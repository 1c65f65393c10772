"""Request types and form answers for views. LoginRequiredMiddleware guarantees a signed-in
user, so views annotate `request: AuthedHttpRequest` and get `request.user` typed as a staff
`User`. `service_form` is the one way a view shows a form that calls a service, as a page or
in the htmx modal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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


def service_form[T](
    request: AuthedHttpRequest,
    *,
    form: forms.Form,
    save: Callable[[dict[str, Any]], T],
    message: str | Callable[[T], str],
    redirect_to: str | Callable[[T], str],
    follow: bool = False,
    page: str,
    partial: str | None = None,
    title: str | None = None,
    context: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
    saved_as: SavedAs | None = None,
) -> HttpResponse:
    """A form whose valid POST calls a service: a page of its own (`page`) or, given the
    `partial` that page includes, the body of the base template's modal when htmx asks.

    On a valid POST, `save(form.cleaned_data)` calls the service. When it returns, the
    officer sees `message` at `redirect_to` (either may be worked out from what `save`
    returned): in the modal through `modal_done` (`follow`: go there rather than reload), on
    a page by a redirect. When someone saved the record since the form was opened
    (`EditConflict`), nothing is saved and both versions are shown (`saved_as`: the record's
    name for a field named otherwise); a service's `ValidationError` goes on the form by field.
    Otherwise the form is shown with `title` and `context` (a function when it reads what a
    failed save may have changed, or costs queries a success need not make)."""
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict, saved_as=saved_as)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            text = message(result) if callable(message) else message
            to = redirect_to(result) if callable(redirect_to) else redirect_to
            if partial is None:
                messages.success(request, text)
                return redirect(to)
            return modal_done(request, message=text, redirect_to=to, follow=follow)
    shown: dict[str, Any] = {"form": form, "conflict_rows": conflict_rows}
    if title is not None:
        shown["title"] = title
    modal = partial is not None and bool(request.htmx)
    if partial is not None:
        shown.update(modal=modal, partial=partial)
    shown.update((context() if callable(context) else context) or {})
    return render(request, partial if modal and partial else page, shown)
