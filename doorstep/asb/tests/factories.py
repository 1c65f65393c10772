"""ASB and neighbour-dispute cases built directly (not through the services), and incident
reports with the place copied from the case as the services copy it."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import factory

from doorstep.asb.models import IncidentReport
from doorstep.asb.services import _place_of
from doorstep.cases.models import Case, CaseType

_numbers = itertools.count(1)


class AsbCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.LazyFunction(lambda: f"ASB-2026-{next(_numbers) + 700000:06d}")
    case_type = CaseType.ASB
    summary = "Loud music late at night"
    opened_on = dt.date(2026, 1, 5)
    home = None
    block = None
    estate = None
    # As cases.services.case_open sets it: the home's patch, else the block's or estate's.
    patch = factory.LazyAttribute(
        lambda o: (
            o.home.patch
            if o.home
            else (o.block.estate.patch if o.block else (o.estate.patch if o.estate else None))
        )
    )


class DisputeCaseFactory(AsbCaseFactory):
    reference = factory.LazyFunction(lambda: f"ND-2026-{next(_numbers) + 700000:06d}")
    case_type = CaseType.NEIGHBOUR_DISPUTE
    summary = "Argument over a shared fence"


def report(
    *, case: Case, reporter: Any, on: dt.date, description: str = "Shouting in the stairwell"
) -> IncidentReport:
    """An incident report about the case's place, as incident_report_add stores it."""
    return IncidentReport.objects.create(
        case=case, reporter=reporter, reported_on=on, description=description, **_place_of(case)
    )
