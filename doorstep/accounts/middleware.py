"""Sends a signed-in user who still owes a second factor to the code page (or to set-up)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from doorstep.accounts import two_factor

# Reachable before the second factor: the two-factor pages, signing out, health checks,
# static files and the public pages.
ALLOWED_PREFIXES = (
    "/accounts/two-factor/",
    "/accounts/sign-out/",
    "/accounts/sign-in/",
    "/static/",
    "/healthz",
    "/readyz",
    "/core/accessibility/",
    "/favicon.ico",
)


SESSION_KEY = "two_factor_state"
HAS, REQUIRED, NOT_NEEDED = "has", "required", "not-needed"


def _state(request: HttpRequest, user: Any) -> str:
    """Whether the user has an app, must set one up, or needs neither — worked out once per
    session (not a query on every page); the set-up and turn-off pages reset it."""
    state = request.session.get(SESSION_KEY)
    if state not in (HAS, REQUIRED, NOT_NEEDED):
        if two_factor.has_two_factor(user):
            state = HAS
        elif two_factor.required_for(user):
            state = REQUIRED
        else:
            state = NOT_NEEDED
        request.session[SESSION_KEY] = state
    return state


def remember_state(
    sender: object, request: HttpRequest | None, user: object, **kwargs: object
) -> None:
    """user_logged_in: work the state out while signing in, so pages never query for it."""
    if request is not None and hasattr(request, "session"):
        forget_state(request)
        _state(request, user)


def forget_state(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


class TwoFactorMiddleware:
    """After AuthenticationMiddleware and django_otp's OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(ALLOWED_PREFIXES)
        ):
            state = _state(request, user)
            if state == HAS:
                target = reverse("accounts:two_factor_verify")
            elif state == REQUIRED:
                target = reverse("accounts:two_factor_setup")
            else:
                return self.get_response(request)
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Sign in with your two-factor code first."}, status=403
                )
            query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
            return redirect(f"{target}?{query}" if query else target)
        return self.get_response(request)
