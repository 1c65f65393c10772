import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from doorstep.cases.models import CaseAttachment, CaseEvent, CaseStatus, CaseType
from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.inspections import services
from doorstep.inspections.models import (
    ChecklistItem,
    Inspection,
    InspectionAnswer,
    InspectionSchedule,
    InspectionStatus,
    Result,
)
from doorstep.inspections.tests.conftest import answer_all, png_upload
from doorstep.places.tests.factories import BlockFactory

pytestmark = pytest.mark.django_db

P, F, NA = Result.PASS, Result.FAIL, Result.NOT_APPLICABLE
TUESDAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=LONDON)


@pytest.fixture
def frozen():
    with time_machine.travel(TUESDAY, tick=False):
        yield


# --- schedules -------------------------------------------------------------------------------


def test_a_manager_schedules_an_estate_every_four_weeks_by_default(
    frozen, manager, estate, estates_officer
):
    schedule = services.schedule_create(actor=manager, estate=estate, inspector=estates_officer)
    assert schedule.frequency_weeks == 4  # the estate's 28 days
    assert schedule.starts_on == schedule.next_due_on == dt.date(2026, 3, 3)
    assert AuditEvent.objects.filter(
        object_type="inspections.inspectionschedule", action="create"
    ).exists()


def test_a_new_schedule_is_due_one_frequency_after_the_last_inspection(
    frozen, manager, estate, estates_officer
):
    inspection = services.inspection_start(
        actor=estates_officer, estate=estate, inspected_on=dt.date(2026, 2, 20)
    )
    answer_all(inspection, estates_officer, [P] * 9)
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    schedule = services.schedule_create(
        actor=manager,
        estate=estate,
        inspector=estates_officer,
        frequency_weeks=2,
        starts_on=dt.date(2026, 3, 1),
    )
    assert schedule.last_inspected_on == dt.date(2026, 2, 20)
    assert schedule.next_due_on == dt.date(2026, 3, 6)


def test_completing_an_inspection_moves_the_schedule_on(frozen, manager, estate, estates_officer):
    schedule = services.schedule_create(
        actor=manager, estate=estate, inspector=estates_officer, starts_on=dt.date(2026, 2, 1)
    )
    assert schedule.next_due_on == dt.date(2026, 2, 1)  # overdue
    inspection = services.inspection_start(actor=estates_officer, estate=estate)
    assert inspection.schedule == schedule
    answer_all(inspection, estates_officer, [P] * 9)
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    schedule.refresh_from_db()
    assert schedule.last_inspected_on == dt.date(2026, 3, 3)
    assert schedule.next_due_on == dt.date(2026, 3, 31)


def test_a_block_has_its_own_schedule_beside_the_estates(frozen, manager, estate, estates_officer):
    block = BlockFactory(estate=estate, name="Lapwing House")
    services.schedule_create(actor=manager, estate=estate, inspector=estates_officer)
    on_block = services.schedule_create(
        actor=manager, estate=estate, block=block, inspector=estates_officer, frequency_weeks=8
    )
    assert on_block.place_name == "Lapwing House, Beechdale Estate"
    with pytest.raises(ValidationError) as error:
        services.schedule_create(actor=manager, estate=estate, inspector=estates_officer)
    assert "Beechdale Estate already has a schedule" in str(error.value.message_dict["place"])


def test_a_block_must_be_on_the_estate(manager, estate, other_estate, estates_officer):
    with pytest.raises(ValidationError) as error:
        services.schedule_create(
            actor=manager,
            estate=estate,
            block=BlockFactory(estate=other_estate),
            inspector=estates_officer,
        )
    assert error.value.message_dict == {"place": ["That block is not on that estate."]}


@pytest.mark.parametrize("weeks", [0, 53])
def test_a_frequency_outside_1_to_52_weeks_is_refused(manager, estate, estates_officer, weeks):
    with pytest.raises(ValidationError) as error:
        services.schedule_create(
            actor=manager, estate=estate, inspector=estates_officer, frequency_weeks=weeks
        )
    assert error.value.message_dict == {
        "frequency_weeks": ["Enter a number of weeks from 1 to 52."]
    }


def test_the_inspector_must_be_able_to_inspect_the_estate(manager, estate, other_estates_officer):
    with pytest.raises(ValidationError) as error:
        services.schedule_create(actor=manager, estate=estate, inspector=other_estates_officer)
    assert error.value.message_dict == {
        "inspector": ["Tom Brennan cannot inspect Beechdale Estate."]
    }


@pytest.mark.parametrize("who", ["officer", "estates_officer", "dpo", "other_officer"])
def test_only_team_leaders_and_managers_schedule(request, estate, estates_officer, who):
    with pytest.raises(PermissionDenied):
        services.schedule_create(
            actor=request.getfixturevalue(who), estate=estate, inspector=estates_officer
        )


def test_a_team_leader_changes_and_stops_a_schedule(
    frozen, team_leader, estate, estates_officer, officer
):
    schedule = services.schedule_create(actor=team_leader, estate=estate, inspector=estates_officer)
    services.schedule_update(
        actor=team_leader,
        schedule=schedule,
        inspector=officer,  # the neighbourhood officer on the patch may inspect
        frequency_weeks=6,
        starts_on=dt.date(2026, 3, 10),
    )
    schedule.refresh_from_db()
    assert (schedule.inspector, schedule.frequency_weeks, schedule.next_due_on) == (
        officer,
        6,
        dt.date(2026, 3, 10),
    )
    services.schedule_stop(actor=team_leader, schedule=schedule)
    assert not InspectionSchedule.objects.get(pk=schedule.pk).active
    # Stopped: the place may have a new one.
    services.schedule_create(actor=team_leader, estate=estate, inspector=estates_officer)


# --- starting and answering ------------------------------------------------------------------


def test_starting_copies_the_active_checklist_in_order(estates_officer, estate, checklist):
    inspection = services.inspection_start(actor=estates_officer, estate=estate)
    answers = list(inspection.answers.order_by("order"))
    assert [a.item_text for a in answers] == [item.text for item in checklist]
    assert answers[4].item_text == "No fly-tipping" and answers[4].follow_up == "fly_tipping"
    assert all(a.result == "" for a in answers)
    assert inspection.status == InspectionStatus.IN_PROGRESS
    assert inspection.inspector == estates_officer


def test_starting_again_carries_on_with_the_one_in_progress(estates_officer, estate, officer):
    first = services.inspection_start(actor=estates_officer, estate=estate)
    again = services.inspection_start(actor=officer, estate=estate)
    assert again == first and Inspection.objects.count() == 1


def test_an_inspection_cannot_be_dated_in_the_future(estates_officer, estate):
    with pytest.raises(ValidationError):
        services.inspection_start(
            actor=estates_officer, estate=estate, inspected_on=dt.date(2099, 1, 1)
        )


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("estates_officer", True),  # estates of their own office
        ("officer", True),  # the neighbourhood officer on the patch
        ("team_leader", True),
        ("manager", True),
        ("other_estates_officer", False),  # another office
        ("other_officer", False),  # another patch
        ("asb_officer", False),
        ("safeguarding_lead", False),
        ("dpo", False),
    ],
)
def test_who_may_inspect(request, estate, who, allowed):
    actor = request.getfixturevalue(who)
    if allowed:
        assert services.inspection_start(actor=actor, estate=estate).pk
    else:
        with pytest.raises(PermissionDenied):
            services.inspection_start(actor=actor, estate=estate)


def test_an_answer_saves_and_a_second_changes_it(inspection, estates_officer):
    answer = inspection.answers.order_by("order").first()
    services.answer_record(actor=estates_officer, answer=answer, result=P)
    services.answer_record(actor=estates_officer, answer=answer, result=F, note="Wedged open.")
    answer.refresh_from_db()
    assert (answer.result, answer.note, answer.answered_by) == (F, "Wedged open.", estates_officer)
    assert (
        AuditEvent.objects.filter(
            object_type="inspections.inspectionanswer", object_id=str(answer.pk)
        ).count()
        == 2
    )


def test_what_is_not_sent_stays_as_it_was(inspection, estates_officer):
    answer = inspection.answers.order_by("order").first()
    services.answer_record(actor=estates_officer, answer=answer, result=F, note="Litter.")
    services.answer_record(actor=estates_officer, answer=answer, note=None, result=None)
    answer.refresh_from_db()
    assert (answer.result, answer.note) == (F, "Litter.")
    # Nothing changed, nothing audited a second time.
    assert AuditEvent.objects.filter(object_type="inspections.inspectionanswer").count() == 1


def test_a_bad_result_is_refused(inspection, estates_officer):
    answer = inspection.answers.first()
    with pytest.raises(ValidationError) as error:
        services.answer_record(actor=estates_officer, answer=answer, result="maybe")
    assert error.value.message_dict == {"result": ["Choose pass, fail or not applicable."]}


def test_a_note_over_1000_characters_is_refused(inspection, estates_officer):
    with pytest.raises(ValidationError) as error:
        services.answer_record(
            actor=estates_officer, answer=inspection.answers.first(), note="x" * 1001
        )
    assert "note" in error.value.message_dict


def test_a_photo_is_stored_under_a_random_name_and_replaced(inspection, estates_officer, media):
    answer = inspection.answers.first()
    services.answer_record(
        actor=estates_officer, answer=answer, photo=png_upload("Mr Smith's door.png")
    )
    answer.refresh_from_db()
    first = answer.photo.name
    assert first.startswith(f"inspections/{inspection.pk}/") and first.endswith(".png")
    assert "Smith" not in first
    assert answer.photo_content_type == "image/png"
    services.answer_record(actor=estates_officer, answer=answer, photo=png_upload())
    answer.refresh_from_db()
    assert answer.photo.name != first
    assert answer.photo.storage.exists(answer.photo.name)


def test_a_file_that_is_not_a_photo_is_refused(inspection, estates_officer):
    fake = SimpleUploadedFile(
        "photo.jpg", b"%PDF-1.7 not a photo at all", content_type="image/jpeg"
    )
    with pytest.raises(ValidationError) as error:
        services.answer_record(actor=estates_officer, answer=inspection.answers.first(), photo=fake)
    assert error.value.message_dict == {
        "photo": ["The selected file must be a photo: JPEG, PNG, WebP or HEIC."]
    }


def test_a_photo_over_10_mb_is_refused(inspection, estates_officer):
    big = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        services.answer_record(actor=estates_officer, answer=inspection.answers.first(), photo=big)
    assert error.value.message_dict == {"photo": ["The photo must be smaller than 10 MB."]}


def test_a_photo_can_be_removed(inspection, estates_officer):
    answer = inspection.answers.first()
    services.answer_record(actor=estates_officer, answer=answer, photo=png_upload())
    services.answer_record(actor=estates_officer, answer=answer, remove_photo=True)
    answer.refresh_from_db()
    assert not answer.photo and answer.photo_content_type == ""


# --- completing ------------------------------------------------------------------------------


def test_completing_scores_the_inspection(inspection, estates_officer):
    answer_all(inspection, estates_officer, [P, P, P, P, F, P, P, NA, P])
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    inspection.refresh_from_db()
    assert (inspection.passes, inspection.fails, inspection.not_applicable) == (7, 1, 1)
    assert inspection.score == Decimal("87.5")
    assert inspection.status == InspectionStatus.COMPLETED and inspection.completed_at


def test_an_inspection_all_not_applicable_is_not_scored(inspection, estates_officer):
    answer_all(inspection, estates_officer, [NA] * 9)
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    inspection.refresh_from_db()
    assert inspection.score is None and inspection.score_text == "Not scored"


def test_completing_needs_every_item_answered(inspection, estates_officer):
    answers = answer_all(inspection, estates_officer, [P] * 7)
    with pytest.raises(ValidationError) as error:
        services.inspection_complete(actor=estates_officer, inspection=inspection)
    assert error.value.message_dict == {
        f"{answers[7].prefix}-result": ["Answer “Play area”: pass, fail or not applicable."],
        f"{answers[8].prefix}-result": ["Answer “Signage”: pass, fail or not applicable."],
    }
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.IN_PROGRESS


def test_a_fail_needs_a_note(inspection, estates_officer):
    answers = answer_all(inspection, estates_officer, [P, F, P, P, P, P, P, P, P], notes={1: ""})
    with pytest.raises(ValidationError) as error:
        services.inspection_complete(actor=estates_officer, inspection=inspection)
    assert error.value.message_dict == {
        f"{answers[1].prefix}-note": ["Add a note saying why “Fire doors closed” failed."]
    }


def test_a_completed_inspection_cannot_change(inspection, estates_officer):
    answers = answer_all(inspection, estates_officer, [P] * 9)
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    with pytest.raises(ValidationError) as error:
        services.answer_record(actor=estates_officer, answer=answers[0], result=F)
    assert error.value.messages == ["This inspection is complete; its answers cannot change."]
    with pytest.raises(ValidationError):
        services.inspection_complete(actor=estates_officer, inspection=inspection)


# --- raising a case --------------------------------------------------------------------------


@pytest.fixture
def failed_fly_tipping(inspection, estates_officer):
    answers = answer_all(
        inspection,
        estates_officer,
        [P, P, P, P, F, P, P, P, P],
        notes={4: "Three mattresses and a sofa dumped by the garages."},
    )
    services.answer_record(actor=estates_officer, answer=answers[4], photo=png_upload())
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    return InspectionAnswer.objects.get(pk=answers[4].pk)


def test_a_failed_no_fly_tipping_item_opens_a_fly_tipping_case_linked_both_ways(
    failed_fly_tipping, estates_officer, estate, inspection
):
    case = services.answer_raise_case(actor=estates_officer, answer=failed_fly_tipping)
    assert case.case_type == CaseType.FLY_TIPPING
    assert case.reference.startswith("FT-")
    assert (case.estate, case.block, case.patch) == (estate, None, estate.patch)
    assert case.lead_officer == estates_officer and case.status == CaseStatus.OPEN
    assert "Three mattresses and a sofa dumped by the garages." in case.summary
    assert case.summary.startswith("No fly-tipping: failed at the inspection of Beechdale Estate")
    failed_fly_tipping.refresh_from_db()
    assert failed_fly_tipping.case == case
    assert list(case.inspection_answers.all()) == [failed_fly_tipping]
    note = CaseEvent.objects.get(case=case, kind="note")
    assert "Raised from the inspection of Beechdale Estate" in note.text
    assert "Inspector's note: Three mattresses" in note.text
    photo = CaseAttachment.objects.get(case=case)
    assert photo.content_type == "image/png" and photo.caption == "Inspection photo: No fly-tipping"


def test_a_case_on_a_block_inspection_is_on_the_block(estates_officer, estate):
    block = BlockFactory(estate=estate, name="Kestrel House")
    inspection = services.inspection_start(actor=estates_officer, estate=estate, block=block)
    answers = answer_all(inspection, estates_officer, [P, P, F, P, P, P, P, P, P])
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    case = services.answer_raise_case(actor=estates_officer, answer=answers[2])
    assert case.case_type == CaseType.ASB  # "Escape routes clear" usually needs an ASB case
    assert (case.block, case.estate) == (block, estate)


def test_an_item_that_usually_needs_a_repair_takes_the_case_type_chosen(
    inspection, estates_officer
):
    answers = answer_all(inspection, estates_officer, [P, F, P, P, P, P, P, P, P])
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    with pytest.raises(ValidationError) as error:
        services.answer_raise_case(actor=estates_officer, answer=answers[1])
    assert "case_type" in error.value.message_dict
    case = services.answer_raise_case(
        actor=estates_officer, answer=answers[1], case_type=CaseType.ASB
    )
    assert case.case_type == CaseType.ASB


def test_a_case_is_raised_once_and_only_from_a_failed_item_of_a_completed_inspection(
    inspection, estates_officer
):
    answers = answer_all(inspection, estates_officer, [P, P, P, P, F, P, P, P, P])
    with pytest.raises(ValidationError) as error:
        services.answer_raise_case(actor=estates_officer, answer=answers[4])
    assert error.value.messages == [services.NOT_COMPLETED]
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    with pytest.raises(ValidationError, match=r"Only a failed item raises a case\."):
        services.answer_raise_case(actor=estates_officer, answer=answers[0])
    case = services.answer_raise_case(actor=estates_officer, answer=answers[4])
    with pytest.raises(ValidationError, match=f"Case {case.reference} was already raised"):
        services.answer_raise_case(actor=estates_officer, answer=answers[4])


def test_someone_who_cannot_inspect_cannot_raise_a_case(failed_fly_tipping, other_estates_officer):
    with pytest.raises(PermissionDenied):
        services.answer_raise_case(actor=other_estates_officer, answer=failed_fly_tipping)


# --- the checklist ---------------------------------------------------------------------------


def test_a_retired_item_is_left_out_of_new_inspections_but_kept_on_old_ones(
    manager, estates_officer, estate, checklist
):
    old = services.inspection_start(actor=estates_officer, estate=estate)
    answer_all(old, estates_officer, [P] * 9)
    services.inspection_complete(actor=estates_officer, inspection=old)
    play_area = next(item for item in checklist if item.text == "Play area")
    services.checklist_item_set_active(actor=manager, item=play_area, active=False)
    new = services.inspection_start(actor=estates_officer, estate=estate)
    assert new != old
    assert "Play area" in [a.item_text for a in old.answers.all()]
    assert "Play area" not in [a.item_text for a in new.answers.all()]
    assert new.answers.count() == 8


def test_rewording_an_item_leaves_past_inspections_as_they_were(
    manager, estates_officer, estate, checklist
):
    old = services.inspection_start(actor=estates_officer, estate=estate)
    services.checklist_item_update(
        actor=manager,
        item=checklist[0],
        text="Communal areas clean and free of graffiti",
        hint="",
        follow_up="asb",
    )
    assert old.answers.order_by("order").first().item_text == "Communal areas clean"
    assert ChecklistItem.objects.get(pk=checklist[0].pk).text == (
        "Communal areas clean and free of graffiti"
    )


def test_a_manager_adds_and_reorders_items(manager, checklist):
    item = services.checklist_item_add(actor=manager, text="Lifts working", follow_up="repair")
    assert item.order == 10
    services.checklist_item_move(actor=manager, item=item, direction="up")
    texts = list(ChecklistItem.objects.order_by("order").values_list("text", flat=True))
    assert texts[-2:] == ["Lifts working", "Signage"]
    services.checklist_item_move(actor=manager, item=checklist[0], direction="up")  # already first
    assert ChecklistItem.objects.order_by("order").first() == checklist[0]


def test_a_checklist_item_needs_words(manager):
    with pytest.raises(ValidationError) as error:
        services.checklist_item_add(actor=manager, text="  ")
    assert error.value.message_dict == {"text": ["Enter the checklist item."]}
    with pytest.raises(ValidationError) as error:
        services.checklist_item_add(actor=manager, text="Lifts", follow_up="demolish")
    assert "follow_up" in error.value.message_dict


@pytest.mark.parametrize("who", ["team_leader", "estates_officer", "officer", "dpo"])
def test_only_managers_change_the_checklist(request, checklist, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.checklist_item_add(actor=actor, text="Lifts working")
    with pytest.raises(PermissionDenied):
        services.checklist_item_set_active(actor=actor, item=checklist[0], active=False)
