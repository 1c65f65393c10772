"""Fixtures for the teams tests, on top of the standing cast in the root conftest."""

from __future__ import annotations

import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory


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
def third(team):
    """A third neighbourhood officer in the team."""
    return UserFactory(
        email="third@doorstep.test",
        full_name="Kerry Bennett",
        team=team,
        roles=[Role.NEIGHBOURHOOD_OFFICER],
    )
