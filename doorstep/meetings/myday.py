"""My day providers for meetings (registered in apps.py): action-plan actions the user owns,
and, for a chair, agency-owned actions that are overdue and need chasing. One query each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from doorstep.core.working_days import end_of_day
from doorstep.meetings import selectors
from doorstep.myday.registry import MyDayItem


def actions_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    back = f"?next={reverse('myday:my_day')}"
    return [
        MyDayItem(
            kind="meeting_action",
            kind_label="Meeting action",
            title=action.title,
            due_at=end_of_day(action.due_on),
            url=action.meeting.get_absolute_url(),
            overdue=action.due_on < today,
            detail=f"From {action.meeting.title} on {action.meeting.starts_at:%d %b %Y}",
            action_url=reverse("meetings:action_done", args=[action.meeting_id, action.pk]) + back,
            action_label="Mark as done",
        )
        for action in selectors.actions_due(user=user, today=today)
    ]


def agency_actions_to_chase(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    items = []
    for action in selectors.agency_actions_overdue(user=user, today=today):
        contact = action.agency_contact
        assert contact is not None
        how = contact.email or contact.phone or contact.agency.secure_email
        items.append(
            MyDayItem(
                kind="meeting_agency_action",
                kind_label="Chase an agency",
                title=f"Chase {contact.name} ({contact.agency.name}): {action.title}",
                due_at=end_of_day(action.due_on),
                url=action.meeting.get_absolute_url(),
                overdue=True,
                detail=(
                    f"You chair {action.meeting.title}. Due {action.due_on:%d %b %Y}"
                    + (f"; contact {how}" if how else "")
                ),
            )
        )
    return items


def actions_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `actions_due` lists (My day skips it when there is none)."""
    return selectors.actions_due(user=user, today=today)


def agency_actions_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `agency_actions_to_chase` lists (My day skips it when there is none)."""
    return selectors.agency_actions_overdue(user=user, today=today)
