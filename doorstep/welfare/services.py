"""Writes for welfare-call programmes and calls. Each checks permission, runs in one
transaction and writes its own audit rows, so pages, commands and the API behave alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.core.audit import record_change, record_view, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import can_take_calls, require
from doorstep.core.working_days import end_of_day, local_date
from doorstep.people.models import Person, Vulnerability
from doorstep.places.models import Tenure
from doorstep.welfare import rules
from doorstep.welfare.models import CallOutcome, WelfareCall, WelfareProgramme
from doorstep.welfare.permissions import (
    can_create_programme,
    can_edit_programme,
    can_record_call,
)

NAME_MAX = 150
NOTE_MAX = 2000
MAX_AGE = 120
CREATE_REFUSED = "Only team leaders, managers and tenancy sustainment officers run programmes."
EDIT_REFUSED = (
    "Only the programme team's leader, its managers or its tenancy sustainment officers can "
    "change it."
)
CALL_REFUSED = "Only the programme's officer or this person's patch officer can record this call."


@dataclass(frozen=True)
class ProgrammeRule:
    """The fields of a programme a form, the API or a command may set."""

    name: str
    frequency_days: int | None
    start_date: dt.date | None
    flags_all: Iterable[str] = ()
    min_age: int | None = None
    tenures: Iterable[str] = ()
    patches: Iterable[Any] = ()
    estates: Iterable[Any] = ()
    officer: Any = None
    active: bool = True


def _clean(rule: ProgrammeRule) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = (rule.name or "").strip()
    if not name:
        errors["name"] = "Enter a name for the programme."
    elif len(name) > NAME_MAX:
        errors["name"] = f"The name must be {NAME_MAX} characters or fewer."
    flags = list(dict.fromkeys(rule.flags_all))
    if any(code not in Vulnerability.values for code in flags):
        errors["flags_all"] = "Choose flags from the list."
    tenures = list(dict.fromkeys(rule.tenures))
    if any(code not in Tenure.values for code in tenures):
        errors["tenures"] = "Choose tenures from the list."
    if rule.min_age is not None and not 0 <= rule.min_age <= MAX_AGE:
        errors["min_age"] = f"Enter a minimum age from 0 to {MAX_AGE}, or leave it blank."
    if rule.frequency_days is None:
        errors["frequency_days"] = "Enter how often to call, in days."
    elif not 1 <= rule.frequency_days <= 365:
        errors["frequency_days"] = "How often to call must be from 1 to 365 days."
    if rule.start_date is None:
        errors["start_date"] = "Enter the date the programme starts."
    patches, estates = list(rule.patches), list(rule.estates)
    if not (flags or tenures or patches or estates or rule.min_age is not None):
        errors["flags_all"] = (
            "Choose at least one rule for who is called: a flag, a minimum age, a tenure, "
            "a patch or an estate."
        )
    officer = rule.officer
    if officer is not None and not (officer.is_active and can_take_calls(officer)):
        errors["officer"] = "That member of staff cannot make welfare calls."
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "flags_all": flags,
        "tenures": tenures,
        "min_age": rule.min_age,
        "frequency_days": rule.frequency_days,
        "start_date": rule.start_date,
        "officer": officer,
        "active": bool(rule.active),
        "patches": patches,
        "estates": estates,
    }


def _places(programme: WelfareProgramme) -> dict[str, list[int]]:
    return {
        "patches": sorted(p.pk for p in programme.patches.all()),
        "estates": sorted(e.pk for e in programme.estates.all()),
    }


def _audit_places(
    *, actor: Any, programme: WelfareProgramme, before: dict[str, list[int]] | None
) -> None:
    """Patches and estates are many-to-many, outside the row snapshot: one more audit row
    says how they changed."""
    after = _places(programme)
    changes = {
        key: [None if before is None else before[key], value]
        for key, value in after.items()
        if before is None or before[key] != value
    }
    if changes:
        AuditEvent.objects.create(
            actor=actor,
            action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
            object_type=programme._meta.label_lower,
            object_id=str(programme.pk),
            object_label=f"#{programme.pk}",
            changes=changes,
        )


@transaction.atomic
def programme_create(*, actor: Any, rule: ProgrammeRule, team: Any = None) -> WelfareProgramme:
    """Define a programme for `team` (by default the actor's own)."""
    require(can_create_programme(actor), CREATE_REFUSED)
    data = _clean(rule)
    team = team or getattr(actor, "team", None)
    if team is None:
        raise ValidationError({"name": "You need to be in a team to run a programme."})
    patches, estates = data.pop("patches"), data.pop("estates")
    programme = WelfareProgramme.objects.create(team=team, created_by=actor, **data)
    programme.patches.set(patches)
    programme.estates.set(estates)
    require(can_edit_programme(actor, programme), CREATE_REFUSED)
    record_change(actor=actor, action=AuditAction.CREATE, instance=programme)
    _audit_places(actor=actor, programme=programme, before=None)
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: Any,
    programme: WelfareProgramme,
    rule: ProgrammeRule,
    expected_version: str | None = None,
) -> WelfareProgramme:
    """Change a programme's rule, frequency or officer. With `expected_version`, refuses
    (EditConflict) if someone saved since that version."""
    require(can_edit_programme(actor, programme), EDIT_REFUSED)
    data = _clean(rule)
    locked = lock_unchanged(programme, expected_version)
    before, places_before = snapshot(locked), _places(locked)
    patches, estates = data.pop("patches"), data.pop("estates")
    for key, value in data.items():
        setattr(locked, key, value)
    locked.save()
    locked.patches.set(patches)
    locked.estates.set(estates)
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    _audit_places(actor=actor, programme=locked, before=places_before)
    return locked


# --- calls -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallResult:
    call: WelfareCall
    escalation: Any = None  # the team leader's call-back, when this call raised one


def _current_home(person: Person, today: dt.date) -> Any:
    from doorstep.welfare.cohort import current_memberships

    member = (
        current_memberships(today)
        .filter(person=person)
        .select_related("tenancy__home__patch__officer__team__leader")
        .order_by("-tenancy__start_date", "-tenancy_id")
        .first()
    )
    return member.tenancy.home if member is not None else None


def _escalate_to(*, programme: WelfareProgramme, home: Any, actor: Any) -> dict[str, Any]:
    """The officer's team leader (the officer: the programme's, else the person's patch
    officer, else whoever made the call); the team itself when it has no leader."""
    officer = programme.officer
    if officer is None and home is not None and home.patch is not None:
        officer = home.patch.officer
    officer = officer or actor
    team: Any = officer.team if officer.team_id else programme.team
    leader = team.leader
    if leader is not None and leader.is_active and can_take_calls(leader):
        return {"for_officer": leader}
    return {"for_team": team}


@transaction.atomic
def call_record(
    *,
    actor: Any,
    programme: WelfareProgramme,
    person: Person,
    outcome: str,
    note: str = "",
    called_at: dt.datetime | None = None,
) -> CallResult:
    """Record one welfare call and log it as an outbound phone contact.

    A concern needs a note saying what it is. A `no_answer` needs a number on record. When the
    call makes two `no_answer` in a row (rules.needs_escalation), a call-back is left for the
    officer's team leader, due by the end of today, once per run of no-answers."""
    from doorstep.contacts.models import Channel, Direction
    from doorstep.contacts.services import callback_create, contact_log

    require(can_record_call(actor, programme, person), CALL_REFUSED)
    if not programme.active:
        raise ValidationError({"outcome": "This programme has stopped: no more calls are due."})
    if outcome not in CallOutcome.values:
        raise ValidationError({"outcome": "Select what happened on the call."})
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        raise ValidationError({"note": f"The note must be {NOTE_MAX:,} characters or fewer."})
    if outcome == CallOutcome.CONCERN and not text:
        raise ValidationError({"note": "Enter what the concern is."})
    now = timezone.now()
    called_at = called_at or now
    if called_at > now:
        raise ValidationError({"called_at": "The call cannot be in the future."})
    # One call at a time per person: two officers cannot both raise the escalation.
    person = Person.objects.select_for_update().get(pk=person.pk)
    phone = person.phone or person.phone_other
    if outcome == CallOutcome.NO_ANSWER and not phone:
        raise ValidationError(
            {"outcome": "There is no phone number on record: add one before recording no answer."}
        )
    today = local_date(called_at)
    home = _current_home(person, today)
    label = CallOutcome(outcome).label
    contact = contact_log(
        actor=actor,
        channel=Channel.PHONE,
        direction=Direction.OUTBOUND,
        # The note may be about health; it stays on the welfare call, where views are audited.
        summary=f"Welfare call ({programme.name}): {label}.",
        person=person,
        happened_at=called_at,
    )
    call = WelfareCall.objects.create(
        programme=programme,
        person=person,
        called_at=called_at,
        called_by=actor,
        outcome=outcome,
        note=text,
        contact=contact,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=call)
    escalation = None
    if outcome == CallOutcome.NO_ANSWER:
        history = WelfareCall.objects.filter(programme=programme, person=person).order_by(
            "called_at", "id"
        )
        past = [
            rules.PastCall(outcome=c.outcome, escalated=c.escalation_id is not None)
            for c in history.only("outcome", "escalation_id")
        ]
        if rules.needs_escalation(past):
            escalation = callback_create(
                actor=actor,
                phone=phone,
                reason=(
                    f"Welfare call ({programme.name}): no answer twice in a row. "
                    "Check they are safe today."
                ),
                person=person,
                home=home,
                contact=contact,
                logged_at=called_at,
                due_at=end_of_day(local_date(now)),
                **_escalate_to(programme=programme, home=home, actor=actor),
            )
            before = snapshot(call)
            call.escalation = escalation
            call.save(update_fields=["escalation", "updated_at"])
            record_change(actor=actor, action=AuditAction.UPDATE, instance=call, before=before)
    return CallResult(call=call, escalation=escalation)


@transaction.atomic
def call_open_case(
    *, actor: Any, call: WelfareCall, case_type: str, summary: str, risk_level: str
) -> Any:
    """Open a case from a concern raised on a call: the person as its subject, their home,
    and the call's contact as the first line of the case's timeline."""
    from doorstep.cases.models import PartyRole
    from doorstep.cases.services import case_open, case_open_from_contact

    require(can_record_call(actor, call.programme, call.person), CALL_REFUSED)
    if call.outcome != CallOutcome.CONCERN:
        raise ValidationError("Only a call that raised a concern can open a case.")
    if call.case_id is not None:
        raise ValidationError("A case has already been opened from this call.")
    kwargs: dict[str, Any] = {
        "actor": actor,
        "case_type": case_type,
        "summary": summary,
        "home": _current_home(call.person, timezone.localdate()),
        "parties": [(call.person, PartyRole.SUBJECT)],
        "risk_level": risk_level,
    }
    if call.contact is not None:
        case = case_open_from_contact(contact=call.contact, **kwargs)
    else:
        case = case_open(**kwargs)
    before = snapshot(call)
    call.case = case
    call.save(update_fields=["case", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=call, before=before)
    return case


def call_notes_viewed(*, actor: Any, person: Person, what: str) -> None:
    """Audit a view of welfare call notes or health flags (special-category data)."""
    record_view(actor=actor, instance=person, what=what)


def coverage_exported(*, actor: Any, programme: WelfareProgramme, report: Any) -> None:
    """Audit a download of the coverage report (names of people in a vulnerable cohort)."""
    AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=AuditAction.EXPORT,
        object_type=programme._meta.label_lower,
        object_id=str(programme.pk),
        object_label=f"#{programme.pk}",
        changes={"exported": f"coverage {report.start.isoformat()} to {report.end.isoformat()}"},
    )
