"""The manager's side of the demo landlord: today's check-in and priorities, a Lettings Advisor
vacancy at Walsall with four candidates, criteria and panel scores (DOMAIN.md §10); Community
Champions and events with sign-ups (§9).

Recruitment goes through the real services (the rows are few, and the audit trail is then a
manager's). Check-ins, priorities and community rows are created directly and covered by the
landlord's load audit row, like the rest of the bulk data.
"""

from __future__ import annotations

import datetime as dt

from doorstep.community.models import Champion, Event, EventKind, EventTask, SignUp
from doorstep.core.working_days import LONDON, add_working_days
from doorstep.demo import data
from doorstep.demo.builder.common import Build, Household, audit_create, bulk, demo_officer
from doorstep.recruitment import services as recruitment
from doorstep.recruitment.models import CriterionKind
from doorstep.teams.models import AbsenceReason, CheckIn, Priority, Whereabouts

PRIORITIES: dict[str, tuple[str, ...]] = {
    "Walsall": (
        "Ring the shielding residents at Alumwell Court before noon",
        "Fly-tipping at Goscote Fields: estates inspection and a letter to the block",
        "Clear the overdue call-backs before 3pm",
    ),
    "Birmingham": (
        "Temporary accommodation telephone reviews due this week",
        "Chase the decorating packs for Shard End",
    ),
    "Nottingham": (
        "Multi-agency meeting prep for the self-neglect case",
        "Welfare calls to older residents living alone at Bestwood",
    ),
}

CANDIDATES = (
    ("Hannah Ellis", "hannah.ellis@example.com"),
    ("Owen Pritchard", "owen.pritchard@example.net"),
    ("Samira Khan", "samira.khan@example.org"),
    ("Daniel Whitmore", "d.whitmore@example.com"),
)
CRITERIA = (
    ("Customer service scenario", CriterionKind.INTERVIEW, 30, 10),
    ("Lettings and allocations knowledge", CriterionKind.INTERVIEW, 25, 10),
    ("Teamwork and our values", CriterionKind.INTERVIEW, 15, 5),
    ("Letter-writing test", CriterionKind.TEST, 20, 10),
    ("Spreadsheet test", CriterionKind.TEST, 10, 10),
)
# Each panel member's marks per candidate, criterion by criterion.
MARKS = {
    "Sandra Hughes": ((8, 7, 4, 8, 7), (6, 8, 3, 6, 9), (9, 8, 5, 9, 6), (5, 5, 3, 6, 5)),
    data.DEMO_MANAGER: ((8, 8, 4, 7, 8), (7, 7, 4, 6, 8), (9, 9, 4, 8, 7), (6, 4, 3, 5, 6)),
}


def build_teams(build: Build) -> None:
    _check_ins(build)
    _priorities(build)
    _vacancy(build)
    _community(build)


def _check_ins(build: Build) -> None:
    """Today's board: most in, some out on visits or at home, one on leave, one on training,
    and a few not yet recorded."""
    rng = build.rng
    rows = []
    officer = demo_officer(build)
    for plan in data.STAFF:
        if not plan.office:
            continue
        user = build.users[plan.full_name]
        roll = rng.random()
        if user == officer:
            check_in = CheckIn(whereabouts=Whereabouts.ON_VISITS, where=plan.patch or "Beechdale")
        elif plan.full_name == "Imran Hussain":
            check_in = CheckIn(whereabouts=Whereabouts.ABSENT, absence_reason=AbsenceReason.LEAVE)
        elif plan.full_name == "Chloe Davies":
            check_in = CheckIn(
                whereabouts=Whereabouts.ABSENT, absence_reason=AbsenceReason.TRAINING
            )
        elif roll < 0.15:
            continue  # not recorded yet
        elif roll < 0.35 and plan.patch:
            check_in = CheckIn(whereabouts=Whereabouts.ON_VISITS, where=plan.patch)
        elif roll < 0.55:
            check_in = CheckIn(whereabouts=Whereabouts.FROM_HOME)
        else:
            check_in = CheckIn(whereabouts=Whereabouts.IN_OFFICE)
        check_in.user = user
        check_in.date = build.today
        check_in.set_by = user
        rows.append(check_in)
    bulk(CheckIn, rows)
    build.counts["check-ins today"] = len(rows)


def _priorities(build: Build) -> None:
    rows = []
    for (office, team_name), team in build.teams.items():
        if team_name != data.NEIGHBOURHOOD:
            continue
        leader = team.leader
        for position, text in enumerate(PRIORITIES[office], start=1):
            rows.append(
                Priority(team=team, date=build.today, position=position, text=text, set_by=leader)
            )
    bulk(Priority, rows)
    build.counts["priorities today"] = len(rows)


def _vacancy(build: Build) -> None:
    """A Lettings Advisor vacancy at Walsall: interviews today, the team leader's scores
    submitted, the manager's entered but not yet submitted (submitting shows the ranking)."""
    manager = build.users[data.DEMO_MANAGER]
    leader = build.users["Sandra Hughes"]
    walsall = build.offices["Walsall"]
    vacancy = recruitment.vacancy_create(
        actor=manager,
        title="Lettings Advisor",
        office=walsall,
        closing_date=build.today - dt.timedelta(days=10),
        description=(
            "Full time, based at the Walsall office. Advertising and letting our homes, "
            "accompanied viewings, sign-ups and new tenant visits."
        ),
    )
    criteria = [
        recruitment.criterion_add(
            actor=manager,
            vacancy=vacancy,
            name=name,
            kind=kind,
            weight=weight,
            max_score=top,
        )
        for name, kind, weight, top in CRITERIA
    ]
    first_slot = dt.datetime.combine(build.today, dt.time(10, 0), tzinfo=LONDON)
    for index, (full_name, email) in enumerate(CANDIDATES):
        candidate = recruitment.candidate_add(
            actor=manager,
            vacancy=vacancy,
            full_name=full_name,
            email=email,
            phone=f"+44121496{800 + index:04d}",
        )
        recruitment.slot_add(
            actor=manager,
            vacancy=vacancy,
            candidate=candidate,
            starts_at=first_slot + dt.timedelta(minutes=40 * index),
            location="Walsall office, interview room 2",
            panel=[manager, leader],
        )
        for member_name, sheets in MARKS.items():
            member = build.users[member_name]
            recruitment.scores_save(
                actor=member,
                candidate=candidate,
                scores={c.pk: mark for c, mark in zip(criteria, sheets[index], strict=True)},
            )
    recruitment.scores_submit(actor=leader, vacancy=vacancy)
    build.counts["vacancies"] = 1
    build.counts["candidates"] = len(CANDIDATES)


def _residents(households: list[Household], *, older: bool) -> list:
    people = []
    for household in households:
        if household.older == older:
            people.extend(household.tenants[:1])
    return people


def _community(build: Build) -> None:
    """Three Community Champions at Walsall and their events: a community garden afternoon
    with older residents, a street party and a scarecrow competition, and a spring clean-up
    that has happened, with its outcome."""
    by_estate: dict[str, list[Household]] = {}
    for household in build.households:
        if household.tenants:
            by_estate.setdefault(household.plan.name, []).append(household)
    walsall = build.offices["Walsall"]
    estates = build.estates
    champions = []
    for estate_name, interests, years in (
        ("Beechdale Estate", "Gardening, the residents' association", 3),
        ("Goscote Fields", "Street parties, litter picks", 2),
        ("Blakenall Heath Estate", "Crafts, the youth club", 1),
    ):
        person = _residents(by_estate[estate_name], older=False)[0]
        champion = Champion.objects.create(
            person=person,
            estate=estates[estate_name],
            interests=interests,
            since=build.today - dt.timedelta(days=365 * years),
        )
        audit_create(champion)
        champions.append(champion)

    def at(days: int, hour: int) -> dt.datetime:
        return dt.datetime.combine(
            build.today + dt.timedelta(days=days), dt.time(hour, 0), tzinfo=LONDON
        )

    plans = [
        (
            "Community garden afternoon with older residents",
            EventKind.GARDENING,
            "Bring the Beechdale office garden back to life with residents of Alumwell Court: "
            "raised beds at wheelchair height, seedlings to take home, tea and cake after.",
            "Beechdale office community garden",
            at(9, 14),
            "Beechdale Estate",
            "Kerry Bennett",
            [champions[0]],
        ),
        (
            "Street party for the King's birthday",
            EventKind.STREET_PARTY,
            "Road closure on Goscote Lane, bunting, a bring-and-share table and games for "
            "the children.",
            "Goscote Lane",
            at(33, 12),
            "Goscote Fields",
            "Gareth Price",
            [champions[1]],
        ),
        (
            "Scarecrow competition",
            EventKind.COMPETITION,
            "Residents make scarecrows for their front gardens; judging by the Champions, "
            "prizes from the volunteer charity shop.",
            "Blakenall Heath Estate",
            at(120, 11),
            "Blakenall Heath Estate",
            "Imran Hussain",
            [champions[2], champions[0]],
        ),
        (
            "Spring clean-up day",
            EventKind.CLEAN_UP,
            "Litter pick round the estate and the play area, skips by the garages.",
            "Beechdale Estate, meet at the community room",
            at(-21, 10),
            "Beechdale Estate",
            "Kerry Bennett",
            [champions[0]],
        ),
    ]
    events = []
    for title, kind, plan, venue, starts, estate, organiser, involved in plans:
        event = Event.objects.create(
            title=title,
            kind=kind,
            description=plan,
            venue=venue,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=3),
            office=walsall,
            estate=estates[estate],
            organiser=build.users[organiser],
        )
        event.champions.set(involved)
        audit_create(event)
        events.append(event)
    garden, party, scarecrows, clean_up = events
    clean_up.outcome = (
        "Two skips filled, the play area cleared of glass. Residents asked for a second day "
        "in the autumn."
    )
    clean_up.attendance = 23
    clean_up.save(update_fields=["outcome", "attendance", "updated_at"])

    kerry = demo_officer(build)
    tasks = [
        EventTask(
            event=garden, title="Order compost and seedlings", owner=kerry, due_on=build.today
        ),
        EventTask(
            event=garden,
            title="Book the minibus for Alumwell Court residents",
            owner=build.users["Aisha Begum"],
            due_on=add_working_days(build.today, 3),
        ),
        EventTask(
            event=party,
            title="Apply to the council for the road closure",
            owner=build.users["Gareth Price"],
            due_on=add_working_days(build.today, 5),
        ),
        EventTask(
            event=scarecrows,
            title="Ask the charity shop for prizes",
            owner=build.users["Imran Hussain"],
            due_on=add_working_days(build.today, 20),
        ),
    ]
    bulk(EventTask, tasks)

    older = _residents(by_estate.get("Alumwell Court", []), older=True)
    beechdale = _residents(by_estate["Beechdale Estate"], older=False)
    goscote = _residents(by_estate["Goscote Fields"], older=False)
    sign_ups = [
        SignUp(event=garden, person=person, added_by=kerry, note=note)
        for person, note in zip(
            older[:8] + beechdale[:2],
            [
                "Needs the minibus",
                "",
                "Bringing a neighbour",
                "",
                "",
                "Needs the minibus",
                "",
                "",
                "",
                "Can help with the raised beds",
            ],
            strict=False,
        )
    ]
    sign_ups += [
        SignUp(event=party, person=person, added_by=build.users["Gareth Price"])
        for person in goscote[:12]
    ]
    sign_ups += [SignUp(event=clean_up, person=person, added_by=kerry) for person in beechdale[2:9]]
    bulk(SignUp, sign_ups)
    build.counts["community champions"] = len(champions)
    build.counts["community events"] = len(events)
    build.counts["event sign-ups"] = len(sign_ups)
