import datetime as dt

import factory
from django.utils import timezone

from doorstep.accounts.tests.factories import UserFactory
from doorstep.contacts.models import CallBack, Channel, Contact, Direction, DutyShift
from doorstep.people.tests.factories import PersonFactory


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    channel = Channel.PHONE
    direction = Direction.INBOUND
    person = factory.SubFactory(PersonFactory)
    summary = "Rang about a repair"
    logged_by = factory.SubFactory(UserFactory)


class CallBackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallBack

    for_officer = factory.SubFactory(UserFactory)
    person = factory.SubFactory(PersonFactory)
    phone = "+441214960000"
    reason = "Wants an update on the noise complaint"
    due_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=4))
    created_by = factory.SubFactory(UserFactory)


class DutyShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyShift

    date = factory.LazyFunction(lambda: timezone.localdate())
    officer = factory.SubFactory(UserFactory)
    team = factory.SelfAttribute("officer.team")
