"""Domestic abuse services: assessments kept as history, the case risk from the latest, the
MARAC action due the same working day, MARAC referrals, and moving an ASB case."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from doorstep.cases.models import (
    Case,
    CaseAction,
    CaseEvent,
    CaseParty,
    CaseStatus,
    CaseType,
    ClosureReason,
    EventKind,
    PartyRole,
    RiskLevel,
)
from doorstep.cases.permissions import can_see_case
from doorstep.cases.services import case_open
from doorstep.cases.tests.factories import CaseFactory
from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.domestic_abuse import services
from doorstep.domestic_abuse.models import MaracReferral, RiskAssessment
from doorstep.domestic_abuse.tests.factories import RiskAssessmentFactory, answers
from doorstep.myday.selectors import my_day
from doorstep.people.tests.factories import PersonFactory

D = dt.date
# Maundy Thursday 2026; Good Friday and Easter Monday are bank holidays.
THURSDAY = dt.datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)
TODAY = THURSDAY.date()

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(THURSDAY, tick=False):
        yield


def assess(actor, case, victim, *, yes=0, callouts=0, on=TODAY, **kwargs):
    return services.risk_assessment_record(
        actor=actor,
        case=case,
        victim=victim,
        assessed_on=on,
        answers=answers(yes),
        police_callouts=callouts,
        **kwargs,
    )


def test_a_domestic_abuse_case_is_always_restricted(officer, other_officer, home, person):
    case = case_open(
        actor=officer,
        case_type=CaseType.DOMESTIC_ABUSE,
        summary="Disclosed abuse by a partner",
        home=home,
        parties=[(person, PartyRole.VICTIM)],
        restricted=False,
    )
    assert case.restricted and case.reference.startswith("DA-")
    assert can_see_case(officer, case)
    assert not can_see_case(other_officer, case)


def test_high_assessment_sets_the_risk_and_a_marac_action_today(officer, case, person):
    result = assess(officer, case, person, yes=14)
    assessment = result.assessment
    assert (assessment.yes_count, assessment.level) == (14, RiskLevel.HIGH)
    case.refresh_from_db()
    assert case.risk_level == RiskLevel.HIGH and result.risk_changed
    action = result.marac_action
    assert action is not None
    assert (action.title, action.owner, action.due_on) == ("Refer to MARAC", officer, D(2026, 4, 2))
    items = [i for i in my_day(user=officer, now=THURSDAY).items if i.kind == "case_action"]
    assert any(i.title == f"Refer to MARAC ({case.reference})" for i in items)
    # The timeline says the level, never the answers.
    event = CaseEvent.objects.get(case=case, kind=EventKind.RISK, text__startswith="Domestic")
    assert event.text == (
        "Domestic abuse risk assessment of P000001 on 2 Apr 2026: high (14 of 27 answered yes)."
    )
    # The audit log records which fields changed, not what the victim said.
    audit = AuditEvent.objects.get(object_type="domestic_abuse.riskassessment")
    assert audit.changes["answers"] == ["(withheld)", "(withheld)"]
    assert audit.person_id == person.pk


@pytest.mark.parametrize(
    ("moment", "due"),
    [
        (dt.datetime(2026, 4, 3, 11, 0, tzinfo=LONDON), D(2026, 4, 7)),  # Good Friday
        (dt.datetime(2026, 4, 4, 11, 0, tzinfo=LONDON), D(2026, 4, 7)),  # Easter Saturday
        (dt.datetime(2026, 4, 7, 16, 0, tzinfo=LONDON), D(2026, 4, 7)),  # Tuesday
    ],
)
def test_marac_action_is_due_the_same_working_day(officer, case, person, moment, due):
    with time_machine.travel(moment, tick=False):
        result = assess(officer, case, person, yes=20, on=moment.date())
    assert result.marac_action is not None and result.marac_action.due_on == due


def test_the_victim_joins_the_case_once(officer, case):
    other = PersonFactory(reference="P000555")
    assess(officer, case, other, yes=1)
    assess(officer, case, other, yes=2)
    assert CaseParty.objects.filter(case=case, person=other, role=PartyRole.VICTIM).count() == 1


def test_escalation_alone_makes_it_high(officer, case, person):
    result = assess(officer, case, person, yes=4, callouts=3)
    assert result.assessment.escalation and result.assessment.level == RiskLevel.HIGH
    assert result.marac_action is not None


def test_judgement_raises_with_a_reason(officer, case, person):
    result = assess(
        officer,
        case,
        person,
        yes=11,
        judgement_level="high",
        judgement_reason="He has bought a knife.",
    )
    assessment = result.assessment
    assert (assessment.scored_level, assessment.level) == ("medium", "high")
    assert assessment.judgement_reason == "He has bought a knife."


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"yes": 15, "judgement_level": "medium", "judgement_reason": "Calmer"}, "judgement_level"),
        ({"yes": 3, "judgement_level": "high", "judgement_reason": " "}, "judgement_reason"),
        ({"yes": 3, "callouts": -2}, "police_callouts"),
        ({"yes": 3, "on": D(2026, 4, 3)}, "assessed_on"),
        ({"yes": 3, "note": "x" * 2001}, "note"),
    ],
)
def test_assessment_bad_input_names_the_field(officer, case, person, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        assess(officer, case, person, **kwargs)
    assert field in exc.value.message_dict
    assert not RiskAssessment.objects.exists()


def test_every_assessment_is_kept_and_the_latest_sets_the_risk(officer, case, person):
    assess(officer, case, person, yes=16, on=D(2026, 3, 20))
    case.refresh_from_db()
    assert case.risk_level == "high"
    # Reassessed after the MARAC: medium now, and the case risk follows it down.
    assess(officer, case, person, yes=11, on=D(2026, 4, 1))
    case.refresh_from_db()
    assert case.risk_level == "medium"
    # An older assessment entered late joins the history but does not change the case.
    result = assess(officer, case, person, yes=2, on=D(2026, 3, 25))
    case.refresh_from_db()
    assert not result.is_latest and case.risk_level == "medium"
    assert RiskAssessment.objects.filter(case=case).count() == 3


def test_no_second_marac_action_while_one_is_open(officer, case, person):
    assess(officer, case, person, yes=14)
    assess(officer, case, person, yes=15)
    assert CaseAction.objects.filter(case=case, title="Refer to MARAC").count() == 1


def test_with_no_active_lead_the_assessor_owns_the_marac_action(officer, team_leader, case, person):
    officer.is_active = False
    officer.save()
    result = assess(team_leader, case, person, yes=14)
    assert result.marac_action is not None and result.marac_action.owner == team_leader


def test_only_those_who_may_change_the_case_assess(other_officer, dpo, case, person):
    for user in (other_officer, dpo):
        with pytest.raises(PermissionDenied):
            assess(user, case, person, yes=1)


def test_only_on_a_domestic_abuse_case(officer, asb_case, person):
    with pytest.raises(ValidationError, match="Only a domestic abuse case"):
        assess(officer, asb_case, person, yes=1)


# --- MARAC -----------------------------------------------------------------------------------


def test_marac_referral_does_the_action_and_ends_the_need(officer, case, person, police):
    result = assess(officer, case, person, yes=14)
    assert services.marac_needed_for(case)
    referral = services.marac_referral_record(
        actor=officer,
        case=case,
        agency=police,
        referred_on=D(2026, 4, 2),
        meeting_on=D(2026, 4, 16),
        reference="MARAC-WS-0412",
    )
    assert referral.meeting_on == D(2026, 4, 16)
    result.marac_action.refresh_from_db()
    assert result.marac_action.done_at is not None
    assert not services.marac_needed_for(case)
    assert CaseEvent.objects.filter(
        case=case,
        text="Referred to MARAC through West Midlands Police on 2 Apr 2026. MARAC meeting "
        "16 Apr 2026.",
    ).exists()
    audit = AuditEvent.objects.get(object_type="domestic_abuse.maracreferral")
    assert set(audit.changes["reference"]) == {"(withheld)"}


def test_outcome_and_safety_plan_after_closure(officer, case, police):
    referral = services.marac_referral_record(
        actor=officer, case=case, agency=police, referred_on=D(2026, 4, 1)
    )
    case.status, case.closed_on, case.closure_reason = "closed", D(2026, 4, 2), "resolved"
    case.save()
    services.marac_referral_update(
        actor=officer,
        referral=referral,
        meeting_on=D(2026, 4, 2),
        reference="M-1",
        outcome="Police to flag the address.",
        safety_plan="Locks changed; panic alarm.",
    )
    referral.refresh_from_db()
    assert referral.safety_plan == "Locks changed; panic alarm."


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"referred_on": D(2026, 4, 3)}, "referred_on"),
        ({"referred_on": None}, "referred_on"),
        ({"meeting_on": D(2026, 3, 31)}, "meeting_on"),
        ({"agency": None}, "agency"),
        ({"reference": "x" * 61}, "reference"),
    ],
)
def test_marac_bad_input(officer, case, police, kwargs, field):
    values = {"agency": police, "referred_on": D(2026, 4, 1), **kwargs}
    with pytest.raises(ValidationError) as exc:
        services.marac_referral_record(actor=officer, case=case, **values)
    assert field in exc.value.message_dict
    assert not MaracReferral.objects.exists()


def test_an_inactive_agency_is_refused(officer, case, police):
    police.active = False
    police.save()
    with pytest.raises(ValidationError) as exc:
        services.marac_referral_record(
            actor=officer, case=case, agency=police, referred_on=D(2026, 4, 1)
        )
    assert "agency" in exc.value.message_dict


# --- never filed as ASB ----------------------------------------------------------------------


def test_an_asb_case_moves_to_a_restricted_domestic_abuse_case(
    officer, other_officer, asb_case, person
):
    neighbour = PersonFactory(reference="P000444")
    partner = PersonFactory(reference="P000445")
    CaseParty.objects.create(case=asb_case, person=neighbour, role=PartyRole.REPORTER)
    CaseParty.objects.create(case=asb_case, person=person, role=PartyRole.VICTIM)
    CaseParty.objects.create(case=asb_case, person=partner, role=PartyRole.ALLEGED_PERPETRATOR)
    da = services.move_to_domestic_abuse(
        actor=officer, case=asb_case, summary="Abuse by a partner, reported as noise."
    )
    assert da.case_type == CaseType.DOMESTIC_ABUSE and da.restricted
    assert (da.home, da.lead_officer) == (asb_case.home, officer)
    assert set(CaseParty.objects.filter(case=da).values_list("person__reference", "role")) == {
        ("P000444", "reporter"),
        ("P000001", "victim"),
        ("P000445", "alleged_perpetrator"),
    }
    asb_case.refresh_from_db()
    assert asb_case.status == CaseStatus.CLOSED
    assert asb_case.closure_reason == ClosureReason.REFERRED_ELSEWHERE
    assert asb_case.restricted
    assert list(da.linked_cases.all()) == [asb_case]
    assert CaseEvent.objects.filter(
        case=asb_case, text__startswith="This is domestic abuse", text__contains=da.reference
    ).exists()
    assert CaseEvent.objects.filter(
        case=da,
        text=f"Opened from {asb_case.reference}: domestic abuse is never handled as "
        "anti-social behaviour.",
    ).exists()
    # Neither is readable by an officer outside the case team now.
    assert not can_see_case(other_officer, Case.objects.get(pk=da.pk))
    assert not can_see_case(other_officer, asb_case)


def test_a_neighbour_dispute_moves_too_with_another_lead(officer, team_leader, home):
    dispute = CaseFactory(
        case_type=CaseType.NEIGHBOUR_DISPUTE, home=home, lead_officer=officer, team=officer.team
    )
    da = services.move_to_domestic_abuse(
        actor=officer, case=dispute, summary="Abuse by an ex-partner.", lead_officer=team_leader
    )
    assert da.lead_officer == team_leader


def test_only_open_asb_cases_by_those_who_may_change_them(
    officer, other_officer, asb_case, home, case
):
    with pytest.raises(PermissionDenied):
        services.move_to_domestic_abuse(actor=other_officer, case=asb_case, summary="DA")
    with pytest.raises(ValidationError, match="Only an ASB"):
        services.move_to_domestic_abuse(actor=officer, case=case, summary="DA")
    asb_case.status, asb_case.closed_on, asb_case.closure_reason = (
        "closed",
        D(2026, 4, 1),
        "resolved",
    )
    asb_case.save()
    with pytest.raises(ValidationError, match="closed"):
        services.move_to_domestic_abuse(actor=officer, case=asb_case, summary="DA")
    assert not Case.objects.filter(case_type=CaseType.DOMESTIC_ABUSE).exclude(pk=case.pk).exists()


def test_moving_needs_a_summary_and_changes_nothing_without_one(officer, asb_case):
    with pytest.raises(ValidationError) as exc:
        services.move_to_domestic_abuse(actor=officer, case=asb_case, summary=" ")
    assert "summary" in exc.value.message_dict
    asb_case.refresh_from_db()
    assert asb_case.status == CaseStatus.OPEN and not asb_case.restricted


def test_old_assessment_factory_is_history(case, person):
    RiskAssessmentFactory(case=case, victim=person)
    assert not services.marac_needed_for(case)
