import datetime as dt

import factory
from django.utils import timezone

from doorstep.cases.models import CaseType
from doorstep.cases.tests.factories import CaseFactory
from doorstep.hazards import clocks
from doorstep.hazards.models import HazardKind, HazardReport, Severity


class HazardFactory(factory.django.DjangoModelFactory):
    """A hazard made directly, with its stored due moments worked out by clocks.py."""

    class Meta:
        model = HazardReport
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory, case_type=CaseType.DAMP_MOULD)
    kind = HazardKind.DAMP_MOULD
    severity = Severity.SIGNIFICANT
    reported_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    investigate_by = factory.LazyAttribute(
        lambda o: clocks.investigate_due(severity=o.severity, reported_at=o.reported_at)
    )

    @factory.post_generation
    def due(obj, create, extracted, **kwargs):
        moments = clocks.due_moments(obj)
        obj.investigate_by = moments.investigate_by
        obj.summary_by = moments.summary_by
        obj.safety_work_by = moments.safety_work_by
        obj.preventative_by = moments.preventative_by
        if create:
            obj.save()
