"""Repairs fixtures on top of the standing cast: an estates officer in Walsall's estates team
(the same office as `officer`'s patch) and one in Nottingham."""

from __future__ import annotations

import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.places.tests.factories import TeamFactory
from doorstep.repairs.tests.factories import ContractorFactory

CAST = ["officer", "other_officer", "team_leader", "manager", "safeguarding_lead", "dpo"]


@pytest.fixture
def estates_officer(office):
    return UserFactory(
        email="estates@doorstep.test",
        full_name="Dave Lloyd",
        team=TeamFactory(name="Walsall estates team", office=office),
        roles=[Role.ESTATES_OFFICER],
    )


@pytest.fixture
def other_estates_officer(other_office):
    return UserFactory(
        email="other.estates@doorstep.test",
        full_name="Tom Brennan",
        team=TeamFactory(name="Nottingham estates team", office=other_office),
        roles=[Role.ESTATES_OFFICER],
    )


@pytest.fixture
def contractor(db):
    return ContractorFactory(name="Walsall Plumbing Ltd", trade="plumbing")
