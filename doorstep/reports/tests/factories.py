"""Records for the Tenant Satisfaction Measures tests, built as the services would store them
(repair targets and within-target from `repairs/targets.py`, complaint clocks from
`complaints/clocks.py`), in bulk where a test needs hundreds of homes."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from doorstep.asb.models import AsbDetails
from doorstep.asb.tests.factories import AsbCaseFactory
from doorstep.cases.models import Case
from doorstep.complaints.tests.factories import complaint_stage
from doorstep.core.working_days import LONDON
from doorstep.places.models import Estate, Home
from doorstep.places.tests.factories import EstateFactory
from doorstep.repairs import targets
from doorstep.repairs.models import Repair, RepairStatus

_uprns = itertools.count(900000000)
_repairs = itertools.count(1)

__all__ = ["add_homes", "asb_case", "at", "complaint_stage", "completed_repair"]


def at(*args: int) -> dt.datetime:
    """A Europe/London moment."""
    return dt.datetime(*args, tzinfo=LONDON)


def add_homes(
    count: int,
    *,
    tenure: str = "general_needs",
    estate: Estate | None = None,
    created_at: dt.datetime | None = None,
) -> list[Home]:
    """`count` homes in one insert; `created_at` (when given) set afterwards, since the field
    is filled in automatically on insert."""
    estate = estate or EstateFactory()
    homes = Home.objects.bulk_create(
        [
            Home(
                uprn=str(next(_uprns)),
                address_line_1=f"{n + 1} Caldmore Green",
                town="Walsall",
                postcode="WS1 3RP",
                estate=estate,
                patch=estate.patch,
                tenure=tenure,
            )
            for n in range(count)
        ]
    )
    if created_at is not None:
        Home.objects.filter(pk__in=[h.pk for h in homes]).update(created_at=created_at)
    return homes


def asb_case(*, opened_on: dt.date, hate: bool = False, **fields: Any) -> Case:
    case = AsbCaseFactory(opened_on=opened_on, **fields)
    AsbDetails.objects.create(
        case=case,
        category="personal",
        subtype="hate" if hate else "noise",
        hate_incident=hate,
        protected_characteristic="race" if hate else "",
    )
    return case


def completed_repair(
    *, priority: str, reported_at: dt.datetime, completed_at: dt.datetime | None, home: Home
) -> Repair:
    """A repair as repair_report and repair_complete store it (None: still open)."""
    target_at = targets.target_for(priority=priority, reported_at=reported_at)
    return Repair.objects.create(
        reference=f"REP-2025-{600000 + next(_repairs):06d}",
        home=home,
        priority=priority,
        description="Leaking waste pipe under the sink",
        reported_at=reported_at,
        target_at=target_at,
        status=RepairStatus.COMPLETED if completed_at else RepairStatus.ORDERED,
        completed_at=completed_at,
        within_target=targets.within_target(target_at=target_at, completed_at=completed_at),
    )
