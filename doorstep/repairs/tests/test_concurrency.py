"""Two officers changing one repair (its status, its completion) or one contractor at once:
the second sees a conflict with both versions side by side, and nothing the first saved is
overwritten. A stale If-Match on the API's PATCH is refused with 412."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.core.forms import local_input
from doorstep.core.tests.conflicts import second_save_conflicts
from doorstep.repairs import services
from doorstep.repairs.models import Contractor, Repair
from doorstep.repairs.tests.factories import RepairFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(second=0, microsecond=0)
EARLY, LATE = NOW - dt.timedelta(hours=2), NOW - dt.timedelta(hours=1)


def _shown(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%-d %b %Y %H:%M}"


# form: (first officer's data, second officer's data, values shown, {field: first's value})
REPAIR_FORMS = {
    "repair_status": (
        {"status": "cancelled", "reason": "Reported twice"},
        {"status": "ordered", "contractor": "{contractor}"},
        ("Cancelled", "Ordered with a contractor", "Reported twice"),
        {"status": "cancelled", "cancel_reason": "Reported twice"},
    ),
    "repair_complete": (
        {"completed_at": local_input(LATE)},
        {"completed_at": local_input(EARLY)},
        (_shown(LATE), _shown(EARLY)),
        {"status": "completed", "completed_at": LATE},
    ),
}


@pytest.mark.parametrize("name", REPAIR_FORMS)
def test_the_second_of_two_officers_sees_a_conflict_and_the_first_save_stands(
    client, home, officer, team_leader, contractor, name
):
    repair = RepairFactory(home=home, owner=officer)
    first, second, shown, kept = REPAIR_FORMS[name]
    second = {
        key: str(contractor.pk) if value == "{contractor}" else value
        for key, value in second.items()
    }
    second_save_conflicts(
        client,
        reverse(f"repairs:{name}", args=[repair.reference]),
        first=(officer, first),
        second=(team_leader, second),
        shown=shown,
    )
    saved = Repair.objects.get(pk=repair.pk)
    assert {field: getattr(saved, field) for field in kept} == kept


def test_two_managers_editing_one_contractor_the_second_sees_a_conflict(
    client, manager, team, contractor
):
    other_manager = UserFactory(
        email="manager2@doorstep.test", team=team, roles=[Role.HOUSING_SERVICES_MANAGER]
    )
    same = {"name": contractor.name, "trade": "plumbing", "active": "on"}
    second_save_conflicts(
        client,
        reverse("repairs:contractor_edit", args=[contractor.pk]),
        first=(manager, {**same, "phone": "0121 496 0001"}),
        second=(other_manager, {**same, "phone": "0121 496 0002"}),
        shown=("+441214960001", "0121 496 0002"),
    )
    assert Contractor.objects.get(pk=contractor.pk).phone == "+441214960001"


def test_a_patch_with_a_stale_if_match_is_refused_and_changes_nothing(home, officer, team_leader):
    repair = RepairFactory(home=home, owner=officer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=officer).key}")
    url = f"/api/v1/repairs/{repair.reference}/"
    read = api.get(url)
    services.repair_set_status(
        actor=team_leader, repair=repair, status="cancelled", reason="Reported twice"
    )
    refused = api.patch(url, {"status": "in_progress"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert refused.status_code == 412
    assert Repair.objects.get(pk=repair.pk).status == "cancelled"
