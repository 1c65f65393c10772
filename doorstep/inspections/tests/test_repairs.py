"""Repairs raised from failed inspection items: the service, the page and the link both ways
(the item and the inspection page show the repair; the repair page links back)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from doorstep.inspections import services
from doorstep.inspections.models import ChecklistItem, Result
from doorstep.inspections.pdf import report_html
from doorstep.inspections.tests.conftest import answer_all
from doorstep.places.tests.factories import BlockFactory
from doorstep.repairs.models import Priority, Repair, RepairStatus

pytestmark = pytest.mark.django_db

P, F = Result.PASS, Result.FAIL
# Fire doors (urgent repair), lighting (urgent repair), fly-tipping, grounds (routine repair).
FIRE_DOORS, LIGHTING, FLY_TIPPING, GROUNDS = 1, 3, 4, 6


@pytest.fixture
def failed(inspection, estates_officer):
    results = [P, F, P, F, F, P, F, P, P]
    answers = answer_all(
        inspection, estates_officer, results, notes={FIRE_DOORS: "Door to stair B wedged open."}
    )
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    return answers


def test_the_default_checklist_says_which_repairs_are_urgent():
    priorities = dict(ChecklistItem.objects.values_list("text", "repair_priority"))
    assert priorities["Fire doors closed"] == Priority.URGENT
    assert priorities["Lighting working"] == Priority.URGENT
    assert priorities["Grounds"] == Priority.ROUTINE


def test_a_repair_is_raised_on_the_estate_with_the_items_usual_priority(
    failed, inspection, estates_officer, estate
):
    repair = services.answer_raise_repair(actor=estates_officer, answer=failed[FIRE_DOORS])
    assert (repair.estate, repair.block, repair.home) == (estate, None, None)
    assert repair.priority == Priority.URGENT
    assert repair.owner == estates_officer and repair.status == RepairStatus.REPORTED
    assert repair.description.startswith("Fire doors closed: failed at the estate inspection")
    assert "Inspector's note: Door to stair B wedged open." in repair.description
    # Linked both ways, from one field.
    assert repair.source_inspection_item == failed[FIRE_DOORS]
    failed[FIRE_DOORS].refresh_from_db()
    assert failed[FIRE_DOORS].repair == repair


def test_the_priority_chosen_on_the_form_wins(failed, estates_officer):
    repair = services.answer_raise_repair(
        actor=estates_officer, answer=failed[GROUNDS], priority=Priority.PLANNED
    )
    assert repair.priority == Priority.PLANNED


def test_an_unknown_priority_is_refused_on_the_priority_field(failed, estates_officer):
    with pytest.raises(ValidationError) as error:
        services.answer_raise_repair(actor=estates_officer, answer=failed[GROUNDS], priority="x")
    assert "priority" in error.value.message_dict
    assert not Repair.objects.exists()


def test_a_repair_on_a_block_inspection_is_to_the_blocks_communal_areas(estates_officer, estate):
    block = BlockFactory(estate=estate, name="Kestrel House")
    inspection = services.inspection_start(actor=estates_officer, estate=estate, block=block)
    answers = answer_all(inspection, estates_officer, [P, P, P, F, P, P, P, P, P])
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    repair = services.answer_raise_repair(actor=estates_officer, answer=answers[LIGHTING])
    assert (repair.block, repair.estate) == (block, None)
    assert repair.place == "Communal areas of Kestrel House, Beechdale Estate"


def test_a_repair_is_raised_once_and_only_from_a_failed_item_of_a_completed_inspection(
    inspection, estates_officer
):
    answers = answer_all(inspection, estates_officer, [P, F, P, P, P, P, P, P, P])
    with pytest.raises(ValidationError) as error:
        services.answer_raise_repair(actor=estates_officer, answer=answers[FIRE_DOORS])
    assert error.value.messages == [services.NOT_COMPLETED_REPAIR]
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    with pytest.raises(ValidationError, match=r"Only a failed item raises a repair\."):
        services.answer_raise_repair(actor=estates_officer, answer=answers[0])
    repair = services.answer_raise_repair(actor=estates_officer, answer=answers[FIRE_DOORS])
    with pytest.raises(ValidationError, match=f"Repair {repair.reference} was already raised"):
        services.answer_raise_repair(actor=estates_officer, answer=answers[FIRE_DOORS])
    assert Repair.objects.count() == 1


def test_the_case_raised_from_the_same_item_is_the_repairs_case(failed, estates_officer):
    case = services.answer_raise_case(
        actor=estates_officer, answer=failed[FIRE_DOORS], case_type="asb"
    )
    repair = services.answer_raise_repair(actor=estates_officer, answer=failed[FIRE_DOORS])
    assert repair.source_case == case


@pytest.mark.parametrize("who", ["other_estates_officer", "dpo"])
def test_someone_who_cannot_inspect_here_cannot_raise_a_repair(request, who, failed):
    with pytest.raises(PermissionDenied):
        services.answer_raise_repair(actor=request.getfixturevalue(who), answer=failed[FIRE_DOORS])
    assert not Repair.objects.exists()


# --- pages -----------------------------------------------------------------------------------


def test_the_inspection_offers_a_repair_only_for_items_that_usually_need_one(
    client, failed, inspection, estates_officer
):
    client.force_login(estates_officer)
    page = client.get(inspection.get_absolute_url()).content.decode()
    for index in (FIRE_DOORS, LIGHTING, GROUNDS):
        url = reverse("inspections:answer_raise_repair", args=[inspection.pk, failed[index].pk])
        assert url in page
    fly_tipping = failed[FLY_TIPPING]
    assert (
        reverse("inspections:answer_raise_repair", args=[inspection.pk, fly_tipping.pk]) not in page
    )
    # The usual priority is chosen already.
    assert f'id="{failed[FIRE_DOORS].prefix}-priority"' in page
    assert '<option value="urgent" selected>' in page


def test_raising_a_repair_from_the_page_links_both_ways(
    client, failed, inspection, estates_officer
):
    answer = failed[GROUNDS]
    client.force_login(estates_officer)
    url = reverse("inspections:answer_raise_repair", args=[inspection.pk, answer.pk])
    response = client.post(url, {f"{answer.prefix}-priority": "urgent"})
    assert response.status_code == 302
    repair = Repair.objects.get()
    assert repair.priority == Priority.URGENT
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert repair.reference in page and repair.get_absolute_url() in page
    assert url not in page  # raised once: the button has gone
    repair_page = client.get(repair.get_absolute_url()).content.decode()
    assert "Raised from an inspection" in repair_page
    assert f"{inspection.get_absolute_url()}#{answer.prefix}" in repair_page
    assert "“Grounds” failed" in repair_page


def test_raising_a_repair_needs_a_priority(client, failed, inspection, estates_officer):
    answer = failed[GROUNDS]
    client.force_login(estates_officer)
    url = reverse("inspections:answer_raise_repair", args=[inspection.pk, answer.pk])
    response = client.post(url, {f"{answer.prefix}-priority": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the priority of the repair." in page
    assert f'href="#{answer.prefix}-priority"' in page
    assert not Repair.objects.exists()


@pytest.mark.parametrize("who", ["dpo", "other_estates_officer"])
def test_those_who_may_not_inspect_cannot_raise_a_repair(client, request, who, failed, inspection):
    answer = failed[GROUNDS]
    client.force_login(request.getfixturevalue(who))
    url = reverse("inspections:answer_raise_repair", args=[inspection.pk, answer.pk])
    assert client.post(url, {f"{answer.prefix}-priority": "routine"}).status_code == 403
    assert not Repair.objects.exists()
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert url not in page


def test_a_signed_out_visitor_is_sent_to_sign_in(client, failed, inspection):
    url = reverse("inspections:answer_raise_repair", args=[inspection.pk, failed[GROUNDS].pk])
    response = client.post(url)
    assert response.status_code == 302 and response.url.startswith("/accounts/sign-in/")


def test_the_report_lists_the_repair(failed, inspection, estates_officer):
    from django.utils import timezone

    from doorstep.inspections import selectors

    repair = services.answer_raise_repair(actor=estates_officer, answer=failed[LIGHTING])
    html = report_html(
        inspection,
        selectors.answers_of(inspection),
        landlord="Walsall Homes",
        printed_by=estates_officer,
        now=timezone.now(),
    )
    assert f"Repair {repair.reference} (urgent, reported)" in html


# --- the checklist's usual priority ----------------------------------------------------------


def test_a_manager_sets_an_items_usual_repair_priority(client, manager):
    item = ChecklistItem.objects.get(text="Grounds")
    client.force_login(manager)
    url = reverse("inspections:checklist_item_edit", args=[item.pk])
    data = {"text": "Grounds", "hint": "", "follow_up": "repair", "repair_priority": "planned"}
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.repair_priority == Priority.PLANNED
    assert "Repair (planned)" in client.get(reverse("inspections:checklist")).content.decode()


def test_an_unknown_usual_priority_is_refused_on_its_field(client, manager):
    client.force_login(manager)
    data = {"text": "Lifts working", "follow_up": "repair", "repair_priority": "whenever"}
    response = client.post(reverse("inspections:checklist"), data)
    assert response.status_code == 200
    assert "Choose the priority a repair for this item usually has." in response.content.decode()
    assert not ChecklistItem.objects.filter(text="Lifts working").exists()


def test_the_service_refuses_an_unknown_usual_priority(manager):
    with pytest.raises(ValidationError) as error:
        services.checklist_item_add(
            actor=manager, text="Lifts working", follow_up="repair", repair_priority="soon"
        )
    assert "repair_priority" in error.value.message_dict
