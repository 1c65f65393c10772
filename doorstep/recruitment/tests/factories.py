import datetime as dt

import factory
from django.utils import timezone

from doorstep.accounts.tests.factories import UserFactory
from doorstep.places.tests.factories import OfficeFactory
from doorstep.recruitment.models import Candidate, Criterion, CriterionKind, Vacancy


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    title = "Lettings Advisor"
    office = factory.SubFactory(OfficeFactory)
    closing_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    created_by = factory.SubFactory(UserFactory)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    vacancy = factory.SubFactory(VacancyFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    kind = CriterionKind.INTERVIEW
    weight = 50
    max_score = 10


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    vacancy = factory.SubFactory(VacancyFactory)
    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"candidate{n}@example.com")
