import datetime as dt

import factory

from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases.models import Case, CaseType
from doorstep.hoarding.models import ClutterRating, HomeCondition, SelfNeglectAssessment
from doorstep.places.tests.factories import HomeFactory


class HoardingCaseFactory(factory.django.DjangoModelFactory):
    """A hoarding case made directly (not through case_open), with references far from the
    ones the cases service allocates so the two never collide in a test."""

    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"HRD-2026-{900000 + n:06d}")
    case_type = CaseType.HOARDING
    summary = "Clutter in the home"
    opened_on = dt.date(2026, 1, 5)
    home = factory.SubFactory(HomeFactory)
    patch = factory.SelfAttribute("home.patch")
    lead_officer = factory.SubFactory(UserFactory)


class ClutterRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClutterRating

    case = factory.SubFactory(HoardingCaseFactory)
    rated_on = dt.date(2026, 3, 2)
    rated_by = factory.SelfAttribute("case.lead_officer")
    living_room = 3
    kitchen = 2
    bedroom = 2


class SelfNeglectAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfNeglectAssessment

    case = factory.SubFactory(HoardingCaseFactory, case_type=CaseType.SELF_NEGLECT)
    assessed_on = dt.date(2026, 3, 2)
    assessed_by = factory.SelfAttribute("case.lead_officer")
    condition_of_home = HomeCondition.POOR
    risks_to_person = "Not eating; no heating on."
