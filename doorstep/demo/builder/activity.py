"""A few weeks of work at the demo landlord: contacts, follow-ups, call-backs, the duty rota."""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.contacts.models import (
    AttemptOutcome,
    CallBack,
    CallBackAttempt,
    CallBackStatus,
    Contact,
    DutyShift,
)
from doorstep.core.working_days import LONDON, end_of_day, is_working_day
from doorstep.demo import data
from doorstep.demo.builder.common import (
    BATCH_SIZE,
    Build,
    Household,
    bulk,
    chunks,
    demo_officer,
    duty_colleagues,
    duty_officers,
    moment_on,
    on_patch_of,
    working_days_before,
)
from doorstep.people.models import (
    Person,
)
from doorstep.places.models import Team, Tenure

_CONTACT_DAYS = 20  # working days of contact history: four weeks
_CONTACTS_PER_HOME = 0.75


def _office_staff(build: Build, office: str, role: str) -> list[User]:
    return [
        build.users[plan.full_name]
        for plan in data.STAFF
        if plan.office == office and plan.role == role
    ]


def _kinds(household: Household) -> list[str]:
    kinds = ["any"]
    if household.older:
        kinds.append("older")
    if household.home.tenure == Tenure.TEMPORARY:
        kinds.append("temporary")
    if household.block is not None:
        kinds.append("flats")
    if household.family:
        kinds.append("family")
    return kinds


def _logger(build: Build, household: Household, who: str) -> User:
    office = household.plan.office
    patch = household.home.patch
    if who == "officer" and patch is not None and patch.officer is not None:
        return patch.officer
    role = {
        "asb": Role.ASB_OFFICER,
        "estates": Role.ESTATES_OFFICER,
        "sustainment": Role.TENANCY_SUSTAINMENT_OFFICER,
    }.get(who)
    staff = _office_staff(build, office, role) if role else duty_colleagues(build, office)
    return build.rng.choice(staff)


def _render(template: data.ContactTemplate, household: Household) -> str:
    street = household.block.street if household.block else household.home.address_line_1
    street = street.split(" ", 1)[1] if street[:1].isdigit() else street
    block = household.block.name if household.block else household.plan.name
    return template.summary.format(block=block, street=street)


def build_contacts(build: Build) -> None:
    """Four weeks of contacts in the officers' own words, some marked for follow-up."""
    rng = build.rng
    days = working_days_before(build.today, _CONTACT_DAYS)
    lived_in = [h for h in build.households if h.tenancy is not None and h.people]
    total = round(len(build.households) * _CONTACTS_PER_HOME)
    contacts: list[Contact] = []
    worth_following_up: set[int] = set()  # id() of contacts an officer would follow up
    for _ in range(total):
        household = rng.choice(lived_in)
        kinds = _kinds(household)
        templates = [t for t in data.CONTACT_TEMPLATES if t.kind in kinds]
        template = rng.choice(templates)
        day = rng.choice(days)
        happened = moment_on(day, rng)
        logged_by = _logger(build, household, template.logged_by)
        person: Person | None = rng.choice(household.tenants or household.people)
        if template.logged_by == "estates" and rng.random() < 0.4:
            person = None  # about the place, not the resident who told us
        follow_up_on = None
        done_at = None
        if template.follow_up and rng.random() < 0.5:
            follow_up_on = day + dt.timedelta(days=rng.randint(1, 7))
            if follow_up_on < build.today and rng.random() < 0.85:
                done_at = moment_on(follow_up_on, rng)
        contact = Contact(
            channel=template.channel,
            direction=template.direction,
            person=person,
            home=household.home,
            summary=_render(template, household),
            logged_by=logged_by,
            happened_at=happened,
            follow_up_on=follow_up_on,
            follow_up_done_at=done_at,
        )
        contacts.append(contact)
        if template.follow_up:
            worth_following_up.add(id(contact))
    _settle_demo_officer_follow_ups(build, contacts, worth_following_up)
    contacts.sort(key=lambda c: c.happened_at)
    bulk(Contact, contacts)
    # Recorded when it happened, not when the demo was loaded.
    for chunk in chunks([c.pk for c in contacts], BATCH_SIZE):
        Contact.objects.filter(pk__in=chunk).update(
            created_at=F("happened_at"), updated_at=F("happened_at")
        )
    build.counts["contacts"] = len(contacts)


def _settle_demo_officer_follow_ups(
    build: Build, contacts: list[Contact], worth_following_up: set[int]
) -> None:
    """The demo officer's own follow-ups: two overdue, two due today, two to come, the rest
    done, whatever the seed."""
    rng = build.rng
    officer = demo_officer(build)
    today = build.today

    def logged_on(contact: Contact) -> dt.date:
        return contact.happened_at.astimezone(LONDON).date()

    mine = sorted((c for c in contacts if c.logged_by == officer), key=lambda c: c.happened_at)
    for contact in mine:
        if contact.follow_up_on and contact.follow_up_done_at is None:
            if contact.follow_up_on < today:
                contact.follow_up_done_at = moment_on(contact.follow_up_on, rng)
            else:
                contact.follow_up_on = None
    # Prefer contacts an officer would really follow up; fall back to any of theirs.
    worthy = [c for c in mine if id(c) in worth_following_up]
    older = [c for c in worthy if logged_on(c) <= today - dt.timedelta(days=8)]
    older = older or [c for c in mine if logged_on(c) <= today - dt.timedelta(days=8)]
    overdue = rng.sample(older, min(2, len(older)))
    rest = [c for c in worthy if c not in overdue]
    rest = rest if len(rest) >= 4 else [c for c in mine if c not in overdue]
    others = rng.sample(rest, min(4, len(rest)))
    for contact in overdue:
        contact.follow_up_on = logged_on(contact) + dt.timedelta(days=rng.randint(2, 5))
        contact.follow_up_done_at = None
    for contact, offset in zip(others, (0, 0, 2, 5), strict=False):
        contact.follow_up_on = today + dt.timedelta(days=offset)
        contact.follow_up_done_at = None


_ARRANGEMENT_FLAGS = ("risk_to_staff", "shielding", "hearing_impairment")


def _needs_arrangements(build: Build, person: Person) -> bool:
    codes = build.flag_codes.get(id(person), [])
    return person.interpreter_needed or any(code in codes for code in _ARRANGEMENT_FLAGS)


def _callback_household(
    build: Build, user: User, office: str, *, special: bool = False
) -> tuple[Household, Person]:
    """A household to ring back: on the officer's patch if they have one, else the office's.
    `special`: someone whose special arrangements the officer must see before ringing."""
    rng = build.rng
    own = [h for h in build.households if on_patch_of(h, user)]
    pool = own or [h for h in build.households if h.plan.office == office]
    if special:
        candidates = [
            (h, p)
            for h in pool
            if h.tenancy is not None
            for p in h.people
            if p.phone and _needs_arrangements(build, p)
        ]
        if candidates:
            return rng.choice(candidates)
    for _ in range(200):
        household = rng.choice(pool)
        callers = [p for p in household.people if p.phone]
        if household.tenancy is not None and callers:
            return household, rng.choice(callers)
    household = next(h for h in build.households if any(p.phone for p in h.people))
    return household, next(p for p in household.people if p.phone)


def _new_callback(
    build: Build,
    *,
    for_officer: User | None,
    for_team: Team | None,
    office: str,
    due: dt.date,
    done: bool,
    attempts: int,
    contacts: list[Contact],
    tries: list[tuple[CallBack, CallBackAttempt]],
    special: bool = False,
) -> CallBack:
    rng = build.rng
    owner = for_officer or (for_team.leader if for_team else None)
    assert owner is not None
    household, person = _callback_household(build, owner, office, special=special)
    taken_by = rng.choice(
        [u for u in duty_colleagues(build, office) if u != for_officer] or [owner]
    )
    logged_day = working_days_before(min(due, build.today), 1)[0]
    logged_at = moment_on(logged_day, rng)
    reason = rng.choice(data.CALLBACK_REASONS)
    who = for_officer.get_short_name() if for_officer else "the team"
    contact = Contact(
        channel="phone",
        direction="inbound",
        person=person,
        home=household.home,
        summary=f"Rang for {who}: {reason.lower()}. Call-back logged.",
        logged_by=taken_by,
        happened_at=logged_at,
    )
    contacts.append(contact)
    callback = CallBack(
        for_officer=for_officer,
        for_team=for_team,
        person=person,
        home=household.home,
        contact=contact,
        caller_name=person.full_name,
        phone=person.phone,
        reason=reason,
        due_at=end_of_day(due),
        status=CallBackStatus.DONE if done else CallBackStatus.OPEN,
        created_by=taken_by,
    )
    callback.created_at = logged_at
    tried_at = logged_at
    handler = for_officer or owner
    for number in range(attempts):
        last = number == attempts - 1
        outcome = (
            AttemptOutcome.SPOKE
            if done and last
            else rng.choice((AttemptOutcome.NO_ANSWER, AttemptOutcome.LEFT_MESSAGE))
        )
        tried_at = min(tried_at + dt.timedelta(hours=rng.randint(2, 26)), build.now)
        if tried_at.astimezone(LONDON).date() > due and not done:
            tried_at = moment_on(due, rng, 9 * 60, 12 * 60)
        tries.append(
            (
                callback,
                CallBackAttempt(
                    attempted_at=tried_at,
                    attempted_by=handler,
                    outcome=outcome,
                    note=rng.choice(data.ATTEMPT_NOTES[outcome]),
                ),
            )
        )
    if done:
        callback.completed_at = tried_at
        callback.completed_by = handler
        callback.outcome = rng.choice(data.CALLBACK_OUTCOMES)
    return callback


def build_callbacks(build: Build) -> None:
    """Call-backs for every officer: done (with their attempts), overdue, due today and to
    come; the demo officer always has overdue ones and ones due today."""
    rng = build.rng
    today = build.today
    past = working_days_before(today, 15)
    # Due "today" is always today, even at a weekend, so the demo has something to ring.
    upcoming: list[dt.date] = []
    day = today
    while len(upcoming) < 3:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            upcoming.append(day)
    callbacks: list[CallBack] = []
    contacts: list[Contact] = []
    tries: list[tuple[CallBack, CallBackAttempt]] = []
    demo_user = demo_officer(build)
    for plan in data.STAFF:
        if plan.office is None or plan.leads:
            continue
        user = build.users[plan.full_name]
        if user == demo_user:
            overdue, due_today, later, done = 3, 4, 2, 8
        elif plan.login:
            overdue, due_today, later, done = 1, 2, 1, 4
        else:
            overdue, due_today, later = rng.randint(0, 2), rng.randint(0, 2), rng.randint(0, 2)
            done = rng.randint(2, 6)
        dues: list[tuple[dt.date, bool, int]] = []
        dues += [(past[i], False, rng.randint(0, 1) if i else 1) for i in range(overdue)]
        dues += [(today, False, 0)] * due_today
        dues += [(rng.choice(upcoming), False, 0) for _ in range(later)]
        dues += [(rng.choice(past[1:]), True, rng.randint(1, 3)) for _ in range(done)]
        for number, (due, is_done, attempts) in enumerate(dues):
            callbacks.append(
                _new_callback(
                    build,
                    for_officer=user,
                    for_team=None,
                    office=plan.office,
                    due=due,
                    done=is_done,
                    attempts=attempts,
                    contacts=contacts,
                    tries=tries,
                    # The demo officer's first overdue and first due today need care.
                    special=user == demo_user and number in (0, overdue),
                )
            )
    # Each neighbourhood team has a couple waiting for anyone to pick up.
    for (office, team_name), team in build.teams.items():
        if team_name != data.NEIGHBOURHOOD:
            continue
        for due in (past[0], today):
            callbacks.append(
                _new_callback(
                    build,
                    for_officer=None,
                    for_team=team,
                    office=office,
                    due=due,
                    done=False,
                    attempts=0,
                    contacts=contacts,
                    tries=tries,
                )
            )
    created = {id(cb): cb.created_at for cb in callbacks}
    bulk(Contact, contacts)
    for chunk in chunks([c.pk for c in contacts], BATCH_SIZE):
        Contact.objects.filter(pk__in=chunk).update(
            created_at=F("happened_at"), updated_at=F("happened_at")
        )
    bulk(CallBack, callbacks)
    for callback in callbacks:
        callback.created_at = created[id(callback)]
    CallBack.objects.bulk_update(callbacks, ["created_at"], batch_size=BATCH_SIZE)
    attempt_rows = []
    for callback, attempt in tries:
        attempt.callback = callback
        attempt_rows.append(attempt)
    bulk(CallBackAttempt, attempt_rows)
    build.counts["contacts"] = build.counts.get("contacts", 0) + len(contacts)
    build.counts["call-backs"] = len(callbacks)
    build.counts["call-back attempts"] = len(attempt_rows)


def build_rota(build: Build) -> None:
    """Duty officer for every team, every working day of this week and next."""
    monday = build.today - dt.timedelta(days=build.today.weekday())
    days = [
        monday + dt.timedelta(days=n)
        for n in range(14)
        if is_working_day(monday + dt.timedelta(days=n))
    ]
    shifts = []
    demo_user = demo_officer(build)
    for (office, team_name), team in build.teams.items():
        rota = duty_officers(build, office, team_name)
        offset = 0
        # The demo officer is on duty today (when today is a working day).
        if demo_user in rota and build.today in days:
            offset = (rota.index(demo_user) - days.index(build.today)) % len(rota)
        for n, day in enumerate(days):
            shifts.append(DutyShift(team=team, date=day, officer=rota[(n + offset) % len(rota)]))
    bulk(DutyShift, shifts)
    build.counts["duty shifts"] = len(shifts)
