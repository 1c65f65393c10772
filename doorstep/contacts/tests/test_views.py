import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorstep.contacts.models import CallBack, CallBackAttempt, CallBackStatus, Contact, DutyShift
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory, DutyShiftFactory
from doorstep.people.tests.factories import FlagFactory, PersonFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"


def _late(**kwargs):
    return CallBackFactory(due_at=timezone.now() - dt.timedelta(hours=2), **kwargs)


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("contact_create", [], "get"),
        ("contact_follow_up_done", [1], "post"),
        ("duty_desk", [], "get"),
        ("duty_rota", [], "get"),
        ("team_board", [], "get"),
        ("callback_list", [], "get"),
        ("callback_create", [], "get"),
        ("callback_detail", [1], "get"),
        ("callback_attempt", [1], "post"),
        ("callback_complete", [1], "post"),
        ("callback_reassign", [1], "post"),
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, name, args, method):
    response = getattr(client, method)(reverse(f"contacts:{name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


# --- log a contact ---------------------------------------------------------------------------


def test_contact_form_is_a_full_page_without_htmx(client, officer):
    client.force_login(officer)
    response = client.get(reverse("contacts:contact_create"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert '<h1 class="govuk-heading-l">Log a contact</h1>' in html
    assert "Person reference or UPRN" in html
    assert "hx-post" not in html


def test_contact_form_is_a_modal_partial_with_htmx(client, officer, htmx):
    client.force_login(officer)
    response = client.get(reverse("contacts:contact_create"), **htmx)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="modal-title"' in html
    assert 'hx-target="#modal-body"' in html


def test_contact_form_prefilled_from_a_person_shows_who_and_their_arrangements(
    client, officer, person
):
    FlagFactory(person=person, code="risk_to_staff")
    client.force_login(officer)
    html = client.get(reverse("contacts:contact_create") + "?person=P000001").content.decode()
    assert "Edna Thompson (P000001)" in html
    assert 'name="person" value="P000001"' in html
    assert "Two-officer visit only" in html
    assert "Person reference or UPRN" not in html


def test_contact_form_prefilled_from_a_home(client, officer, home):
    client.force_login(officer)
    html = client.get(reverse("contacts:contact_create") + f"?home={home.pk}").content.decode()
    assert "UPRN 100071234567" in html


def test_logging_a_contact_redirects_to_the_person_with_a_message(client, officer, person):
    client.force_login(officer)
    response = client.post(
        reverse("contacts:contact_create"),
        {"person": "P000001", "channel": "phone", "direction": "inbound", "summary": "Fence"},
        follow=True,
    )
    assert response.redirect_chain[0][0] == person.get_absolute_url()
    assert "Contact logged." in response.content.decode()
    assert Contact.objects.get().logged_by == officer


def test_logging_a_contact_in_the_modal_closes_it(client, officer, person, htmx):
    client.force_login(officer)
    response = client.post(
        reverse("contacts:contact_create"),
        {"lookup": "P000001", "channel": "visit", "direction": "outbound", "summary": "Visited"},
        **htmx,
    )
    assert response.status_code == 204
    assert response["HX-Trigger"] == "ds-modal-close"
    assert response["HX-Refresh"] == "true"
    assert Contact.objects.get().person == person


def test_bad_contact_in_the_modal_shows_errors_in_the_modal(client, officer, htmx):
    client.force_login(officer)
    response = client.post(
        reverse("contacts:contact_create"),
        {"lookup": "P999999", "channel": "phone", "direction": "inbound", "summary": ""},
        **htmx,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "There is a problem" in html
    assert "Enter a summary of the contact." in html
    assert "No person or home matches" in html
    assert "HX-Trigger" not in response
    assert not Contact.objects.exists()


def test_other_officer_can_log_a_contact_for_a_person_on_another_patch(
    client, other_officer, person
):
    client.force_login(other_officer)
    response = client.post(
        reverse("contacts:contact_create"),
        {"person": "P000001", "channel": "phone", "direction": "inbound", "summary": "Duty call"},
    )
    assert response.status_code == 302
    assert Contact.objects.get().logged_by == other_officer


def test_dpo_cannot_log_contacts(client, dpo, person):
    client.force_login(dpo)
    assert client.get(reverse("contacts:contact_create")).status_code == 403
    response = client.post(
        reverse("contacts:contact_create"),
        {"person": "P000001", "channel": "phone", "direction": "inbound", "summary": "x"},
    )
    assert response.status_code == 403
    assert not Contact.objects.exists()


def test_next_is_followed_only_on_this_site(client, officer, person):
    client.force_login(officer)
    data = {"person": "P000001", "channel": "phone", "direction": "inbound", "summary": "x"}
    safe = client.post(reverse("contacts:contact_create"), {**data, "next": "/contacts/duty-desk/"})
    assert safe.url == "/contacts/duty-desk/"
    unsafe = client.post(
        reverse("contacts:contact_create"), {**data, "next": "https://evil.example/"}
    )
    assert unsafe.url == person.get_absolute_url()


# --- contact follow-up done ------------------------------------------------------------------


def test_follow_up_done_by_the_logger_returns_to_my_day(client, officer):
    contact = ContactFactory(logged_by=officer, follow_up_on=timezone.localdate())
    client.force_login(officer)
    url = reverse("contacts:contact_follow_up_done", args=[contact.pk])
    assert client.get(url).status_code == 405
    response = client.post(url + "?next=/")
    assert response.status_code == 302 and response.url == "/"
    contact.refresh_from_db()
    assert contact.follow_up_done_at is not None


def test_follow_up_done_refused_to_another_officer(client, officer, other_officer):
    contact = ContactFactory(logged_by=officer, follow_up_on=timezone.localdate())
    client.force_login(other_officer)
    url = reverse("contacts:contact_follow_up_done", args=[contact.pk])
    assert client.post(url).status_code == 403
    contact.refresh_from_db()
    assert contact.follow_up_done_at is None


# --- duty desk -------------------------------------------------------------------------------


def test_duty_desk_shows_who_is_on_duty_and_quick_actions(
    client, officer, colleague, team, other_team
):
    DutyShiftFactory(team=team, officer=colleague)
    CallBackFactory(for_officer=None, for_team=other_team, reason="Leak under the sink")
    client.force_login(officer)
    html = client.get(reverse("contacts:duty_desk")).content.decode()
    assert "Lee Brown" in html
    assert "No one set" in html  # the Nottingham team has no duty officer today
    assert "Leave a call-back" in html
    assert "Leak under the sink" in html


def test_duty_desk_is_read_only_for_the_dpo(client, dpo):
    client.force_login(dpo)
    response = client.get(reverse("contacts:duty_desk"))
    assert response.status_code == 200
    assert "Log a contact" not in response.content.decode()


def test_duty_desk_query_count_is_fixed(client, officer, team, django_assert_max_num_queries):
    client.force_login(officer)
    client.get(reverse("contacts:duty_desk"))
    CallBackFactory(for_officer=None, for_team=team)
    baseline = _page_queries(client, reverse("contacts:duty_desk"))
    for _ in range(30):
        person = PersonFactory()
        FlagFactory(person=person, code="shielding")
        CallBackFactory(for_officer=None, for_team=team, person=person)
    with django_assert_max_num_queries(baseline):
        client.get(reverse("contacts:duty_desk"))


# --- call-back list --------------------------------------------------------------------------


def test_call_back_list_tags_overdue_rows_in_words(client, officer, other_officer):
    _late(for_officer=officer, reason="Overdue one")
    CallBackFactory(for_officer=officer, reason="Due later")
    CallBackFactory(for_officer=other_officer, reason="Not yours")
    client.force_login(officer)
    html = client.get(reverse("contacts:callback_list")).content.decode()
    assert "Overdue one" in html and "Due later" in html
    assert "Not yours" not in html
    assert html.count('govuk-tag--red">Overdue</strong>') == 1


def test_call_back_list_filters(client, officer, colleague):
    _late(for_officer=colleague, reason="Colleague late")
    CallBackFactory(for_officer=officer, reason="Boiler fixed", status=CallBackStatus.DONE)
    client.force_login(officer)
    url = reverse("contacts:callback_list")
    assert "Colleague late" not in client.get(url).content.decode()
    assert "Colleague late" in client.get(url + "?show=team").content.decode()
    assert "Colleague late" in client.get(url + "?show=overdue").content.decode()
    assert "Boiler fixed" not in client.get(url + "?show=mine").content.decode()
    assert "Boiler fixed" in client.get(url + "?show=mine&status=done").content.decode()


def test_call_back_list_htmx_returns_the_table_only(client, officer, htmx):
    CallBackFactory(for_officer=officer, reason="In the table")
    client.force_login(officer)
    html = client.get(reverse("contacts:callback_list"), **htmx).content.decode()
    assert "<html" not in html and "In the table" in html


def test_call_back_list_is_empty_for_the_dpo(client, dpo, officer):
    CallBackFactory(for_officer=officer, reason="Private")
    client.force_login(dpo)
    response = client.get(reverse("contacts:callback_list") + "?show=all")
    assert response.status_code == 200
    assert "Private" not in response.content.decode()


def test_call_back_list_query_count_is_fixed(client, officer, django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse("contacts:callback_list") + "?show=team"
    client.get(url)
    _late(for_officer=officer)
    baseline = _page_queries(client, url)
    for n in range(40):
        person = PersonFactory()
        FlagFactory(person=person, code="hearing_impairment")
        (_late if n % 2 else CallBackFactory)(for_officer=officer, person=person)
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    assert response.content.decode().count("Contact by text or email, not by phone") == 24


# --- leave a call-back -----------------------------------------------------------------------


def test_call_back_form_prefills_the_person_and_phone(client, officer, person):
    client.force_login(officer)
    html = client.get(reverse("contacts:callback_create") + "?person=P000001").content.decode()
    assert 'value="01922 123456"' in html
    assert "Edna Thompson (P000001)" in html


def test_leaving_a_call_back_goes_to_it(client, officer, person, colleague):
    client.force_login(officer)
    response = client.post(
        reverse("contacts:callback_create"),
        {
            "person": "P000001",
            "phone": "01922 123456",
            "reason": "Rent query",
            "for_officer": colleague.pk,
        },
        follow=True,
    )
    callback = CallBack.objects.get()
    assert response.redirect_chain[0][0] == reverse("contacts:callback_detail", args=[callback.pk])
    assert "Call-back left for Lee Brown" in response.content.decode()
    assert callback.phone == "+441922123456" and callback.person == person


def test_leaving_a_call_back_in_the_modal_closes_it(client, officer, team, htmx):
    client.force_login(officer)
    response = client.post(
        reverse("contacts:callback_create"),
        {
            "caller_name": "A neighbour",
            "phone": "07400 123456",
            "reason": "Noise",
            "for_team": team.pk,
        },
        **htmx,
    )
    assert response.status_code == 204
    assert response["HX-Trigger"] == "ds-modal-close"
    assert CallBack.objects.get().for_team == team


def test_bad_call_back_shows_errors_naming_the_fields(client, officer, htmx):
    client.force_login(officer)
    response = client.post(
        reverse("contacts:callback_create"), {"phone": "12", "reason": ""}, **htmx
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Enter a real phone number" in html or "Enter a phone number" in html
    assert "Enter the reason for the call-back." in html
    assert "Choose who should ring back: an officer or a team." in html
    assert not CallBack.objects.exists()


def test_dpo_cannot_leave_a_call_back(client, dpo):
    client.force_login(dpo)
    assert client.get(reverse("contacts:callback_create")).status_code == 403


# --- call-back page and its actions ----------------------------------------------------------


def test_call_back_page_shows_attempts_arrangements_and_actions(client, officer, person):
    FlagFactory(person=person, code="shielding")
    callback = _late(for_officer=officer, person=person)
    CallBackAttempt.objects.create(
        callback=callback, attempted_by=officer, outcome="no_answer", note="Rang at 10"
    )
    client.force_login(officer)
    html = client.get(reverse("contacts:callback_detail", args=[callback.pk])).content.decode()
    assert "Ring back Edna Thompson" in html
    assert "No answer" in html and "Rang at 10" in html
    assert "Doorstep or phone contact only" in html
    assert 'govuk-tag--red">Overdue' in html
    for action in ("Record an attempt", "Mark as done", "Reassign"):
        assert action in html


def test_another_team_reads_a_call_back_but_cannot_act(client, officer, other_officer):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(other_officer)
    html = client.get(reverse("contacts:callback_detail", args=[callback.pk])).content.decode()
    assert "Record an attempt" not in html and "Reassign" not in html


def test_missing_call_back_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("contacts:callback_detail", args=[999999])).status_code == 404


def test_recording_an_attempt_keeps_it_open(client, officer, htmx):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(officer)
    url = reverse("contacts:callback_attempt", args=[callback.pk])
    assert "<html" not in client.get(url, **htmx).content.decode()
    response = client.post(url, {"outcome": "spoke", "note": "Sorted next week"}, **htmx)
    assert response.status_code == 204 and response["HX-Trigger"] == "ds-modal-close"
    callback.refresh_from_db()
    assert callback.status == CallBackStatus.OPEN
    assert callback.attempts.get().outcome == "spoke"


def test_bad_attempt_shows_an_error(client, officer):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(officer)
    response = client.post(reverse("contacts:callback_attempt", args=[callback.pk]), {})
    assert "Select what happened when you rang." in response.content.decode()


def test_another_team_cannot_record_an_attempt(client, officer, other_officer):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(other_officer)
    url = reverse("contacts:callback_attempt", args=[callback.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"outcome": "spoke"}).status_code == 403
    assert not CallBackAttempt.objects.exists()


def test_mark_as_done_from_my_day_returns_there(client, officer):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(officer)
    url = reverse("contacts:callback_complete", args=[callback.pk]) + "?next=/"
    response = client.post(url, follow=True)
    assert response.redirect_chain[0][0] == "/"
    assert "Call-back marked as done." in response.content.decode()
    callback.refresh_from_db()
    assert callback.status == CallBackStatus.DONE and callback.completed_by == officer


def test_marking_a_done_call_back_again_explains(client, officer):
    callback = CallBackFactory(for_officer=officer, status=CallBackStatus.DONE)
    client.force_login(officer)
    url = reverse("contacts:callback_complete", args=[callback.pk])
    response = client.post(url, {"outcome": "again"})
    assert response.status_code == 200
    assert "This call-back is already done." in response.content.decode()


def test_bad_outcome_is_refused(client, officer):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(officer)
    url = reverse("contacts:callback_complete", args=[callback.pk])
    response = client.post(url, {"outcome": "x" * 1001})
    assert "Outcome must be 1,000 characters or fewer." in response.content.decode()
    callback.refresh_from_db()
    assert callback.status == CallBackStatus.OPEN


def test_another_team_cannot_mark_done(client, officer, other_officer):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(other_officer)
    response = client.post(reverse("contacts:callback_complete", args=[callback.pk]))
    assert response.status_code == 403
    callback.refresh_from_db()
    assert callback.status == CallBackStatus.OPEN


def test_team_leader_reassigns(client, team_leader, officer, colleague, htmx):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(team_leader)
    url = reverse("contacts:callback_reassign", args=[callback.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"for_officer": colleague.pk}, follow=True)
    assert "Call-back reassigned to Lee Brown." in response.content.decode()
    callback.refresh_from_db()
    assert callback.for_officer == colleague


def test_bad_reassignment_is_explained(client, officer, team):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(officer)
    url = reverse("contacts:callback_reassign", args=[callback.pk])
    response = client.post(url, {"for_officer": officer.pk, "for_team": team.pk})
    assert "Choose an officer or a team, not both." in response.content.decode()


def test_colleague_cannot_reassign_someone_elses_call_back(client, officer, colleague):
    callback = CallBackFactory(for_officer=officer)
    client.force_login(colleague)
    url = reverse("contacts:callback_reassign", args=[callback.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"for_officer": colleague.pk}).status_code == 403


# --- duty rota -------------------------------------------------------------------------------


def test_officer_reads_the_rota_but_cannot_change_it(client, officer, team):
    DutyShiftFactory(team=team, officer=officer)
    client.force_login(officer)
    response = client.get(reverse("contacts:duty_rota"))
    html = response.content.decode()
    assert "Jan Kennedy" in html
    assert "Set the duty officer" not in html
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("contacts:duty_rota"), {"date": tomorrow, "officer": officer.pk})
    assert response.status_code == 403


def test_team_leader_sets_the_rota(client, team_leader, team, officer):
    client.force_login(team_leader)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    url = reverse("contacts:duty_rota") + f"?team={team.pk}"
    assert "Set the duty officer" in client.get(url).content.decode()
    response = client.post(url, {"date": tomorrow.isoformat(), "officer": officer.pk}, follow=True)
    assert "Jan Kennedy is the duty officer on" in response.content.decode()
    assert DutyShift.objects.get(team=team, date=tomorrow).officer == officer


def test_bad_rota_input_is_explained(client, team_leader, team, other_officer):
    client.force_login(team_leader)
    url = reverse("contacts:duty_rota") + f"?team={team.pk}"
    response = client.post(url, {"date": "soon", "officer": other_officer.pk})
    html = response.content.decode()
    assert "Enter the duty date as a real date" in html
    assert "Choose a duty officer from the team." in html


def test_team_leader_cannot_set_another_teams_rota(client, team_leader, other_team, other_officer):
    client.force_login(team_leader)
    url = reverse("contacts:duty_rota") + f"?team={other_team.pk}"
    today = timezone.localdate().isoformat()
    assert client.post(url, {"date": today, "officer": other_officer.pk}).status_code == 403


# --- team board ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["team_leader", "manager"])
def test_team_board_for_team_leaders_and_managers(client, request, who, officer, team, colleague):
    user = request.getfixturevalue(who)
    _late(for_officer=officer, reason="Late for Jan")
    _late(for_officer=None, for_team=team, reason="Late for the team")
    DutyShiftFactory(team=team, officer=colleague)
    client.force_login(user)
    html = client.get(reverse("contacts:team_board")).content.decode()
    assert "Late for Jan" in html and "Late for the team" in html
    assert "Lee Brown" in html  # on duty
    assert "1 overdue" in html  # Jan's count


@pytest.mark.parametrize("who", ["officer", "safeguarding_lead", "dpo"])
def test_team_board_refused_to_others(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("contacts:team_board")).status_code == 403


def test_team_board_query_count_is_fixed(
    client, team_leader, officer, colleague, django_assert_max_num_queries
):
    client.force_login(team_leader)
    url = reverse("contacts:team_board")
    client.get(url)
    _late(for_officer=officer)
    baseline = _page_queries(client, url)
    for n in range(40):
        person = PersonFactory()
        FlagFactory(person=person, code="risk_to_staff")
        _late(for_officer=officer if n % 2 else colleague, person=person)
    with django_assert_max_num_queries(baseline):
        client.get(url)
