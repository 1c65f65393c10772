"""The `inspections` resource: starting, answering and completing inspections through the
inspections services, with the pages' permissions, filters and field errors."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from doorstep.cases.tests.factories import CaseFactory
from doorstep.core.models import AuditEvent
from doorstep.inspections import services
from doorstep.inspections.defaults import install_checklist
from doorstep.inspections.models import ChecklistItem, Inspection, InspectionAnswer
from doorstep.inspections.tests.factories import InspectionFactory
from doorstep.places.tests.factories import BlockFactory

URL = "/api/v1/inspections/"


@pytest.fixture(autouse=True)
def checklist(db):
    install_checklist(ChecklistItem)
    return list(ChecklistItem.objects.filter(active=True).order_by("order"))


@pytest.fixture
def inspection(officer, estate):
    return services.inspection_start(actor=officer, estate=estate)


def _answer_url(inspection, answer):
    return f"{URL}{inspection.pk}/answers/{answer.pk}/"


def _answers(inspection):
    return list(inspection.answers.order_by("order"))


# --- starting ---------------------------------------------------------------------------------


def test_an_officer_starts_an_inspection_of_an_estate_on_their_patch(
    api, officer, estate, checklist
):
    response = api(officer).post(URL, {"estate_id": estate.pk}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["estate_id"], body["block_id"], body["status"]) == (
        estate.pk,
        None,
        "in_progress",
    )
    assert body["inspector_email"] == officer.email
    assert body["inspected_on"] == str(timezone.localdate())
    assert [a["item_text"] for a in body["answers"]] == [item.text for item in checklist]
    assert all(a["result"] == "" for a in body["answers"])
    assert AuditEvent.objects.filter(object_type="inspections.inspection", source="api").exists()


def test_starting_again_gives_the_inspection_in_progress(api, officer, estate, inspection):
    response = api(officer).post(URL, {"estate_id": estate.pk}, format="json")
    assert response.json()["id"] == inspection.pk
    assert Inspection.objects.count() == 1


def test_a_block_is_inspected_on_its_estate(api, team_leader, estate):
    block = BlockFactory(estate=estate, name="Lapwing House")
    body = (
        api(team_leader)
        .post(URL, {"estate_id": estate.pk, "block_id": block.pk}, format="json")
        .json()
    )
    assert (body["block_id"], body["place"]) == (block.pk, f"Lapwing House, {estate.name}")


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"block_id": "other"}, {"block_id": ["That block is not on that estate."]}),
        ({"block_id": 999999}, {"block_id": ["No block has the id 999999."]}),
        ({"estate_id": 999999}, {"estate_id": ["No estate has the id 999999."]}),
        (
            {"estate_id": "Beechdale"},
            {"estate_id": ["Enter the id of an estate (a whole number)."]},
        ),
        (
            {"inspected_on": "2040-01-01"},
            {"inspected_on": ["The date of the inspection cannot be in future."]},
        ),
        ({"score": 100}, {"score": ["This field cannot be set here."]}),
    ],
)
def test_bad_starts_are_refused_by_field(api, manager, estate, other_estate, fields, errors):
    if fields.get("block_id") == "other":
        fields = {"block_id": BlockFactory(estate=other_estate).pk}
    response = api(manager).post(URL, {"estate_id": estate.pk, **fields}, format="json")
    assert response.status_code == 400
    assert response.json() == errors
    assert not Inspection.objects.exists()


def test_an_empty_checklist_is_said(api, manager, estate):
    ChecklistItem.objects.update(active=False)
    response = api(manager).post(URL, {"estate_id": estate.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["The checklist has no items. Ask a manager to add them."]
    }


def test_an_officer_cannot_inspect_another_patchs_estate(api, officer, other_estate):
    response = api(officer).post(URL, {"estate_id": other_estate.pk}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Only estates officers")


def test_the_dpo_is_refused_before_the_body(api, dpo):
    assert api(dpo).post(URL, {}, format="json").status_code == 403


# --- answering --------------------------------------------------------------------------------


def test_one_item_is_answered_per_request(api, officer, inspection):
    first, second = _answers(inspection)[:2]
    client = api(officer)
    passed = client.patch(_answer_url(inspection, first), {"result": "pass"}, format="json")
    failed = client.patch(
        _answer_url(inspection, second),
        {"result": "fail", "note": "Fire door wedged open on floor 2"},
        format="json",
    )
    assert passed.status_code == failed.status_code == 200
    answers = {a["answer_id"]: a for a in failed.json()["answers"]}
    assert answers[first.pk]["result"] == "pass"
    assert (answers[second.pk]["result"], answers[second.pk]["note"]) == (
        "fail",
        "Fire door wedged open on floor 2",
    )
    assert answers[second.pk]["answered_by_email"] == officer.email
    assert all(a["result"] == "" for a in failed.json()["answers"][2:])


def test_a_note_alone_keeps_the_result(api, officer, inspection):
    answer = _answers(inspection)[0]
    client = api(officer)
    client.patch(_answer_url(inspection, answer), {"result": "fail"}, format="json")
    client.patch(_answer_url(inspection, answer), {"note": "Bins overflowing"}, format="json")
    answer.refresh_from_db()
    assert (answer.result, answer.note) == ("fail", "Bins overflowing")


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, {"non_field_errors": ["Give a result, a note or both."]}),
        ({"result": "excellent"}, {"result": ['"excellent" is not a valid choice.']}),
        ({"note": "x" * 1001}, {"note": ["Ensure this field has no more than 1000 characters."]}),
        ({"photo": "a.jpg"}, {"photo": ["This field cannot be set here."]}),
    ],
)
def test_bad_answers_are_refused_by_field(api, officer, inspection, body, errors):
    answer = _answers(inspection)[0]
    response = api(officer).patch(_answer_url(inspection, answer), body, format="json")
    assert response.status_code == 400
    assert response.json() == errors


def test_an_answer_of_another_inspection_is_404(api, officer, inspection):
    elsewhere = InspectionFactory(estate=inspection.estate, inspector=officer)
    answer = _answers(inspection)[0]
    response = api(officer).patch(
        f"{URL}{elsewhere.pk}/answers/{answer.pk}/", {"result": "pass"}, format="json"
    )
    assert response.status_code == 404
    assert response.json() == {"detail": f"This inspection has no answer with the id {answer.pk}."}


def test_an_officer_cannot_answer_on_another_patch(api, other_officer, inspection):
    answer = _answers(inspection)[0]
    response = api(other_officer).patch(
        _answer_url(inspection, answer), {"result": "pass"}, format="json"
    )
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.result == ""


# --- completing -------------------------------------------------------------------------------


def test_completing_needs_every_item_answered_and_every_fail_noted(api, officer, inspection):
    answers = _answers(inspection)
    client = api(officer)
    client.patch(_answer_url(inspection, answers[0]), {"result": "fail"}, format="json")
    response = client.post(f"{URL}{inspection.pk}/complete/")
    assert response.status_code == 400
    by_answer = response.json()["answers"]
    assert list(response.json()) == ["answers"]
    assert by_answer[str(answers[0].pk)] == {
        "note": [f"Add a note saying why “{answers[0].item_text}” failed."]
    }
    assert by_answer[str(answers[1].pk)] == {
        "result": [f"Answer “{answers[1].item_text}”: pass, fail or not applicable."]
    }
    inspection.refresh_from_db()
    assert inspection.status == "in_progress"


def test_a_completed_inspection_is_scored_and_its_answers_are_fixed(api, officer, inspection):
    answers = _answers(inspection)
    client = api(officer)
    for index, answer in enumerate(answers):
        body = {"result": "pass"} if index else {"result": "fail", "note": "Graffiti"}
        client.patch(_answer_url(inspection, answer), body, format="json")
    done = client.post(f"{URL}{inspection.pk}/complete/")
    late = client.patch(_answer_url(inspection, answers[0]), {"result": "pass"}, format="json")
    assert done.status_code == 200, done.json()
    body = done.json()
    passes = len(answers) - 1
    assert (body["status"], body["passes"], body["fails"]) == ("completed", passes, 1)
    assert body["score"] == round(100 * passes / len(answers), 1)
    assert late.status_code == 400
    assert late.json() == {"non_field_errors": [services.COMPLETED]}


def test_a_case_raised_from_a_failed_item_shows_to_those_who_may_see_it(
    api, officer, other_officer, other_team, inspection
):
    answer = _answers(inspection)[0]
    hidden = CaseFactory(case_type="asb", lead_officer=other_officer, team=other_team)
    hidden.restricted = True
    hidden.save()
    InspectionAnswer.objects.filter(pk=answer.pk).update(result="fail", case=hidden)
    url = f"{URL}{inspection.pk}/"
    assert api(officer).get(url).json()["answers"][0]["case_ref"] is None
    assert api(other_officer).get(url).json()["answers"][0]["case_ref"] == hidden.reference


# --- lists ------------------------------------------------------------------------------------


def _ids(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.json()
    return {i["id"] for i in response.json()["results"]}


def test_the_lists_filters(api, dpo, officer, estate, other_estate, inspection):
    block = BlockFactory(estate=estate)
    of_block = InspectionFactory(estate=estate, block=block, inspector=officer)
    elsewhere = InspectionFactory(estate=other_estate, inspector=officer)
    client = api(dpo)
    assert _ids(client) == {inspection.pk, of_block.pk, elsewhere.pk}
    assert _ids(client, estate=estate.pk) == {inspection.pk, of_block.pk}
    assert _ids(client, block=block.pk) == {of_block.pk}
    assert _ids(client, status="completed") == {of_block.pk, elsewhere.pk}
    assert _ids(client, status="in_progress") == {inspection.pk}


@pytest.mark.parametrize(("param", "value"), [("status", "done"), ("estate", "Beechdale")])
def test_a_bad_filter_is_a_400_naming_it(api, officer, param, value):
    response = api(officer).get(URL, {param: value})
    assert response.status_code == 400
    assert list(response.json()) == [param]


def test_an_answer_counts_as_a_change_for_updated_since(api, officer, estate):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        started = services.inspection_start(actor=officer, estate=estate)
    client = api(officer)
    since = {"updated_since": "2026-03-03T00:00:00Z"}
    before = _ids(client, **since)
    with time_machine.travel(dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC), tick=False):
        answer = _answers(started)[0]
        client.patch(_answer_url(started, answer), {"result": "pass"}, format="json")
    assert before == set()
    assert _ids(client, **since) == {started.pk}
