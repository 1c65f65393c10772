"""Fixtures for the contacts tests, on top of the standing cast in the root conftest."""

from __future__ import annotations

import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory


@pytest.fixture
def other_team_leader(other_team):
    user = UserFactory(
        email="other.leader@doorstep.test",
        full_name="Sam Patel",
        team=other_team,
        roles=[Role.TEAM_LEADER],
    )
    other_team.leader = user
    other_team.save()
    return user


@pytest.fixture
def colleague(team):
    """A second neighbourhood officer in `officer`'s team."""
    return UserFactory(
        email="colleague@doorstep.test",
        full_name="Lee Brown",
        team=team,
        roles=[Role.NEIGHBOURHOOD_OFFICER],
    )


@pytest.fixture
def htmx():
    """Headers htmx sends with its requests."""
    return {"HTTP_HX_REQUEST": "true"}
