"""Fixtures for tenancy sustainment, on top of the standing cast in the root conftest."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.partners.models import AgencyKind
from doorstep.partners.tests.factories import AgencyFactory
from doorstep.people.models import ConsentToShare
from doorstep.sustainment.tests.factories import PartnerJobFactory, SupportReferralFactory


@pytest.fixture
def sustainment_officer(team):
    """Walsall's tenancy sustainment officer (no patch: works across the office)."""
    return UserFactory(
        email="tso@doorstep.test",
        full_name="Aisha Begum",
        team=team,
        roles=[Role.TENANCY_SUSTAINMENT_OFFICER],
    )


@pytest.fixture
def other_sustainment_officer(other_team):
    return UserFactory(
        email="tso.notts@doorstep.test",
        full_name="Grace Mensah",
        team=other_team,
        roles=[Role.TENANCY_SUSTAINMENT_OFFICER],
    )


@pytest.fixture
def charity_shop(db):
    return AgencyFactory(
        name="Second Chance Volunteer Charity Shop",
        kind=AgencyKind.CHARITY_SHOP,
        secure_email="collections@secondchance.org.uk",
    )


@pytest.fixture
def gardeners(db):
    return AgencyFactory(
        name="Green Fingers Garden Project",
        kind=AgencyKind.CHARITY,
        secure_email="jobs@greenfingers.org.uk",
    )


@pytest.fixture
def consent(person, gardeners):
    return ConsentToShare.objects.create(
        person=person, agency="Green Fingers Garden Project", given_on=dt.date(2026, 1, 5)
    )


@pytest.fixture
def referral(person, sustainment_officer):
    return SupportReferralFactory(
        reference="SUP-2026-000001", person=person, officer=sustainment_officer
    )


@pytest.fixture
def job(referral, gardeners):
    return PartnerJobFactory(referral=referral, agency=gardeners)
