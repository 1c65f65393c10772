"""My day: vulnerability flags due for review on the officer's patches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from doorstep.core.url_templates import UrlTemplate
from doorstep.core.working_days import end_of_day
from doorstep.myday.registry import MyDayItem
from doorstep.people.arrangements import arrangements_with_codes
from doorstep.people.selectors import flag_reviews_due as flags_due

PERSON_URL = UrlTemplate("people:person_detail")
FLAG_REVIEWED_URL = UrlTemplate("people:flag_reviewed", 2)


def flag_reviews_due(*, user: Any, today: dt.date, now: dt.datetime) -> Iterator[MyDayItem]:
    """One item per open flag whose review date has come; overdue once the day has passed.

    Two queries whatever the number of flags (patches, flags with people and their codes).
    """
    for flag in flags_due(user=user, today=today):
        person = flag.person
        review_date = flag.review_date
        assert review_date is not None  # filtered on review_date <= today
        yield MyDayItem(
            kind="flag_review",
            kind_label="Flag review",
            title=f"Review {flag.get_code_display().lower()} flag: {person.full_name}",
            due_at=end_of_day(review_date),
            url=PERSON_URL(person.reference),
            overdue=review_date < today,
            detail=f"{person.reference} · review date {review_date.day} {review_date:%b %Y}",
            action_url=FLAG_REVIEWED_URL(person.reference, flag.pk),
            action_label="Reviewed, no change",
            arrangements=arrangements_with_codes(person, flag.person_flag_codes),  # type: ignore[attr-defined]
        )


def flag_reviews_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `flag_reviews_due` lists (My day skips it when there is none)."""
    return flags_due(user=user, today=today)
