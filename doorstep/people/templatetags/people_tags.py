from __future__ import annotations

from django import template

from doorstep.core.validators import format_phone

register = template.Library()


@register.filter(name="phone")
def phone(value: str) -> str:
    """E.164 as an officer dials it: +441214960000 -> 0121 496 0000."""
    return format_phone(value or "")
