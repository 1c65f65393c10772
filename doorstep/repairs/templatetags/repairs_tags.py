"""The open-repairs panel on the home, block and estate pages, one query for the repairs:

{% load repairs_tags %}
{% repairs_panel home=home %}        (a home's repairs)
{% repairs_panel block=page.block %} (a block's communal repairs)
{% repairs_panel estate=page.estate %} (an estate's communal repairs, and its blocks')
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone

from doorstep.repairs import selectors, targets
from doorstep.repairs.permissions import can_raise_for, may_raise_repairs

register = template.Library()


@register.inclusion_tag("repairs/partials/place_panel.html", takes_context=True)
def repairs_panel(
    context: template.Context, home: Any = None, block: Any = None, estate: Any = None
) -> dict[str, Any]:
    user = context["request"].user
    now = timezone.now()
    repairs = selectors.open_repairs_at(home=home, block=block, estate=estate)
    for repair in repairs:
        repair.overdue = targets.is_overdue(  # type: ignore[attr-defined]
            target_at=repair.target_at, is_open=True, now=now
        )
    if home is not None:
        query, communal = f"home={home.pk}", False
    elif block is not None:
        query, communal = f"block={block.pk}", True
    else:
        query, communal = f"estate={estate.pk}", True
    return {
        "repairs": repairs,
        "communal": communal,
        "raise_url": f"{reverse('repairs:repair_create')}?{query}",
        "can_raise": can_raise_for(user, home=home, block=block, estate=estate),
    }


@register.filter
def raises_repairs(user: Any) -> bool:
    """Whether to offer "Raise a repair" (e.g. beside a contact): roles that raise repairs
    somewhere; the form itself checks the place."""
    return may_raise_repairs(user)
