"""Repairs and Awaab's Law hazards at the demo landlord.

Contractors (kept across a --reset, as the agency directory is); repairs of every priority in
each office, most completed within target, some late and some still open past their target,
with a few communal repairs to blocks and estates; the Walsall estates officer owns repairs due
today and overdue, for his My day. Then a damp and mould case in each Awaab's Law state, led by
the demo neighbourhood officer: awaiting investigation, investigated and awaiting the written
summary, summary sent and awaiting the safety work (with a repair ordered for it), completed,
one with a missed clock, and an emergency reported this morning. Everything goes through the
real services except the hazard details of the damp and mould cases `builder.cases` opened
before this app existed, which are written directly with the clocks of `hazards.clocks`, all
met, so the breach list shows only the breach made on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.cases.models import Case, CaseStatus, CaseType, ClosureReason
from doorstep.cases.services import case_transition
from doorstep.core.working_days import LONDON, add_working_days, end_of_day, is_working_day
from doorstep.demo import data
from doorstep.demo.builder.common import (
    SOURCE,
    Build,
    Household,
    demo_officer,
    moment_on,
    next_phone,
    on_patch_of,
    working_days_before,
)
from doorstep.hazards import clocks
from doorstep.hazards import services as hazards
from doorstep.hazards.models import HazardReport
from doorstep.repairs import services as repairs
from doorstep.repairs.models import Contractor, Repair
from doorstep.repairs.targets import target_for

# (name, trade, office whose phone range it uses)
CONTRACTORS = (
    ("Black Country Building Services", "general", "Walsall"),
    ("Midland Heating and Plumbing", "heating", "Birmingham"),
    ("Trent Electrical Contractors", "electrical", "Nottingham"),
    ("Aston Roofing and Guttering", "roofing", "Birmingham"),
    ("ClearAir Damp and Mould Solutions", "damp", "Walsall"),
    ("Sherwood Glazing and Doors", "glazing", "Nottingham"),
)
# (priority, what needs repairing, the trade that does it)
REPAIRS = (
    ("emergency", "No heating or hot water; boiler showing a fault code", "heating"),
    ("emergency", "Water pouring through the kitchen ceiling from the flat above", "general"),
    ("emergency", "Front door will not lock after a break-in", "glazing"),
    ("emergency", "Sockets sparking in the living room", "electrical"),
    ("urgent", "Toilet cistern leaking onto the bathroom floor", "heating"),
    ("urgent", "Extractor fan in the bathroom not working", "electrical"),
    ("urgent", "Blocked kitchen sink", "heating"),
    ("urgent", "Bedroom window will not close", "glazing"),
    ("routine", "Kitchen cupboard door hanging off its hinge", "general"),
    ("routine", "Dripping bath tap", "heating"),
    ("routine", "Loose stair banister", "general"),
    ("routine", "Cracked pane in the back door", "glazing"),
    ("routine", "Guttering overflowing at the front", "roofing"),
    ("planned", "Replace the rotten back door frame", "glazing"),
    ("planned", "Renew the kitchen worktop", "general"),
    ("planned", "Repoint the garden wall", "general"),
)
COMMUNAL = (
    ("urgent", "Stairwell lights out on the second floor", "electrical"),
    ("routine", "Bin store door broken off its hinges", "general"),
    ("planned", "Repaint the communal hallway", "general"),
)
PER_OFFICE = 24


def _contractors(build: Build) -> dict[str, list[Contractor]]:
    held = {c.name: c for c in Contractor.objects.filter(name__in=[c[0] for c in CONTRACTORS])}
    by_trade: dict[str, list[Contractor]] = defaultdict(list)
    for name, trade, office in CONTRACTORS:
        contractor = held.get(name)
        if contractor is None:
            email = "jobs@" + "".join(ch for ch in name.lower() if ch.isalpha())[:20]
            contractor = repairs.contractor_create(
                actor=None,
                name=name,
                trade=trade,
                phone=next_phone(build, office),
                email=f"{email}.example.co.uk",
                source=SOURCE,
            )
        by_trade[trade].append(contractor)
    return by_trade


def _estates_officer(build: Build, office: str) -> User:
    plan = next(p for p in data.STAFF if p.office == office and p.role == Role.ESTATES_OFFICER)
    return build.users[plan.full_name]


def _contractor_for(by_trade: dict[str, list[Contractor]], trade: str) -> Contractor:
    return (by_trade.get(trade) or by_trade["general"])[0]


def _work_through(
    build: Build, repair: Repair, contractor: Contractor, *, late: bool, leave_open: bool
) -> None:
    """Order, start and (unless left open) complete a repair, in or after its target."""
    rng = build.rng
    repairs.repair_set_status(
        actor=None, repair=repair, status="ordered", contractor=contractor, source=SOURCE
    )
    if leave_open:
        if rng.random() < 0.5:
            repairs.repair_set_status(
                actor=None, repair=repair, status="in_progress", source=SOURCE
            )
        return
    span = (repair.target_at - repair.reported_at).total_seconds()
    if late:
        done = repair.target_at + dt.timedelta(hours=rng.randint(2, 24 * 8))
    else:
        done = repair.reported_at + dt.timedelta(seconds=span * rng.uniform(0.2, 0.95))
    repairs.repair_complete(
        actor=None, repair=repair, completed_at=min(done, build.now), source=SOURCE
    )


def _office_repairs(
    build: Build, office: str, households: list[Household], by_trade: dict[str, list[Contractor]]
) -> None:
    rng = build.rng
    owner = _estates_officer(build, office)
    for n in range(PER_OFFICE):
        priority, description, trade = REPAIRS[n % len(REPAIRS)]
        household = rng.choice(households)
        back = rng.randint(0, 3) if priority == "emergency" else rng.randint(1, 120)
        reported = moment_on(build.today - dt.timedelta(days=back), rng)
        if reported > build.now:
            reported = build.now - dt.timedelta(hours=1)
        repair = repairs.repair_report(
            actor=None, priority=priority, description=description, reported_at=reported,
            home=household.home, owner=owner, source=SOURCE,
        )  # fmt: skip
        contractor = _contractor_for(by_trade, trade)
        if repair.target_at < build.now:
            roll = rng.random()
            # Past target: mostly completed in time, some late, some still open (overdue).
            _work_through(
                build, repair, contractor, late=0.7 <= roll < 0.85, leave_open=roll >= 0.85
            )
        elif rng.random() < 0.6:
            _work_through(build, repair, contractor, late=False, leave_open=True)
        build.counts["repairs"] = build.counts.get("repairs", 0) + 1
    estate = households[0].home.estate
    block = next((h.home.block for h in households if h.home.block is not None), None)
    for k, (priority, description, trade) in enumerate(COMMUNAL):
        place: dict[str, Any] = (
            {"block": block} if block is not None and k == 0 else {"estate": estate}
        )
        repair = repairs.repair_report(
            actor=None, priority=priority, description=description,
            reported_at=moment_on(build.today - dt.timedelta(days=3 + 9 * k), rng),
            owner=owner, source=SOURCE, **place,
        )  # fmt: skip
        _work_through(build, repair, _contractor_for(by_trade, trade), late=False, leave_open=True)
        build.counts["repairs"] += 1


def _due_today_for(build: Build, owner: User, household: Household) -> None:
    """An urgent repair whose target is the end of today (a working day), for My day."""
    if not is_working_day(build.today):
        return
    day = working_days_before(build.today, 5)[-1]
    reported = moment_on(day, build.rng)
    if target_for(priority="urgent", reported_at=reported) != end_of_day(build.today):
        return
    repairs.repair_report(
        actor=None, priority="urgent", description="Shower not draining; water under the tray",
        reported_at=reported, home=household.home, owner=owner, source=SOURCE,
    )  # fmt: skip
    build.counts["repairs"] += 1


# --- hazards ---------------------------------------------------------------------------------


def _backfill_hazards(build: Build) -> None:
    """Hazard details for the damp and mould cases opened by builder.cases: reported on the day
    opened, investigated within 4 working days, and every later clock met where it has fallen
    due (open cases), or all of them (closed cases)."""
    rows = []
    cases = Case.objects.filter(
        case_type=CaseType.DAMP_MOULD, hazard__isnull=True, team__isnull=False
    )
    for case in cases.order_by("pk"):
        reported = dt.datetime.combine(case.opened_on, dt.time(10, 0), tzinfo=LONDON)
        hazard = HazardReport(
            case=case, kind="damp_mould", severity="significant", reported_at=reported
        )
        investigated = dt.datetime.combine(
            add_working_days(case.opened_on, 4), dt.time(11, 0), tzinfo=LONDON
        )
        closed = case.status == CaseStatus.CLOSED
        if investigated <= build.now:
            hazard.investigated_at = investigated
            hazard.findings = "Condensation mould on the outside walls of the bedrooms."
            hazard.work_planned = "Mould wash and anti-mould paint; check the extractor fans."
            for field, days in (
                ("summary_sent_at", 1),
                ("safety_work_done_at", 3),
                ("preventative_work_begun_at", 5),
            ):
                moment = dt.datetime.combine(
                    add_working_days(investigated.date(), days), dt.time(10, 0), tzinfo=LONDON
                )
                if closed or moment <= build.now:
                    setattr(hazard, field, min(moment, build.now))
        due = clocks.due_moments(hazard)
        hazard.investigate_by = due.investigate_by
        hazard.summary_by = due.summary_by
        hazard.safety_work_by = due.safety_work_by
        hazard.preventative_by = due.preventative_by
        rows.append(hazard)
    HazardReport.objects.bulk_create(rows)


def _hazard_states(
    build: Build, households: list[Household], by_trade: dict[str, list[Contractor]]
) -> None:
    officer = demo_officer(build)
    now = build.now
    days = working_days_before(build.today, 30)

    def at(day: dt.date, hour: int) -> dt.datetime:
        return min(dt.datetime.combine(day, dt.time(hour, 0), tzinfo=LONDON), now)

    def report(household: Household, summary: str, reported: dt.datetime, **kwargs: Any) -> Any:
        hazard = hazards.hazard_report(
            actor=None, home=household.home, summary=summary, reported_at=reported,
            reporter=household.tenants[0], lead_officer=officer, source=SOURCE,
            kind=kwargs.pop("kind", "damp_mould"), severity=kwargs.pop("severity", "significant"),
        )  # fmt: skip
        build.counts["cases"] = build.counts.get("cases", 0) + 1
        return hazard

    def investigate(hazard: Any, moment: dt.datetime, findings: str, work: str) -> None:
        hazards.hazard_investigated(
            actor=officer, hazard=hazard, investigated_at=moment, findings=findings,
            work_planned=work, source=SOURCE,
        )  # fmt: skip

    homes = iter(households)
    # 1. Awaiting investigation: reported three working days ago.
    report(next(homes), "Black mould around the bedroom window; baby in the room.", at(days[2], 11))
    # 2. Investigated yesterday, awaiting the written summary.
    two = report(next(homes), "Damp patch spreading on the kitchen wall.", at(days[6], 9))
    investigate(two, at(days[0], 15), "Leak from the waste pipe behind the kitchen units.",
                "Replace the waste pipe, dry out and replaster the wall.")  # fmt: skip
    # 3. Summary sent, awaiting the safety work, with a repair ordered for it; the preventative
    #    work needs a roof survey, so it has 12 weeks.
    three = report(next(homes), "Mould on the ceiling of the back bedroom.", at(days[8], 10))
    investigate(three, at(days[3], 14), "Missing roof insulation above the back bedroom.",
                "Mould wash now; insulate the loft once the roof is surveyed.")  # fmt: skip
    hazards.hazard_summary_sent(actor=officer, hazard=three, sent_at=at(days[2], 10), source=SOURCE)
    hazards.hazard_preventative(
        actor=officer, hazard=three, source=SOURCE,
        not_practicable_reason="A roof survey and scaffold are needed before insulating.",
    )  # fmt: skip
    safety = repairs.repair_report(
        actor=None, priority="urgent", description="Mould wash and anti-mould paint, back bedroom",
        reported_at=at(days[3], 15), home=three.case.home, owner=officer,
        source_case=three.case, source=SOURCE,
    )  # fmt: skip
    repairs.repair_set_status(
        actor=None, repair=safety, status="ordered", source=SOURCE,
        contractor=_contractor_for(by_trade, "damp"),
    )  # fmt: skip
    # 4. Completed: every clock met and the case closed.
    four = report(next(homes), "Condensation and mould in the bathroom.", at(days[24], 9))
    investigate(four, at(days[21], 12), "Extractor fan broken; no trickle vents.",
                "New humidity-controlled fan and trickle vents; mould wash.")  # fmt: skip
    hazards.hazard_summary_sent(actor=officer, hazard=four, sent_at=at(days[20], 10), source=SOURCE)
    hazards.hazard_safety_work_done(
        actor=officer, hazard=four, done_at=at(days[18], 16), source=SOURCE
    )
    hazards.hazard_preventative(actor=officer, hazard=four, begun_at=at(days[17], 9), source=SOURCE)
    case_transition(
        actor=officer, case=four.case, to_status=CaseStatus.CLOSED,
        closure_reason=ClosureReason.RESOLVED, source=SOURCE,
    )  # fmt: skip
    # 5. Breached: investigated after 14 working days (10 allowed), summary never sent.
    five = report(next(homes), "Mould in every room; tenant has asthma.", at(days[27], 10))
    investigate(five, at(days[13], 15), "Rising damp: the damp-proof course has failed.",
                "Inject a new damp-proof course; replaster the ground floor.")  # fmt: skip
    # 6. Emergency this morning: investigate and make safe within 24 hours.
    report(next(homes), "Ceiling bulging with water above the light fitting.",
           now - dt.timedelta(hours=3), kind="electrical", severity="emergency")  # fmt: skip


def build_repairs(build: Build) -> None:
    """Contractors, repairs in every office and damp and mould cases in every clock state."""
    by_trade = _contractors(build)
    pool: dict[str, list[Household]] = defaultdict(list)
    for household in build.households:
        pool[household.plan.office].append(household)
    for office in sorted(pool):
        _office_repairs(build, office, pool[office], by_trade)
    walsall = data.OFFICES[0].name
    _due_today_for(build, _estates_officer(build, walsall), pool[walsall][1])
    _backfill_hazards(build)
    officer = demo_officer(build)
    mine = [h for h in pool[walsall] if h.tenants and on_patch_of(h, officer)]
    _hazard_states(build, mine[3:9], by_trade)
    _from_inspections(build)


def _from_inspections(build: Build) -> None:
    """Two failed items that usually need a repair, from each office's latest inspections,
    raised as repairs by their inspector (linked back to the item)."""
    from doorstep.inspections import services as inspections
    from doorstep.inspections.models import FollowUp, InspectionAnswer, Result

    raised_by_office: dict[int, int] = defaultdict(int)
    failed = (
        InspectionAnswer.objects.filter(
            result=Result.FAIL,
            follow_up=FollowUp.REPAIR,
            repair__isnull=True,
            inspection__status="completed",
        )
        .select_related("inspection__estate", "inspection__block", "inspection__inspector")
        .order_by("-inspection__inspected_on", "pk")
    )
    for answer in failed:
        office_id = answer.inspection.estate.office_id
        if raised_by_office[office_id] >= 2:
            continue
        inspections.answer_raise_repair(
            actor=answer.inspection.inspector, answer=answer, source="demo"
        )
        raised_by_office[office_id] += 1
    build.counts["repairs"] = build.counts.get("repairs", 0) + sum(raised_by_office.values())
