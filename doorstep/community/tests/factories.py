import datetime as dt

import factory
from django.utils import timezone

from doorstep.accounts.tests.factories import UserFactory
from doorstep.community.models import Champion, Event, EventKind, EventTask, SignUp
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import OfficeFactory


class ChampionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Champion

    person = factory.SubFactory(PersonFactory)
    area = "Beechdale"
    since = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=200))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = "Community garden afternoon"
    kind = EventKind.GARDENING
    venue = "Beechdale community garden"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    office = factory.SubFactory(OfficeFactory)
    organiser = factory.SubFactory(UserFactory)


class EventTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventTask

    event = factory.SubFactory(EventFactory)
    title = "Book the gazebo"
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(timezone.localdate)


class SignUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignUp

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    added_by = factory.SubFactory(UserFactory)
