"""Template filters for contacts pages: dialable phone numbers and special arrangements."""

from __future__ import annotations

from typing import Any

from django import template

from doorstep.core.validators import format_phone
from doorstep.people.arrangements import Arrangement, arrangements_for

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """+441214960000 -> 0121 496 0000."""
    return format_phone(value)


@register.filter
def arrangements(person: Any) -> list[Arrangement]:
    """Special arrangements of a person whose current flags are prefetched (no query)."""
    return arrangements_for(person) if person is not None else []
