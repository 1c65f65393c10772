import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from doorstep.cases.models import Case, CaseStatus
from doorstep.cases.tests.factories import CaseFactory
from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.hazards.models import HazardReport
from doorstep.hazards.tests.conftest import CAST
from doorstep.hazards.tests.factories import HazardFactory
from doorstep.places.tests.factories import HomeFactory
from doorstep.repairs.tests.factories import RepairFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 1, 6, 10, 0, tzinfo=LONDON)  # Tuesday 6 January 2026


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m-%dT%H:%M")


# --- the case panel --------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_the_panel_shows_the_clocks_live_with_what_is_due_next(client, officer, damp_case):
    HazardFactory(
        case=damp_case,
        reported_at=at(2025, 12, 19, 10, 0),
        investigated_at=at(2025, 12, 24, 14, 0),
        findings="Mould from condensation",
        work_planned="New extractor fan",
        summary_sent_at=at(2025, 12, 29, 9, 0),
    )
    RepairFactory(home=damp_case.home, source_case=damp_case, description="Fit extractor fan")
    client.force_login(officer)
    content = client.get(damp_case.get_absolute_url()).content.decode()
    assert "Awaab's Law clocks" in content
    # Safety work: 5 working days after Wed 24 Dec 2025 is Mon 5 Jan 2026 — missed yesterday.
    assert "Due next: Complete the safety work" in content
    assert "Overdue: was due by Mon 5 Jan 2026, 23:59" in content
    assert "Written summary sent Mon 29 Dec 2025, 09:00, in time" in content
    # Missed: the safety work, the preventative work (also due Mon 5 Jan) and, not made safe in
    # time, the offer of alternative accommodation.
    assert "3 Awaab's Law clocks missed" in content
    assert reverse("hazards:summary_letter", args=[damp_case.reference]) in content
    assert reverse("hazards:milestone", args=[damp_case.reference, "safety"]) in content
    assert reverse("hazards:milestone", args=[damp_case.reference, "summary"]) not in content
    assert "Fit extractor fan" not in content and "REP-2026-" in content
    assert f"{reverse('repairs:repair_create')}?case={damp_case.reference}" in content


def test_a_damp_case_without_details_offers_to_record_them(client, officer, damp_case):
    client.force_login(officer)
    content = client.get(damp_case.get_absolute_url()).content.decode()
    assert reverse("hazards:hazard_details", args=[damp_case.reference]) in content
    response = client.post(
        reverse("hazards:hazard_details", args=[damp_case.reference]),
        {"kind": "damp_mould", "severity": "significant", "reported_at": _local(timezone.now())},
    )
    assert response.status_code == 302
    assert HazardReport.objects.get(case=damp_case).severity == "significant"


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_read_the_panel_without_record_links(client, request, damp_case, who):
    HazardFactory(case=damp_case)
    client.force_login(request.getfixturevalue(who))
    content = client.get(damp_case.get_absolute_url()).content.decode()
    assert "Awaab's Law clocks" in content
    assert reverse("hazards:milestone", args=[damp_case.reference, "investigated"]) not in content
    assert (
        client.get(
            reverse("hazards:milestone", args=[damp_case.reference, "investigated"])
        ).status_code
        == 403
    )


def test_the_panel_uses_a_fixed_number_of_queries(
    client, officer, damp_case, django_assert_max_num_queries
):
    HazardFactory(case=damp_case)
    for _ in range(3):
        RepairFactory(home=damp_case.home, source_case=damp_case)
    client.force_login(officer)
    client.get(damp_case.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(damp_case.get_absolute_url())
    for _ in range(12):
        RepairFactory(home=damp_case.home, source_case=damp_case)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(damp_case.get_absolute_url())
    assert response.content.count(b'href="/repairs/REP-') == 15


# --- reporting -------------------------------------------------------------------------------


def test_reporting_a_hazard_from_the_home_page(client, officer, home, person):
    client.force_login(officer)
    page = client.get(reverse("places:home_detail", args=[home.pk])).content.decode()
    url = f"{reverse('hazards:hazard_create')}?home={home.pk}"
    assert url in page
    response = client.post(
        url,
        {
            "kind": "damp_mould",
            "severity": "emergency",
            "summary": "Water through the ceiling light",
            "reported_at": _local(timezone.now()),
            "reporter": person.reference,
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.hazard.severity == "emergency"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"severity": "significant", "summary": "x"}, "kind", "Select the kind of hazard."),
        ({"kind": "fire", "summary": "x"}, "severity", "Select whether the hazard is an emergency"),
        ({"kind": "fire", "severity": "significant"}, "summary", "Enter what has been reported."),
        (
            {"kind": "fire", "severity": "significant", "summary": "x", "reporter": "P404"},
            "reporter",
            "No person has the reference",
        ),
        (
            {
                "kind": "fire",
                "severity": "significant",
                "summary": "x",
                "reported_at": "2999-01-01T10:00",
            },
            "reported_at",
            "must be now or in the past",
        ),
    ],
)
def test_bad_hazard_reports_name_the_field(client, officer, home, data, field, message):
    client.force_login(officer)
    data.setdefault("reported_at", _local(timezone.now()))
    response = client.post(f"{reverse('hazards:hazard_create')}?home={home.pk}", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_the_dpo_cannot_report_a_hazard(client, dpo, home):
    client.force_login(dpo)
    assert client.get(f"{reverse('hazards:hazard_create')}?home={home.pk}").status_code == 403


# --- milestones ------------------------------------------------------------------------------


def test_recording_the_investigation_and_the_summary_in_the_modal(client, officer, damp_case):
    hazard = HazardFactory(case=damp_case, reported_at=timezone.now() - dt.timedelta(days=3))
    client.force_login(officer)
    url = reverse("hazards:milestone", args=[damp_case.reference, "investigated"])
    form = client.get(url, headers={"HX-Request": "true"})
    assert b'id="modal-title"' in form.content
    response = client.post(
        url,
        {
            "investigated_at": _local(timezone.now() - dt.timedelta(days=1)),
            "findings": "Condensation",
            "work_planned": "Fan and mould wash",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    response = client.post(
        reverse("hazards:milestone", args=[damp_case.reference, "summary"]),
        {"sent_at": _local(timezone.now())},
    )
    assert response.status_code == 302
    hazard.refresh_from_db()
    assert hazard.summary_sent_at is not None
    assert damp_case.contacts.get().channel == "letter"


def test_bad_milestone_input_names_the_field(client, officer, damp_case):
    HazardFactory(case=damp_case, reported_at=timezone.now() - dt.timedelta(days=3))
    client.force_login(officer)
    url = reverse("hazards:milestone", args=[damp_case.reference, "investigated"])
    response = client.post(url, {"investigated_at": "soon", "findings": "", "work_planned": ""})
    errors = response.context["form"].errors
    assert set(errors) == {"investigated_at", "findings", "work_planned"}
    response = client.post(
        url,
        {
            "investigated_at": _local(timezone.now() - dt.timedelta(days=9)),
            "findings": "x",
            "work_planned": "y",
        },
    )
    assert "cannot end before the hazard was reported" in response.content.decode()


def test_a_milestone_out_of_order_or_unknown_is_a_404(client, officer, damp_case):
    HazardFactory(case=damp_case)
    client.force_login(officer)
    assert (
        client.get(reverse("hazards:milestone", args=[damp_case.reference, "summary"])).status_code
        == 404
    )
    assert (
        client.get(reverse("hazards:milestone", args=[damp_case.reference, "teatime"])).status_code
        == 404
    )


def test_the_preventative_form_needs_a_moment_or_a_reason(client, officer, damp_case):
    HazardFactory(
        case=damp_case,
        reported_at=timezone.now() - dt.timedelta(days=3),
        investigated_at=timezone.now() - dt.timedelta(days=1),
        findings="x",
        work_planned="y",
    )
    client.force_login(officer)
    url = reverse("hazards:milestone", args=[damp_case.reference, "preventative"])
    response = client.post(url, {})
    assert "begun_at" in response.context["form"].errors
    response = client.post(url, {"not_practicable_reason": "Scaffold needed"})
    assert response.status_code == 302
    hazard = HazardReport.objects.get(case=damp_case)
    assert hazard.preventative_not_practicable_reason == "Scaffold needed"


# --- the letter ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
def test_the_written_summary_letter_is_a_pdf_for_anyone_who_reads_the_case(
    client, request, damp_case, who
):
    HazardFactory(
        case=damp_case,
        investigated_at=timezone.now() - dt.timedelta(hours=2),
        reported_at=timezone.now() - dt.timedelta(days=2),
        findings="x",
        work_planned="y",
    )
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("hazards:summary_letter", args=[damp_case.reference]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert damp_case.reference in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="view", object_type="hazards.hazardreport").exists()


def test_no_letter_before_the_investigation(client, officer, damp_case):
    HazardFactory(case=damp_case)
    client.force_login(officer)
    assert (
        client.get(reverse("hazards:summary_letter", args=[damp_case.reference])).status_code == 404
    )


def test_a_restricted_case_letter_is_refused_to_others(client, other_officer, damp_case):
    HazardFactory(
        case=damp_case,
        investigated_at=timezone.now() - dt.timedelta(hours=2),
        reported_at=timezone.now() - dt.timedelta(days=2),
        findings="x",
        work_planned="y",
    )
    Case.objects.filter(pk=damp_case.pk).update(restricted=True)
    client.force_login(other_officer)
    assert (
        client.get(reverse("hazards:summary_letter", args=[damp_case.reference])).status_code == 403
    )


# --- the breach list -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("team_leader", 200),
        ("manager", 200),
        ("officer", 403),
        ("dpo", 403),
        ("safeguarding_lead", 403),
    ],
)
def test_the_breach_list_is_for_team_leaders_and_managers(client, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("hazards:breach_list")).status_code == status


@time_machine.travel(NOW, tick=False)
def test_the_breach_list_shows_every_missed_clock_open_or_closed(
    client, manager, damp_case, other_damp_case, office, home
):
    # Investigation overdue: reported Mon 15 Dec 2025; 10 working days are 16-19, 22-24 Dec
    # (7), 29, 30 and 31 Dec (10), so it was due by the end of Wed 31 Dec.
    late_investigation = HazardFactory(case=damp_case, reported_at=at(2025, 12, 15, 9, 0))
    # Nottingham: investigated on time, summary sent late (due Wed 31 Dec), on a closed case.
    closed = HazardFactory(
        case=other_damp_case,
        reported_at=at(2025, 12, 19, 9, 0),
        investigated_at=at(2025, 12, 24, 14, 0),
        findings="x",
        work_planned="y",
        summary_sent_at=at(2026, 1, 2, 9, 0),
        safety_work_done_at=at(2026, 1, 2, 10, 0),
        preventative_work_begun_at=at(2026, 1, 2, 11, 0),
    )
    Case.objects.filter(pk=other_damp_case.pk).update(
        status=CaseStatus.CLOSED, closed_on=other_damp_case.opened_on
    )
    # On time so far: not a breach.
    on_time = CaseFactory(
        reference="DM-2026-700001", case_type="damp_mould", home=HomeFactory(estate=home.estate)
    )
    HazardFactory(case=on_time, reported_at=at(2026, 1, 5, 9, 0), kind="excess_cold")
    client.force_login(manager)
    response = client.get(reverse("hazards:breach_list"))
    content = response.content.decode()
    rows = [row["hazard"] for row in response.context["rows"]]
    assert rows == [closed, late_investigation]
    assert "Investigate</strong>: Overdue: was due by Wed 31 Dec 2025, 23:59" in content
    assert (
        "Written summary sent</strong>: Written summary sent Fri 2 Jan 2026, 09:00, late" in content
    )
    assert "DM-2026-700001" not in content
    by_office = client.get(reverse("hazards:breach_list"), {"office": office.pk})
    assert [row["hazard"] for row in by_office.context["rows"]] == [late_investigation]
    by_estate = client.get(reverse("hazards:breach_list"), {"estate": home.estate_id})
    assert [row["hazard"] for row in by_estate.context["rows"]] == [late_investigation]
    closed_only = client.get(reverse("hazards:breach_list"), {"status": "closed"})
    assert [row["hazard"] for row in closed_only.context["rows"]] == [closed]


def test_the_breach_list_is_paginated_and_its_queries_do_not_grow(
    client, manager, estate, officer, django_assert_max_num_queries
):
    long_ago = timezone.now() - dt.timedelta(days=60)
    for _ in range(30):
        case = CaseFactory(
            case_type="damp_mould", home=HomeFactory(estate=estate), lead_officer=officer
        )
        HazardFactory(case=case, reported_at=long_ago)
    client.force_login(manager)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("hazards:breach_list"))
    assert len(response.context["rows"]) == 25
    assert len(client.get(reverse("hazards:breach_list"), {"page": 2}).context["rows"]) == 5
