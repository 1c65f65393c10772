"""Request types for views. LoginRequiredMiddleware guarantees a signed-in user, so views
annotate `request: AuthedHttpRequest` and get `request.user` typed as a staff `User`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse

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
