import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from doorstep.contacts import services
from doorstep.contacts.models import (
    AttemptOutcome,
    CallBack,
    CallBackStatus,
    Channel,
    Direction,
    DutyShift,
)
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON

pytestmark = pytest.mark.django_db


def _leave(actor, **kwargs):
    values = {"phone": "0121 496 0000", "reason": "Wants an update on the repair"}
    values.update(kwargs)
    return services.callback_create(actor=actor, **values)


# --- the call-back due clock (DOMAIN.md §4, fixed) --------------------------------------------


@pytest.mark.parametrize(
    ("logged", "due_day"),
    [
        # Wednesday -> end of Thursday.
        (dt.datetime(2026, 11, 25, 10, 0), dt.date(2026, 11, 26)),
        # Friday afternoon -> end of Monday (the weekend does not count).
        (dt.datetime(2026, 11, 27, 16, 45), dt.date(2026, 11, 30)),
        # Saturday -> end of Monday (the day logged never counts, working day or not).
        (dt.datetime(2026, 11, 28, 11, 0), dt.date(2026, 11, 30)),
        # Thu 24 Dec: Christmas Day, the weekend and the Boxing Day substitute (Mon 28) do
        # not count -> end of Tue 29 Dec.
        (dt.datetime(2026, 12, 24, 9, 30), dt.date(2026, 12, 29)),
        # Thu 2 Apr: Good Friday, the weekend and Easter Monday -> end of Tue 7 Apr.
        (dt.datetime(2026, 4, 2, 15, 0), dt.date(2026, 4, 7)),
    ],
)
def test_call_back_is_due_by_the_end_of_the_next_working_day(officer, person, logged, due_day):
    with time_machine.travel(logged.replace(tzinfo=LONDON), tick=False):
        callback = _leave(officer, for_officer=officer, person=person)
    assert callback.due_at == dt.datetime.combine(due_day, dt.time(23, 59, 59), tzinfo=LONDON)


def test_due_clock_uses_the_london_date_not_utc(officer):
    # 00:30 on Thu 11 June 2026 in London is still Wed 10 June in UTC.
    logged = dt.datetime(2026, 6, 11, 0, 30, tzinfo=LONDON)
    with time_machine.travel(logged, tick=False):
        callback = _leave(officer, for_officer=officer)
    assert callback.due_at.astimezone(LONDON).date() == dt.date(2026, 6, 12)


def test_due_clock_can_start_from_when_the_call_was_taken(officer):
    callback = _leave(
        officer, for_officer=officer, logged_at=dt.datetime(2026, 12, 24, 17, 0, tzinfo=LONDON)
    )
    assert callback.due_at.astimezone(LONDON).date() == dt.date(2026, 12, 29)


# --- leaving a call-back ---------------------------------------------------------------------


def test_call_back_phone_is_stored_as_e164_and_audited(officer, person):
    callback = _leave(officer, for_officer=officer, person=person, phone="01922 123456")
    assert callback.phone == "+441922123456"
    assert callback.status == CallBackStatus.OPEN
    assert callback.created_by == officer
    event = AuditEvent.objects.get(object_type="contacts.callback", object_id=str(callback.pk))
    assert event.action == "create"
    assert event.person_id == person.pk


def test_bad_phone_number_is_refused_naming_the_phone(officer):
    with pytest.raises(ValidationError) as error:
        _leave(officer, for_officer=officer, phone="12345")
    assert "phone" in error.value.message_dict
    assert not CallBack.objects.exists()


def test_call_back_is_for_an_officer_or_a_team_not_both_and_not_neither(officer, team):
    with pytest.raises(ValidationError):
        _leave(officer, for_officer=officer, for_team=team)
    with pytest.raises(ValidationError):
        _leave(officer)
    assert _leave(officer, for_team=team).for_team == team


def test_call_back_needs_a_reason(officer):
    with pytest.raises(ValidationError) as error:
        _leave(officer, for_officer=officer, reason="   ")
    assert "reason" in error.value.message_dict


def test_any_officer_can_leave_a_call_back_for_anyone(other_officer, officer, person):
    # Duty desk rule: an officer in another office takes the call for our resident.
    callback = _leave(other_officer, for_officer=officer, person=person)
    assert callback.for_officer == officer


def test_data_protection_officer_cannot_leave_a_call_back(dpo, officer):
    with pytest.raises(PermissionDenied):
        _leave(dpo, for_officer=officer)


def test_a_call_back_cannot_be_left_for_a_read_only_role(officer, dpo):
    with pytest.raises(ValidationError) as error:
        _leave(officer, for_officer=dpo)
    assert "for_officer" in error.value.message_dict


# --- attempts and completion -----------------------------------------------------------------


def test_each_attempt_is_logged_and_speaking_to_them_does_not_close_it(officer):
    callback = CallBackFactory(for_officer=officer)
    services.callback_attempt(actor=officer, callback=callback, outcome=AttemptOutcome.NO_ANSWER)
    services.callback_attempt(
        actor=officer, callback=callback, outcome=AttemptOutcome.SPOKE, note="Will ring back"
    )
    callback.refresh_from_db()
    assert [a.outcome for a in callback.attempts.all()] == ["no_answer", "spoke"]
    assert callback.attempts.last().note == "Will ring back"
    assert callback.status == CallBackStatus.OPEN
    assert AuditEvent.objects.filter(object_type="contacts.callbackattempt").count() == 2


def test_an_attempt_needs_a_known_outcome(officer):
    callback = CallBackFactory(for_officer=officer)
    with pytest.raises(ValidationError):
        services.callback_attempt(actor=officer, callback=callback, outcome="gave_up")


def test_completing_records_who_when_and_the_outcome(officer):
    callback = CallBackFactory(for_officer=officer)
    with time_machine.travel(dt.datetime(2026, 11, 25, 14, 0, tzinfo=LONDON), tick=False):
        done = services.callback_complete(
            actor=officer, callback=callback, outcome="Repair booked for Friday"
        )
    assert done.status == CallBackStatus.DONE
    assert done.completed_by == officer
    assert done.completed_at == dt.datetime(2026, 11, 25, 14, 0, tzinfo=LONDON)
    assert done.outcome == "Repair booked for Friday"
    event = AuditEvent.objects.filter(object_type="contacts.callback", action="update").get()
    assert event.changes["status"] == ["open", "done"]


def test_a_done_call_back_cannot_be_done_again_or_attempted(officer):
    callback = CallBackFactory(for_officer=officer)
    services.callback_complete(actor=officer, callback=callback, outcome="")
    with pytest.raises(ValidationError, match="already done"):
        services.callback_complete(actor=officer, callback=callback, outcome="")
    with pytest.raises(ValidationError, match="already done"):
        services.callback_attempt(actor=officer, callback=callback, outcome="spoke")


def test_colleagues_in_the_team_can_work_a_call_back_others_cannot(
    officer, colleague, other_officer, dpo
):
    callback = CallBackFactory(for_officer=officer)
    services.callback_attempt(actor=colleague, callback=callback, outcome="no_answer")
    for outsider in (other_officer, dpo):
        with pytest.raises(PermissionDenied):
            services.callback_attempt(actor=outsider, callback=callback, outcome="no_answer")
        with pytest.raises(PermissionDenied):
            services.callback_complete(actor=outsider, callback=callback, outcome="")


# --- reassignment ----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer", "team_leader", "manager"])
def test_assignee_team_leader_and_manager_may_reassign(request, who, officer, colleague):
    actor = request.getfixturevalue(who)
    callback = CallBackFactory(for_officer=officer)
    services.callback_reassign(actor=actor, callback=callback, for_officer=colleague)
    callback.refresh_from_db()
    assert callback.for_officer == colleague
    event = AuditEvent.objects.get(object_type="contacts.callback", action="update")
    assert event.changes["for_officer_id"] == [officer.pk, colleague.pk]


@pytest.mark.parametrize("who", ["colleague", "other_officer", "other_team_leader", "dpo"])
def test_others_may_not_reassign(request, who, officer, team):
    actor = request.getfixturevalue(who)
    callback = CallBackFactory(for_officer=officer)
    with pytest.raises(PermissionDenied):
        services.callback_reassign(actor=actor, callback=callback, for_team=team)
    callback.refresh_from_db()
    assert callback.for_officer == officer


def test_a_team_member_can_take_a_call_back_left_for_their_team(officer, team, other_officer):
    callback = CallBackFactory(for_officer=None, for_team=team)
    with pytest.raises(PermissionDenied):
        services.callback_reassign(
            actor=other_officer, callback=callback, for_officer=other_officer
        )
    services.callback_reassign(actor=officer, callback=callback, for_officer=officer)
    callback.refresh_from_db()
    assert (callback.for_officer, callback.for_team) == (officer, None)


def test_reassigning_keeps_the_due_time_and_needs_exactly_one_target(officer, team, other_team):
    callback = CallBackFactory(for_officer=officer)
    due = callback.due_at
    with pytest.raises(ValidationError):
        services.callback_reassign(
            actor=officer, callback=callback, for_officer=officer, for_team=team
        )
    services.callback_reassign(actor=officer, callback=callback, for_team=other_team)
    callback.refresh_from_db()
    assert callback.due_at == due
    assert callback.for_team == other_team


# --- duty rota -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["team_leader", "manager"])
def test_team_leader_and_manager_set_the_duty_officer(request, who, team, officer, colleague):
    actor = request.getfixturevalue(who)
    day = dt.date.today() + dt.timedelta(days=1)
    services.duty_set(actor=actor, team=team, date=day, officer=officer)
    services.duty_set(actor=actor, team=team, date=day, officer=colleague)
    assert DutyShift.objects.get(team=team, date=day).officer == colleague
    actions = list(
        AuditEvent.objects.filter(object_type="contacts.dutyshift")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update"]


def test_clearing_a_day_removes_the_duty_officer(team_leader, team, officer):
    day = dt.date.today()
    services.duty_set(actor=team_leader, team=team, date=day, officer=officer)
    assert services.duty_set(actor=team_leader, team=team, date=day, officer=None) is None
    assert not DutyShift.objects.exists()
    assert AuditEvent.objects.filter(object_type="contacts.dutyshift", action="delete").exists()


@pytest.mark.parametrize("who", ["officer", "other_team_leader", "dpo"])
def test_others_cannot_set_the_rota(request, who, team, officer):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.duty_set(actor=actor, team=team, date=dt.date.today(), officer=officer)
    assert not DutyShift.objects.exists()


def test_the_duty_officer_must_be_in_the_team(team_leader, team, other_officer):
    with pytest.raises(ValidationError) as error:
        services.duty_set(actor=team_leader, team=team, date=dt.date.today(), officer=other_officer)
    assert "officer" in error.value.message_dict


def test_past_days_of_the_rota_cannot_be_changed(team_leader, team, officer):
    with pytest.raises(ValidationError) as error:
        services.duty_set(
            actor=team_leader,
            team=team,
            date=dt.date.today() - dt.timedelta(days=1),
            officer=officer,
        )
    assert "date" in error.value.message_dict


# --- contacts --------------------------------------------------------------------------------


def test_log_a_contact_about_a_person_is_audited(officer, person):
    contact = services.contact_log(
        actor=officer,
        channel=Channel.PHONE,
        direction=Direction.INBOUND,
        summary="  Rang about the fence  ",
        person=person,
        follow_up_on=dt.date(2026, 12, 1),
    )
    assert contact.summary == "Rang about the fence"
    assert contact.logged_by == officer
    assert contact.follow_up_on == dt.date(2026, 12, 1)
    event = AuditEvent.objects.get(object_type="contacts.contact")
    assert event.person_id == person.pk


def test_other_officer_can_log_a_contact_for_a_person_on_another_patch(other_officer, person):
    contact = services.contact_log(
        actor=other_officer,
        channel="visit",
        direction="outbound",
        summary="Called in",
        person=person,
    )
    assert contact.person == person


def test_a_contact_about_a_home_alone_is_fine(officer, home):
    contact = services.contact_log(
        actor=officer, channel="email", direction="inbound", summary="Neighbour", home=home
    )
    assert contact.home == home and contact.person is None


def test_a_contact_needs_a_person_or_a_home_and_a_summary(officer, person):
    with pytest.raises(ValidationError):
        services.contact_log(actor=officer, channel="phone", direction="inbound", summary="Hi")
    with pytest.raises(ValidationError) as error:
        services.contact_log(
            actor=officer, channel="phone", direction="inbound", summary=" ", person=person
        )
    assert "summary" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.contact_log(
            actor=officer, channel="phone", direction="inbound", summary="x" * 4001, person=person
        )


def test_data_protection_officer_cannot_log_a_contact(dpo, person):
    with pytest.raises(PermissionDenied):
        services.contact_log(
            actor=dpo, channel="phone", direction="inbound", summary="Hi", person=person
        )


def test_follow_up_done_by_the_logger_or_their_team_leader_only(
    officer, team_leader, other_officer
):
    contact = ContactFactory(logged_by=officer, follow_up_on=dt.date.today())
    with pytest.raises(PermissionDenied):
        services.contact_follow_up_done(actor=other_officer, contact=contact)
    services.contact_follow_up_done(actor=team_leader, contact=contact)
    contact.refresh_from_db()
    assert contact.follow_up_done_at is not None
    own = ContactFactory(logged_by=officer, follow_up_on=dt.date.today())
    services.contact_follow_up_done(actor=officer, contact=own)
    own.refresh_from_db()
    assert own.follow_up_done_at is not None
