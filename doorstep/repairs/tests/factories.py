import datetime as dt

import factory
from django.utils import timezone

from doorstep.places.tests.factories import HomeFactory
from doorstep.repairs import targets
from doorstep.repairs.models import Contractor, Priority, Repair, RepairStatus, Trade


class ContractorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contractor

    name = factory.Sequence(lambda n: f"Midland Building Services {n}")
    trade = Trade.GENERAL
    phone = "+441214960000"
    email = factory.Sequence(lambda n: f"jobs{n}@midland-building.example.co.uk")


class RepairFactory(factory.django.DjangoModelFactory):
    """A repair made directly (not through repair_report), numbered from 500000 so its
    references never meet the ones the service allocates from 1."""

    class Meta:
        model = Repair

    reference = factory.Sequence(lambda n: f"REP-2026-{500000 + n:06d}")
    home = factory.SubFactory(HomeFactory)
    priority = Priority.ROUTINE
    description = factory.Sequence(lambda n: f"Kitchen tap dripping ({n})")
    reported_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3))
    target_at = factory.LazyAttribute(
        lambda o: targets.target_for(priority=o.priority, reported_at=o.reported_at)
    )
    status = RepairStatus.REPORTED
