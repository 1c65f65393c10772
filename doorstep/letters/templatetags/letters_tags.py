"""Letter and sign buttons for the person, estate and block pages (one query at most):

{% load letters_tags %}
{% letters_person_actions person can_edit=page.can_edit %}
{% letters_place_actions estate=page.estate block=page.block %}
"""

from __future__ import annotations

from typing import Any

from django import template

from doorstep.letters.permissions import can_send_to_person, can_send_to_place, can_use_letters

register = template.Library()


@register.inclusion_tag("letters/partials/person_actions.html", takes_context=True)
def letters_person_actions(
    context: dict[str, Any], person: Any, can_edit: bool | None = None
) -> dict[str, Any]:
    """`can_edit`: whether the user may change the person, when the page already knows (it is
    the patch rule letters use), saving the query."""
    user = context["request"].user
    if can_edit is None:
        may_send = can_send_to_person(user, person)
    else:
        may_send = can_edit and can_use_letters(user)
    return {"person": person, "may_send": may_send}


@register.inclusion_tag("letters/partials/place_actions.html", takes_context=True)
def letters_place_actions(
    context: dict[str, Any], estate: Any, block: Any = None
) -> dict[str, Any]:
    user = context["request"].user
    return {
        "estate": estate,
        "block": block,
        "may_send": can_send_to_place(user, estate),
        "may_print_sign": can_use_letters(user),
    }
