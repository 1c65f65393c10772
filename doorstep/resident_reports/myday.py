"""My day provider: new reports from residents about places in the user's care (one query).

Due by the end of the working day after the report arrived, like a call-back. For fly-tipping
and anti-social behaviour the one-click action opens a case from the report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from doorstep.core.working_days import due_within_working_days
from doorstep.myday.registry import MyDayItem
from doorstep.resident_reports import selectors
from doorstep.resident_reports.services import CASE_TYPE_FOR_KIND


def reports_to_look_at(*, user: Any, today: dt.date, now: dt.datetime) -> list[MyDayItem]:
    items = []
    for report in selectors.reports_new_for(user=user):
        due_at = due_within_working_days(report.submitted_at, 1)
        opens_case = report.kind in CASE_TYPE_FOR_KIND
        who = "anonymous" if report.anonymous else "with contact details"
        items.append(
            MyDayItem(
                kind="resident_report",
                kind_label="Report from a resident",
                title=f"{report.get_kind_display()} at {report.place_name}",
                due_at=due_at,
                url=report.get_absolute_url(),
                overdue=due_at < now,
                detail=f"{report.reference}, {who}: {report.description[:140]}",
                action_url=(
                    reverse("resident_reports:report_open_case", args=[report.reference])
                    if opens_case
                    else ""
                ),
                action_label="Open a case" if opens_case else "",
            )
        )
    return items


def reports_work(*, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any]:
    """What `reports_to_look_at` lists (My day skips it when there is none)."""
    return selectors.reports_new_for(user=user)
