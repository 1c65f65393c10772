"""Tenancy sustainment and multi-agency meetings at the demo landlord, through the real
services: the garden and decorating partners beside the volunteer charity shop, support
referrals with partner jobs in every status (several paused, on hold, waiting to be
re-offered), a self-neglect case meeting with its action plan and a follow-up meeting, and the
council's homelessness strategy meeting, which is about no one in particular."""

from __future__ import annotations

import datetime as dt
from typing import Any

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.cases.models import Case, CaseType
from doorstep.core.working_days import LONDON, add_working_days
from doorstep.demo import data
from doorstep.demo.builder.common import SOURCE, Build, Household, next_phone
from doorstep.meetings import services as meetings
from doorstep.meetings.models import Attendance, MeetingAction, MeetingKind
from doorstep.partners.models import Agency, AgencyContact, AgencyKind
from doorstep.partners.services import agency_contact_add, agency_create
from doorstep.people.models import ConsentToShare
from doorstep.sustainment import services as support
from doorstep.sustainment.models import PartnerJob, SupportKind

# (name, kind, secure email, contact name, contact role); the charity shop is in builder.cases.
PARTNERS: tuple[tuple[str, str, str, str, str], ...] = (
    ("Green Fingers Garden Project", AgencyKind.CHARITY, "jobs@greenfingers.example.org.uk",
     "Pete Rowley", "Volunteer co-ordinator"),
    ("Fresh Start Decorating Scheme", AgencyKind.CHARITY, "packs@freshstart.example.org.uk",
     "Lorraine Cox", "Scheme manager"),
    ("Walsall Council Housing Options", AgencyKind.OTHER, "housingoptions@walsall.example.gov.uk",
     "Sam Okonjo", "Homelessness strategy lead"),
)  # fmt: skip
CHARITY_SHOP = "Second Chance Volunteer Charity Shop"

# (kind, description, eligibility, partner, what happens to the job)
_REFERRALS: tuple[tuple[str, str, str, str, str], ...] = (
    (SupportKind.GARDEN_WORK, "Back garden overgrown; path to the bins blocked.",
     "Low income: pension credit", "Green Fingers Garden Project", "today"),
    (SupportKind.DECORATING_PACK, "Living room and hallway.", "Low income: Universal Credit",
     "Fresh Start Decorating Scheme", "booked"),
    (SupportKind.CHARITY_SHOP_ITEMS, "Bed, table and two chairs after moving in.",
     "New tenant, no furniture", CHARITY_SHOP, "completed"),
    (SupportKind.GARDEN_WORK, "Hedge and front lawn.", "Disability: cannot manage the garden",
     "Green Fingers Garden Project", "on_hold"),
    (SupportKind.DECLUTTERING, "Spare bedroom and landing.", "Referred from a hoarding case",
     "Green Fingers Garden Project", "on_hold"),
    (SupportKind.DECORATING_PACK, "Kitchen after a leak.", "Low income: Universal Credit",
     "Fresh Start Decorating Scheme", "on_hold"),
    (SupportKind.GARDEN_WORK, "Clear the side return.", "Low income: pension credit",
     "Green Fingers Garden Project", "to_reoffer"),
    (SupportKind.CHARITY_SHOP_ITEMS, "Cooker and fridge.", "Fleeing domestic abuse; no income yet",
     CHARITY_SHOP, "not_completed"),
    (SupportKind.BUDGETING_ADVICE, "Rent arrears building up.", "Low income", "", "none"),
)  # fmt: skip


def _partners(build: Build) -> dict[str, Agency]:
    actor = next(
        build.users[plan.full_name] for plan in data.STAFF if plan.role == Role.SAFEGUARDING_LEAD
    )
    names = [row[0] for row in PARTNERS] + [CHARITY_SHOP]
    agencies = {a.name: a for a in Agency.objects.filter(name__in=names)}
    for name, kind, email, contact, role in PARTNERS:
        if name in agencies:
            continue  # the directory outlives a --reset
        agency = agency_create(
            actor=actor,
            name=name,
            kind=kind,
            phone=next_phone(build, "Walsall"),
            secure_email=email,
            source=SOURCE,
        )
        agency_contact_add(
            actor=actor, agency=agency, name=contact, role=role, email=email, source=SOURCE
        )
        agencies[name] = agency
    return agencies


def _slot(build: Build, days: int) -> dt.date:
    return add_working_days(build.today, days) if days else build.today


def _referrals(build: Build, agencies: dict[str, Agency]) -> None:
    officer = next(
        build.users[plan.full_name]
        for plan in data.STAFF
        if plan.role == Role.TENANCY_SUSTAINMENT_OFFICER and plan.office == "Walsall"
    )
    households: list[Household] = [
        h
        for h in build.households
        if h.plan.office == "Walsall" and h.tenants and h.tenants[0].phone
    ]
    step = max(1, len(households) // (len(_REFERRALS) + 1))
    on_hold: list[PartnerJob] = []
    to_reoffer: list[PartnerJob] = []
    for n, (kind, description, eligibility, partner, fate) in enumerate(_REFERRALS):
        person = households[(n + 1) * step].tenants[0]
        referral = support.referral_make(
            actor=officer,
            person=person,
            kind=kind,
            description=description,
            eligibility_note=eligibility,
            source=SOURCE,
        )
        build.counts["support referrals"] = build.counts.get("support referrals", 0) + 1
        if not partner:
            continue
        agency = agencies[partner]
        if fate != "not_completed":  # one without consent, so the refusal can be seen
            ConsentToShare.objects.get_or_create(
                person=person,
                agency=agency.name,
                defaults={"given_on": build.today - dt.timedelta(days=30)},
            )
        job = support.job_book(
            actor=officer,
            referral=referral,
            agency=agency,
            date=_slot(build, 0 if fate in ("today", "completed", "not_completed") else 3 + n),
            start_time=dt.time(9 + n % 4, 30),
            end_time=dt.time(11 + n % 4, 30),
            instructions=description,
            source=SOURCE,
        )
        build.counts["partner jobs"] = build.counts.get("partner jobs", 0) + 1
        if fate == "completed":
            support.job_record_outcome(
                actor=officer, job=job, completed=True, value="85.00", source=SOURCE
            )
        elif fate == "not_completed":
            support.job_record_outcome(
                actor=officer,
                job=job,
                completed=False,
                reason="Nobody home at the agreed time; card left.",
                source=SOURCE,
            )
        elif fate in ("on_hold", "to_reoffer"):
            support.job_hold(
                actor=officer,
                job=job,
                reason="Partner paused home visits; restarting soon.",
                source=SOURCE,
            )
            (to_reoffer if fate == "to_reoffer" else on_hold).append(job)
    support.jobs_reoffer(actor=officer, jobs=to_reoffer, source=SOURCE)


def _contact(agency_name: str) -> AgencyContact | None:
    return AgencyContact.objects.filter(agency__name=agency_name).order_by("id").first()


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=LONDON)


def _self_neglect_meeting(build: Build) -> None:
    case = (
        Case.objects.filter(case_type=CaseType.SELF_NEGLECT, team__office__name="Walsall")
        .select_related("lead_officer")
        .first()
    )
    if case is None or case.lead_officer is None:
        return
    chair: User = case.lead_officer
    meeting = meetings.meeting_arrange(
        actor=chair,
        title=f"Multi-agency meeting: self-neglect ({case.reference})",
        kind=MeetingKind.SELF_NEGLECT,
        starts_at=_at(build.today - dt.timedelta(days=14), 12),
        chair=chair,
        venue="Scheme lounge, with a Teams link for the GP",
        case=case,
        agenda=[
            "Condition of the flat and the scheme manager's concerns",
            "Risks to the tenant and to neighbours in the scheme",
            "Agree an action plan",
        ],
    )
    fire = _contact("West Midlands Fire Service")
    social_care = _contact("Walsall Adult Social Care")
    mental_health = _contact("Black Country Community Mental Health Team")
    for contact in (fire, social_care, mental_health):
        if contact is not None:
            attendee = meetings.attendee_add(actor=chair, meeting=meeting, agency_contact=contact)
            meetings.attendance_record(
                actor=chair,
                meeting=meeting,
                attendee=attendee,
                attendance=Attendance.APOLOGIES
                if contact == mental_health
                else Attendance.ATTENDED,
            )
    meetings.attendance_record(
        actor=chair,
        meeting=meeting,
        attendee=meeting.attendees.get(staff=chair),
        attendance=Attendance.ATTENDED,
    )
    actions: list[tuple[str, Any, Any, int]] = [
        ("Arrange a deep clean of the kitchen with the tenant's agreement", chair, None, 1),
        ("Home fire safety visit", None, fire, -3),
        ("Care Act assessment visit", None, social_care, 7),
    ]
    for title, owner, contact, _ in actions:
        if owner is None and contact is None:
            continue  # that agency is not in this database's directory
        meetings.action_add(
            actor=chair,
            meeting=meeting,
            title=title,
            owner=owner,
            agency_contact=contact,
            due_on=build.today,
        )
    meetings.minutes_save(
        actor=chair,
        meeting=meeting,
        minutes=(
            "The scheme manager described food left out for days, the tenant refusing carers and "
            "papers piled by the boiler cupboard. The tenant joined for part of the meeting and "
            "agreed to a clean of the kitchen."
        ),
        decisions="Deep clean with consent; fire service visit; Care Act assessment.",
        risks_to_person="Not eating regularly; fall risk on the cluttered hallway.",
        risks_to_neighbours="Fire risk in a sheltered scheme: papers by the boiler; smells.",
        finalise=True,
    )
    follow_up = meetings.meeting_follow_up(
        actor=chair, meeting=meeting, starts_at=_at(add_working_days(build.today, 10), 12)
    )
    # Due dates as the plan set them (the service only accepts today or later for new ones).
    for title, _, _, days in actions:
        MeetingAction.objects.filter(meeting=follow_up, title=title).update(
            due_on=build.today + dt.timedelta(days=days)
        )
    build.counts["meetings"] = build.counts.get("meetings", 0) + 2


def _homelessness_meeting(build: Build) -> None:
    manager = next(
        build.users[plan.full_name]
        for plan in data.STAFF
        if plan.role == Role.HOUSING_SERVICES_MANAGER
    )
    meeting = meetings.meeting_arrange(
        actor=manager,
        title="Walsall homelessness strategy review",
        kind=MeetingKind.HOMELESSNESS_STRATEGY,
        starts_at=_at(add_working_days(build.today, 2), 15),
        chair=manager,
        venue="Council House, Lichfield Street, Walsall",
        agenda=[
            "The council's proposed strategy",
            "Prevention: tenancy sustainment and early help",
            "Temporary accommodation numbers",
        ],
    )
    for name in ("Walsall Council Housing Options", "Walsall Adult Social Care", CHARITY_SHOP):
        contact = _contact(name)
        if contact is not None:
            meetings.attendee_add(actor=manager, meeting=meeting, agency_contact=contact)
    build.counts["meetings"] = build.counts.get("meetings", 0) + 1


def build_support(build: Build) -> None:
    """Partners, referrals and jobs, and the meetings (after the cases they are about)."""
    agencies = _partners(build)
    _referrals(build, agencies)
    _self_neglect_meeting(build)
    _homelessness_meeting(build)
