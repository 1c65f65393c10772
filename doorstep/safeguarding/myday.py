"""My day: safeguarding referrals the user made and has not yet sent (one query).

The same-day clock: each is due by the end of the day the concern was recorded, and stays on
the maker's My day, overdue, until marked as sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from doorstep.myday.registry import MyDayItem
from doorstep.safeguarding.selectors import referrals_to_send


def referrals_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    back = f"?next={reverse('myday:my_day')}"
    return [
        MyDayItem(
            kind="safeguarding_referral",
            kind_label="Safeguarding referral",
            # The reference and agency only: My day is seen over shoulders.
            title=f"Send safeguarding referral {referral.reference} to {referral.agency.name}",
            due_at=referral.due_at,
            url=referral.get_absolute_url(),
            overdue=referral.is_overdue(now),
            detail="Due by the end of the day the concern was recorded.",
            action_url=reverse("safeguarding:referral_mark_sent", args=[referral.reference]) + back,
            action_label="Mark as sent",
        )
        for referral in referrals_to_send(user=user)
    ]


def referrals_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `referrals_due` lists (My day skips it when there is none)."""
    return referrals_to_send(user=user)
