"""ASB Case Review (Community Trigger) warnings for the person and place pages, one query each:

    {% load asb_tags %}
    {% asb_person_warning person %}
    {% asb_place_warning block_id=home.block_id estate_id=home.estate_id %}  (a home's place)
    {% asb_place_warning block_id=block.pk %}
    {% asb_place_warning estate_id=estate.pk %}  (the estate's homes in no block)

A home's place is its block, or its estate when it has no block (DOMAIN.md §6), so pass both
ids for a home: the block wins when there is one.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from doorstep.asb import selectors

register = template.Library()


@register.inclusion_tag("asb/partials/trigger_warning.html")
def asb_person_warning(person: Any) -> dict[str, Any]:
    return {"message": selectors.person_warning(person=person, on=timezone.localdate())}


@register.inclusion_tag("asb/partials/trigger_warning.html")
def asb_place_warning(block_id: int | None = None, estate_id: int | None = None) -> dict[str, Any]:
    message = selectors.place_warning(
        on=timezone.localdate(), block_id=block_id or None, estate_id=estate_id or None
    )
    return {"message": message}
