"""Fixtures for the ASB tests, on top of the standing cast in the root conftest."""

from __future__ import annotations

import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory


@pytest.fixture
def htmx():
    return {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def asb_officer(team):
    return UserFactory(
        email="asb.officer@doorstep.test",
        full_name="Dev Patel",
        team=team,
        roles=[Role.ASB_OFFICER],
    )


@pytest.fixture
def other_asb_officer(other_team):
    return UserFactory(
        email="other.asb@doorstep.test",
        full_name="Lou Brennan",
        team=other_team,
        roles=[Role.ASB_OFFICER],
    )
