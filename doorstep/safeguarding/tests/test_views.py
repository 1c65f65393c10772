import datetime as dt
import re
import zlib

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.safeguarding.models import SafeguardingReferral
from doorstep.safeguarding.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"
SEE = ["colleague", "safeguarding_lead", "manager"]
REFUSED = ["officer", "other_officer", "other_manager", "team_leader", "dpo"]


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams inflated, so its strings can be searched."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _create_url(person):
    return reverse("safeguarding:referral_create") + f"?person={person.reference}"


def _views(referral):
    return AuditEvent.objects.filter(
        action="view", object_type="safeguarding.safeguardingreferral", object_id=str(referral.pk)
    )


@pytest.mark.parametrize(
    ("name", "args", "method"),
    [
        ("referral_list", [], "get"),
        ("referral_create", [], "get"),
        ("referral_detail", ["SGR-2026-000001"], "get"),
        ("referral_clock", ["SGR-2026-000001"], "get"),
        ("referral_mark_sent", ["SGR-2026-000001"], "post"),
        ("referral_outcome", ["SGR-2026-000001"], "get"),
        ("referral_pdf", ["SGR-2026-000001"], "get"),
    ],
)
def test_signed_out_visitors_are_sent_to_sign_in(client, name, args, method):
    response = getattr(client, method)(reverse(f"safeguarding:{name}", args=args))
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


# --- making a referral -----------------------------------------------------------------------


def test_the_form_has_sensible_defaults_for_an_adult(
    client, officer, person, adult_care, childrens_services
):
    FlagFactory(person=person, code="risk_to_staff")
    client.force_login(officer)
    with time_machine.travel(dt.datetime(2026, 5, 13, 14, 5, tzinfo=LONDON), tick=False):
        response = client.get(_create_url(person))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Make a safeguarding referral</h1>' in html
    assert "If anyone is in immediate danger, call 999 now." in html
    assert 'value="2026-05-13T14:05"' in html
    assert 'type="radio" value="adult" checked' in html
    assert f'<option value="{adult_care.pk}" selected>' in html
    assert "Two-officer visit only" in html  # the special arrangements banner


def test_the_form_guesses_a_child_and_childrens_services(
    client, officer, adult_care, childrens_services
):
    child = PersonFactory(date_of_birth=timezone.localdate() - dt.timedelta(days=365 * 12))
    client.force_login(officer)
    html = client.get(_create_url(child)).content.decode()
    assert 'type="radio" value="child" checked' in html
    assert f'<option value="{childrens_services.pk}" selected>' in html


def test_the_form_needs_a_known_person(client, officer):
    client.force_login(officer)
    assert client.get(reverse("safeguarding:referral_create")).status_code == 404
    assert (
        client.get(reverse("safeguarding:referral_create") + "?person=P999999").status_code == 404
    )


def test_the_dpo_cannot_make_a_referral(client, dpo, person, adult_care):
    client.force_login(dpo)
    assert client.get(_create_url(person)).status_code == 403
    assert client.post(_create_url(person), {"agency": adult_care.pk}).status_code == 403


@pytest.mark.parametrize("role", ["officer", "other_officer", "team_leader", "safeguarding_lead"])
def test_anyone_who_takes_calls_makes_a_referral_in_one_post(
    client, request, role, person, adult_care
):
    client.force_login(request.getfixturevalue(role))
    response = client.post(
        _create_url(person),
        {
            "concern_recorded_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "adult_or_child": "adult",
            "category": "physical",
            "what_was_seen": "Bruising to both arms; she says she fell.",
            "immediate_danger": "yes",
            "consent_given": "no",
            "reason_without_consent": "Risk of serious harm from her son.",
            "agency": adult_care.pk,
        },
    )
    referral = SafeguardingReferral.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("safeguarding:referral_detail", args=[referral.reference])
    html = client.get(response.url).content.decode()
    assert "Call 999 now" in html
    assert "Risk of serious harm from her son." in html
    assert "To send today" in html


def test_bad_input_is_shown_against_each_field(client, officer, person, adult_care):
    client.force_login(officer)
    response = client.post(
        _create_url(person),
        {
            "concern_recorded_at": "2099-01-01T09:00",
            "adult_or_child": "adult",
            "category": "",
            "what_was_seen": "",
            "immediate_danger": "no",
            "consent_given": "no",
            "reason_without_consent": "",
            "agency": "999999",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The time the concern was recorded cannot be in the future." in html
    assert "Select the category of abuse or neglect." in html
    assert "Enter what was seen or heard." in html
    assert "Enter why you are referring without their consent." in html
    assert "Select the agency you are referring to, from the directory." in html
    assert not SafeguardingReferral.objects.exists()


# --- the referral page -----------------------------------------------------------------------


@pytest.mark.parametrize("role", SEE)
def test_maker_lead_and_office_manager_see_the_referral_and_each_view_is_audited(
    client, request, role, referral
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    html = client.get(reverse("safeguarding:referral_detail", args=[referral.reference])).content
    html = html.decode()
    assert referral.reference in html
    assert "pension card" in html
    assert "Mark as sent" in html
    assert _views(referral).filter(actor=user).count() == 1
    assert _views(referral).get().person_id == referral.person_id


@pytest.mark.parametrize("role", REFUSED)
def test_others_are_refused_the_referral_and_its_form(client, request, role, referral):
    client.force_login(request.getfixturevalue(role))
    for name in ("referral_detail", "referral_clock", "referral_outcome", "referral_pdf"):
        response = client.get(reverse(f"safeguarding:{name}", args=[referral.reference]))
        assert response.status_code == 403, name
        assert b"pension card" not in response.content
    response = client.post(reverse("safeguarding:referral_mark_sent", args=[referral.reference]))
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.sent_at is None
    assert not _views(referral).exists()


def test_unknown_reference_is_not_found(client, safeguarding_lead):
    client.force_login(safeguarding_lead)
    url = reverse("safeguarding:referral_detail", args=["SGR-2026-999999"])
    assert client.get(url).status_code == 404


def test_the_clock_is_live_on_the_page(client, colleague, referral):
    referral.concern_recorded_at = dt.datetime(2026, 3, 13, 23, 30, tzinfo=LONDON)
    referral.due_at = dt.datetime(2026, 3, 13, 23, 59, 59, tzinfo=LONDON)
    referral.save()
    url = reverse("safeguarding:referral_detail", args=[referral.reference])
    clock_url = reverse("safeguarding:referral_clock", args=[referral.reference])
    with time_machine.travel(dt.datetime(2026, 3, 13, 23, 45, tzinfo=LONDON), tick=False):
        client.force_login(colleague)
        html = client.get(url).content.decode()
        assert "To send today" in html
        assert "Send by 23:59 today" in html
        assert "14 minutes left" in html
        assert f'hx-get="{clock_url}"' in html
    with time_machine.travel(dt.datetime(2026, 3, 14, 8, 0, tzinfo=LONDON), tick=False):
        client.force_login(colleague)  # a new day, a new session
        html = client.get(clock_url).content.decode()
        assert "<html" not in html
        assert "Overdue: not sent" in html
        client.post(reverse("safeguarding:referral_mark_sent", args=[referral.reference]))
        html = client.get(url).content.decode()
    assert "Sent late" in html
    assert "hx-trigger" not in html  # nothing left to count down
    assert _views(referral).count() == 2  # the page twice; the clock alone shows no detail


def test_the_clock_refreshes_itself_only_in_the_final_hour(client, colleague, referral):
    referral.concern_recorded_at = dt.datetime(2026, 3, 13, 9, 0, tzinfo=LONDON)
    referral.due_at = dt.datetime(2026, 3, 13, 23, 59, 59, tzinfo=LONDON)
    referral.save()
    url = reverse("safeguarding:referral_detail", args=[referral.reference])
    with time_machine.travel(dt.datetime(2026, 3, 13, 14, 0, tzinfo=LONDON), tick=False):
        client.force_login(colleague)
        html = client.get(url).content.decode()
    assert "9 hours 59 minutes left" in html
    assert "hx-trigger" not in html
    with time_machine.travel(dt.datetime(2026, 3, 14, 0, 5, tzinfo=LONDON), tick=False):
        client.force_login(colleague)
        html = client.get(url).content.decode()
    assert "Overdue: not sent" in html
    assert "hx-trigger" not in html


def test_mark_as_sent_then_record_the_agencys_reply(client, colleague, referral):
    client.force_login(colleague)
    response = client.post(reverse("safeguarding:referral_mark_sent", args=[referral.reference]))
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.sent_at is not None
    url = reverse("safeguarding:referral_outcome", args=[referral.reference])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"agency_reference": "MASH-4471", "outcome": "Section 42 enquiry", "outcome_on": ""}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.agency_reference == "MASH-4471"
    assert referral.outcome_on == timezone.localdate()
    html = client.get(referral.get_absolute_url()).content.decode()
    assert "MASH-4471" in html
    assert "Section 42 enquiry" in html


def test_reply_form_errors(client, colleague, referral):
    client.force_login(colleague)
    url = reverse("safeguarding:referral_outcome", args=[referral.reference])
    html = client.post(url, {"agency_reference": "MASH-1"}).content.decode()
    assert "Mark the referral as sent before recording the agency" in html  # not sent yet
    client.post(reverse("safeguarding:referral_mark_sent", args=[referral.reference]))
    html = client.post(url, {"agency_reference": "", "outcome": ""}).content.decode()
    assert "Enter the agency&#x27;s reference or the outcome." in html


# --- the printable form ----------------------------------------------------------------------


def test_the_pdf_is_a_pdf_with_the_reference_and_is_audited(client, colleague, referral):
    client.force_login(colleague)
    response = client.get(reverse("safeguarding:referral_pdf", args=[referral.reference]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{referral.reference}.pdf"'
    assert response.content.startswith(b"%PDF")
    # The document's title (in a compressed object stream) carries the reference.
    assert f"Safeguarding referral {referral.reference}".encode() in _inflated(response.content)
    assert _views(referral).get().changes == {"viewed": "safeguarding referral form (PDF)"}


# --- the list --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["safeguarding_lead", "manager"])
def test_leads_and_managers_list_referrals_and_each_row_shown_is_audited(
    client, request, role, referral
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    html = client.get(reverse("safeguarding:referral_list")).content.decode()
    assert referral.reference in html
    assert "Edna Thompson" in html
    assert _views(referral).filter(actor=user).count() == 1


@pytest.mark.parametrize("role", ["officer", "colleague", "team_leader", "dpo"])
def test_others_cannot_list_referrals(client, request, role, referral):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("safeguarding:referral_list")).status_code == 403


def test_list_filters(client, safeguarding_lead, colleague, adult_care):
    now = timezone.now()
    overdue = ReferralFactory(
        made_by=colleague, agency=adult_care, concern_recorded_at=now - dt.timedelta(days=3)
    )
    awaiting = ReferralFactory(made_by=colleague, agency=adult_care, sent_at=now)
    client.force_login(safeguarding_lead)
    url = reverse("safeguarding:referral_list")
    html = client.get(url, {"show": "overdue"}).content.decode()
    assert overdue.reference in html and awaiting.reference not in html
    html = client.get(url, {"show": "awaiting_outcome"}).content.decode()
    assert awaiting.reference in html and overdue.reference not in html
    html = client.get(url, {"show": "rubbish"}).content.decode()
    assert awaiting.reference in html and overdue.reference in html


def test_list_queries_do_not_grow_with_referrals(
    client, safeguarding_lead, colleague, adult_care, django_assert_max_num_queries
):
    ReferralFactory.create_batch(40, made_by=colleague, agency=adult_care)
    client.force_login(safeguarding_lead)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("safeguarding:referral_list"))
    html = response.content.decode()
    assert "40 referrals" in html
    assert "Page 1 of 2" in html
    assert AuditEvent.objects.filter(action="view").count() == 25


# --- the person page -------------------------------------------------------------------------


def test_person_page_offers_the_referral_button_to_those_who_take_calls(
    client, officer, dpo, person
):
    button = "Make a safeguarding referral"
    client.force_login(officer)
    html = client.get(person.get_absolute_url()).content.decode()
    assert button in html
    assert f"?person={person.reference}" in html
    client.force_login(dpo)
    assert button not in client.get(person.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("role", "sees_flag", "sees_link"),
    [
        ("officer", True, False),  # patch officer: the flag, not the referral
        ("colleague", True, True),  # made it
        ("safeguarding_lead", True, True),
        ("manager", True, True),
        ("other_officer", False, False),
        ("dpo", False, False),
    ],
)
def test_person_page_shows_the_safeguarding_flag_only_to_permitted_roles(
    client, request, role, sees_flag, sees_link, referral, person
):
    client.force_login(request.getfixturevalue(role))
    html = client.get(person.get_absolute_url()).content.decode()
    assert ('id="safeguarding-flag"' in html) is sees_flag
    assert (referral.get_absolute_url() in html) is sees_link
