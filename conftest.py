"""The standing cast of test users (STYLE.md) and shared fixtures.

Two offices: Walsall (the cast's home) and Nottingham (`other_officer`). `officer` owns
`patch`; `home` and `person` are on it. `other_home`/`other_person` are on Nottingham's patch.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import PASSWORD, UserFactory
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import (
    EstateFactory,
    HomeFactory,
    OfficeFactory,
    PatchFactory,
    TeamFactory,
)
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

# Property tests judge the rules, not the machine: on a loaded CI runner a first draw that
# builds the bank-holiday calendar can take seconds, which is not a failure of the property.
settings.register_profile(
    "doorstep", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("doorstep")


@pytest.fixture(autouse=True)
def _force_login_gives_the_second_factor(request, monkeypatch):
    """`client.force_login` in tests is a whole sign-in: for a user who has or must have
    two-factor authentication it also records that they gave a code, as the real sign-in does.
    Tests of the two-factor steps themselves mark `@pytest.mark.no_second_factor`."""
    if request.node.get_closest_marker("no_second_factor"):
        return
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from doorstep.accounts import two_factor

        if two_factor.required_for(user) or two_factor.has_two_factor(user):
            device = two_factor.app_device(user) or TOTPDevice.objects.create(
                user=user, name=two_factor.APP_DEVICE_NAME, confirmed=True
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def office(db):
    return OfficeFactory(name="Walsall")


@pytest.fixture
def other_office(db):
    return OfficeFactory(name="Nottingham")


@pytest.fixture
def team(office):
    return TeamFactory(name="Walsall neighbourhood team", office=office)


@pytest.fixture
def other_team(other_office):
    return TeamFactory(name="Nottingham neighbourhood team", office=other_office)


@pytest.fixture
def officer(team):
    return UserFactory(
        email="officer@doorstep.test",
        full_name="Jan Kennedy",
        team=team,
        roles=[Role.NEIGHBOURHOOD_OFFICER],
    )


@pytest.fixture
def other_officer(other_team):
    return UserFactory(
        email="other.officer@doorstep.test",
        full_name="Priya Shah",
        team=other_team,
        roles=[Role.NEIGHBOURHOOD_OFFICER],
    )


@pytest.fixture
def team_leader(team):
    user = UserFactory(
        email="team.leader@doorstep.test",
        full_name="Maria Lewis",
        team=team,
        roles=[Role.TEAM_LEADER],
    )
    team.leader = user
    team.save()
    return user


@pytest.fixture
def manager(office, team):
    user = UserFactory(
        email="manager@doorstep.test",
        full_name="Andy Morris",
        team=team,
        roles=[Role.HOUSING_SERVICES_MANAGER],
    )
    office.managers.add(user)
    return user


@pytest.fixture
def safeguarding_lead(team):
    return UserFactory(
        email="safeguarding@doorstep.test",
        full_name="Grace Okafor",
        team=team,
        roles=[Role.SAFEGUARDING_LEAD],
    )


@pytest.fixture
def dpo(db):
    return UserFactory(
        email="dpo@doorstep.test", full_name="Tom Reid", roles=[Role.DATA_PROTECTION_OFFICER]
    )


@pytest.fixture
def patch(team, officer):
    return PatchFactory(name="Beechdale", team=team, officer=officer)


@pytest.fixture
def other_patch(other_team, other_officer):
    return PatchFactory(name="Bestwood", team=other_team, officer=other_officer)


@pytest.fixture
def estate(patch, office):
    return EstateFactory(name="Beechdale Estate", office=office, patch=patch)


@pytest.fixture
def other_estate(other_patch, other_office):
    return EstateFactory(name="Bestwood Estate", office=other_office, patch=other_patch)


@pytest.fixture
def home(estate):
    return HomeFactory(
        estate=estate,
        patch=estate.patch,
        address_line_1="12 Beechdale Road",
        postcode="WS2 7AB",
        uprn="100071234567",
    )


@pytest.fixture
def other_home(other_estate):
    return HomeFactory(
        estate=other_estate,
        patch=other_estate.patch,
        town="Nottingham",
        address_line_1="3 Bestwood Park Drive",
        postcode="NG5 5AB",
        uprn="100031234567",
    )


@pytest.fixture
def person(home):
    someone = PersonFactory(
        first_name="Edna", last_name="Thompson", reference="P000001", phone="+441922123456"
    )
    TenancyMemberFactory(tenancy=TenancyFactory(home=home), person=someone)
    return someone


@pytest.fixture
def other_person(other_home):
    someone = PersonFactory(first_name="Ray", last_name="Castle", reference="P000002")
    TenancyMemberFactory(tenancy=TenancyFactory(home=other_home), person=someone)
    return someone
