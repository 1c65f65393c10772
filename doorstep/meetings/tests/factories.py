import datetime as dt

import factory
from django.utils import timezone

from doorstep.accounts.tests.factories import UserFactory
from doorstep.meetings.models import Attendee, Meeting, MeetingAction, MeetingKind


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Homelessness strategy review {n}")
    kind = MeetingKind.HOMELESSNESS_STRATEGY
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    venue = "Walsall Council House, Lichfield Street"
    chair = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("chair")


class AttendeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendee

    meeting = factory.SubFactory(MeetingFactory)


class MeetingActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAction

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Arrange a deep clean ({n})")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
