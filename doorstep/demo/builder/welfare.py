"""Welfare calls and temporary accommodation reviews at the demo landlord.

The Walsall neighbourhood team runs "Older residents living alone — fortnightly call" for its
patches, started twelve weeks before the load date. Each person in the cohort has a history of
fortnightly calls (mostly all well, some declined, a few concerns, the odd no-answer tried again
the next day). On the demo officer's patch, some calls are due today, two are overdue, and one
person has not answered twice in a row: the second call, made this morning through the real
service, left a call-back for the team leader due today.

Every temporary accommodation placement has had its 8-weekly reviews, mostly on time; a few
were missed, so they are overdue; on the demo officer's patch one review is due today (brought
forward at the last review) and one is overdue.

History is bulk-created (with its contacts); the escalation goes through the services so its
call-back and audit rows are an officer's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.contacts.models import Channel, Contact, Direction
from doorstep.core.working_days import LONDON, is_working_day
from doorstep.demo.builder.common import Build, bulk, demo_officer, moment_on
from doorstep.partners.models import Agency, AgencyKind
from doorstep.places.models import Patch, Tenure
from doorstep.ta_reviews import clock
from doorstep.ta_reviews.models import Issue, ReviewMethod, TAReview
from doorstep.tenancies.models import TenancyType
from doorstep.welfare.cohort import cohort_people, rule_of
from doorstep.welfare.models import CallOutcome, WelfareCall
from doorstep.welfare.services import ProgrammeRule, call_record, programme_create

PROGRAMME_NAME = "Older residents living alone — fortnightly call"
FREQUENCY = 14
PROGRAMME_WEEKS = 12

CONCERNS = (
    "Sounded confused and had not eaten today; daughter has not visited this week.",
    "Had a fall in the kitchen on Sunday. Bruised, did not want the GP. Lives alone.",
    "Heating not working since Friday, using the oven to keep warm.",
    "Very low, says nobody comes any more. Talked about not coping since her husband died.",
    "Post piling up, says he cannot get to the door without his frame.",
)
WELL = (
    "All well. Looking forward to the lunch club on Thursday.",
    "Fine, son visiting at the weekend.",
    "Doing well, hip better. No repairs needed.",
    "All well, reminded about the winter fuel payment.",
    "Well in herself; asked about the community garden, passed on the dates.",
    "",
)
ADVICE = (
    "Explained the housing register and bidding; gave the Homefinder helpline.",
    "Talked through the rent account; arranged a Universal Credit advance appointment.",
    "Reported the repair; told them how to chase it.",
    "Gave the school transport contact and bus pass details.",
    "Went through the fire escape route and smoke alarm test.",
)
ISSUE_NOTES = {
    Issue.REPAIRS: "Damp in the back bedroom; window will not close.",
    Issue.OVERCROWDING: "Four in a one-bedroom flat; the children share with mum.",
    Issue.HEALTH: "Youngest's asthma worse since moving in.",
    Issue.MONEY: "Benefits stopped when they moved; behind with the service charge.",
    Issue.SCHOOL_TRAVEL: "Two buses to the children's school, an hour each way.",
    Issue.SAFETY: "Worried the ex-partner knows the address.",
    Issue.OTHER: "Asked about storage for their furniture.",
}


def build_welfare(build: Build) -> None:
    _build_programme(build)
    _build_ta_reviews(build)


# --- welfare calls ---------------------------------------------------------------------------


def _working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _build_programme(build: Build) -> None:
    rng = build.rng
    officer = demo_officer(build)
    team = officer.team
    assert team is not None and team.leader is not None
    programme = programme_create(
        actor=team.leader,
        team=team,
        rule=ProgrammeRule(
            name=PROGRAMME_NAME,
            frequency_days=FREQUENCY,
            start_date=build.today - dt.timedelta(weeks=PROGRAMME_WEEKS),
            flags_all=["older_person", "lives_alone"],
            patches=list(Patch.objects.filter(team=team)),
        ),
    )
    users = {user.pk: user for user in build.users.values()}
    cohort: list[Any] = list(cohort_people(rule=rule_of(programme), today=build.today))
    mine = [p for p in cohort if p.patch_officer_id == officer.pk]
    escalated = mine[:1]
    due_today = {p.pk for p in mine[1:5]}
    overdue = {p.pk for p in mine[5:7]}
    contacts: list[Contact] = []
    calls: list[WelfareCall] = []

    def add(person: Any, day: dt.date, outcome: str, note: str = "") -> None:
        caller = users.get(person.patch_officer_id) or officer
        at = moment_on(day, rng, start=9 * 60 + 30, end=16 * 60 + 30)
        contacts.append(
            Contact(
                channel=Channel.PHONE,
                direction=Direction.OUTBOUND,
                person=person,
                summary=f"Welfare call ({programme.name}): {CallOutcome(outcome).label}.",
                logged_by=caller,
                happened_at=at,
            )
        )
        calls.append(
            WelfareCall(
                programme=programme,
                person=person,
                called_at=at,
                called_by=caller,
                outcome=outcome,
                note=note,
            )
        )

    for person in cohort:
        if person.pk in due_today:
            last = build.today - dt.timedelta(days=FREQUENCY)
        elif person.pk in overdue:
            last = build.today - dt.timedelta(days=rng.randint(FREQUENCY + 2, FREQUENCY + 6))
        elif person in escalated:
            last = build.today - dt.timedelta(days=FREQUENCY + 1)
        else:
            last = build.today - dt.timedelta(days=rng.randint(1, FREQUENCY - 1))
        days = []
        day = last
        while day >= programme.start_date:
            days.append(day)
            day -= dt.timedelta(days=FREQUENCY)
        for n, day in enumerate(reversed(days)):
            on = day if n == len(days) - 1 else _working_day_on_or_before(day)
            roll = rng.random()
            if roll < 0.08 and on - dt.timedelta(days=1) >= programme.start_date:
                add(person, on - dt.timedelta(days=1), CallOutcome.NO_ANSWER)
            if roll < 0.04:
                add(person, on, CallOutcome.CONCERN, rng.choice(CONCERNS))
            elif roll < 0.09:
                add(person, on, CallOutcome.DECLINED, "Said she is fine and does not want calls.")
            else:
                add(person, on, CallOutcome.SPOKE_OK, rng.choice(WELL))
    saved = bulk(Contact, contacts)
    for contact, call in zip(saved, calls, strict=True):
        call.contact = contact
    bulk(WelfareCall, calls)

    # No answer yesterday afternoon and again this morning: the service raises the escalation.
    for person in escalated:
        yesterday = _working_day_on_or_before(build.today - dt.timedelta(days=1))
        first = dt.datetime.combine(yesterday, dt.time(14, 30), tzinfo=LONDON)
        second = min(
            dt.datetime.combine(build.today, dt.time(9, 40), tzinfo=LONDON),
            build.now - dt.timedelta(minutes=5),
        )
        for at in (first, second):
            call_record(
                actor=officer,
                programme=programme,
                person=person,
                outcome=CallOutcome.NO_ANSWER,
                note="Rang twice, no answer; no voicemail.",
                called_at=at,
            )
    build.counts["welfare calls"] = len(calls) + 2 * len(escalated)


# --- temporary accommodation reviews ---------------------------------------------------------


def _build_ta_reviews(build: Build) -> None:
    rng = build.rng
    officer = demo_officer(build)
    agencies = list(
        Agency.objects.filter(
            active=True,
            kind__in=[
                AgencyKind.CHARITY,
                AgencyKind.ADULT_SOCIAL_CARE,
                AgencyKind.MENTAL_HEALTH_TEAM,
            ],
        ).order_by("name")
    )
    placements = [
        h
        for h in build.households
        if h.tenancy is not None
        and h.tenancy.tenancy_type == TenancyType.LICENCE
        and h.tenancy.end_date is None
        and h.home.tenure == Tenure.TEMPORARY
    ]
    mine = [h for h in placements if h.home.patch and h.home.patch.officer_id == officer.pk]
    mine = [h for h in mine if clock.clock_date(h.tenancy.start_date, 1) < build.today]  # type: ignore[union-attr]
    due_today = {id(h) for h in mine[:1]}
    overdue = {id(h) for h in mine[1:2]}
    contacts: list[Contact] = []
    reviews: list[TAReview] = []
    for household in placements:
        tenancy = household.tenancy
        assert tenancy is not None
        patch = household.home.patch
        reviewer = patch.officer if patch is not None and patch.officer else officer
        residents = household.tenants or household.people
        tenant = residents[0] if residents else None
        done: list[dt.date] = []
        planned: list[TAReview] = []
        n = 1
        while clock.clock_date(tenancy.start_date, n) <= build.today:
            slot = clock.clock_date(tenancy.start_date, n)
            n += 1
            if rng.random() < 0.12 and id(household) not in due_today:
                continue  # missed
            on = min(build.today, slot + dt.timedelta(days=rng.randint(-4, 3)))
            on = _working_day_on_or_before(on)
            if on <= tenancy.start_date or (done and on <= done[-1]):
                continue
            done.append(on)
            method = ReviewMethod.TELEPHONE if rng.random() < 0.8 else ReviewMethod.FACE_TO_FACE
            issues = sorted(
                set(rng.sample(list(Issue.values), k=rng.choice((0, 1, 1, 2)))),
                key=list(Issue.values).index,
            )
            agency = rng.choice(agencies) if agencies and rng.random() < 0.15 else None
            planned.append(
                TAReview(
                    tenancy=tenancy,
                    reviewed_on=on,
                    reviewed_by=reviewer,
                    method=method,
                    issues=issues,
                    issues_note=" ".join(ISSUE_NOTES[Issue(code)] for code in issues),
                    advice_given=rng.choice(ADVICE)
                    if issues
                    else "No issues; gave the office number.",
                    referral_agency=agency,
                    referrals_made="Referred for support with the issues raised." if agency else "",
                    next_review_on=clock.clock_due(start_date=tenancy.start_date, reviewed_on=done),
                )
            )
        if id(household) in overdue and planned:
            planned.pop()  # the last review was missed
        if id(household) in due_today and planned:
            planned[-1].next_review_on = build.today  # brought forward at the last review
        for review in planned:
            contacts.append(
                Contact(
                    channel=Channel.PHONE
                    if review.method == ReviewMethod.TELEPHONE
                    else Channel.VISIT,
                    direction=Direction.OUTBOUND,
                    person=tenant,
                    home=household.home,
                    summary=f"Temporary accommodation review of placement {tenancy.reference} "
                    f"({ReviewMethod(review.method).label.lower()}).",
                    logged_by=reviewer,
                    happened_at=moment_on(review.reviewed_on, rng),
                )
            )
            reviews.append(review)
    saved = bulk(Contact, contacts)
    for contact, review in zip(saved, reviews, strict=True):
        review.contact = contact
    bulk(TAReview, reviews)
    build.counts["temporary accommodation reviews"] = len(reviews)
