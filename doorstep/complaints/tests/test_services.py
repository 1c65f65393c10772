import datetime as dt
import functools

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from doorstep.cases.models import CaseEvent, PartyRole
from doorstep.complaints import services
from doorstep.complaints.models import ComplaintDetails, ComplaintStage
from doorstep.complaints.tests import factories
from doorstep.core.models import AuditEvent

pytestmark = pytest.mark.django_db

D = dt.date
# "Today" for these tests: Mon 15 Feb 2027, after every date used below.
TODAY = dt.datetime(2027, 2, 15, 10, 0)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY.replace(tzinfo=dt.UTC), tick=False):
        yield


complaint_stage = factories.complaint_stage


@pytest.fixture(autouse=True)
def led_by_officer(officer, monkeypatch):
    """Every stage built here is led by `officer`, who may change it."""
    monkeypatch.setitem(
        globals(),
        "complaint_stage",
        functools.partial(factories.complaint_stage, lead_officer=officer),
    )


def _open(officer, person, home, received_on=None):
    return services.complaint_open(
        actor=officer,
        complainant=person,
        summary="Boiler repair left unfinished for three weeks",
        received_on=received_on or D(2026, 12, 23),
        home=home,
        about="repairs",
        desired_outcome="Finish the repair and compensate for heating costs",
        lead_officer=officer,
    )


def _field_error(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    assert field in exc.value.message_dict, exc.value.message_dict
    return " ".join(exc.value.message_dict[field])


# --- open ------------------------------------------------------------------------------------


def test_opening_a_complaint_starts_stage_1_with_its_acknowledge_date(officer, person, home):
    case = _open(officer, person, home)
    assert case.reference.startswith("COM-2026-")
    assert case.case_type == "complaint"
    assert case.lead_officer == officer
    assert case.parties.get().person == person
    assert case.parties.get().role == PartyRole.REPORTER
    assert ComplaintDetails.objects.get(case=case).about == "repairs"
    stage = ComplaintStage.objects.get(case=case)
    assert stage.stage == 1
    assert stage.received_on == D(2026, 12, 23)
    # Thu 24 Dec, Tue 29, Wed 30, Thu 31 Dec, Mon 4 Jan 2027.
    assert stage.acknowledge_by == D(2027, 1, 4)
    assert stage.respond_by is None
    assert "Acknowledge by Mon 4 Jan 2027" in CaseEvent.objects.filter(case=case).first().text
    audit = AuditEvent.objects.filter(object_type="complaints.complaintstage").get()
    assert audit.actor == officer
    assert audit.person_id == person.pk


def test_a_complaint_cannot_be_received_in_the_future(officer, person, home):
    with pytest.raises(ValidationError) as exc:
        _open(officer, person, home, received_on=D(2027, 2, 16))
    assert "future" in _field_error(exc, "received_on")
    assert not ComplaintStage.objects.exists()


def test_a_complaint_needs_a_summary(officer, person, home):
    with pytest.raises(ValidationError) as exc:
        services.complaint_open(
            actor=officer, complainant=person, summary="  ", received_on=D(2027, 1, 4)
        )
    assert "Enter what the complaint is about" in _field_error(exc, "summary")


# --- acknowledge -----------------------------------------------------------------------------


def test_acknowledging_starts_the_response_clock(officer, person, home):
    stage = ComplaintStage.objects.get(case=_open(officer, person, home))
    stage = services.complaint_acknowledge(
        actor=officer, stage=stage, acknowledged_on=D(2027, 1, 4)
    )
    stage.refresh_from_db()
    assert stage.acknowledged_on == D(2027, 1, 4)
    assert stage.acknowledged_by == officer
    assert stage.respond_by == D(2027, 1, 18)
    audit = AuditEvent.objects.filter(action="update").get()
    assert audit.changes["acknowledged_on"] == [None, "2027-01-04"]


def test_acknowledged_before_it_was_received_is_refused(officer):
    stage = complaint_stage(received_on=D(2027, 1, 6))
    with pytest.raises(ValidationError) as exc:
        services.complaint_acknowledge(actor=officer, stage=stage, acknowledged_on=D(2027, 1, 5))
    assert "before the complaint was received" in _field_error(exc, "acknowledged_on")


def test_acknowledged_twice_is_refused(officer):
    stage = complaint_stage(received_on=D(2027, 1, 4), acknowledged_on=D(2027, 1, 5))
    with pytest.raises(ValidationError) as exc:
        services.complaint_acknowledge(actor=officer, stage=stage, acknowledged_on=D(2027, 1, 6))
    assert "already acknowledged on Tue 5 Jan 2027" in _field_error(exc, "acknowledged_on")


def test_acknowledged_in_the_future_is_refused(officer):
    stage = complaint_stage(received_on=D(2027, 2, 12))
    with pytest.raises(ValidationError) as exc:
        services.complaint_acknowledge(actor=officer, stage=stage, acknowledged_on=D(2027, 2, 16))
    assert "future" in _field_error(exc, "acknowledged_on")


# --- extend ----------------------------------------------------------------------------------


def _acknowledged(stage=1, on=None):
    on = on or D(2027, 2, 10)
    return complaint_stage(stage=stage, received_on=on, acknowledged_on=on)


def test_extending_moves_the_response_date(officer):
    stage = _acknowledged()  # respond by Wed 24 Feb 2027
    stage = services.complaint_extend(
        actor=officer, stage=stage, working_days=3, reason="Waiting for the contractor's report"
    )
    stage.refresh_from_db()
    assert stage.extension_working_days == 3
    # Thu 25, Fri 26 Feb, Mon 1 Mar 2027.
    assert stage.respond_by == D(2027, 3, 1)
    assert "contractor" in stage.extension_reason
    assert AuditEvent.objects.filter(action="update").get().changes["extension_working_days"] == [
        0,
        3,
    ]


def test_a_stage_1_extension_of_exactly_ten_is_allowed(officer):
    stage = services.complaint_extend(
        actor=officer, stage=_acknowledged(), working_days=10, reason="Survey needed"
    )
    assert stage.extension_working_days == 10


def test_a_stage_1_extension_over_ten_is_refused(officer):
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(
            actor=officer, stage=_acknowledged(), working_days=11, reason="Survey needed"
        )
    assert "at most 10 working days in total" in _field_error(exc, "working_days")


def test_extensions_add_up_to_the_cap(officer):
    stage = services.complaint_extend(
        actor=officer, stage=_acknowledged(), working_days=6, reason="Survey needed"
    )
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(actor=officer, stage=stage, working_days=5, reason="More time")
    message = _field_error(exc, "working_days")
    assert "already been extended by 6, so at most 4 more" in message
    stage = services.complaint_extend(actor=officer, stage=stage, working_days=4, reason="More")
    assert stage.extension_working_days == 10


def test_a_stage_2_extension_of_twenty_is_allowed_and_twenty_one_is_not(officer):
    stage = _acknowledged(stage=2)
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(actor=officer, stage=stage, working_days=21, reason="Panel")
    assert "at most 20 working days" in _field_error(exc, "working_days")
    stage = services.complaint_extend(actor=officer, stage=stage, working_days=20, reason="Panel")
    assert stage.extension_working_days == 20


@pytest.mark.parametrize("days", [0, -3])
def test_a_zero_or_negative_extension_is_refused(officer, days):
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(
            actor=officer, stage=_acknowledged(), working_days=days, reason="x"
        )
    assert "at least 1 working day" in _field_error(exc, "working_days")


def test_an_extension_needs_a_reason(officer):
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(actor=officer, stage=_acknowledged(), working_days=2, reason=" ")
    assert "reason" in _field_error(exc, "reason")


def test_an_overdue_response_cannot_be_extended_after_the_event(officer):
    stage = _acknowledged(on=D(2027, 1, 4))  # respond by Mon 18 Jan 2027; today 15 Feb
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(actor=officer, stage=stage, working_days=5, reason="Late")
    assert "already overdue" in _field_error(exc, "working_days")


def test_an_extension_agreed_before_acknowledgement_counts_once_acknowledged(officer):
    stage = complaint_stage(received_on=D(2027, 2, 12))
    stage = services.complaint_extend(actor=officer, stage=stage, working_days=2, reason="Ill")
    assert stage.respond_by is None
    stage = services.complaint_acknowledge(
        actor=officer, stage=stage, acknowledged_on=D(2027, 2, 15)
    )
    # Twelve working days after Mon 15 Feb 2027: 16-19 (4), 22-26 (9), 1-3 Mar (12).
    assert stage.respond_by == D(2027, 3, 3)


def test_a_responded_stage_cannot_be_extended(officer):
    stage = complaint_stage(
        received_on=D(2027, 2, 1), acknowledged_on=D(2027, 2, 2), responded_on=D(2027, 2, 12)
    )
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(actor=officer, stage=stage, working_days=2, reason="x")
    assert "already had its response" in _field_error(exc, "working_days")


def test_the_database_refuses_an_extension_over_the_cap():
    stage = _acknowledged()
    stage.extension_working_days = 11
    with pytest.raises(IntegrityError), transaction.atomic():
        stage.save()


# --- respond ---------------------------------------------------------------------------------


def test_responding_records_the_outcome(officer):
    stage = _acknowledged()  # respond by Wed 24 Feb 2027
    stage = services.complaint_respond(
        actor=officer,
        stage=stage,
        responded_on=D(2027, 2, 15),
        outcome="partly_upheld",
        response_summary="Repair booked; £50 for the inconvenience.",
    )
    stage.refresh_from_db()
    assert stage.responded_on == D(2027, 2, 15)
    assert stage.outcome == "partly_upheld"
    assert stage.responded_by == officer
    assert "partly upheld" in CaseEvent.objects.filter(case=stage.case).first().text


def test_a_response_before_acknowledgement_is_refused(officer):
    stage = complaint_stage(received_on=D(2027, 2, 10))
    with pytest.raises(ValidationError) as exc:
        services.complaint_respond(
            actor=officer,
            stage=stage,
            responded_on=D(2027, 2, 12),
            outcome="upheld",
            response_summary="Sorry",
        )
    assert "acknowledgement before the response" in _field_error(exc, "responded_on")


def test_a_response_dated_before_the_acknowledgement_is_refused(officer):
    stage = _acknowledged()
    with pytest.raises(ValidationError) as exc:
        services.complaint_respond(
            actor=officer,
            stage=stage,
            responded_on=D(2027, 2, 9),
            outcome="upheld",
            response_summary="Sorry",
        )
    assert "before the acknowledgement (Wed 10 Feb 2027)" in _field_error(exc, "responded_on")


def test_a_response_needs_a_known_outcome_and_a_summary(officer):
    stage = _acknowledged()
    with pytest.raises(ValidationError) as exc:
        services.complaint_respond(
            actor=officer,
            stage=stage,
            responded_on=D(2027, 2, 12),
            outcome="maybe",
            response_summary="Sorry",
        )
    assert "outcome" in _field_error(exc, "outcome")
    with pytest.raises(ValidationError) as exc:
        services.complaint_respond(
            actor=officer,
            stage=stage,
            responded_on=D(2027, 2, 12),
            outcome="upheld",
            response_summary="",
        )
    assert "summary" in _field_error(exc, "response_summary")


# --- escalate --------------------------------------------------------------------------------


def test_escalation_needs_the_stage_1_response_first(officer):
    stage = _acknowledged()
    with pytest.raises(ValidationError) as exc:
        services.complaint_escalate(actor=officer, case=stage.case, requested_on=D(2027, 2, 12))
    assert "only after the stage 1 response" in _field_error(exc, "requested_on")
    assert not ComplaintStage.objects.filter(stage=2).exists()


def test_escalation_opens_stage_2_with_its_own_acknowledge_clock(officer):
    first = complaint_stage(
        received_on=D(2027, 1, 4), acknowledged_on=D(2027, 1, 5), responded_on=D(2027, 1, 15)
    )
    second = services.complaint_escalate(
        actor=officer, case=first.case, requested_on=D(2027, 1, 22), reason="Still no heating"
    )
    assert second.stage == 2
    assert second.received_on == D(2027, 1, 22)
    # After Fri 22 Jan 2027: Mon 25 .. Fri 29 Jan.
    assert second.acknowledge_by == D(2027, 1, 29)
    assert AuditEvent.objects.filter(action="create", object_id=str(second.pk)).exists()


def test_escalation_before_the_stage_1_response_date_is_refused(officer):
    first = complaint_stage(
        received_on=D(2027, 1, 4), acknowledged_on=D(2027, 1, 5), responded_on=D(2027, 1, 15)
    )
    with pytest.raises(ValidationError) as exc:
        services.complaint_escalate(actor=officer, case=first.case, requested_on=D(2027, 1, 14))
    assert "before the stage 1 response" in _field_error(exc, "requested_on")


def test_a_complaint_goes_to_stage_2_only_once(officer):
    first = complaint_stage(
        received_on=D(2027, 1, 4), acknowledged_on=D(2027, 1, 5), responded_on=D(2027, 1, 15)
    )
    services.complaint_escalate(actor=officer, case=first.case, requested_on=D(2027, 1, 22))
    with pytest.raises(ValidationError) as exc:
        services.complaint_escalate(actor=officer, case=first.case, requested_on=D(2027, 1, 25))
    assert "already at stage 2" in _field_error(exc, "requested_on")


# --- who may change a complaint --------------------------------------------------------------


def test_an_officer_off_the_case_cannot_change_it(other_officer):
    stage = _acknowledged()
    with pytest.raises(PermissionDenied):
        services.complaint_extend(actor=other_officer, stage=stage, working_days=2, reason="x")
    with pytest.raises(PermissionDenied):
        services.complaint_respond(
            actor=other_officer,
            stage=stage,
            responded_on=D(2027, 2, 12),
            outcome="upheld",
            response_summary="Sorry",
        )
    stage.refresh_from_db()
    assert stage.extension_working_days == 0
    assert stage.responded_on is None


def test_a_data_protection_officer_cannot_acknowledge(dpo):
    stage = complaint_stage(received_on=D(2027, 2, 10))
    with pytest.raises(PermissionDenied):
        services.complaint_acknowledge(actor=dpo, stage=stage, acknowledged_on=D(2027, 2, 11))


def test_a_closed_complaint_cannot_be_escalated_until_reopened(officer):
    first = complaint_stage(
        received_on=D(2027, 1, 4), acknowledged_on=D(2027, 1, 5), responded_on=D(2027, 1, 15)
    )
    first.case.status = "closed"
    first.case.closed_on = D(2027, 1, 15)
    first.case.closure_reason = "resolved"
    first.case.save()
    with pytest.raises(ValidationError, match="reopen it first"):
        services.complaint_escalate(actor=officer, case=first.case, requested_on=D(2027, 1, 22))
