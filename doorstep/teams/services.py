"""Writes for the check-in board, priorities and moving a colleague's work (DOMAIN.md §10).

Every service checks permission itself, runs in one transaction and writes the audit record.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from doorstep.core.audit import record_change, snapshot
from doorstep.core.concurrency import CONFLICT_MESSAGE, EditConflict, version_of
from doorstep.core.models import AuditAction
from doorstep.core.permissions import require
from doorstep.places.models import Team
from doorstep.teams import selectors
from doorstep.teams.models import (
    AbsenceReason,
    CheckIn,
    Priority,
    ReassignedItem,
    Reassignment,
    SplitRule,
    Whereabouts,
)
from doorstep.teams.permissions import (
    can_move_work,
    can_set_check_in,
    can_set_priorities,
    can_undo,
)
from doorstep.teams.reassign import UndoItem, kinds

WHERE_MAX = 120
PRIORITY_MAX = 200
MAX_PRIORITIES = 6


def _not_past(date: dt.date | None, field_name: str = "date") -> dt.date:
    if date is None:
        raise ValidationError({field_name: "Enter the date."})
    if date < timezone.localdate():
        raise ValidationError({field_name: "You cannot change a day that has passed."})
    return date


# --- check-in --------------------------------------------------------------------------------


@transaction.atomic
def check_in_set(
    *,
    actor: Any,
    member: Any,
    date: dt.date,
    whereabouts: str,
    where: str = "",
    absence_reason: str = "",
    expected_version: str | None = None,
) -> CheckIn:
    """Record where `member` is working on `date`. Staff set their own; the leader of their
    team (or a manager of its office) sets anyone's. Out on visits needs where; absent needs
    a reason category (leave, sick, training, other) and never any detail. With
    `expected_version` (NO_CHECK_IN_YET when the form was opened on none), refuses
    (EditConflict) if someone set the check-in since."""
    require(
        can_set_check_in(actor, member),
        "You can set your own check-in; team leaders set their team's.",
    )
    _not_past(date)
    if whereabouts not in Whereabouts.values:
        raise ValidationError({"whereabouts": "Select where they are working."})
    where = (where or "").strip()
    if len(where) > WHERE_MAX:
        raise ValidationError({"where": f"Where must be {WHERE_MAX} characters or fewer."})
    if whereabouts == Whereabouts.ON_VISITS:
        if not where:
            raise ValidationError({"where": "Enter where they are visiting, like Beechdale."})
    else:
        where = ""
    if whereabouts == Whereabouts.ABSENT:
        if absence_reason not in AbsenceReason.values:
            raise ValidationError(
                {"absence_reason": "Select the kind of absence: leave, sick, training or other."}
            )
    else:
        absence_reason = ""
    existing = CheckIn.objects.select_for_update().filter(user=member, date=date).first()
    if existing is not None and expected_version not in (None, version_of(existing)):
        raise EditConflict(existing)
    if existing is None:
        check_in = CheckIn.objects.create(
            user=member,
            date=date,
            whereabouts=whereabouts,
            where=where,
            absence_reason=absence_reason,
            set_by=actor,
        )
        record_change(actor=actor, action=AuditAction.CREATE, instance=check_in)
        return check_in
    before = snapshot(existing)
    existing.whereabouts = whereabouts
    existing.where = where
    existing.absence_reason = absence_reason
    existing.set_by = actor
    existing.save()
    record_change(actor=actor, action=AuditAction.UPDATE, instance=existing, before=before)
    return existing


#: The version of a day with no check-in yet: a form opened then conflicts with one set since.
NO_CHECK_IN_YET = "none"


def check_in_version(check_in: CheckIn | None) -> str:
    return NO_CHECK_IN_YET if check_in is None else version_of(check_in)


# --- priorities ------------------------------------------------------------------------------


def priorities_version(priorities: Sequence[Priority]) -> str:
    """A day's priorities are replaced as one list, so its version is the list's: each
    row's id and time saved ("none" for an empty list)."""
    return ",".join(f"{p.pk}@{version_of(p)}" for p in priorities) or "none"


class PrioritiesChanged(Exception):
    """The team's priorities for the day were set by someone else since the form was opened;
    `current` is the list now and `version` its version."""

    def __init__(self, current: list[Priority]) -> None:
        super().__init__(CONFLICT_MESSAGE)
        self.current = current
        self.version = priorities_version(current)


@transaction.atomic
def priorities_set(
    *,
    actor: Any,
    team: Any,
    date: dt.date,
    texts: Sequence[str],
    expected_version: str | None = None,
) -> list[Priority]:
    """Replace the team's priorities for `date` with `texts` (blank lines ignored), at most
    six, each a short line. Team leaders and managers of the team only. With
    `expected_version` (`priorities_version` of the list the form was opened on), refuses
    (PrioritiesChanged) if someone set them since."""
    require(
        can_set_priorities(actor, team), "Only the team leader or a manager can set priorities."
    )
    _not_past(date)
    lines = [text.strip() for text in texts if text and text.strip()]
    if len(lines) > MAX_PRIORITIES:
        raise ValidationError(
            {"priorities": f"Keep to {MAX_PRIORITIES} priorities or fewer: a short list."}
        )
    for number, line in enumerate(lines, start=1):
        if len(line) > PRIORITY_MAX:
            raise ValidationError(
                {"priorities": f"Priority {number} must be {PRIORITY_MAX} characters or fewer."}
            )
    # The team's row is the lock: an empty day has no priority rows to lock.
    Team.objects.select_for_update().filter(pk=team.pk).first()
    current = list(Priority.objects.filter(team=team, date=date).order_by("position", "id"))
    if expected_version is not None and priorities_version(current) != expected_version:
        raise PrioritiesChanged(current)
    for old in current:
        record_change(actor=actor, action=AuditAction.DELETE, instance=old, before=snapshot(old))
        old.delete()
    created = []
    for position, line in enumerate(lines, start=1):
        priority = Priority.objects.create(
            team=team, date=date, position=position, text=line, set_by=actor
        )
        record_change(actor=actor, action=AuditAction.CREATE, instance=priority)
        created.append(priority)
    return created


# --- moving a colleague's work ---------------------------------------------------------------


def reassignment_check(
    *, actor: Any, from_user: Any, receivers: Sequence[Any], rule: str, new_team: Any
) -> None:
    """Refuse a move that may not happen: not their team leader or manager, no colleague,
    a colleague outside the teams the actor runs, an unknown rule."""
    require(
        can_move_work(actor, from_user),
        "Only their team leader or a manager of their office can move their work.",
    )
    if rule not in SplitRule.values:
        raise ValidationError({"rule": "Select how to share the work out."})
    if not receivers:
        raise ValidationError({"receivers": "Choose at least one colleague to take the work."})
    if any(receiver.pk == from_user.pk for receiver in receivers):
        raise ValidationError({"receivers": "The colleague moving cannot take their own work."})
    allowed = set(selectors.movable_staff(user=actor).values_list("pk", flat=True))
    if any(receiver.pk not in allowed for receiver in receivers):
        raise ValidationError(
            {"receivers": "Work can only go to active colleagues in the teams you run."}
        )
    if rule == SplitRule.ALL_TO_ONE and len(receivers) != 1:
        raise ValidationError({"receivers": "Choose exactly one colleague to take all the work."})
    if new_team is not None and new_team.pk == from_user.team_id:
        raise ValidationError({"new_team": "They are already in that team."})


@transaction.atomic
def reassignment_apply(
    *,
    actor: Any,
    from_user: Any,
    receivers: Sequence[Any],
    rule: str,
    patch_receivers: Mapping[int, int] | None = None,
    new_team: Any = None,
    expected: str = "",
) -> Reassignment:
    """Move everything `from_user` holds (every registered kind: open cases they lead, open
    actions, open call-backs, patches, …) to `receivers` by `rule`, in one transaction, with
    a log of every item (kind, id, from, to) and an audit row for each record changed. With
    `new_team`, they move to that team too. `expected` is the previewed plan's fingerprint:
    if the work changed since the preview, nothing moves."""
    reassignment_check(
        actor=actor, from_user=from_user, receivers=receivers, rule=rule, new_team=new_team
    )
    try:
        preview = selectors.move_preview(
            user=actor,
            from_user=from_user,
            receivers=receivers,
            rule=rule,
            patch_receivers=patch_receivers,
        )
    except ValueError as exc:
        raise ValidationError({"receivers": str(exc)}) from exc
    if expected and preview.plan.fingerprint() != expected:
        raise ValidationError(
            "Their work changed since you looked at the preview. Check the preview again."
        )
    reassignment = Reassignment.objects.create(
        from_user=from_user, actor=actor, rule=rule, team_before_id=from_user.team_id
    )
    reassignment.receivers.set(receivers)
    labels = {
        (line.item.kind, line.item.object_id): line.item.label
        for group in preview.groups
        for line in group.lines
    }
    by_id = {receiver.pk: receiver for receiver in receivers}
    batches: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
    for (kind, object_id), receiver_id in preview.plan.assignments.items():
        batches[(kind, receiver_id)].append(object_id)
    registered = kinds()
    rows = []
    for (kind, receiver_id), ids in sorted(batches.items()):
        to_user = by_id[receiver_id]
        for moved in registered[kind].move(
            actor=actor, from_user=from_user, to_user=to_user, ids=ids
        ):
            rows.append(
                ReassignedItem(
                    reassignment=reassignment,
                    kind=kind,
                    object_id=moved.object_id,
                    label=labels.get((kind, moved.object_id), "")[:200],
                    from_user=from_user,
                    to_user=to_user,
                    before=moved.before,
                    after=moved.after,
                    stamp=moved.stamp,
                )
            )
    ReassignedItem.objects.bulk_create(rows)
    if new_team is not None:
        before = snapshot(from_user)
        from_user.team = new_team
        from_user.save(update_fields=["team"])
        record_change(actor=actor, action=AuditAction.UPDATE, instance=from_user, before=before)
        reassignment.team_after = new_team
        reassignment.save(update_fields=["team_after", "updated_at"])
    record_change(actor=actor, action=AuditAction.CREATE, instance=reassignment)
    return reassignment


@dataclass
class UndoResult:
    restored: int = 0
    skipped: list[ReassignedItem] = field(default_factory=list)
    team_restored: bool = False
    team_note: str = ""


@transaction.atomic
def reassignment_undo(*, actor: Any, reassignment: Reassignment) -> UndoResult:
    """Move back exactly the items that moved. An item changed since the move (reassigned
    again, done, edited) is left where it is and reported. The colleague goes back to their
    old team unless their team has changed again since."""
    require(can_undo(actor, reassignment), "Only whoever made this move, or who runs the team.")
    locked = Reassignment.objects.select_for_update().get(pk=reassignment.pk)
    if locked.undone_at is not None:
        raise ValidationError("This move has already been undone.")
    items = list(locked.items.filter(undone=False).order_by("kind", "object_id"))
    registered = kinds()
    result = UndoResult()
    by_kind: defaultdict[str, list[ReassignedItem]] = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(item)
    for kind, group in by_kind.items():
        if kind not in registered:
            for item in group:
                item.undo_skipped = "This kind of work can no longer be moved back."
                result.skipped.append(item)
            continue
        skipped = registered[kind].undo(
            actor=actor,
            items=[
                UndoItem(
                    object_id=item.object_id,
                    from_user_id=item.from_user_id,
                    to_user_id=item.to_user_id,
                    before=item.before,
                    after=item.after,
                    stamp=item.stamp,
                )
                for item in group
            ],
        )
        for item in group:
            if item.object_id in skipped:
                item.undo_skipped = skipped[item.object_id][:300]
                result.skipped.append(item)
            else:
                item.undone = True
                result.restored += 1
    ReassignedItem.objects.bulk_update(items, ["undone", "undo_skipped"])
    if locked.team_after_id is not None:
        member = type(actor)._default_manager.select_for_update().get(pk=locked.from_user_id)
        if member.team_id == locked.team_after_id:
            before = snapshot(member)
            member.team_id = locked.team_before_id
            member.save(update_fields=["team"])
            record_change(actor=actor, action=AuditAction.UPDATE, instance=member, before=before)
            result.team_restored = True
        else:
            result.team_note = "Their team has changed again since the move, so it stays."
    before = snapshot(locked)
    locked.undone_at = timezone.now()
    locked.undone_by = actor
    locked.save(update_fields=["undone_at", "undone_by", "updated_at"])
    record_change(actor=actor, action=AuditAction.UPDATE, instance=locked, before=before)
    reassignment.undone_at = locked.undone_at
    reassignment.undone_by = actor
    return result
