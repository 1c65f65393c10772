import factory
from django.utils import timezone

from doorstep.partners.tests.factories import AgencyFactory
from doorstep.people.tests.factories import PersonFactory
from doorstep.safeguarding.clock import referral_due_at
from doorstep.safeguarding.models import SafeguardingReferral


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafeguardingReferral

    reference = factory.Sequence(lambda n: f"SGR-2026-{n + 500000:06d}")
    person = factory.SubFactory(PersonFactory)
    concern_recorded_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: referral_due_at(o.concern_recorded_at))
    adult_or_child = "adult"
    category = "financial"
    what_was_seen = "Neighbour says a visitor takes her pension card every Monday."
    immediate_danger = False
    consent_given = True
    agency = factory.SubFactory(AgencyFactory, kind="adult_social_care")
    made_by = None  # pass the maker
