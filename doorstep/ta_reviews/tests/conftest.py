"""A temporary accommodation placement on `officer`'s patch: a licence in a temporary home,
with one tenant (Aisha Begum) and her son."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.people.tests.factories import PersonFactory
from doorstep.places.models import Tenure
from doorstep.places.tests.factories import HomeFactory
from doorstep.tenancies.models import MemberRole, TenancyType
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

# Placed on Monday 5 January 2026: the 8-week clock falls on Mondays 2 March, 27 April, ...
PLACED = dt.date(2026, 1, 5)


def make_placement(estate, start=PLACED, reference=None, **home):
    temporary = HomeFactory(estate=estate, tenure=Tenure.TEMPORARY, **home)
    kwargs = {"reference": reference} if reference else {}
    tenancy = TenancyFactory(
        home=temporary, tenancy_type=TenancyType.LICENCE, start_date=start, **kwargs
    )
    tenant = PersonFactory(first_name="Aisha", last_name="Begum")
    TenancyMemberFactory(tenancy=tenancy, person=tenant)
    TenancyMemberFactory(
        tenancy=tenancy,
        person=PersonFactory(first_name="Zain", last_name="Begum"),
        role=MemberRole.MEMBER,
    )
    return tenancy


@pytest.fixture
def placement(estate):
    return make_placement(estate, reference="TA-000001")


@pytest.fixture
def other_placement(other_estate):
    return make_placement(other_estate, reference="TA-000002", town="Nottingham")
