"""Writes for recruitment: vacancies, criteria, candidates, interview slots, panel scores,
decisions, the email to HR and the purge of candidates' details (DOMAIN.md §10).

Every service checks permission itself, runs in one transaction and writes the audit record.
Candidate rows are audited without their values (Candidate.AUDIT_REDACT_VALUES).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from doorstep.accounts.roles import READ_ONLY_ROLES
from doorstep.cases.permissions import managed_office_ids
from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import lock_unchanged
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.core.permissions import require
from doorstep.core.validators import normalise_email, normalise_phone
from doorstep.recruitment.models import (
    Candidate,
    Criterion,
    CriterionKind,
    Decision,
    InterviewSlot,
    PanelSubmission,
    Score,
    Vacancy,
)
from doorstep.recruitment.permissions import can_create_vacancy, can_manage_vacancy

REFUSED = "Only a housing services manager of the vacancy's office can do that."
MAX_WEIGHT = 100
MAX_SCALE = 100


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: f"Enter {label}."})
    if len(cleaned) > max_length:
        raise ValidationError(
            {field: f"{label[0].upper()}{label[1:]} must be {max_length:,} characters or fewer."}
        )
    return cleaned


def _scoring_started(vacancy: Vacancy) -> bool:
    return Score.objects.filter(candidate__vacancy=vacancy).exists()


# --- vacancies and criteria ------------------------------------------------------------------


@transaction.atomic
def vacancy_create(
    *, actor: Any, title: str, office: Any, closing_date: dt.date, description: str = ""
) -> Vacancy:
    """Open a vacancy (e.g. Lettings Advisor at Walsall) in an office the manager runs."""
    require(can_create_vacancy(actor), "Only housing services managers can open a vacancy.")
    name = _text(title, field="title", label="the job title", max_length=120, required=True)
    if office is None:
        raise ValidationError({"office": "Select the office the job is based in."})
    if not actor.is_superuser and office.pk not in managed_office_ids(actor):
        raise ValidationError({"office": "You can only recruit for offices you manage."})
    if closing_date is None:
        raise ValidationError({"closing_date": "Enter the closing date."})
    about = _text(
        description, field="description", label="the description", max_length=2000, required=False
    )
    vacancy = Vacancy.objects.create(
        title=name, office=office, closing_date=closing_date, description=about, created_by=actor
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=vacancy)
    return vacancy


@transaction.atomic
def criterion_add(
    *, actor: Any, vacancy: Vacancy, name: str, kind: str, weight: int, max_score: int
) -> Criterion:
    """Add a scoring criterion: an interview question or a test, with its weight and the top
    of its scale. Not once scoring has started, so every sheet is scored on the same terms."""
    require(can_manage_vacancy(actor, vacancy), REFUSED)
    label = _text(name, field="name", label="the criterion", max_length=120, required=True)
    if kind not in CriterionKind.values:
        raise ValidationError({"kind": "Select whether this is an interview question or a test."})
    if weight is None or not 1 <= weight <= MAX_WEIGHT:
        raise ValidationError({"weight": f"Enter a weight from 1 to {MAX_WEIGHT}."})
    if max_score is None or not 1 <= max_score <= MAX_SCALE:
        raise ValidationError({"max_score": f"Enter a maximum score from 1 to {MAX_SCALE}."})
    if vacancy.criteria.filter(name__iexact=label).exists():
        raise ValidationError({"name": "This vacancy already has a criterion with that name."})
    if _scoring_started(vacancy):
        raise ValidationError("Scoring has started, so the criteria can no longer change.")
    criterion = Criterion.objects.create(
        vacancy=vacancy, name=label, kind=kind, weight=weight, max_score=max_score
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=criterion)
    return criterion


# --- candidates and interview slots ----------------------------------------------------------


@transaction.atomic
def candidate_add(
    *, actor: Any, vacancy: Vacancy, full_name: str, email: str, phone: str = ""
) -> Candidate:
    """Add an applicant. Kept apart from residents: never searched, never in a resident's
    subject access export, deleted after the retention period (purge_candidates)."""
    require(can_manage_vacancy(actor, vacancy), REFUSED)
    if vacancy.candidates_purged_at is not None:
        raise ValidationError("This vacancy's candidates have been deleted; it is closed.")
    name = _text(
        full_name, field="full_name", label="the candidate's name", max_length=150, required=True
    )
    try:
        address = normalise_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": exc.messages}) from exc
    number = ""
    if (phone or "").strip():
        try:
            number = normalise_phone(phone)
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages}) from exc
    if vacancy.candidates.filter(email__iexact=address).exists():
        raise ValidationError({"email": "A candidate with this email has already applied."})
    candidate = Candidate.objects.create(
        vacancy=vacancy, full_name=name, email=address, phone=number
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=candidate)
    return candidate


@transaction.atomic
def slot_add(
    *,
    actor: Any,
    vacancy: Vacancy,
    starts_at: dt.datetime,
    panel: Iterable[Any],
    candidate: Candidate | None = None,
    location: str = "",
) -> InterviewSlot:
    """Book an interview slot (date and time, room) with its panel, for a candidate."""
    require(can_manage_vacancy(actor, vacancy), REFUSED)
    if starts_at is None:
        raise ValidationError({"starts_at": "Enter the date and time of the interview."})
    members = list(panel)
    if not members:
        raise ValidationError({"panel": "Choose at least one panel member."})
    for member in members:
        if not member.is_active or (member.roles and member.roles <= READ_ONLY_ROLES):
            raise ValidationError({"panel": f"{member.full_name} cannot sit on a panel."})
    if candidate is not None:
        if candidate.vacancy_id != vacancy.pk:
            raise ValidationError({"candidate": "That candidate applied for another vacancy."})
        if InterviewSlot.objects.filter(candidate=candidate).exists():
            raise ValidationError({"candidate": "That candidate already has an interview slot."})
    room = _text(location, field="location", label="the room", max_length=120, required=False)
    slot = InterviewSlot.objects.create(
        vacancy=vacancy, candidate=candidate, starts_at=starts_at, location=room
    )
    slot.panel.set(members)
    record_change(actor=actor, action=AuditAction.CREATE, instance=slot)
    return slot


# --- scoring ---------------------------------------------------------------------------------


def has_submitted(user: Any, vacancy: Vacancy) -> bool:
    return PanelSubmission.objects.filter(vacancy=vacancy, panel_member=user).exists()


def can_score(user: Any, candidate: Candidate) -> bool:
    """On the panel of the candidate's slot, and not yet submitted."""
    return InterviewSlot.objects.filter(
        candidate=candidate, panel=user
    ).exists() and not has_submitted(user, candidate.vacancy)


@transaction.atomic
def scores_save(*, actor: Any, candidate: Candidate, scores: Mapping[int, int | None]) -> int:
    """Save the panel member's scores for a candidate: criterion id -> score (0 to the
    criterion's maximum; None leaves it unscored). Returns how many are saved."""
    vacancy = candidate.vacancy
    require(
        InterviewSlot.objects.filter(candidate=candidate, panel=actor).exists(),
        "Only the candidate's interview panel can score them.",
    )
    if has_submitted(actor, vacancy):
        raise ValidationError("You have submitted your scores; they can no longer change.")
    criteria = {criterion.pk: criterion for criterion in vacancy.criteria.all()}
    errors: dict[str, str] = {}
    for criterion_id, value in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError("That criterion is not one of this vacancy's.")
        if value is not None and not 0 <= value <= criterion.max_score:
            errors[f"score_{criterion_id}"] = (
                f"{criterion.name}: enter a score from 0 to {criterion.max_score}."
            )
    if errors:
        raise ValidationError(errors)
    saved = 0
    existing = {
        score.criterion_id: score
        for score in Score.objects.select_for_update().filter(
            candidate=candidate, panel_member=actor
        )
    }
    for criterion_id, value in scores.items():
        current = existing.get(criterion_id)
        if value is None:
            if current is not None:
                record_change(
                    actor=actor,
                    action=AuditAction.DELETE,
                    instance=current,
                    before=snapshot(current),
                )
                current.delete()
            continue
        saved += 1
        if current is None:
            score = Score.objects.create(
                candidate=candidate, criterion_id=criterion_id, panel_member=actor, score=value
            )
            record_change(actor=actor, action=AuditAction.CREATE, instance=score)
        elif current.score != value:
            before = snapshot(current)
            current.score = value
            current.save()
            record_change(actor=actor, action=AuditAction.UPDATE, instance=current, before=before)
    return saved


@transaction.atomic
def scores_submit(*, actor: Any, vacancy: Vacancy) -> PanelSubmission:
    """Submit your scores for the vacancy: every candidate you interview must be scored on
    every criterion. Afterwards your scores are locked and you see the totals."""
    slots = list(
        InterviewSlot.objects.filter(
            vacancy=vacancy, panel=actor, candidate__isnull=False
        ).select_related("candidate")
    )
    require(bool(slots), "Only members of an interview panel can submit scores.")
    if has_submitted(actor, vacancy):
        raise ValidationError("You have already submitted your scores.")
    criteria_ids = set(vacancy.criteria.values_list("pk", flat=True))
    if not criteria_ids:
        raise ValidationError("This vacancy has no scoring criteria yet.")
    scored: dict[int, set[int]] = {}
    for candidate_id, criterion_id in Score.objects.filter(
        candidate__vacancy=vacancy, panel_member=actor
    ).values_list("candidate_id", "criterion_id"):
        scored.setdefault(candidate_id, set()).add(criterion_id)
    missing = [
        slot.candidate.full_name  # type: ignore[union-attr]
        for slot in slots
        if not criteria_ids <= scored.get(slot.candidate_id or 0, set())
    ]
    if missing:
        raise ValidationError(f"Score every criterion for {', '.join(sorted(missing))} first.")
    submission = PanelSubmission.objects.create(
        vacancy=vacancy, panel_member=actor, submitted_at=timezone.now()
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=submission)
    return submission


# --- decisions and HR ------------------------------------------------------------------------


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    candidate: Candidate,
    decision: str,
    reason: str = "",
    expected_version: str | None = None,
) -> Candidate:
    """Appoint, put on the reserve list, or reject (with a reason) a candidate. With
    `expected_version`, refuses (EditConflict) if someone saved since that version."""
    require(can_manage_vacancy(actor, candidate.vacancy), REFUSED)
    if decision not in Decision.values:
        raise ValidationError({"decision": "Select appoint, reserve list or reject."})
    why = _text(reason, field="reason", label="the reason", max_length=500, required=False)
    if decision == Decision.REJECT and not why:
        raise ValidationError({"reason": "Enter the reason for not appointing the candidate."})
    locked = lock_unchanged(candidate, expected_version)
    before = snapshot(locked)
    locked.decision = decision
    locked.decision_reason = why
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save()
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    return locked


def _outcome_email(vacancy: Vacancy, lines: list[str], actor: Any) -> tuple[str, str]:
    subject = f"Interview outcome: {vacancy.title}, {vacancy.office.name}"
    body = "\n".join(
        [
            "Hello HR team,",
            "",
            f"The interviews for {vacancy.title} at {vacancy.office.name} are complete. "
            "The outcome for each candidate:",
            "",
            *lines,
            "",
            f"Sent by {actor.full_name} from Doorstep.",
        ]
    )
    return subject, body


@transaction.atomic
def hr_notify(*, actor: Any, vacancy: Vacancy) -> int:
    """Email the outcome to HR (RECRUITMENT_HR_EMAIL): every candidate needs a decision.
    Returns the number of messages sent (1)."""
    from doorstep.recruitment.selectors import ranking

    require(can_manage_vacancy(actor, vacancy), REFUSED)
    candidates = list(vacancy.candidates.order_by("full_name", "id"))
    if not candidates:
        raise ValidationError("There are no candidates to report on.")
    undecided = [c.full_name for c in candidates if not c.decision]
    if undecided:
        raise ValidationError(f"Record a decision for {', '.join(undecided)} first.")
    results = {result.candidate_id: result for result in ranking(vacancy=vacancy)}
    order = {Decision.APPOINT: 0, Decision.RESERVE: 1, Decision.REJECT: 2}
    lines = []
    for candidate in sorted(candidates, key=lambda c: (order[Decision(c.decision)], c.full_name)):
        result = results.get(candidate.pk)
        score = (
            f"score {result.total_display} of 100, rank {result.rank}"
            if result and result.total is not None
            else "not scored"
        )
        contact = ", ".join(part for part in (candidate.email, candidate.phone) if part)
        line = f"- {Decision(candidate.decision).label}: {candidate.full_name} ({contact}); {score}"
        if candidate.decision_reason:
            line += f". Reason: {candidate.decision_reason}"
        lines.append(line)
    subject, body = _outcome_email(vacancy, lines, actor)
    sent = send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [settings.RECRUITMENT_HR_EMAIL])
    before = snapshot(vacancy)
    vacancy.hr_notified_at = timezone.now()
    vacancy.save(update_fields=["hr_notified_at", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=vacancy, before=before)
    return int(sent)


# --- retention -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    vacancies: int
    candidates: int


def purge_cutoff(today: dt.date, days: int | None = None) -> dt.date:
    """Vacancies that closed before this date have their candidates deleted."""
    keep = settings.RECRUITMENT_CANDIDATE_RETENTION_DAYS if days is None else days
    return today - dt.timedelta(days=keep)


@transaction.atomic
def candidates_purge(*, today: dt.date, dry_run: bool = False) -> PurgeResult:
    """Delete the candidates (and their scores, slots and decisions) of every vacancy that
    closed more than RECRUITMENT_CANDIDATE_RETENTION_DAYS days before `today`. The vacancy and
    its criteria stay. One audit row per vacancy purged, holding counts only."""
    vacancies = list(
        Vacancy.objects.filter(closing_date__lt=purge_cutoff(today))
        .filter(candidates__isnull=False)
        .distinct()
        .order_by("pk")
    )
    total = 0
    for vacancy in vacancies:
        count = vacancy.candidates.count()
        total += count
        if dry_run:
            continue
        vacancy.slots.all().delete()
        vacancy.submissions.all().delete()
        vacancy.candidates.all().delete()  # their scores go with them
        vacancy.candidates_purged_at = timezone.now()
        vacancy.save(update_fields=["candidates_purged_at", "updated_at"])
        AuditEvent.objects.create(
            action=AuditAction.DELETE,
            object_type="recruitment.candidate",
            object_id=f"vacancy-{vacancy.pk}",
            object_label=f"#{vacancy.pk}",
            changes={"candidates_deleted": count},
            source="retention",
        )
    return PurgeResult(vacancies=len(vacancies), candidates=total)
