"""ASB services: the rules they keep, the timeline and the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from doorstep.asb import services
from doorstep.asb.models import AsbDetails, IncidentReport
from doorstep.asb.risk import QUESTION_FIELDS
from doorstep.asb.tests.factories import AsbCaseFactory, DisputeCaseFactory
from doorstep.cases.models import Case, CaseEvent, CaseParty, CaseStatus, CaseType
from doorstep.core.models import AuditEvent
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import BlockFactory, HomeFactory

D = dt.date
TODAY = D(2026, 9, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 9, 15, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def answers(*yes: str) -> dict[str, bool]:
    return {name: name in yes for name in QUESTION_FIELDS}


# --- details ---------------------------------------------------------------------------------


def test_hate_incident_needs_a_protected_characteristic(officer, home):
    case = AsbCaseFactory(home=home)
    with pytest.raises(ValidationError) as error:
        services.asb_details_save(
            actor=officer,
            case=case,
            category="personal",
            subtype="harassment",
            hate_incident=True,
        )
    assert "protected_characteristic" in error.value.message_dict
    assert not AsbDetails.objects.exists()


def test_a_hate_subtype_is_a_hate_incident(officer, home):
    case = AsbCaseFactory(home=home)
    with pytest.raises(ValidationError) as error:
        services.asb_details_save(
            actor=officer, case=case, category="personal", subtype="hate", hate_incident=False
        )
    assert "hate_incident" in error.value.message_dict


def test_details_saved_changed_and_audited_without_values(officer, home):
    case = AsbCaseFactory(home=home)
    details = services.asb_details_save(
        actor=officer,
        case=case,
        category="personal",
        subtype="hate",
        hate_incident=True,
        protected_characteristic="religion_or_belief",
    )
    assert details.protected_characteristic == "religion_or_belief"
    details = services.asb_details_save(
        actor=officer,
        case=case,
        category="nuisance",
        subtype="noise",
        hate_incident=False,
        protected_characteristic="religion_or_belief",
    )
    assert AsbDetails.objects.get() == details
    assert (details.category, details.protected_characteristic) == ("nuisance", "")
    rows = AuditEvent.objects.filter(object_type="asb.asbdetails").order_by("id")
    assert [r.action for r in rows] == ["create", "update"]
    assert "religion_or_belief" not in str([r.changes for r in rows])


def test_details_only_on_asb_cases(officer, home):
    with pytest.raises(ValidationError):
        services.asb_details_save(
            actor=officer,
            case=DisputeCaseFactory(home=home),
            category="personal",
            subtype="noise",
            hate_incident=False,
        )


# --- incident reports ------------------------------------------------------------------------


def test_incident_report_takes_the_place_joins_the_reporter_and_is_audited(officer, estate):
    block = BlockFactory(name="Alder House", estate=estate)
    home = HomeFactory(estate=estate, block=block)
    case = AsbCaseFactory(home=home)
    reporter = PersonFactory(reference="P123456")
    made = services.incident_report_add(
        actor=officer,
        case=case,
        reporter=reporter,
        reported_on=D(2026, 9, 14),
        description="  Music until 3am  ",
    )
    assert (made.about_home, made.about_block, made.about_estate) == (home, block, estate)
    assert made.description == "Music until 3am"
    assert made.recorded_by == officer
    assert CaseParty.objects.filter(case=case, person=reporter, role="reporter").exists()
    assert CaseEvent.objects.filter(case=case, kind="party", text__contains="reporter").exists()
    assert CaseEvent.objects.filter(case=case, text__contains="P123456").exists()
    audit = AuditEvent.objects.get(object_type="asb.incidentreport")
    assert audit.person_id == reporter.pk
    # A second report by the same person does not add them twice.
    services.incident_report_add(
        actor=officer, case=case, reporter=reporter, reported_on=TODAY, description="Again"
    )
    assert CaseParty.objects.filter(case=case, person=reporter).count() == 1


def test_reports_about_a_home_in_no_block_or_a_block_or_an_estate(officer, estate, home):
    block = BlockFactory(estate=estate)
    reporter = PersonFactory()
    on_home = services.incident_report_add(
        actor=officer, case=AsbCaseFactory(home=home), reporter=reporter, reported_on=TODAY
    )
    on_block = services.incident_report_add(
        actor=officer, case=AsbCaseFactory(block=block), reporter=reporter, reported_on=TODAY
    )
    on_estate = services.incident_report_add(
        actor=officer, case=AsbCaseFactory(estate=estate), reporter=reporter, reported_on=TODAY
    )
    assert (on_home.about_block_id, on_home.about_estate_id) == (None, estate.pk)
    assert (on_block.about_block_id, on_block.about_estate_id) == (block.pk, estate.pk)
    assert (on_estate.about_block_id, on_estate.about_estate_id) == (None, estate.pk)


def test_a_report_cannot_be_dated_in_the_future(officer, home, person):
    with pytest.raises(ValidationError) as error:
        services.incident_report_add(
            actor=officer,
            case=AsbCaseFactory(home=home),
            reporter=person,
            reported_on=D(2026, 9, 16),
        )
    assert "reported_on" in error.value.message_dict
    assert not IncidentReport.objects.exists()


def test_a_report_after_the_case_closed_opens_a_new_linked_case(officer, team, home, person):
    closed = AsbCaseFactory(
        home=home,
        status=CaseStatus.CLOSED,
        closed_on=D(2026, 8, 1),
        lead_officer=officer,
        team=team,
    )
    AsbDetails.objects.create(case=closed, category="nuisance", subtype="noise")
    made = services.incident_report_add(
        actor=officer, case=closed, reporter=person, reported_on=D(2026, 9, 1)
    )
    new = made.case
    assert new.pk != closed.pk
    assert new.case_type == CaseType.ASB and new.is_open
    assert (new.home, new.lead_officer, new.team) == (home, officer, team)
    assert closed in new.linked_cases.all()
    assert new.asb_details.subtype == "noise"
    assert not IncidentReport.objects.filter(case=closed).exists()


def test_a_late_record_of_a_report_before_closure_stays_on_the_closed_case(officer, home, person):
    closed = AsbCaseFactory(home=home, status=CaseStatus.CLOSED, closed_on=D(2026, 8, 1))
    made = services.incident_report_add(
        actor=officer, case=closed, reporter=person, reported_on=D(2026, 7, 20)
    )
    assert made.case == closed
    assert Case.objects.count() == 1


def test_reports_only_on_asb_and_neighbour_dispute_cases(officer, home, person):
    case = AsbCaseFactory(home=home, case_type=CaseType.HOARDING, reference="HRD-2026-000001")
    with pytest.raises(ValidationError):
        services.incident_report_add(actor=officer, case=case, reporter=person, reported_on=TODAY)
    services.incident_report_add(
        actor=officer, case=DisputeCaseFactory(home=home), reporter=person, reported_on=TODAY
    )


# --- tools -----------------------------------------------------------------------------------


def test_tool_use_recorded_on_the_timeline(officer, home):
    case = AsbCaseFactory(home=home)
    use = services.tool_use_add(
        actor=officer,
        case=case,
        tool="acceptable_behaviour_contract",
        used_on=TODAY,
        note="Signed at the office",
    )
    assert use.get_tool_display() == "Acceptable behaviour contract"
    assert CaseEvent.objects.filter(case=case, text__startswith="Acceptable behaviour").exists()
    with pytest.raises(ValidationError):
        services.tool_use_add(actor=officer, case=case, tool="eviction", used_on=TODAY)
    with pytest.raises(ValidationError):
        services.tool_use_add(actor=officer, case=case, tool="warning", used_on=D(2026, 9, 16))


# --- risk ------------------------------------------------------------------------------------


def test_risk_assessment_raises_the_case_risk_and_adds_the_victim(officer, home, person):
    case = AsbCaseFactory(home=home)
    assessment = services.risk_assessment_record(
        actor=officer,
        case=case,
        victim=person,
        assessed_on=TODAY,
        answers=answers("threats_or_violence", "vulnerable"),
    )
    assert (assessment.level, assessment.score) == ("high", 2)
    case.refresh_from_db()
    assert case.risk_level == "high"
    assert CaseParty.objects.filter(case=case, person=person, role="victim").exists()
    assert CaseEvent.objects.filter(case=case, kind="risk").exists()


def test_a_lower_assessment_never_lowers_the_case_risk(officer, home, person):
    case = AsbCaseFactory(home=home, risk_level="medium")
    services.risk_assessment_record(
        actor=officer, case=case, victim=person, assessed_on=TODAY, answers=answers()
    )
    case.refresh_from_db()
    assert case.risk_level == "medium"


def test_risk_assessment_needs_every_answer(officer, home, person):
    partial = answers()
    del partial["repeat_victim"]
    with pytest.raises(ValidationError):
        services.risk_assessment_record(
            actor=officer,
            case=AsbCaseFactory(home=home),
            victim=person,
            assessed_on=TODAY,
            answers=partial,
        )


# --- mediation -------------------------------------------------------------------------------


def test_mediation_referral_and_outcome(officer, home):
    case = DisputeCaseFactory(home=home)
    referral = services.mediation_refer(
        actor=officer, case=case, provider="Walsall Mediation Service", referred_on=D(2026, 9, 1)
    )
    assert referral.is_open
    with pytest.raises(ValidationError) as error:
        services.mediation_outcome_record(
            actor=officer, referral=referral, outcome="resolved", outcome_on=D(2026, 8, 31)
        )
    assert "outcome_on" in error.value.message_dict
    services.mediation_outcome_record(
        actor=officer, referral=referral, outcome="resolved", outcome_on=D(2026, 9, 10)
    )
    referral.refresh_from_db()
    assert (referral.outcome, referral.outcome_on) == ("resolved", D(2026, 9, 10))
    assert not referral.is_open


def test_mediation_only_for_neighbour_disputes(officer, home):
    with pytest.raises(ValidationError):
        services.mediation_refer(
            actor=officer, case=AsbCaseFactory(home=home), provider="X", referred_on=TODAY
        )
    with pytest.raises(ValidationError) as error:
        services.mediation_refer(
            actor=officer, case=DisputeCaseFactory(home=home), provider="  ", referred_on=TODAY
        )
    assert "provider" in error.value.message_dict
