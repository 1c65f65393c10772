import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from doorstep.core.models import AuditEvent
from doorstep.meetings.models import Meeting
from doorstep.meetings.tests.factories import AttendeeFactory, MeetingActionFactory, MeetingFactory

pytestmark = pytest.mark.django_db
SIGN_IN = "/accounts/sign-in/"


def _pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize(
    "url", ["/meetings/", "/meetings/new/", "/meetings/1/", "/meetings/1/minutes.pdf"]
)
def test_signed_out_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(SIGN_IN)


@pytest.mark.parametrize("role", ["officer", "other_officer", "dpo", "manager"])
def test_a_case_meeting_is_read_by_anyone_who_can_see_the_case(client, request, role, case_meeting):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("meetings:meeting_detail", args=[case_meeting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fire risk from piled papers by the boiler" in html


@pytest.mark.parametrize("role", ["officer", "other_officer", "dpo"])
def test_a_restricted_case_meeting_is_hidden_from_those_outside_the_case(
    client, request, role, restricted_meeting
):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("meetings:meeting_detail", args=[restricted_meeting.pk]))
    assert response.status_code == 403
    assert "bank card" not in response.content.decode()
    assert (
        client.get(reverse("meetings:minutes_pdf", args=[restricted_meeting.pk])).status_code == 403
    )
    listing = client.get(reverse("meetings:meeting_list")).content.decode()
    assert "Strategy meeting about Mrs T" not in listing


@pytest.mark.parametrize("role", ["safeguarding_lead", "manager"])
def test_a_restricted_case_meeting_is_seen_by_the_case_team_and_audited(
    client, request, role, restricted_meeting
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(reverse("meetings:meeting_detail", args=[restricted_meeting.pk]))
    assert response.status_code == 200 and "bank card" in response.content.decode()
    assert AuditEvent.objects.filter(
        actor=user,
        action="view",
        object_type="meetings.meeting",
        object_id=str(restricted_meeting.pk),
    ).exists()
    assert (
        "Strategy meeting about Mrs T"
        in client.get(reverse("meetings:meeting_list")).content.decode()
    )


def test_arranging_a_partnership_meeting(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "title": "Homelessness strategy review",
            "kind": "homelessness_strategy",
            "starts_at": (timezone.now() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "venue": "Council House",
            "chair": manager.pk,
            "agenda": "Draft strategy\n\nRough sleeping count\n",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.person is None and meeting.agenda.count() == 2


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": ""}, "title", "Enter a title."),
        ({"kind": ""}, "kind", "Select the kind of meeting."),
        ({"starts_at": "32/01/2026 10:00"}, "starts_at", "real date and time"),
        ({"venue": "", "online_link": ""}, "venue", "Enter the venue, or a link"),
        ({"venue": "", "online_link": "ftp://x"}, "online_link", "starting https://"),
        ({"chair": "999999"}, "chair", "Choose who chairs the meeting."),
        ({"agenda": "x" * 201}, "agenda", "200 characters or fewer"),
    ],
)
def test_bad_meeting_input_is_shown_against_the_field(client, officer, data, field, message):
    client.force_login(officer)
    payload = {
        "title": "Partnership",
        "kind": "partnership",
        "starts_at": "2026-09-01T10:00",
        "venue": "Town hall",
        "chair": officer.pk,
    }
    payload.update(data)
    response = client.post(reverse("meetings:meeting_create"), payload)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Meeting.objects.exists()


def test_the_dpo_cannot_arrange_or_run_a_meeting(client, dpo, case_meeting):
    client.force_login(dpo)
    assert client.get(reverse("meetings:meeting_create")).status_code == 403
    assert (
        client.get(reverse("meetings:meeting_minutes", args=[case_meeting.pk])).status_code == 403
    )
    assert (
        client.post(
            reverse("meetings:agenda_add", args=[case_meeting.pk]), {"title": "x"}
        ).status_code
        == 403
    )


def test_arranging_from_a_restricted_case_the_user_cannot_see_is_404(
    client, officer, restricted_case
):
    client.force_login(officer)
    url = reverse("meetings:meeting_create") + f"?case={restricted_case.reference}"
    assert client.get(url).status_code == 404


def test_save_draft_then_finalise(client, officer, case_meeting):
    client.force_login(officer)
    url = reverse("meetings:meeting_minutes", args=[case_meeting.pk])
    data = {
        "minutes": "Discussed the state of the kitchen.",
        "decisions": "",
        "risks_to_person": "Falls",
        "risks_to_neighbours": "Fire",
    }
    response = client.post(url, {**data, "save": "draft"})
    assert response.status_code == 302 and response.url == url
    case_meeting.refresh_from_db()
    assert case_meeting.minutes_saved_at and not case_meeting.minutes_are_final
    assert (
        "Draft"
        in client.get(reverse("meetings:meeting_detail", args=[case_meeting.pk])).content.decode()
    )
    response = client.post(url, {**data, "decisions": "Refer to ASC", "save": "final"})
    case_meeting.refresh_from_db()
    assert case_meeting.minutes_are_final and case_meeting.decisions == "Refer to ASC"
    assert client.get(url).status_code == 302  # final minutes cannot be edited


def test_finalising_empty_minutes_names_the_field(client, officer, case_meeting):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:meeting_minutes", args=[case_meeting.pk]),
        {"minutes": "", "save": "final"},
    )
    assert response.status_code == 200
    assert "Enter the minutes." in response.context["form"].errors["minutes"]


def test_adding_an_action_for_an_agency_contact(client, officer, case_meeting, fire_officer):
    client.force_login(officer)
    url = reverse("meetings:action_add", args=[case_meeting.pk])
    due = (timezone.localdate() + dt.timedelta(days=5)).isoformat()
    response = client.post(
        url, {"title": "Fire safety visit", "owner": f"contact:{fire_officer.pk}", "due_on": due}
    )
    assert response.status_code == 302
    action = case_meeting.actions.get()
    assert action.agency_contact == fire_officer and action.owner is None
    response = client.post(url, {"title": "", "owner": "staff:0", "due_on": "soon"})
    errors = response.context["form"].errors
    assert errors["title"] == ["Enter what needs doing."]
    assert errors["owner"] == ["Choose who owns the action."]
    assert "real date" in errors["due_on"][0]


def test_inviting_and_recording_attendance(client, officer, case_meeting, fire_officer):
    client.force_login(officer)
    response = client.post(
        reverse("meetings:attendee_add", args=[case_meeting.pk]),
        {"agency_contact": fire_officer.pk},
    )
    assert response.status_code == 302
    attendee = case_meeting.attendees.get(agency_contact=fire_officer)
    client.post(
        reverse("meetings:attendance", args=[case_meeting.pk, attendee.pk]),
        {"attendance": "apologies"},
    )
    attendee.refresh_from_db()
    assert attendee.attendance == "apologies"
    response = client.post(reverse("meetings:attendee_add", args=[case_meeting.pk]), {})
    assert "not both" in response.context["form"].errors["staff"][0]


def test_next_meeting_in_one_step(client, officer, case_meeting, team_leader):
    MeetingActionFactory(meeting=case_meeting, owner=team_leader, title="Deep clean")
    client.force_login(officer)
    url = reverse("meetings:meeting_follow_up", args=[case_meeting.pk])
    starts = (timezone.now() + dt.timedelta(days=28)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"starts_at": starts})
    follow_up = Meeting.objects.get(previous=case_meeting)
    assert response.status_code == 302 and response.url == follow_up.get_absolute_url()
    assert follow_up.actions.get().title == "Deep clean"
    response = client.post(url, {"starts_at": "tomorrow"})
    assert "real date and time" in response.context["form"].errors["starts_at"][0]


def test_minutes_pdf_has_the_plan_and_attendance(
    client, officer, case_meeting, fire_officer, team_leader
):
    AttendeeFactory(meeting=case_meeting, agency_contact=fire_officer, attendance="attended")
    MeetingActionFactory(meeting=case_meeting, owner=team_leader, title="Book a deep clean")
    client.force_login(officer)
    response = client.get(reverse("meetings:minutes_pdf", args=[case_meeting.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for expected in (
        "Self-neglect at Beechdale Road",
        "DRAFT minutes",
        "Watch Manager Dean Hart (West Midlands Fire Service)",
        "Book a deep clean",
        "Maria Lewis",
        "Fire risk from piled papers",
    ):
        assert expected in text, expected
    assert (
        "meeting-" in response["Content-Disposition"]
        and "Edna" not in response["Content-Disposition"]
    )


def test_the_case_page_and_person_page_list_the_meetings(client, officer, case_meeting, person):
    client.force_login(officer)
    html = client.get(
        reverse("cases:case_detail", args=[case_meeting.case.reference])
    ).content.decode()
    assert "Self-neglect at Beechdale Road" in html and "Arrange a multi-agency meeting" in html
    html = client.get(reverse("people:person_detail", args=[person.reference])).content.decode()
    assert "Self-neglect at Beechdale Road" in html


def test_the_person_page_hides_a_restricted_case_meeting(
    client, officer, restricted_meeting, person
):
    client.force_login(officer)
    html = client.get(reverse("people:person_detail", args=[person.reference])).content.decode()
    assert "Strategy meeting about Mrs T" not in html


def test_the_list_is_paginated_with_fixed_queries(
    client, officer, restricted_case, django_assert_max_num_queries
):
    for n in range(30):
        meeting = MeetingFactory(title=f"Partnership {n:02d}", chair=officer)
        MeetingActionFactory(meeting=meeting, owner=officer)
    MeetingFactory(title="Hidden strategy", case=restricted_case)
    client.force_login(officer)
    with django_assert_max_num_queries(9):
        html = client.get(reverse("meetings:meeting_list")).content.decode()
    assert "30 meetings" in html and "Page 1 of 2" in html and "Hidden strategy" not in html
    with django_assert_max_num_queries(9):
        client.get(reverse("meetings:meeting_list"), {"page": 2, "mine": "on"})
