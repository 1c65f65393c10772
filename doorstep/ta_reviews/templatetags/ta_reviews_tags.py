"""`{% ta_review_panel tenancy %}`: the reviews of a temporary accommodation placement on the
tenancy page (dates, method and next review; the details are on the placement's reviews page).
Nothing for other tenancies."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from doorstep.ta_reviews.selectors import review_panel

register = template.Library()


@register.inclusion_tag("ta_reviews/partials/panel.html", takes_context=True)
def ta_review_panel(context: template.Context, tenancy: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    panel = review_panel(user=user, tenancy=tenancy, today=today)
    return {"panel": panel, "tenancy": tenancy, "today": today}
