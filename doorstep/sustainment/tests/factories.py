import datetime as dt

import factory
from django.utils import timezone

from doorstep.accounts.tests.factories import UserFactory
from doorstep.partners.tests.factories import AgencyFactory
from doorstep.people.tests.factories import PersonFactory
from doorstep.sustainment.models import JobStatus, PartnerJob, SupportKind, SupportReferral


class SupportReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportReferral

    reference = factory.Sequence(lambda n: f"SUP-2026-{500000 + n:06d}")
    person = factory.SubFactory(PersonFactory)
    kind = SupportKind.GARDEN_WORK
    eligibility_note = "Low income: on Universal Credit"
    officer = factory.SubFactory(UserFactory)
    made_by = factory.SelfAttribute("officer")


class PartnerJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerJob

    referral = factory.SubFactory(SupportReferralFactory)
    agency = factory.SubFactory(AgencyFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=3))
    start_time = dt.time(10, 0)
    end_time = dt.time(12, 0)
    status = JobStatus.BOOKED
    booked_by = factory.SelfAttribute("referral.officer")
