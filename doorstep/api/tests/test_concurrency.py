"""Versions and one-time keys (doorstep.api.concurrency): ETag / If-Match on changes, and
Idempotency-Key on creates, for every resource."""

from __future__ import annotations

import uuid

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from doorstep.cases.tests.factories import CaseFactory
from doorstep.core.concurrency import version_of
from doorstep.core.models import FormSubmission
from doorstep.inspections import services as inspection_services
from doorstep.inspections.defaults import install_checklist
from doorstep.inspections.models import ChecklistItem
from doorstep.people.models import Person
from doorstep.repairs.models import Repair
from doorstep.repairs.tests.factories import RepairFactory

CANCEL = {"status": "cancelled", "cancel_reason": "Reported twice"}


@pytest.fixture
def repair(home, officer):
    return RepairFactory(home=home, owner=officer)


def _url(repair):
    return f"/api/v1/repairs/{repair.reference}/"


def _later():
    """A moment after the record was read, so a change has a new version."""
    return time_machine.travel(timezone.now() + timezone.timedelta(seconds=5), tick=False)


# --- ETag / If-Match --------------------------------------------------------------------------


def test_one_record_is_answered_with_its_version_as_the_etag(api, officer, repair):
    response = api(officer).get(_url(repair))
    assert response["ETag"] == f'"{version_of(repair)}"'


def test_a_change_with_the_version_read_is_made_and_answers_the_new_version(api, officer, repair):
    client = api(officer)
    read = client.get(_url(repair))
    with _later():
        changed = client.patch(_url(repair), CANCEL, format="json", HTTP_IF_MATCH=read["ETag"])
    repair.refresh_from_db()
    assert changed.status_code == 200
    assert repair.status == "cancelled"
    assert changed["ETag"] == f'"{version_of(repair)}"' != read["ETag"]


def test_a_change_after_someone_elses_is_refused_with_both_values(
    api, officer, team_leader, repair
):
    mine, theirs = api(officer), api(team_leader)
    read = mine.get(_url(repair))
    with _later():
        theirs.patch(_url(repair), {"owner_email": team_leader.email}, format="json")
    repair.refresh_from_db()
    response = mine.patch(
        _url(repair),
        {**CANCEL, "owner_email": officer.email},
        format="json",
        HTTP_IF_MATCH=read["ETag"],
    )
    assert response.status_code == 412
    body = response.json()
    assert body["current_version"] == version_of(repair)
    assert body["your_version"] == read["ETag"]
    assert body["changes"] == {
        "status": {"current": "reported", "yours": "cancelled"},
        "cancel_reason": {"current": "", "yours": "Reported twice"},
        "owner_email": {"current": team_leader.email, "yours": officer.email},
    }
    assert "nothing has been saved" in body["detail"]
    assert response["ETag"] == f'"{version_of(repair)}"'
    repair.refresh_from_db()
    assert (repair.status, repair.owner) == ("reported", team_leader)


def test_the_current_version_then_goes_through(api, officer, repair):
    client = api(officer)
    stale = f'"{version_of(repair)}"'
    with _later():
        repair.save()  # someone else's change: a new version
    refused = client.patch(_url(repair), CANCEL, format="json", HTTP_IF_MATCH=stale)
    retried = client.patch(_url(repair), CANCEL, format="json", HTTP_IF_MATCH=refused["ETag"])
    assert (refused.status_code, retried.status_code) == (412, 200)


@pytest.mark.parametrize("if_match", ["*", "VERSION", '"VERSION", "older"', "W/VERSION"])
def test_if_match_forms(api, officer, repair, if_match):
    quoted = if_match.replace("W/VERSION", 'W/"VERSION"')
    sent = quoted.replace("VERSION", version_of(repair))
    response = api(officer).patch(_url(repair), CANCEL, format="json", HTTP_IF_MATCH=sent)
    # A weak tag never matches: a change needs the exact version.
    assert response.status_code == (412 if if_match.startswith("W/") else 200)


def test_without_if_match_a_change_is_made_whatever_the_version(api, officer, repair):
    with _later():
        repair.save()
    assert api(officer).patch(_url(repair), CANCEL, format="json").status_code == 200


def test_someone_who_may_not_change_it_is_refused_before_the_version_is_checked(
    api, other_officer, repair
):
    response = api(other_officer).patch(_url(repair), CANCEL, format="json", HTTP_IF_MATCH='"x"')
    assert response.status_code == 403


def test_every_resources_changes_honour_if_match(api, officer, home):
    """The mechanism is shared: a home, say, as well as a repair."""
    url = f"/api/v1/homes/{home.uprn}/"
    response = api(officer).patch(url, {"bedrooms": 4}, format="json", HTTP_IF_MATCH='"old"')
    assert response.status_code == 412
    assert response.json()["changes"] == {"bedrooms": {"current": home.bedrooms, "yours": 4}}
    home.refresh_from_db()
    assert home.bedrooms != 4


def test_a_restricted_case_shown_as_a_stub_has_no_etag(
    api, officer, other_officer, other_team, home
):
    case = CaseFactory(
        case_type="domestic_abuse", home=home, lead_officer=other_officer, team=other_team
    )
    stub = api(officer).get(f"/api/v1/cases/{case.reference}/")
    full = api(other_officer).get(f"/api/v1/cases/{case.reference}/")
    assert stub.json()["access"] == "stub" and "ETag" not in stub
    assert full["ETag"] == f'"{version_of(case)}"'


def test_an_inspections_version_moves_when_an_item_is_answered(api, officer, manager, estate):
    install_checklist(ChecklistItem)
    inspection = inspection_services.inspection_start(actor=officer, estate=estate)
    first, second = inspection.answers.order_by("order")[:2]
    url = f"/api/v1/inspections/{inspection.pk}/"
    mine, theirs = api(officer), api(manager)
    read = mine.get(url)
    with _later():
        answered = theirs.patch(f"{url}answers/{first.pk}/", {"result": "pass"}, format="json")
    refused = mine.patch(
        f"{url}answers/{second.pk}/",
        {"result": "fail"},
        format="json",
        HTTP_IF_MATCH=read["ETag"],
    )
    completing = mine.post(f"{url}complete/", HTTP_IF_MATCH=read["ETag"])
    assert answered["ETag"] != read["ETag"]
    assert refused.status_code == completing.status_code == 412
    assert refused.json()["changes"] == {"result": {"current": "", "yours": "fail"}}
    assert completing.json()["changes"] == {
        "status": {"current": "in_progress", "yours": "completed"}
    }
    assert refused["ETag"] == answered["ETag"]
    again = mine.patch(
        f"{url}answers/{second.pk}/",
        {"result": "fail"},
        format="json",
        HTTP_IF_MATCH=refused["ETag"],
    )
    assert again.status_code == 200


# --- Idempotency-Key --------------------------------------------------------------------------


def _report(home):
    return {"uprn": home.uprn, "priority": "urgent", "description": "Front door will not lock"}


def test_a_create_sent_twice_with_one_key_makes_one_repair(api, officer, home):
    client = api(officer)
    key = str(uuid.uuid4())
    first = client.post("/api/v1/repairs/", _report(home), format="json", HTTP_IDEMPOTENCY_KEY=key)
    second = client.post("/api/v1/repairs/", _report(home), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == second.status_code == 201
    assert first.json()["repair_ref"] == second.json()["repair_ref"]
    assert second["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Repair.objects.count() == 1


def test_without_a_key_each_create_makes_a_record(api, officer, home):
    client = api(officer)
    for _ in range(2):
        client.post("/api/v1/repairs/", _report(home), format="json")
    assert Repair.objects.count() == 2


def test_a_signed_in_session_gets_the_same_one_repair(client, officer, home):
    """The pages' middleware leaves the API's keys alone, so it does not claim them first."""
    session = APIClient()
    session.force_login(officer)
    key = str(uuid.uuid4())
    answers = [
        session.post("/api/v1/repairs/", _report(home), format="json", HTTP_IDEMPOTENCY_KEY=key)
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [201, 201]
    assert Repair.objects.count() == 1


def test_a_refused_create_gives_its_key_back(api, officer, home):
    client = api(officer)
    key = str(uuid.uuid4())
    bad = client.post(
        "/api/v1/repairs/",
        {**_report(home), "priority": "whenever"},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )
    good = client.post("/api/v1/repairs/", _report(home), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert (bad.status_code, good.status_code) == (400, 201)
    assert Repair.objects.count() == 1


def test_a_key_for_another_request_or_not_a_uuid_is_a_400(api, officer, home):
    client = api(officer)
    key = str(uuid.uuid4())
    client.post("/api/v1/repairs/", _report(home), format="json", HTTP_IDEMPOTENCY_KEY=key)
    person = {"first_name": "Ada", "last_name": "Lovelace"}
    reused = client.post("/api/v1/people/", person, format="json", HTTP_IDEMPOTENCY_KEY=key)
    garbled = client.post(
        "/api/v1/people/", person, format="json", HTTP_IDEMPOTENCY_KEY="twice-please"
    )
    assert reused.status_code == garbled.status_code == 400
    assert list(reused.json()) == list(garbled.json()) == ["Idempotency-Key"]
    assert not Person.objects.filter(last_name="Lovelace").exists()


def test_another_users_key_is_theirs(api, officer, manager, home):
    key = str(uuid.uuid4())
    api(officer).post("/api/v1/repairs/", _report(home), format="json", HTTP_IDEMPOTENCY_KEY=key)
    response = api(manager).post(
        "/api/v1/repairs/", _report(home), format="json", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 400
    assert Repair.objects.count() == 1


def test_a_key_still_being_saved_is_a_409_with_retry_after(api, officer, home):
    key = uuid.uuid4()
    FormSubmission.objects.create(key=key, user=officer, path="/api/v1/repairs/")
    response = api(officer).post(
        "/api/v1/repairs/", _report(home), format="json", HTTP_IDEMPOTENCY_KEY=str(key)
    )
    assert response.status_code == 409
    assert response["Retry-After"] == "2"
    assert "still being saved" in response.json()["detail"]
    assert not Repair.objects.exists()


def test_every_resources_creates_honour_the_key(api, officer):
    client = api(officer)
    key = str(uuid.uuid4())
    person = {"first_name": "Ada", "last_name": "Lovelace", "phone": "0121 496 0001"}
    answers = [
        client.post("/api/v1/people/", person, format="json", HTTP_IDEMPOTENCY_KEY=key)
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json()["person_ref"] == answers[1].json()["person_ref"]
    assert Person.objects.filter(last_name="Lovelace").count() == 1
