"""Welfare fixtures on top of the standing cast: `person` (Edna Thompson, born 17 May 1950, on
`officer`'s patch) is an older person living alone, and the fortnightly programme of the
Walsall team picks her out."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory
from doorstep.welfare.tests.factories import ProgrammeFactory


def housed(home, **kwargs):
    someone = PersonFactory(**kwargs)
    TenancyMemberFactory(tenancy=TenancyFactory(home=home), person=someone)
    return someone


def flag(person, *codes):
    for code in codes:
        FlagFactory(person=person, code=code, start_date=dt.date(2024, 1, 1))
    return person


@pytest.fixture
def older_alone(person):
    return flag(person, "older_person", "lives_alone")


@pytest.fixture
def programme(team, team_leader):
    return ProgrammeFactory(team=team, created_by=team_leader)
