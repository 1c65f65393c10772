"""Domestic abuse cases, assessments and MARAC referrals built directly."""

from __future__ import annotations

import datetime as dt

import factory

from doorstep.cases.models import Case, CaseType
from doorstep.domestic_abuse import rules
from doorstep.domestic_abuse.models import MaracReferral, RiskAssessment
from doorstep.partners.tests.factories import AgencyFactory


class DomesticAbuseCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"DA-2026-{800000 + n:06d}")
    case_type = CaseType.DOMESTIC_ABUSE
    summary = "Tenant disclosed abuse by an ex-partner who still has a key"
    opened_on = dt.date(2026, 3, 2)
    home = None
    patch = factory.LazyAttribute(lambda o: o.home.patch if o.home else None)
    lead_officer = None
    team = factory.LazyAttribute(lambda o: o.lead_officer.team if o.lead_officer else None)
    restricted = True


def answers(yes: int, *, not_known: int = 0) -> dict[str, str]:
    """The first `yes` questions answered yes, the next `not_known` not known, the rest no."""
    codes = rules.QUESTION_CODES
    return {
        code: rules.YES if i < yes else (rules.NOT_KNOWN if i < yes + not_known else rules.NO)
        for i, code in enumerate(codes)
    }


class RiskAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RiskAssessment

    case = factory.SubFactory(DomesticAbuseCaseFactory)
    victim = factory.SubFactory("doorstep.people.tests.factories.PersonFactory")
    assessed_on = dt.date(2026, 3, 3)
    answers = factory.LazyFunction(lambda: answers(5))
    yes_count = 5
    police_callouts = 0
    scored_level = "standard"
    level = "standard"


class MaracReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaracReferral

    case = factory.SubFactory(DomesticAbuseCaseFactory)
    agency = factory.SubFactory(AgencyFactory, kind="police")
    referred_on = dt.date(2026, 3, 4)
