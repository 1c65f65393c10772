"""Fixtures for the safeguarding tests, on top of the standing cast in the root conftest."""

from __future__ import annotations

import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.partners.models import AgencyKind
from doorstep.partners.tests.factories import AgencyFactory
from doorstep.safeguarding.tests.factories import ReferralFactory


@pytest.fixture
def adult_care(db):
    return AgencyFactory(
        name="Walsall Adult Social Care",
        kind=AgencyKind.ADULT_SOCIAL_CARE,
        secure_email="mash.adults@walsall.gov.uk",
    )


@pytest.fixture
def childrens_services(db):
    return AgencyFactory(
        name="Walsall Children's Services",
        kind=AgencyKind.CHILDRENS_SERVICES,
        secure_email="mash.children@walsall.gov.uk",
    )


@pytest.fixture
def colleague(team):
    """A second neighbourhood officer in `officer`'s team (not the maker, not on the patch)."""
    return UserFactory(
        email="colleague@doorstep.test",
        full_name="Lee Brown",
        team=team,
        roles=[Role.NEIGHBOURHOOD_OFFICER],
    )


@pytest.fixture
def other_manager(other_office, other_team):
    user = UserFactory(
        email="other.manager@doorstep.test",
        full_name="Dee Clarke",
        team=other_team,
        roles=[Role.HOUSING_SERVICES_MANAGER],
    )
    other_office.managers.add(user)
    return user


@pytest.fixture
def referral(person, colleague, adult_care, office):
    """Made by `colleague` (not the patch officer) about `person`, in Walsall."""
    return ReferralFactory(
        reference="SGR-2026-000001",
        person=person,
        made_by=colleague,
        agency=adult_care,
        office=office,
    )
