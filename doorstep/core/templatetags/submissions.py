"""`{% submission_key %}`: the one-time key that makes a double submit create one record."""

from django import template
from django.utils.safestring import SafeString

from doorstep.core.submissions import submission_key_input

register = template.Library()


@register.simple_tag
def submission_key() -> SafeString:
    return submission_key_input()  # type: ignore[return-value]
