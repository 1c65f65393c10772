import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorstep.cases.models import (
    Case,
    CaseAction,
    CaseAttachment,
    CaseEvent,
    CaseParty,
    CaseStatus,
    CaseType,
)
from doorstep.cases.tests.conftest import CAST, SEES_RESTRICTED, png_bytes
from doorstep.cases.tests.factories import (
    CaseActionFactory,
    CaseEventFactory,
    CaseFactory,
    CasePartyFactory,
)
from doorstep.contacts.models import Contact
from doorstep.contacts.tests.factories import ContactFactory
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.people.tests.factories import FlagFactory, PersonFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"
TOMORROW = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
YESTERDAY = (timezone.localdate() - dt.timedelta(days=1)).isoformat()

CASE_PAGES = [
    ("case_detail", "get"),
    ("case_edit", "get"),
    ("case_transition", "get"),
    ("case_note", "get"),
    ("case_party_add", "get"),
    ("case_action_add", "get"),
    ("case_review", "get"),
    ("case_cost_add", "get"),
    ("case_attachment_add", "get"),
    ("case_link", "get"),
    ("case_restrict", "post"),
]


def _url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.reference, *args])


def _closed(case):
    Case.objects.filter(pk=case.pk).update(
        status="closed", closed_on=timezone.localdate(), closure_reason="resolved"
    )
    case.refresh_from_db()
    return case


# --- signed out, list, navigation -------------------------------------------------------------


@pytest.mark.parametrize(("name", "method"), CASE_PAGES)
def test_case_pages_send_the_signed_out_to_sign_in(client, case, name, method):
    response = getattr(client, method)(_url(name, case))
    assert response.status_code == 302 and response.url.startswith(SIGN_IN)


@pytest.mark.parametrize("name", ["case_list", "case_create", "case_export"])
def test_list_pages_send_the_signed_out_to_sign_in(client, name):
    response = client.get(reverse(f"cases:{name}"))
    assert response.status_code == 302 and response.url.startswith(SIGN_IN)


@pytest.mark.parametrize("who", CAST)
def test_everyone_sees_the_case_list_with_restricted_rows(client, cast, restricted_case, who):
    client.force_login(cast[who])
    response = client.get(reverse("cases:case_list"), {"show": "all"})
    assert response.status_code == 200
    body = response.content.decode()
    assert restricted_case.reference in body
    assert ("Concern about an adult at risk" in body) is SEES_RESTRICTED[who]
    assert ("Restricted case — ask Jan Kennedy" in body) is not SEES_RESTRICTED[who]
    assert '<a href="/cases/"' in body or 'href="/cases/"' in body  # the Cases nav entry


def test_case_list_view_queries_do_not_grow(client, officer, other_officer, home, team):
    client.force_login(other_officer)
    url = reverse("cases:case_list") + "?show=all"

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    CaseFactory(home=home, lead_officer=officer, team=team)
    few = count()
    for n in range(40):
        case = CaseFactory(
            home=home,
            lead_officer=officer,
            team=team,
            case_type=CaseType.DOMESTIC_ABUSE if n % 3 == 0 else CaseType.ASB,
        )
        CaseActionFactory(case=case, due_on=timezone.localdate() - dt.timedelta(days=1))
    assert count() == few


def test_case_list_shows_filter_errors_and_still_lists(client, officer, case):
    client.force_login(officer)
    response = client.get(reverse("cases:case_list"), {"lead_officer": "99999"})
    assert response.status_code == 200
    assert "Choose a lead officer from the list." in response.content.decode()


# --- the case page ---------------------------------------------------------------------------


def test_case_page_shows_the_case(client, officer, case, person):
    CasePartyFactory(case=case, person=person, role="victim")
    FlagFactory(person=person, code="risk_to_staff")
    CaseActionFactory(case=case, title="Send diary sheets", owner=officer)
    ContactFactory(case=case, person=person, logged_by=officer, summary="Rang about the noise")
    client.force_login(officer)
    response = client.get(case.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    for text in [
        case.reference,
        "Anti-social behaviour case",
        "Standard risk",
        "Loud music at 3am",
        "Jan Kennedy",
        "12 Beechdale Road",
        "Special arrangements for Edna Thompson",
        "Two-officer visit only",
        "Send diary sheets",
        "Mark as done",
        "Rang about the noise",
        "Change details",
    ]:
        assert text in body, text
    assert "Restrict the case" not in body  # officers do not restrict


def test_case_page_hides_buttons_from_a_reader(client, other_officer, case):
    client.force_login(other_officer)
    body = client.get(case.get_absolute_url()).content.decode()
    assert "Loud music at 3am" in body
    for text in ["Change details", "Add a note", "Add an action", "Change the status"]:
        assert text not in body


@pytest.mark.parametrize("who", CAST)
def test_restricted_case_page_is_shown_and_audited_or_refused(client, cast, restricted_case, who):
    client.force_login(cast[who])
    response = client.get(restricted_case.get_absolute_url())
    body = response.content.decode()
    audits = AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(restricted_case.pk))
    if SEES_RESTRICTED[who]:
        assert response.status_code == 200
        assert "Concern about an adult at risk" in body
        assert audits.filter(actor=cast[who]).count() == 1
    else:
        assert response.status_code == 403
        assert "Restricted case — ask Jan Kennedy" in body
        assert "Concern about an adult at risk" not in body
        assert "Beechdale Road" not in body
        assert not audits.exists()


def test_restricted_case_forms_are_refused_to_others(client, other_officer, restricted_case):
    client.force_login(other_officer)
    for name, method in CASE_PAGES[1:]:
        assert getattr(client, method)(_url(name, restricted_case)).status_code == 403, name


def test_unknown_case_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("cases:case_detail", args=["ASB-2026-999999"])).status_code == 404


def test_case_page_queries_do_not_grow(client, officer, case):
    client.force_login(officer)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(case.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    # One of each first, so prefetches that skip empty results are counted in both.
    CaseEventFactory(case=case)
    CaseActionFactory(case=case, owner=officer)
    FlagFactory(person=CasePartyFactory(case=case, role="victim").person, code="shielding")
    few = count()
    for _n in range(30):
        CaseEventFactory(case=case)
    for _n in range(10):
        CaseActionFactory(case=case, owner=officer)
    for role in ["reporter", "witness", "alleged_perpetrator", "subject", "victim"]:
        party = CasePartyFactory(case=case, role=role)
        FlagFactory(person=party.person, code="shielding")
    assert count() == few


# --- opening ---------------------------------------------------------------------------------


def test_open_a_case_about_a_person_as_reporter(client, officer, person, home):
    client.force_login(officer)
    url = reverse("cases:case_create")
    page = client.get(url, {"person": person.reference, "role": "reporter"})
    assert page.status_code == 200 and "Edna Thompson" in page.content.decode()
    response = client.post(
        url,
        {
            "person": person.reference,
            "case_type": "asb",
            "role": "reporter",
            "summary": "Shouting in the stairwell",
            "risk_level": "medium",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert case.reference.startswith("ASB-") and case.home == home
    assert (case.lead_officer, case.risk_level) == (officer, "medium")
    assert list(case.parties.values_list("person_id", "role")) == [(person.pk, "reporter")]


def test_open_a_case_from_a_contact_links_the_contact(client, officer, person):
    contact = ContactFactory(person=person, logged_by=officer, summary="Dog barking all night")
    client.force_login(officer)
    url = reverse("cases:case_create")
    page = client.get(url, {"contact": contact.pk})
    assert "Dog barking all night" in page.content.decode()
    response = client.post(
        url,
        {
            "contact": contact.pk,
            "person": person.reference,
            "case_type": "neighbour_dispute",
            "role": "reporter",
            "summary": "Dog barking all night",
            "risk_level": "standard",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.case == Case.objects.get()
    detail = client.get(response.url).content.decode()
    assert "Phone from Edna Thompson" in detail


@pytest.mark.parametrize("contact_id", ["999999", "0", "-1", "9" * 30])
def test_open_a_case_from_an_unknown_contact_is_refused_on_that_field(
    client, officer, person, contact_id
):
    """A stale or forged hidden contact id: an error naming the contact, no case opened
    without its link."""
    client.force_login(officer)
    response = client.post(
        reverse("cases:case_create"),
        {
            "contact": contact_id,
            "person": person.reference,
            "case_type": "neighbour_dispute",
            "role": "reporter",
            "summary": "Dog barking all night",
            "risk_level": "standard",
        },
    )
    assert response.status_code == 200
    assert "contact" in response.context["form"].errors
    assert "We could not find the contact this case was being opened from" in (
        response.content.decode()
    )
    assert not Case.objects.exists()


def test_open_a_case_about_a_home(client, officer, home):
    client.force_login(officer)
    response = client.post(
        reverse("cases:case_create"),
        {
            "home": home.pk,
            "case_type": "fly_tipping",
            "role": "reporter",
            "summary": "Mattresses by the bins",
            "risk_level": "standard",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.home, case.patch, case.parties.count()) == (home, home.patch, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"case_type": ""}, "Select the type of case."),
        ({"summary": ""}, "Enter summary."),
        ({"summary": "x" * 301}, "Summary must be 300 characters or fewer."),
        ({"lookup": "P999999"}, "No person or home matches"),
        ({"opened_on": TOMORROW}, "The date opened must be today or in the past."),
        ({"opened_on": "31/02/2026"}, "Enter the date opened as a real date"),
        ({"risk_level": "extreme"}, "Choose the risk level from the list."),
        ({"lead_officer": "99999"}, "Choose the lead officer from the list."),
    ],
)
def test_open_a_case_refuses_bad_input(client, officer, data, message):
    client.force_login(officer)
    payload = {
        "case_type": "asb",
        "role": "reporter",
        "summary": "Noise",
        "risk_level": "standard",
        **data,
    }
    response = client.post(reverse("cases:case_create"), payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Case.objects.exists()


def test_the_dpo_cannot_open_a_case(client, dpo):
    client.force_login(dpo)
    assert client.get(reverse("cases:case_create")).status_code == 403


# --- case forms: allowed, refused, bad input -----------------------------------------------------


def test_edit_changes_summary_lead_and_risk(client, officer, other_officer, case):
    client.force_login(officer)
    response = client.post(
        _url("case_edit", case),
        {
            "summary": "Loud parties",
            "lead_officer": other_officer.pk,
            "risk_level": "high",
            "risk_reason": "Threats",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.summary, case.lead_officer, case.risk_level) == (
        "Loud parties",
        other_officer,
        "high",
    )
    assert CaseEvent.objects.filter(case=case, kind="risk").exists()


def test_edit_refuses_bad_input_and_others(client, officer, other_officer, case):
    client.force_login(officer)
    response = client.post(_url("case_edit", case), {"summary": "", "risk_level": "high"})
    body = response.content.decode()
    assert "Enter summary." in body and "Choose the lead officer." in body
    client.force_login(other_officer)
    assert client.get(_url("case_edit", case)).status_code == 403


def test_status_change_and_close(client, officer, case):
    client.force_login(officer)
    assert client.post(_url("case_transition", case), {"to_status": "action"}).status_code == 302
    response = client.post(_url("case_transition", case), {"to_status": "closed"})
    assert "Select why the case is being closed." in response.content.decode()
    response = client.post(
        _url("case_transition", case),
        {"to_status": "closed", "closure_reason": "resolved", "closed_on": YESTERDAY},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.closed_on.isoformat()) == ("closed", YESTERDAY)


def test_status_refuses_a_status_not_offered(client, officer, case):
    client.force_login(officer)
    response = client.post(_url("case_transition", case), {"to_status": "open"})
    assert "Choose the new status from the list." in response.content.decode()


def test_reopen_is_for_team_leaders(client, officer, team_leader, case):
    _closed(case)
    client.force_login(officer)
    assert client.get(_url("case_transition", case)).status_code == 403
    client.force_login(team_leader)
    page = client.get(_url("case_transition", case)).content.decode()
    assert "Reopen the case" in page
    assert client.post(_url("case_transition", case), {"to_status": "open"}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_status_change_refused_to_others(client, other_officer, case):
    client.force_login(other_officer)
    response = client.post(_url("case_transition", case), {"to_status": "action"})
    assert response.status_code == 403


def test_note(client, officer, other_officer, case):
    client.force_login(officer)
    response = client.post(_url("case_note", case), {"kind": "note", "text": "Visited."})
    assert response.status_code == 302
    assert CaseEvent.objects.get(case=case).text == "Visited."
    response = client.post(_url("case_note", case), {"kind": "note", "text": ""})
    assert "Enter note." in response.content.decode()
    client.force_login(other_officer)
    assert client.post(_url("case_note", case), {"kind": "note", "text": "x"}).status_code == 403


def test_add_and_remove_a_person(client, officer, other_officer, case):
    someone = PersonFactory(reference="P777777")
    client.force_login(officer)
    response = client.post(_url("case_party_add", case), {"person": "P777777", "role": "witness"})
    assert response.status_code == 302
    party = CaseParty.objects.get(case=case)
    response = client.post(_url("case_party_add", case), {"person": "P000404", "role": "witness"})
    assert "No person has the reference “P000404”." in response.content.decode()
    response = client.post(_url("case_party_add", case), {"person": "P777777", "role": "witness"})
    assert "is already a witness" in response.content.decode()
    assert client.get(_url("case_party_remove", case, party.pk)).status_code == 405
    client.force_login(other_officer)
    assert client.post(_url("case_party_remove", case, party.pk)).status_code == 403
    client.force_login(officer)
    assert client.post(_url("case_party_remove", case, party.pk)).status_code == 302
    assert not CaseParty.objects.filter(person=someone).exists()


def test_add_an_action_and_mark_it_done(client, officer, other_officer, case):
    client.force_login(officer)
    response = client.post(
        _url("case_action_add", case),
        {"title": "Send diary sheets", "owner": officer.pk, "due_on": TOMORROW},
    )
    assert response.status_code == 302
    action = CaseAction.objects.get()
    response = client.post(
        _url("case_action_add", case), {"title": "", "owner": officer.pk, "due_on": YESTERDAY}
    )
    body = response.content.decode()
    assert "Enter what needs doing." in body
    assert "The due date must be today or in the future." in body
    client.force_login(other_officer)
    assert client.post(_url("action_done", case, action.pk)).status_code == 403
    client.force_login(officer)
    assert client.get(_url("action_done", case, action.pk)).status_code == 405
    response = client.post(_url("action_done", case, action.pk) + "?next=/")
    assert response.status_code == 302 and response.url == "/"
    action.refresh_from_db()
    assert action.done_at is not None


def test_action_done_ignores_an_unsafe_next(client, officer, case):
    action = CaseActionFactory(case=case)
    client.force_login(officer)
    response = client.post(_url("action_done", case, action.pk) + "?next=https://evil.example/")
    assert response.url == case.get_absolute_url()


def test_action_of_another_case_is_not_found(client, officer, case, other_case):
    action = CaseActionFactory(case=other_case)
    client.force_login(officer)
    assert client.post(_url("action_done", case, action.pk)).status_code == 404


def test_review(client, officer, other_officer, case):
    client.force_login(officer)
    response = client.post(_url("case_review", case), {"next_review_on": TOMORROW})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.next_review_on.isoformat() == TOMORROW
    response = client.post(_url("case_review", case), {"note": "", "next_review_on": ""})
    assert "Enter what the review found, or a next review date." in response.content.decode()
    response = client.post(_url("case_review", case), {"next_review_on": YESTERDAY})
    assert "The next review date must be today or later." in response.content.decode()
    response = client.post(_url("case_review", case), {"note": "All quiet."})
    assert response.status_code == 302
    assert CaseEvent.objects.filter(case=case, text__startswith="Case reviewed").exists()
    client.force_login(other_officer)
    assert client.post(_url("case_review", case), {"note": "x"}).status_code == 403


def test_cost(client, officer, other_officer, case):
    client.force_login(officer)
    today = timezone.localdate().isoformat()
    response = client.post(
        _url("case_cost_add", case),
        {"kind": "officer_time", "incurred_on": today, "amount": "30.00", "hours": "1.5"},
    )
    assert response.status_code == 302
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Total £30.00" in page
    for data, message in [
        ({"amount": "-3"}, "The amount must be 0 or more."),
        ({"amount": "lots"}, "Enter the amount in pounds, like 125.50."),
        ({"hours": ""}, "Enter the hours of officer time."),
        ({"incurred_on": TOMORROW}, "The date of the cost must be today or earlier."),
    ]:
        payload = {"kind": "officer_time", "incurred_on": today, "amount": "1", "hours": "1"}
        response = client.post(_url("case_cost_add", case), {**payload, **data})
        assert message in response.content.decode(), message
    client.force_login(other_officer)
    assert client.post(_url("case_cost_add", case), {"kind": "legal"}).status_code == 403


def test_photo_upload_and_serving(client, officer, other_officer, case):
    client.force_login(officer)
    upload = SimpleUploadedFile("door.png", png_bytes(), "image/png")
    response = client.post(_url("case_attachment_add", case), {"file": upload, "caption": "Door"})
    assert response.status_code == 302
    photo = CaseAttachment.objects.get()
    served = client.get(_url("case_attachment", case, photo.pk))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == png_bytes()
    fake = SimpleUploadedFile("door.jpg", b"MZ\x90\x00 not a photo", "image/jpeg")
    response = client.post(_url("case_attachment_add", case), {"file": fake})
    assert (
        "The selected file must be a photo: JPEG, PNG, WebP or HEIC." in response.content.decode()
    )
    response = client.post(_url("case_attachment_add", case), {})
    assert "Select a photo." in response.content.decode()
    client.force_login(other_officer)
    assert client.get(_url("case_attachment_add", case)).status_code == 403
    assert client.get(_url("case_attachment", case, photo.pk)).status_code == 200


def test_photo_of_a_restricted_case_is_served_only_to_its_team(
    client, officer, other_officer, restricted_case
):
    client.force_login(officer)
    upload = SimpleUploadedFile("x.png", png_bytes(), "image/png")
    client.post(_url("case_attachment_add", restricted_case), {"file": upload})
    photo = CaseAttachment.objects.get()
    assert client.get(_url("case_attachment", restricted_case, photo.pk)).status_code == 200
    assert AuditEvent.objects.filter(action="view", changes={"viewed": "photo"}).exists()
    client.force_login(other_officer)
    assert client.get(_url("case_attachment", restricted_case, photo.pk)).status_code == 403


def test_link_and_unlink(client, officer, other_officer, case, other_case):
    client.force_login(officer)
    response = client.post(_url("case_link", case), {"reference": other_case.reference.lower()})
    assert response.status_code == 302
    assert list(case.linked_cases.all()) == [other_case]
    response = client.post(_url("case_link", case), {"reference": "ASB-2026-999999"})
    assert "No case has the reference “ASB-2026-999999”." in response.content.decode()
    response = client.post(_url("case_link", case), {"reference": case.reference})
    assert "A case cannot be linked to itself." in response.content.decode()
    client.force_login(other_officer)
    assert client.post(_url("case_unlink", case, other_case.reference)).status_code == 403
    client.force_login(officer)
    assert client.post(_url("case_unlink", case, other_case.reference)).status_code == 302
    assert not case.linked_cases.exists()


def test_satisfaction_after_closure(client, officer, other_officer, case):
    client.force_login(officer)
    response = client.get(_url("case_satisfaction", case))
    assert response.status_code == 302  # still open: back to the case with a message
    _closed(case)
    response = client.post(_url("case_satisfaction", case), {"satisfaction": "very_satisfied"})
    assert "Select how the reporter was asked." in response.content.decode()
    response = client.post(
        _url("case_satisfaction", case), {"satisfaction": "ok", "method": "link"}
    )
    assert "Choose how satisfied the reporter was from the list." in response.content.decode()
    response = client.post(
        _url("case_satisfaction", case), {"satisfaction": "very_satisfied", "method": "link"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.satisfaction == "very_satisfied"
    client.force_login(other_officer)
    assert client.get(_url("case_satisfaction", case)).status_code == 403


def test_restrict_and_lift(client, officer, team_leader, case, restricted_case):
    client.force_login(officer)
    assert client.post(_url("case_restrict", case), {"restricted": "1"}).status_code == 403
    client.force_login(team_leader)
    assert "Restrict the case" in client.get(case.get_absolute_url()).content.decode()
    assert client.post(_url("case_restrict", case), {"restricted": "1"}).status_code == 302
    case.refresh_from_db()
    assert case.restricted
    page = client.get(restricted_case.get_absolute_url()).content.decode()
    assert "Lift the restriction" not in page
    client.post(_url("case_restrict", restricted_case), {"restricted": "0"})
    restricted_case.refresh_from_db()
    assert restricted_case.restricted
    assert client.get(_url("case_restrict", case)).status_code == 405


# --- contacts and search -----------------------------------------------------------------------


def test_log_a_contact_on_a_case(client, officer, case, person):
    client.force_login(officer)
    url = reverse("contacts:contact_create")
    page = client.get(url, {"case": case.reference, "person": person.reference})
    assert case.reference in page.content.decode()
    response = client.post(
        url,
        {
            "person": person.reference,
            "channel": "phone",
            "direction": "inbound",
            "summary": "Still noisy",
            "case": case.reference.lower(),
        },
    )
    assert response.status_code == 302
    assert Contact.objects.get().case == case


def test_contact_with_unknown_or_restricted_case_is_refused(
    client, other_officer, restricted_case, person
):
    client.force_login(other_officer)
    url = reverse("contacts:contact_create")
    base = {"person": person.reference, "channel": "phone", "direction": "inbound", "summary": "x"}
    response = client.post(url, {**base, "case": "ASB-2026-999999"})
    assert "No case matches “ASB-2026-999999”." in response.content.decode()
    response = client.post(url, {**base, "case": restricted_case.reference})
    assert "Restricted case — ask Jan Kennedy" in response.content.decode()
    assert not Contact.objects.exists()


@pytest.mark.parametrize("who", CAST)
def test_search_finds_cases_by_reference_respecting_restriction(
    client, cast, case, restricted_case, who
):
    client.force_login(cast[who])
    response = client.get(reverse("search:search"), {"q": restricted_case.reference})
    body = response.content.decode()
    assert restricted_case.reference in body
    assert ("Concern about an adult at risk" in body) is SEES_RESTRICTED[who]
    assert ("Restricted case — ask Jan Kennedy" in body) is not SEES_RESTRICTED[who]
    audited = AuditEvent.objects.filter(
        action="view",
        object_id=str(restricted_case.pk),
        changes={"viewed": "case in search results"},
    )
    assert audited.exists() is SEES_RESTRICTED[who]
    prefix = client.get(reverse("search:search"), {"q": case.reference[:-3]}).content.decode()
    assert case.reference in prefix


@pytest.mark.parametrize("case_type", CaseType.values)
def test_every_type_of_case_page_renders_with_its_panels(client, officer, home, team, case_type):
    case = CaseFactory(case_type=case_type, home=home, lead_officer=officer, team=team)
    client.force_login(officer)
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert case.reference in response.content.decode()
    _closed(case)
    assert client.get(case.get_absolute_url()).status_code == 200


def test_open_form_prefilled_from_a_home(client, officer, home):
    client.force_login(officer)
    page = client.get(reverse("cases:case_create"), {"home": home.pk}).content.decode()
    assert "12 Beechdale Road" in page and f'value="{home.pk}"' in page
