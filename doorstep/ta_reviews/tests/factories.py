import datetime as dt

import factory

from doorstep.accounts.tests.factories import UserFactory
from doorstep.ta_reviews.models import TAReview
from doorstep.tenancies.tests.factories import TenancyFactory


class TAReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TAReview

    tenancy = factory.SubFactory(TenancyFactory)
    reviewed_on = dt.date(2026, 3, 2)
    reviewed_by = factory.SubFactory(UserFactory)
    method = "telephone"
    issues = factory.LazyFunction(list)
    next_review_on = factory.LazyAttribute(lambda o: o.reviewed_on + dt.timedelta(weeks=8))
