import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases.models import (
    REFERENCE_PREFIX,
    Case,
    CaseAction,
    CaseCost,
    CaseEvent,
    CaseParty,
    CaseType,
    CostKind,
    EventKind,
    PartyRole,
)
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import HomeFactory


class CaseFactory(factory.django.DjangoModelFactory):
    """A case made directly (not through case_open), numbered from 500000 so its references
    never meet the ones the service allocates from 1."""

    class Meta:
        model = Case

    case_type = CaseType.ASB
    reference = factory.LazyAttributeSequence(
        lambda o, n: f"{REFERENCE_PREFIX[o.case_type]}-2026-{500000 + n:06d}"
    )
    summary = factory.Sequence(lambda n: f"Loud music late at night, report {n}")
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    home = factory.SubFactory(HomeFactory)
    patch = factory.LazyAttribute(lambda o: o.home.patch if o.home else None)
    lead_officer = factory.SubFactory(UserFactory)
    team = factory.LazyAttribute(lambda o: o.lead_officer.team if o.lead_officer else None)
    restricted = factory.LazyAttribute(
        lambda o: o.case_type in (CaseType.SAFEGUARDING, CaseType.DOMESTIC_ABUSE)
    )


class CasePartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseParty

    case = factory.SubFactory(CaseFactory)
    person = factory.SubFactory(PersonFactory)
    role = PartyRole.REPORTER


class CaseActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseAction

    case = factory.SubFactory(CaseFactory)
    title = factory.Sequence(lambda n: f"Visit the neighbours ({n})")
    owner = factory.SelfAttribute("case.lead_officer")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))


class CaseEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseEvent

    case = factory.SubFactory(CaseFactory)
    kind = EventKind.NOTE
    text = factory.Sequence(lambda n: f"Spoke to the reporter ({n})")
    at = factory.LazyFunction(timezone.now)
    by = factory.SelfAttribute("case.lead_officer")


class CaseCostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseCost

    case = factory.SubFactory(CaseFactory)
    kind = CostKind.LEGAL
    incurred_on = factory.LazyFunction(timezone.localdate)
    amount = Decimal("250.00")
    recorded_by = factory.SelfAttribute("case.lead_officer")
