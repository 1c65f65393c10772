import datetime as dt

import factory
from django.utils import timezone

from doorstep.accounts.tests.factories import UserFactory
from doorstep.inspections.models import Inspection, InspectionSchedule, InspectionStatus
from doorstep.places.tests.factories import EstateFactory


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionSchedule

    estate = factory.SubFactory(EstateFactory)
    inspector = factory.SubFactory(UserFactory)
    frequency_weeks = 4
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    next_due_on = factory.LazyFunction(timezone.localdate)


class InspectionFactory(factory.django.DjangoModelFactory):
    """A completed inspection with its score set and no answers (for lists and charts)."""

    class Meta:
        model = Inspection

    estate = factory.SubFactory(EstateFactory)
    inspector = factory.SubFactory(UserFactory)
    inspected_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    status = InspectionStatus.COMPLETED
    completed_at = factory.LazyFunction(timezone.now)
    passes = 8
    fails = 1
    score = factory.LazyFunction(lambda: __import__("decimal").Decimal("88.9"))
