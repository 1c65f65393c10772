"""My day providers for tenancy sustainment (registered in apps.py): partner jobs booked for
today on referrals the user looks after, and re-offered jobs whose call-back is done but which
have no new slot yet. The re-offer call-backs themselves are on My day as call-backs.
Each provider is a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from doorstep.core.working_days import LONDON, end_of_day
from doorstep.myday.registry import MyDayItem
from doorstep.people.arrangements import arrangements_for
from doorstep.sustainment import selectors


def jobs_today(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    items = []
    for job in selectors.jobs_today(user=user, today=today):
        person = job.referral.person
        ends = dt.datetime.combine(job.date, job.end_time, tzinfo=LONDON)
        items.append(
            MyDayItem(
                kind="partner_job",
                kind_label="Partner job",
                title=(
                    f"{job.referral.what} with {job.agency.name}, "
                    f"{job.start_time:%H:%M} to {job.end_time:%H:%M}: {person.full_name}"
                ),
                due_at=job.starts_at(),
                url=job.get_absolute_url(),
                overdue=False,
                detail=(
                    f"{job.referral.reference}. Record the outcome after {ends:%H:%M}."
                    if job.sheet_sent_at
                    else f"{job.referral.reference}. The job sheet has not been sent."
                ),
                arrangements=arrangements_for(person),
            )
        )
    return items


def jobs_to_book(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    return [
        MyDayItem(
            kind="partner_job_rebook",
            kind_label="Re-offered job",
            title=f"Book the agreed slot: {job.referral.what} with {job.agency.name}",
            due_at=end_of_day(today),
            url=reverse("sustainment:job_rebook", args=[job.pk]),
            overdue=False,
            detail=(
                f"{job.referral.reference}. Call-back done: "
                f"{job.reoffer_callback.outcome or 'no outcome noted'}"
                if job.reoffer_callback
                else job.referral.reference
            ),
        )
        for job in selectors.jobs_to_book(user=user)
    ]


def jobs_today_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `jobs_today` lists (My day skips it when there is none)."""
    return selectors.jobs_today(user=user, today=today)


def jobs_to_book_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `jobs_to_book` lists (My day skips it when there is none)."""
    return selectors.jobs_to_book(user=user)
