"""Fly-tipping fixtures on top of the standing cast: a block on `estate` (Walsall, `officer`'s
patch), estates officers in Walsall and Nottingham, and a fly-tipping case at the block led
by `officer`."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.flytipping.tests.factories import FlyTippingCaseFactory, FlyTippingFactory
from doorstep.places.tests.factories import BlockFactory


@pytest.fixture
def htmx():
    return {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def block(estate):
    return BlockFactory(name="Cedar Court", estate=estate)


@pytest.fixture
def estates_officer(team):
    return UserFactory(
        email="estates@doorstep.test",
        full_name="Dave Lloyd",
        team=team,
        roles=[Role.ESTATES_OFFICER],
    )


@pytest.fixture
def other_estates_officer(other_team):
    return UserFactory(
        email="other.estates@doorstep.test",
        full_name="Tom Brennan",
        team=other_team,
        roles=[Role.ESTATES_OFFICER],
    )


@pytest.fixture
def case(block, officer, team):
    return FlyTippingCaseFactory(
        block=block, lead_officer=officer, team=team, opened_on=dt.date(2026, 3, 2)
    )


@pytest.fixture
def details(case):
    return FlyTippingFactory(case=case)
