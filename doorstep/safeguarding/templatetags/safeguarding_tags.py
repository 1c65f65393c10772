"""`{% safeguarding_flag person %}`: the person's safeguarding flag, for the roles that may read
it (see permissions.can_read_safeguarding); nothing at all for anyone else."""

from __future__ import annotations

from typing import Any

from django import template

from doorstep.safeguarding.selectors import person_flag

register = template.Library()


@register.inclusion_tag("safeguarding/partials/person_flag.html", takes_context=True)
def safeguarding_flag(context: template.Context, person: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    flag = person_flag(user=user, person=person) if user is not None else None
    return {"flag": flag, "person": person}
