"""Two officers recording one complaint stage at once: the second sees a conflict with both
versions side by side, nothing the first saved is overwritten; and a stage action sent to the
API with a stale If-Match is refused with 412."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from doorstep.complaints import services
from doorstep.complaints.models import ComplaintStage
from doorstep.complaints.tests.factories import add_complainant, complaint_stage
from doorstep.core.tests.conflicts import second_save_conflicts
from doorstep.core.working_days import LONDON

pytestmark = pytest.mark.django_db

D = dt.date
NOW = dt.datetime(2026, 12, 30, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def ticking():
    # Time moves on (tick=True), so each save has a version of its own.
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def complaint(officer, home, person):
    stage = complaint_stage(
        received_on=D(2026, 12, 23), home=home, patch=home.patch, lead_officer=officer
    )
    add_complainant(stage.case, person)
    return stage


# name: (acknowledged first?, first's data, second's data, shown, {field: first's value})
FORMS = {
    "acknowledge": (
        False,
        {"acknowledged_on": "2026-12-24"},
        {"acknowledged_on": "2026-12-28"},
        ("24 Dec 2026", "28 Dec 2026"),
        {"acknowledged_on": D(2026, 12, 24)},
    ),
    "extend": (
        True,
        {"working_days": "5", "reason": "Waiting for the contractor's report"},
        {"working_days": "3", "reason": "Office closed over the holiday"},
        ("Waiting for the contractor&#x27;s report", "Office closed over the holiday"),
        {"extension_working_days": 5},
    ),
    "respond": (
        True,
        {"responded_on": "2026-12-29", "outcome": "upheld", "response_summary": "Boiler fixed"},
        {"responded_on": "2026-12-29", "outcome": "not_upheld", "response_summary": "No fault"},
        ("Upheld", "Not upheld", "Boiler fixed", "No fault"),
        {"outcome": "upheld", "response_summary": "Boiler fixed"},
    ),
}


@pytest.mark.parametrize("name", FORMS)
def test_the_second_of_two_officers_sees_a_conflict_and_the_first_save_stands(
    client, complaint, officer, team_leader, name
):
    acknowledged, first, second, shown, kept = FORMS[name]
    if acknowledged:
        complaint.acknowledged_on = D(2026, 12, 24)
        complaint.respond_by = D(2027, 1, 12)
        complaint.save()
    second_save_conflicts(
        client,
        reverse(f"complaints:{name}", args=[complaint.case.reference, 1]),
        first=(officer, first),
        second=(team_leader, second),
        shown=shown,
    )
    saved = ComplaintStage.objects.get(pk=complaint.pk)
    assert {field: getattr(saved, field) for field in kept} == kept


def _api(user) -> APIClient:
    api = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


def test_a_stage_action_with_a_stale_if_match_is_refused_and_changes_nothing(
    complaint, officer, team_leader
):
    api = _api(officer)
    url = f"/api/v1/complaints/{complaint.case.reference}/"
    read = api.get(url)
    services.complaint_acknowledge(
        actor=team_leader, stage=complaint, acknowledged_on=D(2026, 12, 24)
    )
    body = {"stage": 1, "working_days": 5, "reason": "Waiting for the contractor's report"}
    refused = api.post(f"{url}extend/", body, format="json", HTTP_IF_MATCH=read["ETag"])
    assert refused.status_code == 412
    assert ComplaintStage.objects.get(pk=complaint.pk).extension_working_days == 0
    # With the version read now, the same action is made.
    fresh = api.get(url)["ETag"]
    assert fresh != read["ETag"]
    made = api.post(f"{url}extend/", body, format="json", HTTP_IF_MATCH=fresh)
    assert made.status_code == 200
    assert ComplaintStage.objects.get(pk=complaint.pk).extension_working_days == 5
