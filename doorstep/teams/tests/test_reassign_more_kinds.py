"""The kinds of work registered by the apps built since "Move a colleague": welfare-call
programmes, inspection schedules and inspections in progress, repairs, support referrals,
meeting actions and meetings chaired, community event tasks and events. For each: the preview
lists exactly the open work, a move leaves nothing with the leaver, undo restores it; and the
whole move through the service leaves nothing behind and undoes completely."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from doorstep.community.tests.factories import EventFactory, EventTaskFactory
from doorstep.inspections.models import InspectionStatus
from doorstep.inspections.tests.factories import InspectionFactory, ScheduleFactory
from doorstep.meetings.tests.factories import MeetingActionFactory, MeetingFactory
from doorstep.places.tests.factories import BlockFactory
from doorstep.repairs.models import RepairStatus
from doorstep.repairs.tests.factories import RepairFactory
from doorstep.sustainment.models import ReferralStatus
from doorstep.sustainment.tests.factories import SupportReferralFactory
from doorstep.teams import services
from doorstep.teams.reassign import UndoItem, kinds
from doorstep.welfare.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

NEW_KINDS = [
    "welfare_programmes",
    "inspection_schedules",
    "inspections_in_progress",
    "repairs",
    "support_referrals",
    "meeting_actions",
    "meetings_chaired",
    "event_tasks",
    "events_organised",
]


def _welfare(user: Any, ctx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    held = [ProgrammeFactory(officer=user, team=ctx["team"]) for _ in range(2)]
    return held, [ProgrammeFactory(officer=user, team=ctx["team"], active=False)]


def _schedules(user: Any, ctx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    estate = ctx["estate"]
    held = [
        ScheduleFactory(estate=estate, inspector=user),
        ScheduleFactory(estate=estate, block=BlockFactory(estate=estate), inspector=user),
    ]
    return held, [ScheduleFactory(estate=estate, inspector=user, active=False)]


def _in_progress(user: Any, ctx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    held = [
        InspectionFactory(
            estate=ctx["estate"],
            inspector=user,
            status=InspectionStatus.IN_PROGRESS,
            completed_at=None,
            score=None,
        )
    ]
    return held, [InspectionFactory(estate=ctx["estate"], inspector=user)]


def _repairs(user: Any, ctx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    held = [
        RepairFactory(home=ctx["home"], owner=user),
        RepairFactory(home=None, estate=ctx["estate"], owner=user),
        RepairFactory(home=ctx["home"], owner=user, status=RepairStatus.ORDERED),
    ]
    cancelled = RepairFactory(
        home=ctx["home"], owner=user, status=RepairStatus.CANCELLED, cancel_reason="Duplicate"
    )
    return held, [cancelled]


def _referrals(user: Any, ctx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    held = [SupportReferralFactory(officer=user, person=ctx["person"]) for _ in range(2)]
    closed = SupportReferralFactory(
        officer=user,
        person=ctx["person"],
        status=ReferralStatus.COMPLETED,
        closed_on=timezone.localdate(),
    )
    return held, [closed]


def _meeting_actions(user: Any, ctx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    meeting = MeetingFactory(chair=ctx["chair"])
    held = [MeetingActionFactory(meeting=meeting, owner=user) for _ in range(2)]
    done = MeetingActionFactory(meeting=meeting, owner=user, done_at=timezone.now())
    return held, [done]


def _chaired(user: Any, ctx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    held = [MeetingFactory(chair=user, created_by=user)]
    final = MeetingFactory(
        chair=user,
        created_by=user,
        minutes="Agreed the plan.",
        minutes_finalised_at=timezone.now(),
        minutes_finalised_by=user,
    )
    return held, [final]


def _event_tasks(user: Any, ctx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    event = EventFactory(office=ctx["office"], organiser=ctx["chair"])
    held = [EventTaskFactory(event=event, owner=user) for _ in range(2)]
    return held, [EventTaskFactory(event=event, owner=user, done_at=timezone.now())]


def _events(user: Any, ctx: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    held = [EventFactory(office=ctx["office"], organiser=user)]
    past = EventFactory(
        office=ctx["office"], organiser=user, starts_at=timezone.now() - dt.timedelta(days=3)
    )
    return held, [past]


BUILDERS: dict[str, Callable[[Any, dict[str, Any]], tuple[list[Any], list[Any]]]] = {
    "welfare_programmes": _welfare,
    "inspection_schedules": _schedules,
    "inspections_in_progress": _in_progress,
    "repairs": _repairs,
    "support_referrals": _referrals,
    "meeting_actions": _meeting_actions,
    "meetings_chaired": _chaired,
    "event_tasks": _event_tasks,
    "events_organised": _events,
}


@pytest.fixture
def ctx(team, office, estate, home, person, team_leader):
    return {
        "team": team,
        "office": office,
        "estate": estate,
        "home": home,
        "person": person,
        "chair": team_leader,
    }


def test_every_new_kind_is_registered():
    assert set(NEW_KINDS) <= set(kinds())
    assert set(BUILDERS) == set(NEW_KINDS)


@pytest.mark.parametrize("kind_name", NEW_KINDS)
def test_preview_move_and_undo(kind_name, ctx, officer, colleague, team_leader):
    kind = kinds()[kind_name]
    held, not_held = BUILDERS[kind_name](officer, ctx)
    # The preview lists the open work, and only that.
    preview = kind.preview(officer)
    assert sorted(item.object_id for item in preview) == sorted(row.pk for row in held)
    assert all(item.label and item.url for item in preview)
    # A move leaves nothing with the leaver.
    with transaction.atomic():
        moved = kind.move(
            actor=team_leader,
            from_user=officer,
            to_user=colleague,
            ids=[row.pk for row in held + not_held],
        )
    assert sorted(m.object_id for m in moved) == sorted(row.pk for row in held)
    assert kind.preview(officer) == []
    assert sorted(item.object_id for item in kind.preview(colleague)) == sorted(
        row.pk for row in held
    )
    # Closed, done or past work is history: it stays where it was.
    for row in not_held:
        row.refresh_from_db()
        assert getattr(row, kind.owner_attname) == officer.pk  # type: ignore[attr-defined]
    # Undo restores every item.
    with transaction.atomic():
        skipped = kind.undo(
            actor=team_leader,
            items=[
                UndoItem(
                    object_id=m.object_id,
                    from_user_id=officer.pk,
                    to_user_id=colleague.pk,
                    before=m.before,
                    after=m.after,
                    stamp=m.stamp,
                )
                for m in moved
            ],
        )
    assert skipped == {}
    assert sorted(item.object_id for item in kind.preview(officer)) == sorted(
        row.pk for row in held
    )
    assert kind.preview(colleague) == []


def test_moving_a_colleague_moves_all_the_new_kinds_and_undo_restores_them(
    ctx, officer, colleague, team_leader
):
    held: dict[str, set[int]] = {}
    for name, build in BUILDERS.items():
        rows, _ = build(officer, ctx)
        held[name] = {row.pk for row in rows}
    registered = kinds()
    move = services.reassignment_apply(
        actor=team_leader, from_user=officer, receivers=[colleague], rule="all_to_one"
    )
    for name in NEW_KINDS:
        assert registered[name].preview(officer) == [], name
        assert {i.object_id for i in registered[name].preview(colleague)} == held[name], name
    result = services.reassignment_undo(actor=team_leader, reassignment=move)
    assert result.skipped == []
    for name in NEW_KINDS:
        assert {i.object_id for i in registered[name].preview(officer)} == held[name], name
        assert registered[name].preview(colleague) == [], name
