import datetime as dt

import factory

from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import HomeFactory
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyMember, TenancyType


class TenancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenancy

    reference = factory.Sequence(lambda n: f"T{n + 500000}")
    home = factory.SubFactory(HomeFactory)
    tenancy_type = TenancyType.SECURE
    start_date = dt.date(2015, 4, 1)


class TenancyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenancyMember

    tenancy = factory.SubFactory(TenancyFactory)
    person = factory.SubFactory(PersonFactory)
    role = MemberRole.TENANT
