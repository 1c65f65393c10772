import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from doorstep.complaints.models import ComplaintStage
from doorstep.complaints.panel import complaint_panel_context
from doorstep.complaints.tests.factories import add_complainant, complaint_stage
from doorstep.core.working_days import LONDON

pytestmark = pytest.mark.django_db

D = dt.date
SIGN_IN = "/accounts/sign-in/"
# Wed 30 Dec 2026, between Christmas and New Year.
NOW = dt.datetime(2026, 12, 30, 10, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def complaint(officer, home, person):
    """Stage 1 received Wed 23 Dec 2026 on officer's patch: acknowledge by Mon 4 Jan 2027."""
    stage = complaint_stage(
        received_on=D(2026, 12, 23), home=home, patch=home.patch, lead_officer=officer
    )
    add_complainant(stage.case, person)
    return stage


@pytest.fixture
def acknowledged(complaint):
    complaint.acknowledged_on = D(2026, 12, 24)
    # After Thu 24 Dec: Tue 29 (1), Wed 30, Thu 31 (3), Mon 4 .. Fri 8 (8), Mon 11, Tue 12 Jan.
    complaint.respond_by = D(2027, 1, 12)
    complaint.save()
    return complaint


@pytest.fixture
def responded(acknowledged):
    acknowledged.responded_on = D(2026, 12, 29)
    acknowledged.outcome = "not_upheld"
    acknowledged.response_summary = "The repair was completed on time."
    acknowledged.save()
    return acknowledged


def _url(name, stage):
    if name == "escalate":
        return reverse("complaints:escalate", args=[stage.case.reference])
    return reverse(f"complaints:{name}", args=[stage.case.reference, stage.stage])


@pytest.mark.parametrize(
    "url",
    [
        "/complaints/",
        "/complaints/new/",
        "/complaints/COM-2026-000001/stage-1/acknowledge/",
        "/complaints/COM-2026-000001/stage-1/extend/",
        "/complaints/COM-2026-000001/stage-1/respond/",
        "/complaints/COM-2026-000001/escalate/",
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


def test_url_names_other_pages_link_to():
    assert reverse("complaints:complaint_list") == "/complaints/"
    assert reverse("complaints:complaint_create") == "/complaints/new/"


# --- list ------------------------------------------------------------------------------------


def test_list_shows_each_open_stage_with_its_live_clock(client, officer, complaint):
    client.force_login(officer)
    html = client.get(reverse("complaints:complaint_list")).content.decode()
    assert complaint.case.reference in html
    assert "Edna Thompson" in html
    # After Wed 30 Dec: Thu 31 Dec (1), Mon 4 Jan (2).
    assert "Acknowledge by Mon 4 Jan 2027 — 2 working days left" in html


def test_list_filters_overdue(client, officer, complaint):
    on_time = complaint_stage(received_on=D(2026, 12, 29), lead_officer=officer)
    complaint.received_on = D(2026, 12, 14)  # acknowledge by Mon 21 Dec: overdue
    complaint.acknowledge_by = D(2026, 12, 21)
    complaint.save()
    client.force_login(officer)
    html = client.get(reverse("complaints:complaint_list") + "?show=overdue").content.decode()
    assert complaint.case.reference in html
    assert on_time.case.reference not in html
    # Since Mon 21 Dec: Tue 22, Wed 23, Thu 24, (Christmas, substitute Boxing Day) Tue 29,
    # Wed 30 Dec.
    assert "Acknowledgement overdue by 5 working days" in html
    html = client.get(reverse("complaints:complaint_list") + "?show=week").content.decode()
    assert on_time.case.reference not in html  # acknowledge by Wed 6 Jan: next week


def test_list_is_readable_by_a_data_protection_officer_without_the_log_button(
    client, dpo, complaint
):
    client.force_login(dpo)
    response = client.get(reverse("complaints:complaint_list"))
    assert response.status_code == 200
    assert complaint.case.reference in response.content.decode()
    assert "Log a complaint" not in response.content.decode()


def test_restricted_complaint_shows_only_whom_to_ask(client, other_officer, complaint):
    complaint.case.restricted = True
    complaint.case.save()
    client.force_login(other_officer)
    html = client.get(reverse("complaints:complaint_list")).content.decode()
    assert complaint.case.reference in html
    assert "Restricted case — ask Jan Kennedy" in html
    assert "Edna Thompson" not in html
    assert "Boiler" not in html and "boiler" not in html


def test_list_htmx_returns_the_table_only(client, officer, complaint, htmx):
    client.force_login(officer)
    html = client.get(reverse("complaints:complaint_list"), **htmx).content.decode()
    assert "<html" not in html
    assert "<table" in html


def test_list_queries_do_not_grow_with_rows(client, officer, person, django_assert_max_num_queries):
    for day in range(1, 31):
        stage = complaint_stage(received_on=D(2026, 11, day), lead_officer=officer)
        add_complainant(stage.case, person)
    client.force_login(officer)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("complaints:complaint_list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 30
    assert "Page 1 of 2" in response.content.decode()


# --- log a complaint -------------------------------------------------------------------------


def test_create_form_is_a_full_page(client, officer):
    client.force_login(officer)
    html = client.get(reverse("complaints:complaint_create")).content.decode()
    assert '<h1 class="govuk-heading-l">Log a complaint</h1>' in html
    assert "Complainant&#x27;s person reference" in html


def test_create_form_opens_in_the_modal_with_htmx(client, officer, htmx):
    client.force_login(officer)
    html = client.get(reverse("complaints:complaint_create"), **htmx).content.decode()
    assert "<html" not in html
    assert 'id="modal-title"' in html


def test_logging_a_complaint(client, officer, person, home):
    client.force_login(officer)
    response = client.post(
        reverse("complaints:complaint_create"),
        {
            "complainant": "P000001",
            "uprn": home.uprn,
            "about": "repairs",
            "summary": "Boiler repair left unfinished",
            "received_on": "2026-12-23",
        },
    )
    stage = ComplaintStage.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cases:case_detail", args=[stage.case.reference])
    assert stage.acknowledge_by == D(2027, 1, 4)
    assert stage.case.lead_officer == officer
    assert stage.case.home == home


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"complainant": ""}, "complainant", "Enter the complainant&#x27;s person reference"),
        ({"complainant": "P999999"}, "complainant", "No person has the reference"),
        ({"uprn": "12AB"}, "uprn", "Enter a UPRN of 1 to 12 digits"),
        ({"uprn": "999999999999"}, "uprn", "No home has the UPRN 999999999999"),
        ({"about": ""}, "about", "Choose what the complaint is about"),
        ({"received_on": "2026-12-31"}, "received_on", "cannot be in the future"),
        ({"received_on": "31/12/26x"}, "received_on", "as a real date"),
        ({"summary": ""}, "summary", "Enter what the complaint is about"),
    ],
)
def test_logging_a_complaint_bad_input(client, officer, person, data, field, message):
    client.force_login(officer)
    good = {
        "complainant": "P000001",
        "about": "repairs",
        "summary": "Boiler",
        "received_on": "2026-12-23",
    }
    response = client.post(reverse("complaints:complaint_create"), {**good, **data})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert not ComplaintStage.objects.exists()


def test_a_data_protection_officer_cannot_log_a_complaint(client, dpo, person):
    client.force_login(dpo)
    assert client.get(reverse("complaints:complaint_create")).status_code == 403
    response = client.post(
        reverse("complaints:complaint_create"),
        {"complainant": "P000001", "about": "repairs", "summary": "x", "received_on": "2026-12-23"},
    )
    assert response.status_code == 403
    assert not ComplaintStage.objects.exists()


# --- acknowledge -----------------------------------------------------------------------------


def test_acknowledge_form_shows_the_clock(client, officer, complaint):
    client.force_login(officer)
    html = client.get(_url("acknowledge", complaint)).content.decode()
    assert "Acknowledge by Mon 4 Jan 2027 — 2 working days left" in html
    assert "Acknowledge first" in html


def test_acknowledging(client, officer, complaint):
    client.force_login(officer)
    response = client.post(_url("acknowledge", complaint), {"acknowledged_on": "2026-12-30"})
    assert response.status_code == 302
    assert response.url == reverse("cases:case_detail", args=[complaint.case.reference])
    complaint.refresh_from_db()
    # After Wed 30 Dec: Thu 31 (1), Mon 4 .. Fri 8 Jan (6), Mon 11 .. Thu 14 Jan (10).
    assert complaint.respond_by == D(2027, 1, 14)


def test_acknowledging_with_htmx_closes_the_modal(client, officer, complaint, htmx):
    client.force_login(officer)
    response = client.post(
        _url("acknowledge", complaint), {"acknowledged_on": "2026-12-30"}, **htmx
    )
    assert response.status_code == 204
    assert response["HX-Trigger"] == "ds-modal-close"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-12-22", "cannot be before the complaint was received"),
        ("2026-12-31", "cannot be in the future"),
        ("", "Enter the date of the acknowledgement"),
        ("not a date", "as a real date"),
    ],
)
def test_acknowledging_bad_input(client, officer, complaint, value, message):
    client.force_login(officer)
    response = client.post(_url("acknowledge", complaint), {"acknowledged_on": value})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'id="id_acknowledged_on_error"' in html
    complaint.refresh_from_db()
    assert complaint.acknowledged_on is None


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_acknowledging_is_refused_off_the_case(client, request, complaint, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url("acknowledge", complaint)).status_code == 403
    response = client.post(_url("acknowledge", complaint), {"acknowledged_on": "2026-12-30"})
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.acknowledged_on is None


def test_team_leader_may_acknowledge(client, team_leader, complaint):
    client.force_login(team_leader)
    response = client.post(_url("acknowledge", complaint), {"acknowledged_on": "2026-12-30"})
    assert response.status_code == 302


def test_no_stage_2_yet_is_not_found(client, officer, complaint):
    client.force_login(officer)
    url = reverse("complaints:acknowledge", args=[complaint.case.reference, 2])
    assert client.get(url).status_code == 404


# --- extend ----------------------------------------------------------------------------------


def test_extending(client, officer, acknowledged):
    client.force_login(officer)
    response = client.post(
        _url("extend", acknowledged), {"working_days": "2", "reason": "Contractor survey"}
    )
    assert response.status_code == 302
    acknowledged.refresh_from_db()
    assert acknowledged.respond_by == D(2027, 1, 14)  # Tue 12 Jan + Wed 13, Thu 14


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"working_days": "11"}, "working_days", "at most 10 working days in total"),
        ({"working_days": "9" * 30}, "working_days", "at most 10 working days in total"),
        ({"working_days": "0"}, "working_days", "at least 1 working day"),
        ({"working_days": "-2"}, "working_days", "at least 1 working day"),
        ({"working_days": "two"}, "working_days", "whole number of working days"),
        ({"reason": ""}, "reason", "Enter the reason for the extension"),
    ],
)
def test_extending_bad_input(client, officer, acknowledged, data, field, message):
    client.force_login(officer)
    response = client.post(
        _url("extend", acknowledged), {"working_days": "2", "reason": "Survey", **data}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}_error"' in html
    acknowledged.refresh_from_db()
    assert acknowledged.extension_working_days == 0


def test_extending_is_refused_off_the_case(client, other_officer, acknowledged):
    client.force_login(other_officer)
    response = client.post(_url("extend", acknowledged), {"working_days": "2", "reason": "x"})
    assert response.status_code == 403


# --- respond ---------------------------------------------------------------------------------


def test_responding(client, officer, acknowledged):
    client.force_login(officer)
    response = client.post(
        _url("respond", acknowledged),
        {"responded_on": "2026-12-30", "outcome": "upheld", "response_summary": "Repair booked"},
    )
    acknowledged.refresh_from_db()
    assert acknowledged.outcome == "upheld"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Stage 1 response recorded, within the Code timescale."
    ]


def test_responding_before_acknowledging_names_the_date_field(client, officer, complaint):
    client.force_login(officer)
    response = client.post(
        _url("respond", complaint),
        {"responded_on": "2026-12-30", "outcome": "upheld", "response_summary": "Sorry"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Record the acknowledgement before the response." in html
    assert 'id="id_responded_on_error"' in html


def test_responding_bad_input(client, officer, acknowledged):
    client.force_login(officer)
    response = client.post(
        _url("respond", acknowledged),
        {"responded_on": "2026-12-23", "outcome": "", "response_summary": ""},
    )
    html = response.content.decode()
    assert "Choose the outcome" in html
    assert "Enter a summary of the response." in html
    response = client.post(
        _url("respond", acknowledged),
        {"responded_on": "2026-12-23", "outcome": "upheld", "response_summary": "x"},
    )
    assert "cannot be before the acknowledgement (Thu 24 Dec 2026)" in response.content.decode()
    acknowledged.refresh_from_db()
    assert acknowledged.responded_on is None


def test_responding_is_refused_off_the_case(client, dpo, acknowledged):
    client.force_login(dpo)
    response = client.post(
        _url("respond", acknowledged),
        {"responded_on": "2026-12-30", "outcome": "upheld", "response_summary": "x"},
    )
    assert response.status_code == 403


# --- escalate --------------------------------------------------------------------------------


def test_escalating_after_the_stage_1_response(client, officer, responded):
    client.force_login(officer)
    response = client.post(_url("escalate", responded), {"requested_on": "2026-12-30"})
    assert response.status_code == 302
    second = ComplaintStage.objects.get(stage=2)
    # After Wed 30 Dec: Thu 31 Dec, Mon 4, Tue 5, Wed 6, Thu 7 Jan 2027.
    assert second.acknowledge_by == D(2027, 1, 7)


def test_escalating_before_the_stage_1_response_is_refused(client, officer, acknowledged):
    client.force_login(officer)
    assert client.get(_url("escalate", acknowledged)).status_code == 403
    response = client.post(_url("escalate", acknowledged), {"requested_on": "2026-12-30"})
    assert response.status_code == 403
    assert not ComplaintStage.objects.filter(stage=2).exists()


def test_escalating_bad_input(client, officer, responded):
    client.force_login(officer)
    response = client.post(_url("escalate", responded), {"requested_on": "2026-12-28"})
    html = response.content.decode()
    assert "cannot be before the stage 1 response (Tue 29 Dec 2026)" in html
    assert 'id="id_requested_on_error"' in html


def test_escalating_is_refused_off_the_case(client, other_officer, responded):
    client.force_login(other_officer)
    response = client.post(_url("escalate", responded), {"requested_on": "2026-12-30"})
    assert response.status_code == 403


# --- the panel on the case page --------------------------------------------------------------


def _panel(user, case):
    request = RequestFactory().get("/")
    request.user = user
    context = complaint_panel_context(user=user, case=case)
    return render_to_string("complaints/partials/case_panel.html", context, request=request)


def test_panel_shows_live_clocks_and_actions_to_the_lead_officer(officer, complaint):
    html = _panel(officer, complaint.case)
    assert "Acknowledge by Mon 4 Jan 2027 — 2 working days left" in html
    assert "Acknowledge first" in html
    assert _url("acknowledge", complaint) in html
    assert _url("escalate", complaint) not in html


def test_panel_shows_outcome_and_escalation_after_the_response(officer, responded):
    html = _panel(officer, responded.case)
    assert "Responded on Tue 29 Dec 2026, within the Code timescale" in html
    assert "Not upheld" in html
    assert _url("escalate", responded) in html


def test_panel_has_no_actions_for_an_officer_off_the_case(other_officer, complaint):
    html = _panel(other_officer, complaint.case)
    assert "Acknowledge by Mon 4 Jan 2027" in html
    assert _url("acknowledge", complaint) not in html


def test_panel_queries_are_fixed(officer, responded, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        _panel(officer, responded.case)


def test_case_page_shows_the_complaint_panel(client, officer, complaint):
    client.force_login(officer)
    response = client.get(reverse("cases:case_detail", args=[complaint.case.reference]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Complaint handling" in html
    assert "Acknowledge by Mon 4 Jan 2027 — 2 working days left" in html
    assert _url("acknowledge", complaint) in html
