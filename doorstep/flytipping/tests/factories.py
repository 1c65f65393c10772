"""Fly-tipping cases and their details, built directly (not through the services)."""

from __future__ import annotations

import datetime as dt

import factory

from doorstep.cases.models import Case, CaseType
from doorstep.flytipping.models import FlyTipping, LocationKind, Waste


class FlyTippingCaseFactory(factory.django.DjangoModelFactory):
    """A fly-tipping case at a block, numbered far from the references the service
    allocates."""

    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"FT-2026-{800000 + n:06d}")
    case_type = CaseType.FLY_TIPPING
    summary = "Black bags and a sofa dumped by the bin store"
    opened_on = dt.date(2026, 3, 2)
    home = None
    block = None
    estate = None
    patch = factory.LazyAttribute(
        lambda o: o.block.estate.patch if o.block else (o.estate.patch if o.estate else None)
    )
    lead_officer = None
    team = factory.LazyAttribute(lambda o: o.lead_officer.team if o.lead_officer else None)


class FlyTippingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FlyTipping

    case = factory.SubFactory(FlyTippingCaseFactory)
    location_kind = LocationKind.COMMUNAL_AREA
    estate = factory.LazyAttribute(lambda o: o.case.block.estate if o.case.block else None)
    block = factory.LazyAttribute(lambda o: o.case.block)
    where_exactly = "Beside the bin store at Cedar Court"
    waste = factory.LazyFunction(lambda: [Waste.BLACK_BAGS.value, Waste.FURNITURE.value])
