"""Domestic abuse pages: allowed and refused for each of the cast (a restricted case says only
that it exists and whom to ask), bad input, the audited answers, the panel with a fixed number
of queries, and the way out of an ASB case."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorstep.cases.models import Case, CaseStatus, CaseType
from doorstep.cases.registry import panels_for
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.domestic_abuse import rules
from doorstep.domestic_abuse.models import MaracReferral, RiskAssessment
from doorstep.domestic_abuse.panel import domestic_abuse_panel_context
from doorstep.domestic_abuse.tests.conftest import CAST, SEES
from doorstep.domestic_abuse.tests.factories import (
    MaracReferralFactory,
    RiskAssessmentFactory,
    answers,
)

D = dt.date
NOW = dt.datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)
ASK = "Restricted case — ask Jan Kennedy"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def assessment_data(yes: int = 3, **overrides: str) -> dict[str, object]:
    data: dict[str, object] = {
        "victim": "P000001",
        "assessed_on": "2026-04-02",
        "police_callouts": "0",
        **answers(yes),
    }
    data.update(overrides)
    return data


def urls(case, assessment, referral) -> list[tuple[str, dict[str, object]]]:
    return [
        (reverse("domestic_abuse:assessment_add", args=[case.reference]), assessment_data()),
        (
            reverse("domestic_abuse:assessment_detail", args=[case.reference, assessment.pk]),
            {},
        ),
        (
            reverse("domestic_abuse:marac_add", args=[case.reference]),
            {"agency": referral.agency_id, "referred_on": "2026-04-02"},
        ),
        (
            reverse("domestic_abuse:marac_edit", args=[case.reference, referral.pk]),
            {"meeting_on": "2026-04-16", "reference": "M-12"},
        ),
    ]


@pytest.fixture
def assessment(case, person):
    return RiskAssessmentFactory(case=case, victim=person)


@pytest.fixture
def referral(case, police):
    return MaracReferralFactory(case=case, agency=police)


# --- restricted ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
def test_case_page_shows_the_panel_or_only_that_a_restricted_case_exists(
    client, cast, case, assessment, who
):
    client.force_login(cast[who])
    response = client.get(case.get_absolute_url())
    body = response.content.decode()
    if SEES[who]:
        assert response.status_code == 200
        assert 'id="domestic-abuse"' in body and "Domestic abuse risk" in body
        assert AuditEvent.objects.filter(
            actor=cast[who],
            action=AuditAction.VIEW,
            object_id=str(case.pk),
            changes__viewed="domestic abuse risk assessments and MARAC",
        ).exists()
    else:
        assert response.status_code == 403
        assert ASK in body
        assert "ex-partner" not in body and "Beechdale Road" not in body
        assert "Domestic abuse risk" not in body


@pytest.mark.parametrize("who", CAST)
def test_every_page_allowed_or_refused(client, cast, case, assessment, referral, who):
    client.force_login(cast[who])
    for url, data in urls(case, assessment, referral):
        response = client.get(url)
        if SEES[who] and who != "dpo":
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url
            assert ASK in response.content.decode()
            if data:
                assert client.post(url, data).status_code == 403, url


@pytest.mark.parametrize("who", ["officer", "team_leader", "manager", "safeguarding_lead"])
def test_case_team_records_assessments_and_referrals(client, cast, case, police, who):
    client.force_login(cast[who])
    response = client.post(
        reverse("domestic_abuse:assessment_add", args=[case.reference]), assessment_data(14)
    )
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    response = client.post(
        reverse("domestic_abuse:marac_add", args=[case.reference]),
        {"agency": police.pk, "referred_on": "2026-04-02", "meeting_on": "2026-04-16"},
    )
    assert response.status_code == 302
    assert RiskAssessment.objects.filter(case=case).count() == 1
    assert MaracReferral.objects.filter(case=case).count() == 1


def test_assessment_message_names_the_marac_action(client, officer, case):
    client.force_login(officer)
    response = client.post(
        reverse("domestic_abuse:assessment_add", args=[case.reference]),
        assessment_data(15),
        follow=True,
    )
    body = response.content.decode()
    assert "Risk assessment recorded: high risk (15 of 27 answered yes)." in body
    assert "“Refer to MARAC” is due today for Jan Kennedy." in body
    assert "MARAC referral needed" in body


def test_the_form_asks_every_question_and_fills_in_the_victim(client, officer, case):
    client.force_login(officer)
    body = client.get(reverse("domestic_abuse:assessment_add", args=[case.reference])).content
    html = body.decode()
    for code, _ in rules.QUESTIONS:
        assert f'name="{code}" type="radio" value="not_known"' in html
    assert 'value="P000001"' in html
    assert "14 or more of the 27 answered yes" in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (assessment_data(victim=""), "victim", "Enter the person reference of the victim."),
        (assessment_data(victim="P999999"), "victim", "No person has the reference"),
        (assessment_data(assessed_on="2026-04-03"), "assessed_on", "today or in the past"),
        (assessment_data(assessed_on="2/4/26"), "assessed_on", "as a real date"),
        ({**assessment_data(), "strangulation": ""}, "strangulation", "Answer: Have they ever"),
        ({**assessment_data(), "weapon": "perhaps"}, "weapon", "Select a valid choice"),
        (assessment_data(police_callouts=""), "police_callouts", "0 if none"),
        (assessment_data(police_callouts="-1"), "police_callouts", "0 or more"),
        (assessment_data(police_callouts="two"), "police_callouts", "whole number"),
        (assessment_data(judgement_level="high"), "judgement_reason", "Give the reason"),
        (assessment_data(judgement_level="urgent"), "judgement_level", "from the list"),
        (
            assessment_data(14, judgement_level="medium", judgement_reason="Calmer"),
            "judgement_level",
            "never lower it",
        ),
    ],
)
def test_assessment_bad_input(client, officer, case, data, field, message):
    client.force_login(officer)
    response = client.post(reverse("domestic_abuse:assessment_add", args=[case.reference]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert not RiskAssessment.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"referred_on": "2026-04-02"}, "agency", "Select the agency"),
        ({"agency": "999", "referred_on": "2026-04-02"}, "agency", "from the list"),
        ({"agency": "P", "referred_on": ""}, "referred_on", "Enter the date referred"),
        ({"agency": "P", "referred_on": "2026-04-09"}, "referred_on", "today or in the past"),
        (
            {"agency": "P", "referred_on": "2026-04-02", "meeting_on": "2026-04-01"},
            "meeting_on",
            "cannot be before the referral",
        ),
        (
            {"agency": "P", "referred_on": "2026-04-02", "reference": "x" * 61},
            "reference",
            "60 characters or fewer",
        ),
    ],
)
def test_marac_bad_input(client, officer, case, police, data, field, message):
    if data.get("agency") == "P":
        data = {**data, "agency": police.pk}
    client.force_login(officer)
    response = client.post(reverse("domestic_abuse:marac_add", args=[case.reference]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors


def test_marac_form_in_the_modal_defaults_to_the_police(client, officer, case, police):
    client.force_login(officer)
    htmx = {"HTTP_HX_REQUEST": "true"}
    url = reverse("domestic_abuse:marac_add", args=[case.reference])
    body = client.get(url, **htmx).content.decode()
    assert "<html" not in body and 'id="modal-title"' in body
    assert f'<option value="{police.pk}" selected>West Midlands Police</option>' in body
    response = client.post(url, {"agency": police.pk, "referred_on": "2026-04-02"}, **htmx)
    assert response.status_code == 204


def test_answers_are_shown_to_the_case_team_and_every_view_audited(
    client, officer, safeguarding_lead, case, person
):
    assessment = RiskAssessmentFactory(case=case, victim=person, answers=answers(2))
    url = reverse("domestic_abuse:assessment_detail", args=[case.reference, assessment.pk])
    for user in (officer, safeguarding_lead, officer):
        client.force_login(user)
        body = client.get(url).content.decode()
        assert "Were you hurt in what happened this time?" in body
        assert "<strong>Yes</strong>" in body
    views = AuditEvent.objects.filter(
        action=AuditAction.VIEW,
        object_type="domestic_abuse.riskassessment",
        changes__viewed="domestic abuse risk assessment answers",
    )
    assert views.count() == 3 and views.filter(person_id=person.pk).count() == 3


def test_an_assessment_of_another_case_is_404(client, officer, case, home, team):
    from doorstep.domestic_abuse.tests.factories import DomesticAbuseCaseFactory

    other = RiskAssessmentFactory(
        case=DomesticAbuseCaseFactory(home=home, lead_officer=officer, team=team)
    )
    client.force_login(officer)
    url = reverse("domestic_abuse:assessment_detail", args=[case.reference, other.pk])
    assert client.get(url).status_code == 404


def test_closed_case_takes_only_marac_updates(client, officer, case, referral):
    case.status, case.closed_on, case.closure_reason = CaseStatus.CLOSED, D(2026, 4, 1), "resolved"
    case.save()
    client.force_login(officer)
    assert (
        client.get(reverse("domestic_abuse:assessment_add", args=[case.reference])).status_code
        == 403
    )
    assert client.get(reverse("domestic_abuse:marac_add", args=[case.reference])).status_code == 403
    url = reverse("domestic_abuse:marac_edit", args=[case.reference, referral.pk])
    response = client.post(url, {"outcome": "Address flagged", "safety_plan": "Alarm fitted"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == "Address flagged"


# --- the panel -------------------------------------------------------------------------------


def _render(user, case):
    (panel,) = [p for p in panels_for(case.case_type) if p.name == "domestic_abuse"]
    return render_to_string(panel.template, {"case": case, **panel.context(user=user, case=case)})


def test_panel_says_marac_needed_until_a_referral_is_recorded(officer, case, person, police):
    RiskAssessmentFactory(
        case=case,
        victim=person,
        assessed_on=D(2026, 3, 30),
        yes_count=16,
        level="high",
        scored_level="high",
    )
    html = _render(officer, case)
    assert "MARAC referral needed" in html
    assert "16 of 27 answered yes" in html
    MaracReferralFactory(case=case, agency=police, referred_on=D(2026, 3, 31))
    html = _render(officer, case)
    assert "MARAC referral needed" not in html
    assert "West Midlands Police" in html


def test_panel_without_assessments(officer, case):
    html = _render(officer, case)
    assert "No risk assessment yet." in html and "Assess the risk" in html
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_panel_queries_do_not_grow_with_assessments(officer, case, person, police):
    def count() -> int:
        fresh = Case.objects.select_related("team", "patch__team").get(pk=case.pk)
        user = type(officer).objects.get(pk=officer.pk)
        with CaptureQueriesContext(connection) as captured:
            domestic_abuse_panel_context(user=user, case=fresh)
        return len(captured)

    RiskAssessmentFactory(case=case, victim=person)
    MaracReferralFactory(case=case, agency=police)
    one = count()
    for day in range(4, 20):
        RiskAssessmentFactory(case=case, victim=person, assessed_on=D(2026, 3, day))
        MaracReferralFactory(case=case, agency=police, referred_on=D(2026, 3, day))
    assert count() == one
    assert one <= 4


# --- never filed as ASB ----------------------------------------------------------------------


def test_asb_case_page_offers_the_way_out(client, officer, other_officer, asb_case):
    client.force_login(officer)
    body = client.get(asb_case.get_absolute_url()).content.decode()
    assert "This is domestic abuse — open a domestic abuse case" in body
    assert reverse("domestic_abuse:move_from_asb", args=[asb_case.reference]) in body
    client.force_login(other_officer)
    body = client.get(asb_case.get_absolute_url()).content.decode()
    assert "This is domestic abuse — open a domestic abuse case" not in body


def test_moving_from_the_asb_case(client, officer, asb_case):
    client.force_login(officer)
    url = reverse("domestic_abuse:move_from_asb", args=[asb_case.reference])
    body = client.get(url).content.decode()
    assert "Domestic abuse, first reported as" in body and "call 999" in body
    response = client.post(url, {"summary": "Abuse by a partner, reported as noise."})
    da = Case.objects.get(case_type=CaseType.DOMESTIC_ABUSE)
    assert response.status_code == 302 and response["Location"] == da.get_absolute_url()
    asb_case.refresh_from_db()
    assert asb_case.status == CaseStatus.CLOSED and asb_case.restricted


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_moving_is_refused_to_others(client, cast, asb_case, who):
    client.force_login(cast[who])
    url = reverse("domestic_abuse:move_from_asb", args=[asb_case.reference])
    assert client.get(url).status_code == 403
    assert client.post(url, {"summary": "DA"}).status_code == 403
    assert not Case.objects.filter(case_type=CaseType.DOMESTIC_ABUSE).exists()


def test_moving_needs_a_summary_and_only_from_asb(client, officer, asb_case, case):
    client.force_login(officer)
    url = reverse("domestic_abuse:move_from_asb", args=[asb_case.reference])
    response = client.post(url, {"summary": ""})
    assert "Enter a summary" in " ".join(response.context["form"].errors["summary"])
    assert (
        client.get(reverse("domestic_abuse:move_from_asb", args=[case.reference])).status_code
        == 404
    )
