import datetime as dt

import factory
from django.utils import timezone

from doorstep.accounts.tests.factories import UserFactory
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import TeamFactory
from doorstep.welfare.models import CallOutcome, WelfareCall, WelfareProgramme


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WelfareProgramme

    name = "Older residents living alone — fortnightly call"
    team = factory.SubFactory(TeamFactory)
    flags_all = ["older_person", "lives_alone"]
    frequency_days = 14
    start_date = dt.date(2026, 1, 5)
    active = True
    created_by = factory.SubFactory(UserFactory)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WelfareCall

    programme = factory.SubFactory(ProgrammeFactory)
    person = factory.SubFactory(PersonFactory)
    called_at = factory.LazyFunction(timezone.now)
    called_by = factory.SubFactory(UserFactory)
    outcome = CallOutcome.SPOKE_OK
