"""Writes for hoarding and self-neglect cases: Clutter Image Ratings and self-neglect
assessments (DOMAIN.md §6).

A rating is always kept. When it is the case's latest rating, its band acts at once: 4-6 adds
"Agree a support plan with the resident" (due within 10 working days of the rating date); 7-9
adds the fire and rescue referral and the safeguarding consideration (due the next working
day) and raises the case risk to high. Actions go through the cases services, so they reach
the owner's My day and the case timeline like any other action. An action already open on the
case with the same title is not added twice.

Errors are `ValidationError`s keyed by the field an officer would correct.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.cases import services as case_services
from doorstep.cases.models import Case, CaseAction, CaseEvent, CaseType, EventKind, RiskLevel
from doorstep.core.audit import record_change
from doorstep.core.models import AuditAction
from doorstep.hoarding import rules
from doorstep.hoarding.models import ClutterRating, HomeCondition, SelfNeglectAssessment

CASE_TYPES = frozenset({CaseType.HOARDING, CaseType.SELF_NEGLECT})
TEXT_MAX = 2000
ROOMS = ("living_room", "kitchen", "bedroom")
ROOM_LABELS = {"living_room": "living room", "kitchen": "kitchen", "bedroom": "bedroom"}


@dataclass(frozen=True)
class RatingResult:
    rating: ClutterRating
    actions: list[CaseAction] = field(default_factory=list)
    risk_raised: bool = False
    # False when an older rating was entered late: it joins the trend but does not act.
    is_latest: bool = True


def _today() -> dt.date:
    return timezone.localdate()


def _check_case(case: Case) -> None:
    if case.case_type not in CASE_TYPES:
        raise ValidationError("Only hoarding and self-neglect cases take this record.")
    if not case.is_open:
        raise ValidationError("This case is closed. Reopen it to add to it.")


def _check_date(field_name: str, day: dt.date | None, what: str) -> dt.date:
    if day is None:
        raise ValidationError({field_name: f"Enter the date {what}."})
    if day > _today():
        raise ValidationError({field_name: f"The date {what} cannot be in the future."})
    return day


def _check_text(field_name: str, value: str, label: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field_name: f"Enter the {label}."})
    if len(value) > TEXT_MAX:
        raise ValidationError(
            {field_name: f"The {label} must be {TEXT_MAX:,} characters or fewer."}
        )
    return value


def _timeline(*, case: Case, actor: Any, text: str) -> None:
    CaseEvent.objects.create(
        case=case,
        kind=EventKind.NOTE,
        text=text,
        at=timezone.now(),
        by=actor if getattr(actor, "pk", None) else None,
    )


def _add_band_actions(
    *, actor: Any, case: Case, rating: int, rated_on: dt.date, source: str
) -> list[CaseAction]:
    due = rules.actions_for(rating=rating, rated_on=rated_on)
    if not due:
        return []
    open_titles = set(
        CaseAction.objects.filter(
            case=case, done_at__isnull=True, title__in=[d.title for d in due]
        ).values_list("title", flat=True)
    )
    # The lead officer owns the case's work; with no lead (or one who has left), whoever
    # rated the home does, so the action is never lost.
    lead = case.lead_officer
    owner = lead if lead is not None and lead.is_active else actor
    today = _today()
    created = []
    for item in due:
        if item.title in open_titles:
            continue
        created.append(
            case_services.case_action_add(
                actor=actor,
                case=case,
                title=item.title,
                owner=owner,
                # A rating recorded late whose due date has passed: due today, at once. (Cases
                # take no due date in the past.)
                due_on=max(item.due_on, today),
                source=source,
            )
        )
    return created


def _raise_risk_to_high(*, actor: Any, case: Case, score: int, source: str) -> bool:
    if case.risk_level == RiskLevel.HIGH:
        return False
    case_services.case_set_risk(
        actor=actor,
        case=case,
        risk_level=RiskLevel.HIGH,
        reason=f"Clutter Image Rating {score}: high risk.",
        source=source,
    )
    return True


@transaction.atomic
def clutter_rating_add(
    *,
    actor: Any,
    case: Case,
    rated_on: dt.date,
    living_room: int,
    kitchen: int,
    bedroom: int,
    note: str = "",
    source: str = "web",
) -> RatingResult:
    """Record a Clutter Image Rating (1-9 for each room) on a hoarding or self-neglect case.

    When it is the latest rating on the case, its band creates the actions of DOMAIN.md §6 for
    the lead officer at once (no duplicates of an action still open) and a rating of 7-9
    raises the case risk to high. Returns the rating and what it set going.
    """
    # Locked so two officers rating the same case at once cannot both add the band's actions.
    case = (
        Case.objects.select_for_update(of=("self",)).select_related("lead_officer").get(pk=case.pk)
    )
    _check_case(case)
    rated_on = _check_date("rated_on", rated_on, "the rooms were rated")
    for room in ROOMS:
        score = {"living_room": living_room, "kitchen": kitchen, "bedroom": bedroom}[room]
        try:
            rules.check_score(score)
        except ValueError as exc:
            raise ValidationError(
                {room: f"Choose a Clutter Image Rating from 1 to 9 for the {ROOM_LABELS[room]}."}
            ) from exc
    note = _check_text("note", note, "note")

    latest = (
        ClutterRating.objects.filter(case=case)
        .order_by("-rated_on", "-id")
        .only("rated_on")
        .first()
    )
    is_latest = latest is None or rated_on >= latest.rated_on
    rating = ClutterRating.objects.create(
        case=case,
        rated_on=rated_on,
        rated_by=actor,
        living_room=living_room,
        kitchen=kitchen,
        bedroom=bedroom,
        note=note,
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=rating, source=source)
    score = rating.case_rating
    _timeline(
        case=case,
        actor=actor,
        text=(
            f"Clutter Image Rating {score} on {rated_on:%-d %b %Y} ({rules.band_text(score)}): "
            f"living room {living_room}, kitchen {kitchen}, bedroom {bedroom}."
            + ("" if is_latest else " Entered after a later rating, so it set no actions.")
        ),
    )
    if not is_latest:
        return RatingResult(rating=rating, is_latest=False)
    actions = _add_band_actions(
        actor=actor, case=case, rating=score, rated_on=rated_on, source=source
    )
    risk_raised = False
    if rules.raises_risk_to_high(score):
        risk_raised = _raise_risk_to_high(actor=actor, case=case, score=score, source=source)
    return RatingResult(rating=rating, actions=actions, risk_raised=risk_raised)


def home_in_scheme(case: Case) -> bool:
    """Whether the case's place is in a scheme (sheltered, older persons or supported
    housing), where neighbours share communal space and fire risk."""
    estate = None
    if case.home_id is not None:
        estate = case.home.estate  # type: ignore[union-attr]
    elif case.block_id is not None:
        estate = case.block.estate  # type: ignore[union-attr]
    elif case.estate_id is not None:
        estate = case.estate
    return bool(estate is not None and estate.is_scheme)


@transaction.atomic
def self_neglect_assessment_add(
    *,
    actor: Any,
    case: Case,
    assessed_on: dt.date,
    condition_of_home: str,
    risks_to_person: str,
    condition_detail: str = "",
    risks_to_neighbours: str = "",
    multi_agency_meeting_needed: bool = False,
    action_plan: str = "",
    note: str = "",
    source: str = "web",
) -> SelfNeglectAssessment:
    """Record a self-neglect assessment: the condition of the home, the risks to the person and
    to neighbours, and whether a multi-agency meeting is needed. Whether the home is in a
    scheme is taken from the case's place, not typed."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("home__estate", "block__estate", "estate")
        .get(pk=case.pk)
    )
    _check_case(case)
    if case.case_type != CaseType.SELF_NEGLECT:
        raise ValidationError("Only self-neglect cases take a self-neglect assessment.")
    assessed_on = _check_date("assessed_on", assessed_on, "of the assessment")
    if condition_of_home not in HomeCondition.values:
        raise ValidationError({"condition_of_home": "Choose the condition of the home."})
    assessment = SelfNeglectAssessment.objects.create(
        case=case,
        assessed_on=assessed_on,
        assessed_by=actor,
        condition_of_home=condition_of_home,
        condition_detail=_check_text("condition_detail", condition_detail, "condition detail"),
        risks_to_person=_check_text(
            "risks_to_person", risks_to_person, "risks to the person", required=True
        ),
        risks_to_neighbours=_check_text(
            "risks_to_neighbours", risks_to_neighbours, "risks to neighbours"
        ),
        home_in_scheme=home_in_scheme(case),
        multi_agency_meeting_needed=multi_agency_meeting_needed,
        action_plan=_check_text("action_plan", action_plan, "action plan"),
        note=_check_text("note", note, "note"),
    )
    record_change(actor=actor, action=AuditAction.CREATE, instance=assessment, source=source)
    _timeline(
        case=case,
        actor=actor,
        text=(
            f"Self-neglect assessment on {assessed_on:%-d %b %Y}: condition of the home "
            f"{HomeCondition(condition_of_home).label.lower()}"
            + ("; multi-agency meeting needed." if multi_agency_meeting_needed else ".")
        ),
    )
    return assessment
