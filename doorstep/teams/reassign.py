"""The registry of reassignable work: what moves when a colleague moves team (DOMAIN.md §10).

Each app that gives staff work they own registers a `Reassignable` in its AppConfig.ready():

    from doorstep.teams.reassign import register
    register(MyKind())

A Reassignable says what a member of staff holds (`preview`), moves chosen items to a colleague
(`move`, returning what changed so the move can be undone) and puts them back (`undo`, skipping
anything changed since). "Move a colleague" never changes to add a kind of work.
`ModelReassignable` does all three for the common case: one owner field on one model.

`plan_moves` is the pure split rule: all to one colleague, in turn, or by patch (each patch to
one colleague, and work on that patch follows it).
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q

from doorstep.core.audit import record_change, snapshot
from doorstep.core.models import AuditAction

# The kind whose items are the leaver's patches: the by-patch rule splits on these.
PATCH_KIND = "patches"


@dataclass(frozen=True)
class WorkItem:
    """One piece of work someone holds, as the preview shows it."""

    kind: str
    object_id: int
    label: str
    url: str = ""
    # The patch the work is on, when it has one (a patch's own id for a patch).
    patch_id: int | None = None


@dataclass(frozen=True)
class Moved:
    """What a move changed on one record: field values before and after, and a stamp of the
    record's state just after the move (compared at undo time)."""

    object_id: int
    before: dict[str, Any]
    after: dict[str, Any]
    stamp: str


@dataclass(frozen=True)
class UndoItem:
    """A moved item as the log holds it, handed back to its Reassignable to undo."""

    object_id: int
    from_user_id: int
    to_user_id: int
    before: dict[str, Any]
    after: dict[str, Any]
    stamp: str


class Reassignable(ABC):
    """A kind of work that can move from one member of staff to another."""

    kind: str  # a stable code, stored in the log (e.g. "case_lead")
    label: str  # how the preview heads the list (e.g. "Open cases they lead")

    @abstractmethod
    def preview(self, user: Any) -> list[WorkItem]:
        """Everything of this kind `user` holds now, in a fixed number of queries."""

    @abstractmethod
    def move(self, *, actor: Any, from_user: Any, to_user: Any, ids: Sequence[int]) -> list[Moved]:
        """Give the items with `ids` (held by `from_user`) to `to_user`, audited. Items no
        longer held by `from_user` are left alone and not returned. Runs inside the caller's
        transaction."""

    @abstractmethod
    def undo(self, *, actor: Any, items: Sequence[UndoItem]) -> dict[int, str]:
        """Put moved items back, audited. Returns {object_id: reason} for those left where
        they are because they changed since the move (or are gone)."""


class ModelReassignable(Reassignable):
    """Work held through one foreign key to the user on one model (a case's lead officer, an
    action's owner, a call-back's officer, a patch's officer). The model needs `updated_at`
    (TimeStampedModel): a record saved since the move is not moved back."""

    def __init__(
        self,
        *,
        kind: str,
        label: str,
        model: type[models.Model],
        owner_field: str,
        open_q: Q | Callable[[], Q] | None = None,
        related: Sequence[str] = (),
        label_of: Callable[[Any], str] = str,
        url_of: Callable[[Any], str] | None = None,
        patch_of: Callable[[Any], int | None] | None = None,
        also_change: Callable[[Any, Any], dict[str, Any]] | None = None,
        after_move: Callable[..., None] | None = None,
    ) -> None:
        self.kind = kind
        self.label = label
        self.model = model
        self.owner_field = owner_field
        self.owner_attname = model._meta.get_field(owner_field).attname  # type: ignore[union-attr]
        self.open_q = open_q or Q()
        self.related = list(related)
        self.label_of = label_of
        self.url_of = url_of
        self.patch_of = patch_of
        self.also_change = also_change
        self.after_move = after_move

    def _rows(self) -> models.QuerySet[Any]:
        rows = self.model._default_manager.all()
        return rows.select_related(*self.related) if self.related else rows

    def _held_by(self, user: Any) -> models.QuerySet[Any]:
        # A callable open_q is worked out each time (work that depends on the clock, such as
        # events still to come).
        open_q = self.open_q() if callable(self.open_q) else self.open_q
        return self._rows().filter(open_q, **{self.owner_attname: user.pk})

    def preview(self, user: Any) -> list[WorkItem]:
        rows = self._held_by(user).order_by("pk")
        return [
            WorkItem(
                kind=self.kind,
                object_id=int(row.pk),
                label=self.label_of(row)[:200],
                url=self.url_of(row) if self.url_of else "",
                patch_id=self.patch_of(row) if self.patch_of else None,
            )
            for row in rows
        ]

    def _stamp(self, row: Any) -> str:
        return str(row.updated_at.isoformat())

    def move(self, *, actor: Any, from_user: Any, to_user: Any, ids: Sequence[int]) -> list[Moved]:
        rows = (
            self._held_by(from_user)
            .filter(pk__in=list(ids))
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        moved: list[Moved] = []
        for row in rows:
            changes: dict[str, Any] = {self.owner_attname: to_user.pk}
            if self.also_change:
                changes.update(self.also_change(row, to_user))
            before_values = {name: getattr(row, name) for name in changes}
            audit_before = snapshot(row)
            for name, value in changes.items():
                setattr(row, name, value)
            row.save()
            record_change(actor=actor, action=AuditAction.UPDATE, instance=row, before=audit_before)
            if self.after_move:
                self.after_move(row=row, actor=actor, from_user=from_user, to_user=to_user)
            moved.append(
                Moved(
                    object_id=int(row.pk),
                    before=before_values,
                    after=changes,
                    stamp=self._stamp(row),
                )
            )
        return moved

    def undo(self, *, actor: Any, items: Sequence[UndoItem]) -> dict[int, str]:
        by_id = {item.object_id: item for item in items}
        rows = {
            row.pk: row
            for row in self._rows().filter(pk__in=list(by_id)).select_for_update(of=("self",))
        }
        skipped: dict[int, str] = {}
        for object_id, item in sorted(by_id.items()):
            row = rows.get(object_id)
            if row is None:
                skipped[object_id] = "It no longer exists."
                continue
            changed = any(getattr(row, name) != value for name, value in item.after.items())
            if changed or self._stamp(row) != item.stamp:
                skipped[object_id] = "It was changed after the move, so it stays where it is."
                continue
            audit_before = snapshot(row)
            for name, value in item.before.items():
                setattr(row, name, value)
            row.save()
            record_change(actor=actor, action=AuditAction.UPDATE, instance=row, before=audit_before)
        return skipped


_kinds: dict[str, Reassignable] = {}


def register(kind: Reassignable) -> None:
    _kinds[kind.kind] = kind


def kinds() -> dict[str, Reassignable]:
    """The registered kinds, in registration order."""
    return dict(_kinds)


# --- the split rule (pure) -------------------------------------------------------------------


@dataclass
class Plan:
    """Who gets what: (kind, object_id) -> receiver id, and each leaver's patch's receiver."""

    assignments: dict[tuple[str, int], int] = field(default_factory=dict)
    patch_receivers: dict[int, int] = field(default_factory=dict)

    def fingerprint(self) -> str:
        """A short digest of the plan: the apply step refuses a plan that differs from the
        one previewed (someone's work changed in between)."""
        lines = sorted(f"{k}:{i}:{r}" for (k, i), r in self.assignments.items())
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:20]


def default_patch_receivers(patch_ids: Sequence[int], receivers: Sequence[int]) -> dict[int, int]:
    """Each patch to one colleague, in turn, in the order given."""
    return {pid: receivers[i % len(receivers)] for i, pid in enumerate(patch_ids)}


def plan_moves(
    *,
    items: Sequence[WorkItem],
    receivers: Sequence[int],
    rule: str,
    patch_receivers: Mapping[int, int] | None = None,
) -> Plan:
    """Split `items` between `receivers` by `rule` ("all_to_one", "round_robin", "by_patch").

    - all_to_one: everything to the one receiver.
    - round_robin: each kind is dealt in turn (by id), so everyone gets a share of each kind.
    - by_patch: each of the leaver's patches goes to one receiver (`patch_receivers`, else in
      turn), and work on one of those patches follows it; work on no such patch is dealt in
      turn.
    """
    if not receivers:
        raise ValueError("Choose at least one colleague to receive the work.")
    if rule == "all_to_one" and len(receivers) != 1:
        raise ValueError("Choose exactly one colleague to give all the work to.")
    plan = Plan()
    if rule == "all_to_one":
        plan.assignments = {(item.kind, item.object_id): receivers[0] for item in items}
        return plan
    by_patch: dict[int, int] = {}
    if rule == "by_patch":
        patch_ids = sorted(
            (item.object_id for item in items if item.kind == PATCH_KIND),
        )
        defaults = default_patch_receivers(patch_ids, receivers)
        chosen = dict(patch_receivers or {})
        by_patch = {pid: chosen.get(pid, defaults[pid]) for pid in patch_ids}
        if any(receiver not in receivers for receiver in by_patch.values()):
            raise ValueError("Each patch must go to one of the colleagues chosen.")
        plan.patch_receivers = by_patch
    turns: dict[str, int] = defaultdict(int)
    for item in sorted(items, key=lambda i: (i.kind, i.object_id)):
        if item.patch_id is not None and item.patch_id in by_patch:
            plan.assignments[(item.kind, item.object_id)] = by_patch[item.patch_id]
            continue
        turn = turns[item.kind]
        turns[item.kind] += 1
        plan.assignments[(item.kind, item.object_id)] = receivers[turn % len(receivers)]
    return plan
