"""Request types for views. LoginRequiredMiddleware guarantees a signed-in user, so views
annotate `request: AuthedHttpRequest` and get `request.user` typed as a staff `User`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from doorstep.accounts.models import User


class AuthedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
