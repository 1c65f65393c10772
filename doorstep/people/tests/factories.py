import datetime as dt

import factory

from doorstep.people.models import EmergencyContact, Person, VulnerabilityFlag
from doorstep.people.search_keys import name_key, person_search_text


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    reference = factory.Sequence(lambda n: f"P{n + 100000}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = dt.date(1950, 5, 17)
    phone = factory.Sequence(lambda n: f"+4412149{n % 100000:05d}")
    search_text = factory.LazyAttribute(lambda o: person_search_text(o))
    name_key = factory.LazyAttribute(lambda o: name_key(o.last_name))


class FlagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VulnerabilityFlag

    person = factory.SubFactory(PersonFactory)
    code = "older_person"
    start_date = dt.date(2024, 1, 1)


class EmergencyContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmergencyContact

    person = factory.SubFactory(PersonFactory)
    name = "Sam Relative"
    relationship = "Daughter"
    phone = "+447700900123"
