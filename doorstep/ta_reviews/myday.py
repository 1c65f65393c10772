"""My day: TA placement reviews due for the home's patch officer (registered in apps.py).
Three queries whatever the number of placements."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from doorstep.core.working_days import end_of_day
from doorstep.myday.registry import MyDayItem
from doorstep.people.arrangements import arrangements_with_codes
from doorstep.ta_reviews import selectors


def ta_reviews_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    items = []
    for row in selectors.reviews_due_for(user=user, today=today):
        who = ", ".join(p.full_name for p in row.tenants) or row.tenancy.home.short_address
        last = (
            f"last review {row.last_reviewed_on:%d %b %Y}"
            if row.last_reviewed_on
            else "no review yet"
        )
        items.append(
            MyDayItem(
                kind="ta_review",
                kind_label="TA review",
                title=f"Temporary accommodation review: {who}",
                due_at=end_of_day(row.next_due),
                url=reverse("ta_reviews:review_create", args=[row.tenancy.reference]),
                overdue=row.next_due < today,
                detail=f"Placement {row.tenancy.reference} · {row.tenancy.home.short_address} "
                f"· {last}",
                arrangements=list(
                    dict.fromkeys(
                        a
                        for m in row.tenancy.tenant_members  # type: ignore[attr-defined]
                        for a in arrangements_with_codes(m.person, m.person_flag_codes)
                    )
                ),
            )
        )
    return items


def ta_reviews_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `ta_reviews_due` lists (My day skips it when there is none)."""
    return selectors.reviews_due_query(user=user, today=today)
