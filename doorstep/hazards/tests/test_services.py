import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from doorstep.cases.models import Case, CaseEvent, CaseStatus, PartyRole
from doorstep.contacts.models import Contact
from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.hazards import services
from doorstep.hazards.models import HazardReport
from doorstep.hazards.tests.factories import HazardFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 1, 12, 10, 0, tzinfo=LONDON)  # Monday 12 January 2026


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


@time_machine.travel(NOW, tick=False)
def test_reporting_a_hazard_opens_a_damp_and_mould_case_with_its_clocks(officer, home, person):
    hazard = services.hazard_report(
        actor=officer,
        home=home,
        kind="damp_mould",
        severity="significant",
        summary="Mould on the bedroom ceiling, child with asthma",
        reported_at=at(2025, 12, 19, 10, 0),
        reporter=person,
    )
    case = hazard.case
    assert case.case_type == "damp_mould" and case.reference.startswith("DM-2025-")
    assert case.lead_officer == officer and case.home == home
    assert case.parties.get().role == PartyRole.REPORTER
    # 10 working days after Fri 19 Dec 2025 (Christmas, Boxing Day and New Year's Day skipped).
    assert hazard.investigate_by == dt.datetime(2026, 1, 7, 23, 59, 59, tzinfo=LONDON)
    assert hazard.summary_by is None and hazard.safety_work_by is None
    assert "Investigate by Wed 7 Jan 2026, 23:59" in case.events.order_by("-id").first().text
    assert AuditEvent.objects.filter(object_type="hazards.hazardreport", action="create").exists()


@time_machine.travel(NOW, tick=False)
def test_an_emergency_is_high_risk_with_both_24_hour_clocks(officer, home):
    hazard = services.hazard_report(
        actor=officer,
        home=home,
        kind="electrical",
        severity="emergency",
        summary="Sparking socket in the kitchen",
        reported_at=at(2026, 1, 9, 16, 0),
    )
    assert hazard.case.risk_level == "high"
    assert hazard.investigate_by == at(2026, 1, 10, 16, 0)
    assert hazard.safety_work_by == at(2026, 1, 10, 16, 0)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("kind", {"kind": "ghosts"}),
        ("severity", {"severity": "mild"}),
        ("reported_at", {"reported_at": dt.datetime(2999, 1, 1, tzinfo=LONDON)}),
        ("summary", {"summary": ""}),
    ],
)
def test_bad_reports_name_the_field_and_write_nothing(officer, home, field, kwargs):
    values = {"kind": "damp_mould", "severity": "significant", "summary": "Mould"}
    values.update(kwargs)
    with pytest.raises(ValidationError) as error:
        services.hazard_report(actor=officer, home=home, **values)
    assert field in error.value.message_dict
    assert not Case.objects.exists() and not HazardReport.objects.exists()


def test_details_on_a_case_opened_elsewhere(officer, damp_case, other_officer):
    with pytest.raises(PermissionDenied):
        services.hazard_record(
            actor=other_officer,
            case=damp_case,
            kind="damp_mould",
            severity="significant",
            reported_at=at(2026, 1, 5, 9, 0),
        )
    hazard = services.hazard_record(
        actor=officer,
        case=damp_case,
        kind="excess_cold",
        severity="significant",
        reported_at=at(2026, 1, 5, 9, 0),
    )
    assert hazard.kind == "excess_cold"
    with pytest.raises(ValidationError):
        services.hazard_record(
            actor=officer,
            case=damp_case,
            kind="damp_mould",
            severity="significant",
            reported_at=at(2026, 1, 5, 9, 0),
        )


@time_machine.travel(NOW, tick=False)
def test_every_milestone_in_order_with_the_clocks_kept(officer, damp_case, person):
    hazard = HazardFactory(case=damp_case, reported_at=at(2025, 12, 19, 10, 0))
    with pytest.raises(ValidationError) as error:
        services.hazard_summary_sent(actor=officer, hazard=hazard, sent_at=at(2026, 1, 2, 9, 0))
    assert error.value.message_dict == {"sent_at": ["Record the investigation first."]}

    services.hazard_investigated(
        actor=officer,
        hazard=hazard,
        investigated_at=at(2025, 12, 24, 14, 0),
        findings="Condensation mould; extractor fan broken",
        work_planned="Replace the fan; mould wash",
    )
    hazard.refresh_from_db()
    assert hazard.summary_by == dt.datetime(2025, 12, 31, 23, 59, 59, tzinfo=LONDON)
    assert hazard.safety_work_by == dt.datetime(2026, 1, 5, 23, 59, 59, tzinfo=LONDON)

    services.hazard_summary_sent(actor=officer, hazard=hazard, sent_at=at(2025, 12, 30, 11, 0))
    letter = Contact.objects.get(case=damp_case)
    assert (letter.channel, letter.direction, letter.person) == ("letter", "outbound", person)
    assert letter.happened_at == at(2025, 12, 30, 11, 0)

    services.hazard_safety_work_done(actor=officer, hazard=hazard, done_at=at(2026, 1, 5, 15, 0))
    services.hazard_preventative(
        actor=officer, hazard=hazard, not_practicable_reason="Roof survey needed first"
    )
    hazard.refresh_from_db()
    assert hazard.preventative_by == dt.datetime(2026, 3, 18, 23, 59, 59, tzinfo=LONDON)
    services.hazard_preventative(actor=officer, hazard=hazard, begun_at=at(2026, 1, 12, 9, 0))
    hazard.refresh_from_db()
    assert hazard.preventative_work_begun_at == at(2026, 1, 12, 9, 0)
    texts = list(CaseEvent.objects.filter(case=damp_case).values_list("text", flat=True))
    assert any("Written summary sent Tue 30 Dec 2025, 11:00, in time" in t for t in texts)
    assert any("12 weeks" in t for t in texts)


@time_machine.travel(NOW, tick=False)
def test_milestones_refuse_bad_moments(officer, damp_case):
    hazard = HazardFactory(case=damp_case, reported_at=at(2026, 1, 5, 10, 0))
    for moment, message in (
        (at(2026, 1, 4, 10, 0), "The investigation cannot end before the hazard was reported"),
        (at(2026, 1, 13, 10, 0), "The time the investigation ended must be now or in the past."),
    ):
        with pytest.raises(ValidationError) as error:
            services.hazard_investigated(
                actor=officer, hazard=hazard, investigated_at=moment, findings="x", work_planned="y"
            )
        assert message in error.value.message_dict["investigated_at"][0]
    with pytest.raises(ValidationError) as error:
        services.hazard_investigated(
            actor=officer,
            hazard=hazard,
            investigated_at=at(2026, 1, 6, 10, 0),
            findings="",
            work_planned="y",
        )
    assert "findings" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.hazard_preventative(actor=officer, hazard=hazard)
    assert "begun_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.hazard_alternative_accommodation(
            actor=officer, hazard=hazard, offered_at=at(2026, 1, 6, 10, 0), response="maybe"
        )
    assert "response" in error.value.message_dict


def test_others_and_a_closed_case_cannot_record(officer, other_officer, dpo, damp_case):
    hazard = HazardFactory(case=damp_case)
    for user in (other_officer, dpo):
        with pytest.raises(PermissionDenied):
            services.hazard_safety_work_done(actor=user, hazard=hazard, done_at=hazard.reported_at)
    Case.objects.filter(pk=damp_case.pk).update(
        status=CaseStatus.CLOSED, closed_on=damp_case.opened_on
    )
    with pytest.raises(ValidationError):
        services.hazard_investigated(
            actor=officer,
            hazard=hazard,
            investigated_at=hazard.reported_at,
            findings="x",
            work_planned="y",
        )


def test_alternative_accommodation_offer_and_answer(officer, damp_case):
    hazard = HazardFactory(case=damp_case, severity="emergency")
    offered = hazard.reported_at + dt.timedelta(hours=20)
    services.hazard_alternative_accommodation(
        actor=officer, hazard=hazard, offered_at=offered, response="awaiting"
    )
    services.hazard_alternative_accommodation(
        actor=officer, hazard=hazard, offered_at=offered, response="declined"
    )
    hazard.refresh_from_db()
    assert (hazard.alternative_offered_at, hazard.alternative_response) == (offered, "declined")
