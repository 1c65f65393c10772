from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from doorstep.core.navigation import bar_items_for
from doorstep.core.permissions import can_take_calls


def doorstep(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {"doorstep_name": settings.DOORSTEP_NAME}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # The bar: everyday areas, then "More" (the index of every other area).
        context["nav_items"] = bar_items_for(user=user, path=request.path)
        context["can_take_calls"] = can_take_calls(user)
        context["profile_url"] = reverse("accounts:profile")
    return context
