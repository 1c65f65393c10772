"""Complaint cases built directly (not through the services), with the clock due dates the
services would store."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from doorstep.cases.models import Case, CaseParty, CaseType, PartyRole
from doorstep.complaints import clocks
from doorstep.complaints.models import ComplaintDetails, ComplaintStage

_numbers = itertools.count(1)


class ComplaintCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.LazyFunction(lambda: f"COM-2026-{next(_numbers) + 500000:06d}")
    case_type = CaseType.COMPLAINT
    summary = "Repair to the boiler was left unfinished"
    opened_on = dt.date(2026, 3, 2)


def complaint_stage(
    *,
    case: Case | None = None,
    stage: int = 1,
    received_on: dt.date = dt.date(2026, 3, 2),
    acknowledged_on: dt.date | None = None,
    responded_on: dt.date | None = None,
    extension_working_days: int = 0,
    outcome: str = "",
    **case_fields: object,
) -> ComplaintStage:
    """A stage with its due dates computed as the services do."""
    if case is None:
        case = ComplaintCaseFactory(opened_on=received_on, **case_fields)
        ComplaintDetails.objects.create(case=case, about="repairs")
    record = ComplaintStage(
        case=case,
        stage=stage,
        received_on=received_on,
        acknowledged_on=acknowledged_on,
        responded_on=responded_on,
        extension_working_days=extension_working_days,
        outcome=outcome or ("upheld" if responded_on else ""),
        response_summary="We will finish the repair." if responded_on else "",
    )
    record.acknowledge_by = clocks.acknowledge_by(record)
    record.respond_by = clocks.respond_by(record)
    record.save()
    return record


def add_complainant(case: Case, person: object) -> CaseParty:
    return CaseParty.objects.create(case=case, person=person, role=PartyRole.REPORTER)
