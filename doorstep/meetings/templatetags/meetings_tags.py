"""The meetings panel on a person's page: meetings about them that the viewer may see."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from doorstep.meetings.permissions import can_arrange_meeting
from doorstep.meetings.selectors import meetings_for_person

register = template.Library()


@register.simple_tag(takes_context=True)
def person_meetings(context: Any, person: Any) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None)
    return SafeString(
        render_to_string(
            "meetings/partials/person_panel.html",
            {
                "person": person,
                "meetings": meetings_for_person(user=user, person=person),
                "can_arrange": can_arrange_meeting(user),
            },
            request=request,
        )
    )
