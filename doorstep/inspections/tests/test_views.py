import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorstep.cases.models import Case, CaseType
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
from doorstep.inspections.tests.factories import InspectionFactory, ScheduleFactory
from doorstep.places.tests.factories import BlockFactory, EstateFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"
P, F, NA = Result.PASS, Result.FAIL, Result.NOT_APPLICABLE
HTMX = {"HTTP_HX_REQUEST": "true"}


def _completed(inspection, actor, results, notes=None):
    answers = answer_all(inspection, actor, results, notes)
    services.inspection_complete(actor=actor, inspection=inspection)
    return answers


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("schedule_list", [], "get"),
        ("schedule_create", [], "get"),
        ("schedule_edit", [1], "get"),
        ("schedule_stop", [1], "post"),
        ("schedule_start", [1], "post"),
        ("inspection_start", [], "post"),
        ("inspection_detail", [1], "get"),
        ("inspection_pdf", [1], "get"),
        ("answer_save", [1, 1], "post"),
        ("answer_photo", [1, 1], "get"),
        ("answer_raise_case", [1, 1], "post"),
        ("estate_history", [1], "get"),
        ("block_history", [1], "get"),
        ("checklist", [], "get"),
        ("checklist_item_edit", [1], "get"),
        ("checklist_item_move", [1], "post"),
        ("checklist_item_retire", [1], "post"),
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, name, args, method):
    response = getattr(client, method)(reverse(f"inspections:{name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


# --- the schedule list -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["estates_officer", "officer", "dpo", "asb_officer"])
def test_everyone_reads_the_schedule(client, request, who, estate):
    ScheduleFactory(estate=estate, inspector=request.getfixturevalue("estates_officer"))
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("inspections:schedule_list"))
    assert response.status_code == 200
    assert "Beechdale Estate" in response.content.decode()


def test_the_schedule_shows_start_to_inspectors_and_change_to_managers(
    client, estate, estates_officer, manager, dpo
):
    schedule = ScheduleFactory(estate=estate, inspector=estates_officer)
    start = f'action="{reverse("inspections:schedule_start", args=[schedule.pk])}"'
    change = f'href="{reverse("inspections:schedule_edit", args=[schedule.pk])}"'
    client.force_login(estates_officer)
    page = client.get(reverse("inspections:schedule_list")).content.decode()
    assert start in page and change not in page
    client.force_login(manager)
    page = client.get(reverse("inspections:schedule_list")).content.decode()
    assert start in page and change in page and "Set up a schedule" in page
    client.force_login(dpo)
    page = client.get(reverse("inspections:schedule_list")).content.decode()
    assert start not in page and change not in page and "Set up a schedule" not in page


def test_the_schedule_filters_due_and_mine(client, estate, estates_officer, officer, office):
    today = timezone.localdate()
    ScheduleFactory(estate=estate, inspector=estates_officer, next_due_on=today)
    later = EstateFactory(name="Caldmore Green", office=office, patch=estate.patch)
    ScheduleFactory(estate=later, inspector=officer, next_due_on=today + dt.timedelta(days=9))
    client.force_login(estates_officer)
    due = client.get(reverse("inspections:schedule_list") + "?show=due").content.decode()
    assert "Beechdale Estate" in due and "Caldmore Green" not in due
    client.force_login(officer)
    mine = client.get(reverse("inspections:schedule_list") + "?show=mine").content.decode()
    assert "Caldmore Green" in mine and "Beechdale Estate" not in mine


def _schedules(count, office, patch, inspector):
    for _ in range(count):
        estate = EstateFactory(office=office, patch=patch)
        schedule = ScheduleFactory(estate=estate, inspector=inspector)
        services.inspection_start(actor=inspector, estate=estate)
        assert schedule.pk


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_schedule_list_uses_a_fixed_number_of_queries(
    client, office, patch, manager, django_assert_max_num_queries
):
    url = reverse("inspections:schedule_list")
    _schedules(3, office, patch, manager)
    client.force_login(manager)
    few = _queries(client, url)
    _schedules(30, office, patch, manager)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 25


# --- setting up schedules --------------------------------------------------------------------


def test_a_manager_sets_up_a_schedule(client, manager, estate, estates_officer):
    block = BlockFactory(estate=estate, name="Lapwing House")
    client.force_login(manager)
    page = client.get(reverse("inspections:schedule_create")).content.decode()
    assert "Beechdale Estate (whole estate)" in page and "Lapwing House, Beechdale Estate" in page
    response = client.post(
        reverse("inspections:schedule_create"),
        {
            "place": f"b{block.pk}",
            "inspector": estates_officer.pk,
            "frequency_weeks": "6",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    schedule = InspectionSchedule.objects.get()
    assert (schedule.block, schedule.frequency_weeks, schedule.inspector) == (
        block,
        6,
        estates_officer,
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"place": ""}, "place", "Choose the estate or block."),
        ({"place": "e999999"}, "place", "Choose the estate or block from the list."),
        ({"inspector": ""}, "inspector", "Choose who inspects."),
        ({"frequency_weeks": "0"}, "frequency_weeks", "Enter a number of weeks from 1 to 52."),
        ({"frequency_weeks": "four"}, "frequency_weeks", "as a whole number"),
        ({"starts_on": "31/02/2026"}, "starts_on", "as a real date"),
    ],
)
def test_a_schedule_with_bad_input_is_refused_naming_the_field(
    client, manager, estate, estates_officer, change, field, message
):
    client.force_login(manager)
    data = {
        "place": f"e{estate.pk}",
        "inspector": estates_officer.pk,
        "frequency_weeks": "4",
        "starts_on": "2026-03-02",
        **change,
    }
    response = client.post(reverse("inspections:schedule_create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.context["form"].errors[field][0]
    assert "There is a problem" in response.content.decode()
    assert not InspectionSchedule.objects.exists()


def test_an_inspector_who_cannot_inspect_there_is_refused_on_the_field(
    client, manager, estate, other_estates_officer
):
    client.force_login(manager)
    response = client.post(
        reverse("inspections:schedule_create"),
        {
            "place": f"e{estate.pk}",
            "inspector": other_estates_officer.pk,
            "frequency_weeks": "4",
            "starts_on": "2026-03-02",
        },
    )
    # Not offered (another office), so the choice itself is refused.
    assert response.context["form"].errors["inspector"] == ["Choose the inspector from the list."]


@pytest.mark.parametrize("who", ["estates_officer", "officer", "dpo"])
def test_only_team_leaders_and_managers_set_up_schedules(client, request, who, estate):
    schedule = ScheduleFactory(estate=estate, inspector=request.getfixturevalue("officer"))
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("inspections:schedule_create")).status_code == 403
    assert client.get(reverse("inspections:schedule_edit", args=[schedule.pk])).status_code == 403
    response = client.post(reverse("inspections:schedule_stop", args=[schedule.pk]))
    assert response.status_code == 403
    assert InspectionSchedule.objects.get(pk=schedule.pk).active


def test_a_team_leader_changes_and_stops_a_schedule(client, team_leader, estate, officer):
    schedule = services.schedule_create(actor=team_leader, estate=estate, inspector=officer)
    client.force_login(team_leader)
    url = reverse("inspections:schedule_edit", args=[schedule.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"inspector": officer.pk, "frequency_weeks": "8", "starts_on": "2026-03-02"}
    )
    assert response.status_code == 302
    assert InspectionSchedule.objects.get(pk=schedule.pk).frequency_weeks == 8
    client.post(reverse("inspections:schedule_stop", args=[schedule.pk]))
    assert not InspectionSchedule.objects.get(pk=schedule.pk).active


# --- starting and the phone form -------------------------------------------------------------


def test_starting_from_the_schedule_opens_the_form(client, estate, estates_officer):
    schedule = ScheduleFactory(estate=estate, inspector=estates_officer)
    client.force_login(estates_officer)
    response = client.post(reverse("inspections:schedule_start", args=[schedule.pk]))
    inspection = Inspection.objects.get()
    assert response.url == inspection.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert page.count('capture="environment"') == 9
    assert page.count('accept="image/*"') == 9
    assert page.count("data-ds-inspect-card") == 9
    # The form's stylesheet is in the head (a <link> in the body is invalid HTML).
    head = page.split("</head>")[0]
    assert "inspections/inspection.css" in head and "inspections/inspection.js" in page
    assert "Complete the inspection" in page
    # Starting again carries on with the same one.
    client.post(reverse("inspections:schedule_start", args=[schedule.pk]))
    assert Inspection.objects.count() == 1


def test_starting_from_the_estate_history(client, estate, officer):
    client.force_login(officer)
    response = client.post(reverse("inspections:inspection_start"), {"place": f"e{estate.pk}"})
    assert response.status_code == 302
    assert Inspection.objects.get().inspector == officer


@pytest.mark.parametrize("who", ["dpo", "other_estates_officer", "asb_officer"])
def test_those_who_may_not_inspect_cannot_start(client, request, who, estate):
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("inspections:inspection_start"), {"place": f"e{estate.pk}"})
    assert response.status_code == 403
    assert not Inspection.objects.exists()


def test_an_unknown_place_is_not_found(client, officer):
    client.force_login(officer)
    response = client.post(reverse("inspections:inspection_start"), {"place": "x1"})
    assert response.status_code == 404


def test_a_reader_sees_an_inspection_in_progress_without_the_form(client, inspection, dpo):
    client.force_login(dpo)
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "In progress" in page and "data-ds-inspect-card" not in page


# --- the autosave endpoint -------------------------------------------------------------------


def _save_url(answer):
    return reverse("inspections:answer_save", args=[answer.inspection_id, answer.pk])


def test_an_htmx_post_saves_one_answer_and_a_second_changes_it(client, inspection, estates_officer):
    first, second = list(inspection.answers.order_by("order"))[:2]
    client.force_login(estates_officer)
    response = client.post(_save_url(first), {f"{first.prefix}-result": "pass"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="{first.prefix}"' in html  # the updated card
    checked = f'name="{first.prefix}-result" type="radio" value="pass" checked'
    assert f'id="{first.prefix}-result-pass" {checked}' in html
    assert "1 of 9 answered. Score so far: 100.0%." in html  # out of band
    assert "Saved “Communal areas clean”: pass." in html
    first.refresh_from_db()
    assert first.result == P
    response = client.post(
        _save_url(first),
        {f"{first.prefix}-result": "fail", f"{first.prefix}-note": "Graffiti in the lift."},
        **HTMX,
    )
    assert response.status_code == 200
    first.refresh_from_db()
    assert (first.result, first.note) == (F, "Graffiti in the lift.")
    second.refresh_from_db()
    assert second.result == ""  # one card at a time


def test_a_bad_value_is_refused_with_400_and_a_message(client, inspection, estates_officer):
    answer = inspection.answers.order_by("order").first()
    client.force_login(estates_officer)
    response = client.post(_save_url(answer), {f"{answer.prefix}-result": "maybe"}, **HTMX)
    assert response.status_code == 400
    assert "Choose pass, fail or not applicable." in response.content.decode()
    answer.refresh_from_db()
    assert answer.result == ""


def test_a_file_that_is_not_a_photo_is_refused_with_400(client, inspection, estates_officer):
    answer = inspection.answers.order_by("order").first()
    client.force_login(estates_officer)
    fake = io.BytesIO(b"MZ this is a program, not a photo")
    fake.name = "photo.jpg"
    response = client.post(_save_url(answer), {f"{answer.prefix}-photo": fake}, **HTMX)
    assert response.status_code == 400
    assert "The selected file must be a photo" in response.content.decode()


def test_a_photo_from_the_camera_is_saved_and_served(client, inspection, estates_officer, dpo):
    answer = inspection.answers.order_by("order").first()
    client.force_login(estates_officer)
    response = client.post(_save_url(answer), {f"{answer.prefix}-photo": png_upload()}, **HTMX)
    assert response.status_code == 200
    photo_url = reverse("inspections:answer_photo", args=[inspection.pk, answer.pk])
    assert photo_url in response.content.decode()
    client.force_login(dpo)
    photo = client.get(photo_url)
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert photo["Cache-Control"] == "private, no-store"
    assert b"".join(photo.streaming_content).startswith(b"\x89PNG")


def test_no_photo_is_not_found(client, inspection, estates_officer):
    answer = inspection.answers.first()
    client.force_login(estates_officer)
    url = reverse("inspections:answer_photo", args=[inspection.pk, answer.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["dpo", "other_estates_officer"])
def test_those_who_may_not_inspect_cannot_save_answers(client, request, who, inspection):
    answer = inspection.answers.first()
    client.force_login(request.getfixturevalue(who))
    response = client.post(_save_url(answer), {f"{answer.prefix}-result": "pass"}, **HTMX)
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.result == ""


def test_an_answer_from_another_inspection_is_not_found(
    client, inspection, estates_officer, estate
):
    other = InspectionFactory(estate=estate, inspector=estates_officer)
    answer = inspection.answers.first()
    client.force_login(estates_officer)
    url = reverse("inspections:answer_save", args=[other.pk, answer.pk])
    assert client.post(url, {f"{answer.prefix}-result": "pass"}, **HTMX).status_code == 404


def test_a_completed_inspection_refuses_more_answers(client, inspection, estates_officer):
    answers = _completed(inspection, estates_officer, [P] * 9)
    client.force_login(estates_officer)
    response = client.post(_save_url(answers[0]), {f"{answers[0].prefix}-result": "fail"}, **HTMX)
    assert response.status_code == 400
    assert "This inspection is complete" in response.content.decode()


# --- the whole form (no JavaScript) and completion --------------------------------------------


def _form_data(answers, results, notes=None):
    data = {"action": "complete"}
    for index, (answer, result) in enumerate(zip(answers, results, strict=False)):
        if result:
            data[f"{answer.prefix}-result"] = result
        data[f"{answer.prefix}-note"] = (notes or {}).get(index, "")
    return data


def test_the_whole_form_saves_and_completes_without_javascript(client, inspection, estates_officer):
    answers = list(inspection.answers.order_by("order"))
    client.force_login(estates_officer)
    data = _form_data(answers, [P, P, P, NA, F, P, P, P, P], notes={4: "Sofa by the garages."})
    response = client.post(inspection.get_absolute_url(), data)
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.COMPLETED
    assert inspection.score == Decimal("87.5")
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "87.5%" in page and "Sofa by the garages." in page and "Raise a case" in page


def test_completing_with_an_item_unanswered_lists_it(client, inspection, estates_officer):
    answers = list(inspection.answers.order_by("order"))
    client.force_login(estates_officer)
    data = _form_data(answers, [P, P, P, P, P, P, P, P, ""])
    response = client.post(inspection.get_absolute_url(), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert (
        f'href="#{answers[8].prefix}-result-pass">Answer “Signage”: pass, fail or not applicable.'
        in page
    )
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.IN_PROGRESS
    # The answers given were kept.
    assert InspectionAnswer.objects.filter(inspection=inspection, result=P).count() == 8


def test_completing_with_a_fail_and_no_note_asks_for_the_note(client, inspection, estates_officer):
    answers = list(inspection.answers.order_by("order"))
    client.force_login(estates_officer)
    response = client.post(inspection.get_absolute_url(), _form_data(answers, [P, F] + [P] * 7))
    assert response.status_code == 200
    assert (
        f'href="#{answers[1].prefix}-note">Add a note saying why “Fire doors closed” failed.'
        in response.content.decode()
    )


def test_save_and_finish_later_keeps_it_in_progress(client, inspection, estates_officer):
    answers = list(inspection.answers.order_by("order"))
    client.force_login(estates_officer)
    data = {**_form_data(answers, [P, P]), "action": "save"}
    response = client.post(inspection.get_absolute_url(), data)
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.IN_PROGRESS
    assert InspectionAnswer.objects.filter(inspection=inspection, result=P).count() == 2


def test_a_reader_cannot_post_the_form(client, inspection, dpo):
    client.force_login(dpo)
    response = client.post(inspection.get_absolute_url(), {"action": "complete"})
    assert response.status_code == 403


# --- raising a case --------------------------------------------------------------------------


def test_raising_a_case_from_a_failed_item(client, inspection, estates_officer, estate):
    answers = _completed(
        inspection, estates_officer, [P, P, P, P, F, P, P, P, P], notes={4: "Mattresses."}
    )
    failed = answers[4]
    client.force_login(estates_officer)
    url = reverse("inspections:answer_raise_case", args=[inspection.pk, failed.pk])
    response = client.post(url, {f"{failed.prefix}-case_type": "fly_tipping"})
    case = Case.objects.get()
    assert response.status_code == 302
    assert (case.case_type, case.estate) == (CaseType.FLY_TIPPING, estate)
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert case.reference in page and case.get_absolute_url() in page
    # …and the case page links back.
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert "Raised from an estate inspection" in case_page
    assert inspection.get_absolute_url() in case_page


def test_raising_a_case_needs_a_type(client, inspection, estates_officer):
    answers = _completed(inspection, estates_officer, [P, F] + [P] * 7)
    client.force_login(estates_officer)
    url = reverse("inspections:answer_raise_case", args=[inspection.pk, answers[1].pk])
    response = client.post(url, {f"{answers[1].prefix}-case_type": ""})
    assert response.status_code == 400
    assert "Choose the type of case" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("who", ["dpo", "other_estates_officer"])
def test_those_who_may_not_inspect_cannot_raise_a_case(client, request, who, inspection):
    actor = request.getfixturevalue("estates_officer")
    answers = _completed(inspection, actor, [P, P, P, P, F, P, P, P, P])
    client.force_login(request.getfixturevalue(who))
    url = reverse("inspections:answer_raise_case", args=[inspection.pk, answers[4].pk])
    assert client.post(url, {f"{answers[4].prefix}-case_type": "fly_tipping"}).status_code == 403
    assert not Case.objects.exists()


def test_a_case_without_an_inspection_shows_no_panel(client, officer, home):
    case = services.case_services.case_open(
        actor=officer, case_type=CaseType.ASB, summary="Noise.", home=home
    )
    client.force_login(officer)
    assert (
        "Raised from an estate inspection"
        not in client.get(case.get_absolute_url()).content.decode()
    )


# --- the report ------------------------------------------------------------------------------


def test_the_report_is_a_pdf_with_the_estate_and_score(client, inspection, estates_officer, dpo):
    from pypdf import PdfReader

    answers = answer_all(
        inspection, estates_officer, [P, P, P, P, F, P, P, NA, P], notes={4: "Sofa dumped."}
    )
    services.answer_record(actor=estates_officer, answer=answers[4], photo=png_upload())
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    services.answer_raise_case(actor=estates_officer, answer=answers[4])
    client.force_login(dpo)
    response = client.get(reverse("inspections:inspection_pdf", args=[inspection.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="inspection-{inspection.pk}.pdf"'
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in (
        "Beechdale Estate",
        "87.5%",
        "Dave Lloyd",
        "No fly-tipping",
        "Sofa dumped.",
        "Not applicable",
        "FT-",
    ):
        assert expected in text, expected


# --- history ---------------------------------------------------------------------------------


def test_the_estate_history_has_a_chart_and_a_table(client, estate, officer, estates_officer):
    today = timezone.localdate()
    for weeks, score in ((12, "70.0"), (8, "77.8"), (4, "88.9")):
        InspectionFactory(
            estate=estate,
            inspector=estates_officer,
            inspected_on=today - dt.timedelta(weeks=weeks),
            score=Decimal(score),
        )
    client.force_login(officer)
    page = client.get(reverse("inspections:estate_history", args=[estate.pk])).content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "3 scored inspections" in page and "rising from 70.0% to 88.9%" in page
    assert page.count("88.9%") >= 2  # in the data table and the list
    assert "Start an inspection of Beechdale Estate" in page


def test_the_estate_page_links_to_its_inspections(client, estate, officer):
    block = BlockFactory(estate=estate)
    client.force_login(officer)
    estate_page = client.get(reverse("places:estate_detail", args=[estate.pk])).content.decode()
    assert reverse("inspections:estate_history", args=[estate.pk]) in estate_page
    block_page = client.get(reverse("places:block_detail", args=[block.pk])).content.decode()
    assert reverse("inspections:block_history", args=[block.pk]) in block_page


def test_a_block_history_and_a_reader_sees_no_start_button(client, estate, dpo):
    block = BlockFactory(estate=estate, name="Kestrel House")
    client.force_login(dpo)
    response = client.get(reverse("inspections:block_history", args=[block.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kestrel House, Beechdale Estate" in page and "Start an inspection" not in page


def test_an_unknown_estate_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("inspections:estate_history", args=[999999])).status_code == 404


def test_the_history_uses_a_fixed_number_of_queries(
    client, estate, officer, estates_officer, django_assert_max_num_queries
):
    url = reverse("inspections:estate_history", args=[estate.pk])
    InspectionFactory.create_batch(3, estate=estate, inspector=estates_officer)
    client.force_login(officer)
    few = _queries(client, url)
    InspectionFactory.create_batch(40, estate=estate, inspector=estates_officer)
    BlockFactory.create_batch(5, estate=estate)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 43


# --- the checklist ---------------------------------------------------------------------------


def test_everyone_reads_the_checklist_and_only_a_manager_sees_the_controls(
    client, officer, manager
):
    client.force_login(officer)
    page = client.get(reverse("inspections:checklist")).content.decode()
    assert "No fly-tipping" in page and "Add to the checklist" not in page and "Retire" not in page
    client.force_login(manager)
    page = client.get(reverse("inspections:checklist")).content.decode()
    assert "Add to the checklist" in page and "Retire" in page


def test_a_manager_adds_rewords_reorders_and_retires(client, manager, checklist):
    client.force_login(manager)
    response = client.post(
        reverse("inspections:checklist"),
        {"text": "Lifts working", "hint": "", "follow_up": "repair"},
    )
    assert response.status_code == 302
    lifts = ChecklistItem.objects.get(text="Lifts working")
    client.post(reverse("inspections:checklist_item_move", args=[lifts.pk]), {"direction": "up"})
    assert list(ChecklistItem.objects.order_by("order").values_list("text", flat=True))[-2:] == [
        "Lifts working",
        "Signage",
    ]
    edit = reverse("inspections:checklist_item_edit", args=[lifts.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"text": "Lifts working and clean", "hint": "", "follow_up": "repair"})
    client.post(reverse("inspections:checklist_item_retire", args=[lifts.pk]))
    lifts.refresh_from_db()
    assert (lifts.text, lifts.active) == ("Lifts working and clean", False)
    client.post(reverse("inspections:checklist_item_retire", args=[lifts.pk]), {"active": "yes"})
    lifts.refresh_from_db()
    assert lifts.active


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "", "follow_up": "repair"}, "text"),
        ({"text": "x" * 201, "follow_up": "repair"}, "text"),
        ({"text": "Lifts", "follow_up": "knock_down"}, "follow_up"),
        ({"text": "Lifts", "hint": "h" * 301, "follow_up": "repair"}, "hint"),
    ],
)
def test_a_checklist_item_with_bad_input_is_refused_naming_the_field(client, manager, data, field):
    client.force_login(manager)
    response = client.post(reverse("inspections:checklist"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert ChecklistItem.objects.count() == 9


@pytest.mark.parametrize("who", ["team_leader", "estates_officer", "dpo"])
def test_only_managers_change_the_checklist(client, request, who, checklist):
    client.force_login(request.getfixturevalue(who))
    item = checklist[0]
    data = {"text": "Lifts", "follow_up": "repair"}
    assert client.post(reverse("inspections:checklist"), data).status_code == 403
    assert client.get(reverse("inspections:checklist_item_edit", args=[item.pk])).status_code == 403
    url = reverse("inspections:checklist_item_retire", args=[item.pk])
    assert client.post(url).status_code == 403
    url = reverse("inspections:checklist_item_move", args=[item.pk])
    assert client.post(url, {"direction": "down"}).status_code == 403
    assert ChecklistItem.objects.get(pk=item.pk).active
