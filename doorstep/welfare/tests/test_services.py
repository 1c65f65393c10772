"""Programmes, calls, escalation and a case from a concern, through the services."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from doorstep.cases.models import CaseParty, CaseType, PartyRole
from doorstep.contacts.models import CallBack, Contact
from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON, end_of_day
from doorstep.welfare import services
from doorstep.welfare.models import WelfareCall
from doorstep.welfare.services import ProgrammeRule

pytestmark = pytest.mark.django_db
# Monday 16 March 2026, mid-morning.
NOW = dt.datetime(2026, 3, 16, 10, 0, tzinfo=LONDON)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def rule(**overrides):
    values = {
        "name": "Older residents living alone",
        "frequency_days": 14,
        "start_date": dt.date(2026, 3, 2),
        "flags_all": ["older_person", "lives_alone"],
    }
    values.update(overrides)
    return ProgrammeRule(**values)


# --- programmes ------------------------------------------------------------------------------


def test_a_team_leader_sets_up_a_programme_for_their_team(team_leader, team, patch):
    programme = services.programme_create(actor=team_leader, rule=rule(patches=[patch]))
    assert programme.team == team
    assert programme.officer is None
    assert list(programme.patches.all()) == [patch]
    audit = AuditEvent.objects.filter(object_type="welfare.welfareprogramme")
    assert audit.count() == 2  # the row, and its patches
    assert audit.filter(changes__patches=[None, [patch.pk]]).exists()


def test_a_neighbourhood_officer_cannot_set_up_a_programme(officer):
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=officer, rule=rule())


def test_the_dpo_cannot_set_up_a_programme(dpo):
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=dpo, rule=rule())


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 151}, "name"),
        ({"frequency_days": 0}, "frequency_days"),
        ({"frequency_days": 366}, "frequency_days"),
        ({"frequency_days": None}, "frequency_days"),
        ({"start_date": None}, "start_date"),
        ({"min_age": 121}, "min_age"),
        ({"flags_all": ["nosy_neighbour"]}, "flags_all"),
        ({"tenures": ["castle"]}, "tenures"),
        ({"flags_all": []}, "flags_all"),  # no rule at all: everyone would be called
    ],
)
def test_bad_programmes_are_refused_naming_the_field(team_leader, overrides, field):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(actor=team_leader, rule=rule(**overrides))
    assert field in exc.value.message_dict


def test_the_officer_must_be_able_to_make_calls(team_leader, dpo):
    with pytest.raises(ValidationError) as exc:
        services.programme_create(actor=team_leader, rule=rule(officer=dpo))
    assert "officer" in exc.value.message_dict


def test_another_team_leader_cannot_change_the_programme(programme, other_team):
    from doorstep.accounts.roles import Role
    from doorstep.accounts.tests.factories import UserFactory

    leader = UserFactory(team=other_team, roles=[Role.TEAM_LEADER])
    other_team.leader = leader
    other_team.save()
    with pytest.raises(PermissionDenied):
        services.programme_update(actor=leader, programme=programme, rule=rule())


def test_changing_a_programme_is_audited(programme, team_leader, estate):
    services.programme_update(
        actor=team_leader, programme=programme, rule=rule(frequency_days=7, estates=[estate])
    )
    programme.refresh_from_db()
    assert programme.frequency_days == 7
    assert list(programme.estates.all()) == [estate]
    changes = AuditEvent.objects.filter(action="update").values_list("changes", flat=True)
    assert any(c.get("frequency_days") == [14, 7] for c in changes)
    assert any(c.get("estates") == [[], [estate.pk]] for c in changes)


# --- calls -----------------------------------------------------------------------------------


def record(actor, programme, person, outcome, note="", at=None):
    return services.call_record(
        actor=actor, programme=programme, person=person, outcome=outcome, note=note, called_at=at
    )


def test_a_call_is_logged_as_a_contact_without_the_note(frozen, officer, programme, older_alone):
    result = record(officer, programme, older_alone, "spoke_ok", "Hip is healing well.")
    contact = Contact.objects.get()
    assert result.call.contact == contact
    assert contact.channel == "phone"
    assert contact.direction == "outbound"
    assert contact.person == older_alone
    assert "Spoke to them" in contact.summary
    assert "Hip" not in contact.summary  # health notes stay on the audited welfare call
    assert result.escalation is None


def test_a_concern_needs_a_note(frozen, officer, programme, older_alone):
    with pytest.raises(ValidationError) as exc:
        record(officer, programme, older_alone, "concern", "  ")
    assert "note" in exc.value.message_dict


def test_an_unknown_outcome_is_refused(frozen, officer, programme, older_alone):
    with pytest.raises(ValidationError) as exc:
        record(officer, programme, older_alone, "fine")
    assert "outcome" in exc.value.message_dict


def test_a_note_over_the_limit_is_refused(frozen, officer, programme, older_alone):
    with pytest.raises(ValidationError) as exc:
        record(officer, programme, older_alone, "spoke_ok", "x" * 2001)
    assert "note" in exc.value.message_dict


def test_a_call_in_the_future_is_refused(frozen, officer, programme, older_alone):
    with pytest.raises(ValidationError) as exc:
        record(officer, programme, older_alone, "spoke_ok", at=NOW + dt.timedelta(hours=1))
    assert "called_at" in exc.value.message_dict


def test_no_answer_needs_a_number_on_record(frozen, officer, programme, older_alone):
    older_alone.phone = ""
    older_alone.save()
    with pytest.raises(ValidationError) as exc:
        record(officer, programme, older_alone, "no_answer")
    assert "outcome" in exc.value.message_dict


def test_a_stopped_programme_takes_no_calls(frozen, officer, programme, older_alone):
    programme.active = False
    programme.save()
    with pytest.raises(ValidationError):
        record(officer, programme, older_alone, "spoke_ok")


def test_an_officer_from_another_team_cannot_record(frozen, other_officer, programme, older_alone):
    with pytest.raises(PermissionDenied):
        record(other_officer, programme, older_alone, "spoke_ok")


def test_the_dpo_cannot_record(frozen, dpo, programme, older_alone):
    with pytest.raises(PermissionDenied):
        record(dpo, programme, older_alone, "spoke_ok")


def test_the_programme_officer_may_record_off_their_patch(
    frozen, other_officer, programme, older_alone
):
    programme.officer = other_officer
    programme.save()
    assert record(other_officer, programme, older_alone, "spoke_ok").call.pk


def test_two_no_answers_in_a_row_leave_a_call_back_for_the_team_leader_due_today(
    frozen, officer, team_leader, programme, older_alone
):
    first = record(officer, programme, older_alone, "no_answer", at=NOW - dt.timedelta(days=1))
    assert first.escalation is None
    second = record(officer, programme, older_alone, "no_answer")
    callback = second.escalation
    assert callback is not None
    assert callback.for_officer == team_leader
    assert callback.due_at == end_of_day(NOW.date())  # the same day, not the next working day
    assert callback.person == older_alone
    assert callback.phone == older_alone.phone
    assert "no answer twice" in callback.reason
    assert WelfareCall.objects.get(pk=second.call.pk).escalation == callback


def test_no_answer_spoke_ok_no_answer_does_not_escalate(frozen, officer, programme, older_alone):
    for days_ago, outcome in ((2, "no_answer"), (1, "spoke_ok"), (0, "no_answer")):
        result = record(
            officer, programme, older_alone, outcome, at=NOW - dt.timedelta(days=days_ago)
        )
    assert result.escalation is None
    assert not CallBack.objects.exists()


def test_a_third_no_answer_does_not_escalate_again(frozen, officer, programme, older_alone):
    for hours_ago in (48, 24, 0):
        record(officer, programme, older_alone, "no_answer", at=NOW - dt.timedelta(hours=hours_ago))
    assert CallBack.objects.count() == 1


def test_runs_are_counted_per_programme(frozen, officer, programme, older_alone, team, team_leader):
    from doorstep.welfare.tests.factories import ProgrammeFactory

    other = ProgrammeFactory(team=team, created_by=team_leader, name="Winter warmth calls")
    record(officer, programme, older_alone, "no_answer", at=NOW - dt.timedelta(hours=3))
    record(officer, other, older_alone, "no_answer")
    assert not CallBack.objects.exists()


def test_without_a_team_leader_the_escalation_goes_to_the_team(
    frozen, officer, programme, older_alone, team
):
    team.leader = None
    team.save()
    record(officer, programme, older_alone, "no_answer", at=NOW - dt.timedelta(hours=3))
    result = record(officer, programme, older_alone, "no_answer")
    assert result.escalation.for_officer is None
    assert result.escalation.for_team == team


# --- a case from a concern -------------------------------------------------------------------


def test_a_concern_opens_a_case_with_the_person_as_subject(
    frozen, officer, programme, older_alone, home
):
    call = record(officer, programme, older_alone, "concern", "House very cold, not eating.").call
    case = services.call_open_case(
        actor=officer,
        call=call,
        case_type=CaseType.SELF_NEGLECT,
        summary="Welfare call concern: cold home, not eating.",
        risk_level="medium",
    )
    assert case.case_type == CaseType.SELF_NEGLECT
    assert case.reference.startswith("SN-2026-")
    assert case.home == home
    assert case.risk_level == "medium"
    assert CaseParty.objects.get(case=case).person == older_alone
    assert CaseParty.objects.get(case=case).role == PartyRole.SUBJECT
    call.refresh_from_db()
    assert call.case == case
    assert call.contact.case == case  # the call is on the case's timeline


def test_only_a_concern_opens_a_case_and_only_once(frozen, officer, programme, older_alone):
    fine = record(officer, programme, older_alone, "spoke_ok").call
    with pytest.raises(ValidationError):
        services.call_open_case(
            actor=officer, call=fine, case_type="self_neglect", summary="x", risk_level="standard"
        )
    worry = record(officer, programme, older_alone, "concern", "Fall last week.").call
    services.call_open_case(
        actor=officer, call=worry, case_type="self_neglect", summary="x", risk_level="standard"
    )
    with pytest.raises(ValidationError):
        services.call_open_case(
            actor=officer, call=worry, case_type="self_neglect", summary="x", risk_level="standard"
        )


def test_a_bad_case_type_is_refused_by_the_cases_service(frozen, officer, programme, older_alone):
    worry = record(officer, programme, older_alone, "concern", "Fall last week.").call
    with pytest.raises(ValidationError) as exc:
        services.call_open_case(
            actor=officer, call=worry, case_type="bogus", summary="x", risk_level="standard"
        )
    assert "case_type" in exc.value.message_dict


def test_a_tenancy_sustainment_officer_runs_a_programme_and_makes_its_calls(
    frozen, team, older_alone
):
    from doorstep.accounts.roles import Role
    from doorstep.accounts.tests.factories import UserFactory

    tso = UserFactory(team=team, roles=[Role.TENANCY_SUSTAINMENT_OFFICER])
    programme = services.programme_create(actor=tso, rule=rule())
    assert programme.team == team
    result = record(tso, programme, older_alone, "spoke_ok")
    assert result.call.called_by == tso


def test_the_escalation_goes_to_the_assigned_officers_team_leader(
    frozen, other_officer, other_team, programme, older_alone
):
    from doorstep.accounts.roles import Role
    from doorstep.accounts.tests.factories import UserFactory

    nottingham_leader = UserFactory(team=other_team, roles=[Role.TEAM_LEADER])
    other_team.leader = nottingham_leader
    other_team.save()
    programme.officer = other_officer
    programme.save()
    record(other_officer, programme, older_alone, "no_answer", at=NOW - dt.timedelta(hours=3))
    result = record(other_officer, programme, older_alone, "no_answer")
    assert result.escalation.for_officer == nottingham_leader
