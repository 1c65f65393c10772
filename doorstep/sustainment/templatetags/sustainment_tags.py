"""The support panel on a person's page: their referrals, and a button to make one."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from doorstep.sustainment.permissions import can_work_support
from doorstep.sustainment.selectors import referrals_for_person

register = template.Library()


@register.simple_tag(takes_context=True)
def person_support(context: Any, person: Any) -> SafeString:
    """Two queries: the referrals with job counts, and the permission check."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return SafeString(
        render_to_string(
            "sustainment/partials/person_panel.html",
            {
                "person": person,
                "referrals": referrals_for_person(person=person),
                "can_work": can_work_support(user, person),
            },
            request=request,
        )
    )
