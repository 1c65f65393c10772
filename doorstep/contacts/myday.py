"""My day providers: call-backs due and contacts to follow up (registered in apps.py).

Each is one query: the rows come with their people's open flag codes (`open_flag_codes`) for
the special arrangements shown beside each item.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.timezone import localtime

from doorstep.contacts import selectors
from doorstep.core.url_templates import UrlTemplate
from doorstep.core.validators import format_phone
from doorstep.core.working_days import end_of_day
from doorstep.myday.registry import MyDayItem
from doorstep.people.arrangements import arrangements_with_codes

# A busy officer has dozens of these: reverse each link once, not once per item.
CALLBACK_URL = UrlTemplate("contacts:callback_detail")
CALLBACK_DONE_URL = UrlTemplate("contacts:callback_complete")
FOLLOW_UP_DONE_URL = UrlTemplate("contacts:contact_follow_up_done")
MY_DAY_URL = UrlTemplate("myday:my_day", 0)


def _back_to_my_day(url: str) -> str:
    return f"{url}?next={MY_DAY_URL()}"


def callbacks_due(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    """The user's open call-backs due by the end of today, and their team's unassigned ones."""
    items = []
    for callback in selectors.callbacks_due(user=user, today=today):
        who = (
            callback.person.full_name
            if callback.person
            else callback.caller_name or format_phone(callback.phone)
        )
        detail = f"{format_phone(callback.phone)}: {callback.reason}"
        if callback.for_officer_id is None and callback.for_team is not None:
            detail = f"For {callback.for_team.name}. {detail}"
        items.append(
            MyDayItem(
                kind="callback",
                kind_label="Call-back",
                title=f"Ring back {who}",
                due_at=callback.due_at,
                url=CALLBACK_URL(callback.pk),
                overdue=callback.due_at < now,
                detail=detail,
                action_url=_back_to_my_day(CALLBACK_DONE_URL(callback.pk)),
                action_label="Mark as done",
                arrangements=arrangements_with_codes(callback.person, callback.person_flag_codes),  # type: ignore[attr-defined]
            )
        )
    return items


def contacts_to_follow_up(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    """Contacts the user logged whose follow-up date has come, until marked done."""
    items = []
    for contact in selectors.contacts_to_follow_up(user=user, today=today):
        if contact.person is not None:
            about, url = contact.person.full_name, contact.person.get_absolute_url()
        else:
            assert contact.home is not None  # a contact is about a person or a home
            about, url = contact.home.short_address, contact.home.get_absolute_url()
        assert contact.follow_up_on is not None
        due_at = end_of_day(contact.follow_up_on)
        items.append(
            MyDayItem(
                kind="follow_up",
                kind_label="Follow-up",
                title=f"Follow up: {about}",
                due_at=due_at,
                url=url,
                overdue=due_at < now,
                detail=(
                    f"{contact.get_channel_display()} on {localtime(contact.happened_at):%d %b}: "
                    f"{contact.summary[:140]}"
                ),
                action_url=_back_to_my_day(FOLLOW_UP_DONE_URL(contact.pk)),
                action_label="Follow-up done",
                arrangements=arrangements_with_codes(contact.person, contact.person_flag_codes),  # type: ignore[attr-defined]
            )
        )
    return items


def callbacks_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `callbacks_due` lists (My day skips it when there is none)."""
    return selectors.callbacks_due(user=user, today=today)


def follow_ups_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `contacts_to_follow_up` lists (My day skips it when there is none)."""
    return selectors.contacts_to_follow_up(user=user, today=today)
