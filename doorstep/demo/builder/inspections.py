"""Estate inspections at the demo landlord: a schedule for every estate (and a block or two),
a year of inspections per estate with a score trend an estates manager would recognise (one
estate improving, one slipping, the rest steady), a few failed items with the cases raised
from them, and inspections due and overdue on the Walsall estates officer's My day (one of
them started this morning).

The year of history is bulk-created (it is most of the rows); schedules, the inspection in
progress and the cases raised go through the real services, so their audit rows and case
timelines are an officer's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.cases.models import CaseType
from doorstep.core.working_days import is_working_day
from doorstep.demo import data
from doorstep.demo.builder.common import BATCH_SIZE, Build, moment_on
from doorstep.inspections import rules, services
from doorstep.inspections.defaults import install_checklist
from doorstep.inspections.models import (
    ChecklistItem,
    Inspection,
    InspectionAnswer,
    InspectionStatus,
    Result,
)
from doorstep.places.models import Block, Estate

# What an inspector writes when an item fails, by item.
FAILURE_NOTES: dict[str, tuple[str, ...]] = {
    "Communal areas clean": (
        "Litter and cigarette ends on the stairs up to the second floor.",
        "Graffiti on the lift doors; the lobby floor has not been mopped this week.",
    ),
    "Fire doors closed": (
        "Fire door on the first-floor landing wedged open with a fire extinguisher.",
        "Door closer broken on the ground-floor lobby door: it no longer shuts by itself.",
    ),
    "Escape routes clear": (
        "Bikes and a pushchair stored on the third-floor landing.",
        "Boxes and an old mattress left in the rear stairwell.",
    ),
    "Lighting working": (
        "Two stairwell lights out between the second and third floors.",
        "Car park lamp post by the garages not working.",
    ),
    "No fly-tipping": (
        "Sofa and black bags dumped behind the garages.",
        "Mattress and a fridge left behind the shops.",
        "Builders' rubble tipped on the verge by the main entrance.",
    ),
    "Bin stores": (
        "Bins overflowing and side waste on the floor of the bin store.",
        "Bin store door forced; it will not lock.",
    ),
    "Grounds": (
        "Grass by the play area not cut for weeks.",
        "Broken fence panel on the path to the shops.",
    ),
    "Play area": (
        "Swing seat chain broken; taped off for now.",
        "Broken glass under the climbing frame.",
    ),
    "Signage": (
        "Block name sign missing at the main entrance.",
        "Fire action notice torn down in the lobby.",
    ),
}


@dataclass(frozen=True)
class PlacePlan:
    """How the place has fared over the year: the chance an item passes, then and now."""

    estate: str
    block: str | None = None
    days_since_last: int = 18  # the latest completed inspection, this many days ago
    quality_then: float = 0.86
    quality_now: float = 0.86
    frequency_weeks: int = 4


# Walsall's are set so the demo estates officer has inspections due and overdue.
PLANS: tuple[PlacePlan, ...] = (
    PlacePlan("Beechdale Estate", days_since_last=31, quality_then=0.62, quality_now=0.88),
    PlacePlan("Beechdale Estate", "Lapwing House", days_since_last=28, frequency_weeks=4),
    PlacePlan("Alumwell Court", days_since_last=10, quality_then=0.95, quality_now=0.95),
    PlacePlan("Blakenall Heath Estate", days_since_last=35, quality_then=0.9, quality_now=0.66),
    PlacePlan("Goscote Fields", days_since_last=14, quality_then=0.8, quality_now=0.84),
    PlacePlan("Caldmore Green", days_since_last=28, quality_then=0.76, quality_now=0.8),
    PlacePlan("Kitts Green Estate", days_since_last=6, quality_then=0.7, quality_now=0.82),
    PlacePlan("Shard End Estate", days_since_last=20, quality_then=0.84, quality_now=0.78),
    PlacePlan("Lea Hall Gardens", days_since_last=9, quality_then=0.96, quality_now=0.93),
    PlacePlan("Stechford Village", days_since_last=16, quality_then=0.82, quality_now=0.86),
    PlacePlan("Bestwood Park Estate", days_since_last=12, quality_then=0.74, quality_now=0.85),
    PlacePlan("Top Valley Estate", days_since_last=22, quality_then=0.8, quality_now=0.8),
    PlacePlan("Rise Park Court", days_since_last=8, quality_then=0.94, quality_now=0.97),
)
# The inspection started this morning and left part-done (My day offers "Carry on").
IN_PROGRESS = "Blakenall Heath Estate"
# Latest failures that had a fly-tipping case raised: (estate, item, the inspector's note).
CASES_RAISED: tuple[tuple[str, str, str], ...] = (
    ("Beechdale Estate", "No fly-tipping", "Three mattresses and a sofa dumped by the garages."),
    (
        "Blakenall Heath Estate",
        "Escape routes clear",
        "Old mattress and boxes dumped in the stairwell.",
    ),
    ("Kitts Green Estate", "No fly-tipping", "Builders' rubble tipped on the verge by the flats."),
    ("Bestwood Park Estate", "No fly-tipping", "Black bags and a broken wardrobe by the garages."),
)


def _weekday_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _staff(build: Build, office: str, role: str, *, leads: bool = False) -> User:
    plan = next(
        p
        for p in data.STAFF
        if p.office == office and p.role == role and p.team == data.ESTATES and p.leads == leads
    )
    return build.users[plan.full_name]


def _dates(build: Build, plan: PlacePlan) -> list[dt.date]:
    """6-10 inspection dates over the past year, oldest first, the last `days_since_last`
    days ago; about every 4-7 weeks, as real rounds slip."""
    last = _weekday_on_or_before(build.today - dt.timedelta(days=plan.days_since_last))
    wanted = build.rng.randint(6, 10)
    dates = [last]
    while len(dates) < wanted:
        gap = dt.timedelta(days=build.rng.randint(28, 49))
        earlier = _weekday_on_or_before(dates[-1] - gap)
        if (build.today - earlier).days > 365:
            break
        dates.append(earlier)
    return sorted(dates)


def _results(
    build: Build, items: list[ChecklistItem], quality: float, scheme: bool
) -> list[tuple[str, str]]:
    """(result, note) per item for one inspection of a place of this quality."""
    out: list[tuple[str, str]] = []
    for item in items:
        if item.text == "Play area" and scheme:
            out.append((Result.NOT_APPLICABLE, "No play area at the scheme."))
        elif build.rng.random() < 0.04:
            out.append((Result.NOT_APPLICABLE, "Could not check: area closed for works."))
        elif build.rng.random() < quality:
            out.append((Result.PASS, ""))
        else:
            notes = FAILURE_NOTES.get(item.text, ("Needs attention.",))
            out.append((Result.FAIL, build.rng.choice(notes)))
    return out


def build_inspections(build: Build) -> None:
    """Schedules, a year of inspections and a few cases raised from failed items."""
    install_checklist(ChecklistItem)  # a flushed test database has lost the migration's rows
    items = list(ChecklistItem.objects.filter(active=True).order_by("order", "id"))
    inspections: list[Inspection] = []
    answer_plans: list[list[tuple[str, str]]] = []
    latest: dict[tuple[str, str | None], Inspection] = {}
    for plan in PLANS:
        estate: Estate = build.estates[plan.estate]
        block: Block | None = build.blocks[(plan.estate, plan.block)] if plan.block else None
        office = estate.office.name
        estates_officer = _staff(build, office, Role.ESTATES_OFFICER)
        dates = _dates(build, plan)
        for index, day in enumerate(dates):
            share = index / max(1, len(dates) - 1)
            quality = plan.quality_then + (plan.quality_now - plan.quality_then) * share
            quality = min(0.99, max(0.3, quality + build.rng.uniform(-0.06, 0.06)))
            results = _results(build, items, quality, estate.is_scheme)
            passes = sum(1 for result, _ in results if result == Result.PASS)
            fails = sum(1 for result, _ in results if result == Result.FAIL)
            inspector = estates_officer
            if estate.patch is not None and estate.patch.officer and build.rng.random() < 0.2:
                inspector = estate.patch.officer  # the neighbourhood officer covered the round
            inspection = Inspection(
                estate=estate,
                block=block,
                inspector=inspector,
                inspected_on=day,
                status=InspectionStatus.COMPLETED,
                completed_at=moment_on(day, build.rng, 9 * 60, 15 * 60),
                passes=passes,
                fails=fails,
                not_applicable=len(results) - passes - fails,
                score=rules.score(passes=passes, fails=fails),
            )
            inspections.append(inspection)
            answer_plans.append(results)
        latest[(plan.estate, plan.block)] = inspections[-1]
    Inspection.objects.bulk_create(inspections, batch_size=BATCH_SIZE)
    answers = [
        InspectionAnswer(
            inspection=inspection,
            item=item,
            item_text=item.text,
            item_hint=item.hint,
            follow_up=item.follow_up,
            order=position,
            result=result,
            note=note,
            answered_by=inspection.inspector,
            answered_at=inspection.completed_at,
        )
        for inspection, results in zip(inspections, answer_plans, strict=True)
        for position, (item, (result, note)) in enumerate(zip(items, results, strict=True), start=1)
    ]
    InspectionAnswer.objects.bulk_create(answers, batch_size=BATCH_SIZE)

    # Schedules, set up by each office's estates team leader, due from the latest inspection.
    schedules = 0
    for plan in PLANS:
        estate = build.estates[plan.estate]
        block = build.blocks[(plan.estate, plan.block)] if plan.block else None
        office = estate.office.name
        services.schedule_create(
            actor=_staff(build, office, Role.TEAM_LEADER, leads=True),
            estate=estate,
            block=block,
            inspector=_staff(build, office, Role.ESTATES_OFFICER),
            frequency_weeks=plan.frequency_weeks,
            starts_on=build.today - dt.timedelta(days=365),
            source="demo",
        )
        schedules += 1

    # A few failures already have their case; raised by the inspector on the day.
    cases = 0
    for estate_name, item_text, note in CASES_RAISED:
        inspection = latest[(estate_name, None)]
        answer = InspectionAnswer.objects.get(inspection=inspection, item_text=item_text)
        if answer.result != Result.FAIL or answer.note != note:
            answer.result, answer.note = Result.FAIL, note
            answer.save(update_fields=["result", "note"])
            judged = InspectionAnswer.objects.filter(inspection=inspection)
            inspection.passes = judged.filter(result=Result.PASS).count()
            inspection.fails = judged.filter(result=Result.FAIL).count()
            inspection.score = rules.score(passes=inspection.passes, fails=inspection.fails)
            inspection.save(update_fields=["passes", "fails", "score"])
        answer.inspection = inspection
        services.answer_raise_case(
            actor=_staff(build, inspection.estate.office.name, Role.ESTATES_OFFICER),
            answer=answer,
            case_type=CaseType.FLY_TIPPING,
            opened_on=inspection.inspected_on,
            source="demo",
        )
        cases += 1

    # This morning's round on Blakenall Heath, three items in.
    walsall_officer = _staff(build, data.OFFICES[0].name, Role.ESTATES_OFFICER)
    started = services.inspection_start(
        actor=walsall_officer, estate=build.estates[IN_PROGRESS], source="demo"
    )
    for answer, result in zip(
        started.answers.order_by("order")[:3],
        (Result.PASS, Result.PASS, Result.FAIL),
        strict=False,
    ):
        answer.inspection = started
        services.answer_record(
            actor=walsall_officer,
            answer=answer,
            result=result,
            note="Pushchair and bikes on the second-floor landing again."
            if result == "fail"
            else None,
            source="demo",
        )

    build.counts["inspection schedules"] = schedules
    build.counts["inspections"] = len(inspections) + 1
    build.counts["cases"] = build.counts.get("cases", 0) + cases
