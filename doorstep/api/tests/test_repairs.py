"""The `repairs` resource: reporting and working repairs through the repairs services, with
the pages' permissions, filters and field errors."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases.tests.factories import CaseFactory
from doorstep.contacts.tests.factories import ContactFactory
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.places.tests.factories import BlockFactory, HomeFactory, TeamFactory
from doorstep.repairs import targets
from doorstep.repairs.models import Repair, RepairStatus
from doorstep.repairs.tests.factories import ContractorFactory, RepairFactory

URL = "/api/v1/repairs/"


def _report(**fields):
    return {"priority": "urgent", "description": "Front door will not lock", **fields}


@pytest.fixture
def contractor(db):
    return ContractorFactory(name="Walsall Locks Ltd", trade="carpentry")


@pytest.fixture
def repair(home, officer):
    return RepairFactory(home=home, owner=officer, raised_by=officer)


@pytest.fixture
def estates_officer(office):
    return UserFactory(
        email="estates@doorstep.test",
        full_name="Dave Lloyd",
        team=TeamFactory(name="Walsall estates team", office=office),
        roles=[Role.ESTATES_OFFICER],
    )


# --- reporting ------------------------------------------------------------------------------


def test_an_officer_reports_a_repair_to_a_home_on_their_patch(api, officer, home):
    response = api(officer).post(URL, _report(uprn=home.uprn), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    repair = Repair.objects.get(reference=body["repair_ref"])
    assert body["repair_ref"].startswith(f"REP-{timezone.localdate().year}-")
    assert (body["uprn"], body["status"], body["owner_email"]) == (
        home.uprn,
        "reported",
        officer.email,
    )
    assert repair.target_at == targets.target_for(priority="urgent", reported_at=repair.reported_at)
    audit = AuditEvent.objects.get(object_type="repairs.repair", action=AuditAction.CREATE)
    assert (audit.actor, audit.source) == (officer, "api")


def test_a_contractor_given_at_once_orders_the_repair(api, officer, home, contractor):
    body = (
        api(officer)
        .post(URL, _report(uprn=home.uprn, contractor_id=contractor.pk), format="json")
        .json()
    )
    assert (body["status"], body["contractor_name"]) == ("ordered", "Walsall Locks Ltd")


def test_a_communal_repair_is_for_a_block(api, estates_officer, estate):
    block = BlockFactory(estate=estate, name="Lapwing House")
    response = api(estates_officer).post(URL, _report(block_id=block.pk), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["uprn"], body["block_id"], body["place"]) == (
        None,
        block.pk,
        f"Communal areas of {block}",
    )


def test_estates_officers_raise_in_their_own_office_only(api, estates_officer, other_home):
    response = api(estates_officer).post(URL, _report(uprn=other_home.uprn), format="json")
    assert response.status_code == 403
    assert "estates officers" in response.json()["detail"]


def test_an_officer_cannot_report_a_repair_on_another_patch(api, other_officer, home):
    response = api(other_officer).post(URL, _report(uprn=home.uprn), format="json")
    assert response.status_code == 403
    assert not Repair.objects.exists()


def test_a_repair_raised_for_a_case_takes_its_place(api, officer, home, team):
    case = CaseFactory(case_type="damp_mould", home=home, lead_officer=officer, team=team)
    response = api(officer).post(URL, _report(case_ref=case.reference), format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["uprn"], response.json()["case_ref"]) == (home.uprn, case.reference)


def test_a_repair_raised_from_a_contact_takes_the_callers_home(api, officer, person, home):
    contact = ContactFactory(person=person, home=None, logged_by=officer)
    response = api(officer).post(URL, _report(contact_id=contact.pk), format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["uprn"], response.json()["contact_id"]) == (home.uprn, contact.pk)


def test_a_case_the_caller_may_not_see_is_not_there(api, officer, home, other_team, other_officer):
    hidden = CaseFactory(
        case_type="domestic_abuse", home=home, lead_officer=other_officer, team=other_team
    )
    response = api(officer).post(
        URL, _report(uprn=home.uprn, case_ref=hidden.reference), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"case_ref": [f"No case has the reference {hidden.reference}."]}


def test_the_case_of_a_repair_shows_only_to_those_who_may_see_it(
    api, officer, manager, home, other_team, other_officer
):
    hidden = CaseFactory(
        case_type="domestic_abuse", home=home, lead_officer=other_officer, team=other_team
    )
    repair = RepairFactory(home=home, source_case=hidden)
    url = f"{URL}{repair.reference}/"
    assert api(officer).get(url).json()["case_ref"] is None
    assert api(officer).get(URL).json()["results"][0]["case_ref"] is None
    assert api(other_officer).get(url).json()["case_ref"] == hidden.reference


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        (
            {"uprn": "100071234567", "estate_id": 1},
            {"uprn": ["A repair is for one home, or the communal areas of one block or estate."]},
        ),
        ({}, {"uprn": ["A repair is for one home, or the communal areas of one block or estate."]}),
        ({"uprn": "100071234567", "priority": "whenever"}, {"priority": None}),
        ({"uprn": "999999999999"}, {"uprn": ["No home has the reference 999999999999."]}),
        ({"uprn": "100071234567", "contractor_id": 999999}, {"contractor_id": None}),
        ({"uprn": "100071234567", "description": "   "}, {"description": None}),
        ({"uprn": "100071234567", "owner_email": "nobody@x.test"}, {"owner_email": None}),
        (
            {"uprn": "100071234567", "reported_at": "2040-01-01T09:00:00Z"},
            {"reported_at": ["The time reported must be now or in the past."]},
        ),
    ],
)
def test_bad_reports_are_refused_by_field(api, officer, home, estate, fields, errors):
    if fields.get("estate_id"):
        fields["estate_id"] = estate.pk
    response = api(officer).post(URL, {**_report(), **fields}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == set(errors)
    for field, messages in errors.items():
        assert body[field] and (messages is None or body[field] == messages)
    assert not Repair.objects.exists()


def test_an_unknown_contractor_is_named(api, officer, home):
    response = api(officer).post(URL, _report(uprn=home.uprn, contractor_id=999999), format="json")
    assert response.json() == {"contractor_id": ["No contractor has the id 999999."]}


def test_read_only_and_non_raising_roles_are_refused_before_the_body(api, dpo, safeguarding_lead):
    for user in (dpo, safeguarding_lead):
        response = api(user).post(URL, {}, format="json")
        assert response.status_code == 403
        assert "raise repairs" in response.json()["detail"]


# --- working a repair ----------------------------------------------------------------------


def test_a_repair_is_ordered_started_and_completed_within_target(api, officer, repair, contractor):
    client = api(officer)
    url = f"{URL}{repair.reference}/"
    order = {"status": "ordered", "contractor_id": contractor.pk}
    ordered = client.patch(url, order, format="json")
    started = client.patch(url, {"status": "in_progress"}, format="json")
    done_at = timezone.now().replace(microsecond=0)
    completed = client.patch(
        url, {"status": "completed", "completed_at": done_at.isoformat()}, format="json"
    )
    assert ordered.status_code == started.status_code == completed.status_code == 200
    assert ordered.json()["contractor_id"] == contractor.pk
    assert started.json()["status"] == "in_progress"
    body = completed.json()
    assert (body["status"], body["within_target"], body["overdue"]) == ("completed", True, False)
    assert dt.datetime.fromisoformat(body["completed_at"]) == done_at
    assert AuditEvent.objects.filter(object_type="repairs.repair", source="api").count() == 3


def test_completing_without_a_time_means_now(api, officer, repair):
    with time_machine.travel(timezone.now(), tick=False):
        body = (
            api(officer)
            .patch(f"{URL}{repair.reference}/", {"status": "completed"}, format="json")
            .json()
        )
        assert dt.datetime.fromisoformat(body["completed_at"]) == timezone.now()


def test_a_late_completion_is_outside_target(api, officer, home):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        repair = RepairFactory(
            home=home, owner=officer, priority="emergency", reported_at=timezone.now()
        )
    with time_machine.travel(dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC), tick=False):
        body = (
            api(officer)
            .patch(f"{URL}{repair.reference}/", {"status": "completed"}, format="json")
            .json()
        )
    assert body["within_target"] is False


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        ({"status": "cancelled"}, {"cancel_reason": ["Enter why the repair is cancelled."]}),
        (
            {"status": "in_progress"},
            {"status": ["A repair that is reported cannot become in progress."]},
        ),
        (
            {"status": "ordered"},
            {"contractor_id": ["Select the contractor the repair is ordered with."]},
        ),
        (
            {"contractor_id": "the contractor"},
            {"contractor_id": ["Give this only with status ordered, when ordering the repair."]},
        ),
        (
            {"completed_at": "2026-01-01T09:00:00Z"},
            {"completed_at": ["Give this only with status completed, when completing the repair."]},
        ),
        ({"status": "reported"}, {"status": ['"reported" is not a valid choice.']}),
        ({"priority": "emergency"}, {"priority": ["This field cannot be set here."]}),
    ],
)
def test_bad_changes_are_refused_by_field(api, officer, repair, contractor, change, errors):
    if "contractor_id" in change:
        change = {**change, "contractor_id": contractor.pk}
    response = api(officer).patch(f"{URL}{repair.reference}/", change, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    repair.refresh_from_db()
    assert repair.status == RepairStatus.REPORTED


def test_a_completed_repair_cannot_change_again(api, officer, repair):
    client = api(officer)
    url = f"{URL}{repair.reference}/"
    client.patch(url, {"status": "completed"}, format="json")
    again = client.patch(url, {"status": "completed"}, format="json")
    owner = client.patch(url, {"owner_email": officer.email}, format="json")
    assert again.status_code == owner.status_code == 400
    assert again.json() == {"completed_at": ["The repair is already completed."]}
    assert owner.json() == {"owner_email": ["The repair is completed."]}


def test_a_repair_is_given_to_another_officer(api, officer, team_leader, repair):
    response = api(officer).patch(
        f"{URL}{repair.reference}/", {"owner_email": team_leader.email}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["owner_email"] == team_leader.email


def test_the_owner_works_their_repair_on_another_patch_and_no_one_else_there_does(
    api, officer, other_officer, other_home
):
    mine = RepairFactory(home=other_home, owner=officer)
    theirs = RepairFactory(home=other_home, owner=other_officer)
    cancel = {"status": "cancelled", "cancel_reason": "Duplicate"}
    own = api(officer).patch(f"{URL}{mine.reference}/", cancel, format="json")
    other = api(officer).patch(f"{URL}{theirs.reference}/", cancel, format="json")
    assert own.status_code == 200
    assert other.status_code == 403
    assert other.json()["detail"].startswith("Only the repair's owner")


def test_a_reference_is_read_in_any_case(api, dpo, repair):
    response = api(dpo).get(f"{URL}{repair.reference.lower()}/")
    assert response.status_code == 200
    assert response.json()["repair_ref"] == repair.reference


# --- lists ------------------------------------------------------------------------------------


def _refs(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.json()
    return {r["repair_ref"] for r in response.json()["results"]}


def test_the_lists_filters(api, officer, home, other_home, estate, contractor):
    past = timezone.now() - dt.timedelta(days=90)
    overdue = RepairFactory(home=home, reported_at=past, priority="urgent")
    ordered = RepairFactory(home=home, status="ordered", contractor=contractor)
    elsewhere = RepairFactory(home=other_home, priority="emergency", reported_at=timezone.now())
    communal = RepairFactory(home=None, estate=estate)
    done = RepairFactory(
        home=home,
        status="completed",
        completed_at=timezone.now(),
        within_target=True,
    )
    client = api(officer)
    everything = {r.reference for r in (overdue, ordered, elsewhere, communal, done)}
    assert _refs(client) == everything  # any status, unlike the page's default
    assert _refs(client, status="open") == everything - {done.reference}
    assert _refs(client, status="completed") == {done.reference}
    assert _refs(client, priority="emergency") == {elsewhere.reference}
    assert _refs(client, overdue="true") == {overdue.reference}
    assert _refs(client, estate=estate.pk) == everything - {elsewhere.reference}
    assert _refs(client, contractor=contractor.pk) == {ordered.reference}


@pytest.mark.parametrize(
    ("param", "value"),
    [("status", "lost"), ("priority", "soon"), ("estate", "beech"), ("contractor", "Acme")],
)
def test_a_bad_filter_is_a_400_naming_it(api, officer, param, value):
    response = api(officer).get(URL, {param: value})
    assert response.status_code == 400
    assert list(response.json()) == [param]


def test_updated_since_lists_repairs_changed_since(api, officer, home):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        old = RepairFactory(home=home, owner=officer)
        RepairFactory(home=home)
    with time_machine.travel(dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC), tick=False):
        new = RepairFactory(home=home)
    client = api(officer)
    since = {"updated_since": "2026-03-03T00:00:00Z"}
    assert _refs(client, **since) == {new.reference}
    with time_machine.travel(dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC), tick=False):
        client.patch(
            f"{URL}{old.reference}/",
            {"status": "cancelled", "cancel_reason": "Duplicate"},
            format="json",
        )
    assert _refs(client, **since) == {new.reference, old.reference}


def test_the_list_costs_the_same_queries_for_an_officer_who_may_not_see_every_case(
    api, officer, other_officer, other_team, estate, django_assert_max_num_queries
):
    client = api(officer)

    def add() -> None:
        home = HomeFactory(estate=estate, patch=estate.patch)
        case = CaseFactory(
            case_type="domestic_abuse", home=home, lead_officer=other_officer, team=other_team
        )
        RepairFactory(home=home, source_case=case, contractor=ContractorFactory(), owner=officer)

    add()
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(URL).json()["results"]) == 1
    for _ in range(5):
        add()
    with django_assert_max_num_queries(len(one)):
        results = client.get(URL).json()["results"]
    assert len(results) == 6
    assert all(r["case_ref"] is None for r in results)
