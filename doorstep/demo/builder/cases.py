"""Cases at the demo landlord: every case type, opened and worked through the real services.

A hundred or so cases spread over the three offices, so every list, panel and warning has
something to show: anti-social behaviour with incident reports (and a Community Trigger met on
the load date, by one person and by one block), neighbour disputes, fly-tipping (worked through
in `builder.casetypes`, with domestic abuse), hoarding rated over months, self-neglect in a
sheltered scheme, a restricted safeguarding case with its referral, complaints (one at stage 2),
damp and mould,
and case actions for the demo officer due today and overdue. The services write the audit log
and the case timelines as an officer's work would; dates are set in the past by passing them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from doorstep.accounts.models import User
from doorstep.accounts.roles import Role
from doorstep.asb.services import incident_report_add
from doorstep.asb.trigger import PERSON_THRESHOLD, PLACE_THRESHOLD
from doorstep.cases.models import CaseAction, CaseStatus, CaseType, ClosureReason, PartyRole
from doorstep.cases.services import case_action_add, case_open, case_transition
from doorstep.complaints.models import ComplaintAbout, ComplaintStage, Outcome
from doorstep.complaints.services import (
    complaint_acknowledge,
    complaint_escalate,
    complaint_open,
    complaint_respond,
)
from doorstep.core.working_days import LONDON, add_working_days
from doorstep.demo import data
from doorstep.demo.builder.common import SOURCE, Build, Household, demo_officer, next_phone
from doorstep.hoarding.services import clutter_rating_add
from doorstep.partners.models import Agency, AgencyKind
from doorstep.partners.services import agency_contact_add, agency_create
from doorstep.safeguarding.models import AbuseCategory, AdultOrChild
from doorstep.safeguarding.services import referral_make

# (name, kind, phone (given from the demo ranges at load), secure email, contact name, contact role)
AGENCIES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Walsall Adult Social Care", AgencyKind.ADULT_SOCIAL_CARE, "",
     "adultsocialcare@walsall.example.gov.uk", "Duty social worker", "Front door team"),
    ("Walsall Children's Services", AgencyKind.CHILDRENS_SERVICES, "",
     "mash@walsall.example.gov.uk", "MASH duty manager", "Multi-agency safeguarding hub"),
    ("Birmingham Adult Social Care", AgencyKind.ADULT_SOCIAL_CARE, "",
     "acap@birmingham.example.gov.uk", "Duty social worker", "Adults and communities access point"),
    ("Birmingham Children's Trust", AgencyKind.CHILDRENS_SERVICES, "",
     "cass@birmingham.example.gov.uk", "CASS duty manager", "Children's advice and support"),
    ("Nottingham City Adult Social Care", AgencyKind.ADULT_SOCIAL_CARE, "",
     "adults@nottinghamcity.example.gov.uk", "Duty social worker", "Customer hub"),
    ("Nottingham City Children's Services", AgencyKind.CHILDRENS_SERVICES, "",
     "mash@nottinghamcity.example.gov.uk", "MASH duty manager", "Multi-agency safeguarding hub"),
    ("West Midlands Police", AgencyKind.POLICE, "",
     "partnerships@wmp.example.police.uk", "PC Dan Ashworth", "Neighbourhood policing team"),
    ("Nottinghamshire Police", AgencyKind.POLICE, "",
     "partnerships@notts.example.police.uk", "PC Sarah Kaur", "Neighbourhood policing team"),
    ("West Midlands Fire Service", AgencyKind.FIRE_AND_RESCUE, "",
     "safeandwell@wmfs.example.gov.uk", "Safe and well team", "Home fire safety visits"),
    ("Nottinghamshire Fire and Rescue Service", AgencyKind.FIRE_AND_RESCUE, "",
     "safeandwell@notts-fire.example.gov.uk", "Safe and well team", "Home fire safety visits"),
    ("Black Country Community Mental Health Team", AgencyKind.MENTAL_HEALTH_TEAM,
     "", "cmht@blackcountry.example.nhs.uk", "Duty worker", "Community mental health"),
    ("Women's Aid Midlands", AgencyKind.CHARITY, "",
     "referrals@womensaid.example.org.uk", "Outreach worker", "Domestic abuse outreach"),
    ("Second Chance Volunteer Charity Shop", AgencyKind.CHARITY_SHOP, "",
     "collections@secondchance.example.org.uk", "Shop manager", "Furniture collections"),
)  # fmt: skip

_ASB_STORIES = (
    "Loud music and shouting late at night from the flat above.",
    "Young people gathering in the stairwell, smoking and leaving litter.",
    "Dog barking for hours when left alone; the owner is out at work.",
    "Cars revving and doing handbrake turns in the car park after midnight.",
    "Verbal abuse from a neighbour when the reporter walks past the garden.",
    "Suspected drug dealing from the address: visitors at all hours.",
    "Football kicked against the reporter's windows every evening.",
)
_DISPUTES = (
    "Disagreement over a shared fence and an overhanging tree.",
    "Parking across a neighbour's drive; words exchanged.",
    "Complaint about cooking smells and a noisy washing machine late at night.",
    "Children's play noise in the shared garden; both sides unhappy.",
    "Bins left out on the shared path; a neighbour keeps moving them.",
)
_DAMP = (
    "Black mould in the bathroom and on the bedroom ceiling.",
    "Condensation on the windows and mould behind the wardrobe.",
    "Damp patch spreading on the kitchen wall after a leak.",
)
_COMPLAINTS = (
    (ComplaintAbout.REPAIRS, "The kitchen tap repair was cancelled twice without warning."),
    (ComplaintAbout.ASB, "Reported noise for months and nobody called back."),
    (ComplaintAbout.COMMUNICATION, "Letters about the rent went to the wrong address."),
    (ComplaintAbout.NEIGHBOURHOOD, "The communal areas have not been cleaned for weeks."),
    (ComplaintAbout.DAMP_MOULD, "Mould was painted over and came straight back."),
)

# How many of each everyday case per office.
_PER_OFFICE = {
    CaseType.ASB: 10,
    CaseType.NEIGHBOUR_DISPUTE: 6,
    CaseType.DAMP_MOULD: 5,
    CaseType.FLY_TIPPING: 3,
}


def _agencies(build: Build) -> dict[str, Agency]:
    actor = next(
        build.users[plan.full_name] for plan in data.STAFF if plan.role == Role.SAFEGUARDING_LEAD
    )
    # The directory outlives a --reset (referrals elsewhere may point at it): keep what is there.
    agencies = {
        agency.name: agency
        for agency in Agency.objects.filter(name__in=[row[0] for row in AGENCIES])
    }
    for name, kind, _, email, contact, role in AGENCIES:
        if name in agencies:
            continue
        office = "Nottingham" if name.startswith("Notting") else "Walsall"
        # Example numbers from the demo's own ranges (Ofcom's drama numbers), never real ones.
        phone = next_phone(build, office)
        agency = agency_create(
            actor=actor, name=name, kind=kind, phone=phone, secure_email=email, source=SOURCE
        )
        agency_contact_add(
            actor=actor, agency=agency, name=contact, role=role, email=email, source=SOURCE
        )
        agencies[name] = agency
    build.counts["agencies"] = len(agencies)
    return agencies


def _lead_for(build: Build, household: Household, case_type: str) -> User:
    """The officer who would lead: the patch officer, or for ASB and fly-tipping the office's
    ASB or estates officer."""
    office = household.plan.office
    titles: dict[str, str] = {
        CaseType.ASB: "Anti-social behaviour officer",
        CaseType.FLY_TIPPING: "Estates officer",
    }
    role_title = titles.get(case_type)
    if role_title:
        for plan in data.STAFF:
            if plan.office == office and plan.job_title == role_title:
                return build.users[plan.full_name]
    patch = household.home.patch
    if patch is not None and patch.officer is not None:
        return patch.officer
    return next(
        build.users[plan.full_name]
        for plan in data.STAFF
        if plan.office == office and plan.role == Role.NEIGHBOURHOOD_OFFICER and not plan.leads
    )


def _days_ago(build: Build, low: int, high: int) -> dt.date:
    return build.today - dt.timedelta(days=build.rng.randint(low, high))


def _open(
    build: Build,
    household: Household,
    case_type: str,
    summary: str,
    opened_on: dt.date,
    parties: Sequence[tuple[Any, str]] = (),
    **kwargs: Any,
) -> Any:
    lead = kwargs.pop("lead_officer", None) or _lead_for(build, household, case_type)
    case = case_open(
        actor=lead,
        case_type=case_type,
        summary=summary,
        opened_on=opened_on,
        home=kwargs.pop("home", household.home),
        lead_officer=lead,
        parties=parties,
        source=SOURCE,
        **kwargs,
    )
    build.counts["cases"] = build.counts.get("cases", 0) + 1
    return case


def _with_people(households: Sequence[Household]) -> list[Household]:
    return [h for h in households if h.tenants]


def _by_office(build: Build) -> dict[str, list[Household]]:
    found: dict[str, list[Household]] = defaultdict(list)
    for household in _with_people(build.households):
        found[household.plan.office].append(household)
    return found


def _everyday_cases(build: Build, pool: dict[str, list[Household]]) -> None:
    rng = build.rng
    for office in sorted(pool):
        households = pool[office]
        for case_type, count in _PER_OFFICE.items():
            for n in range(count):
                household = rng.choice(households)
                reporter = household.tenants[0]
                opened_on = _days_ago(build, 5, 150)
                if case_type == CaseType.ASB:
                    summary = rng.choice(_ASB_STORIES)
                elif case_type == CaseType.NEIGHBOUR_DISPUTE:
                    summary = rng.choice(_DISPUTES)
                elif case_type == CaseType.DAMP_MOULD:
                    summary = rng.choice(_DAMP)
                else:
                    summary = "Mattress and household rubbish dumped on the grass verge."
                case = _open(
                    build,
                    household,
                    case_type,
                    summary,
                    opened_on,
                    parties=[(reporter, PartyRole.REPORTER)],
                )
                if case_type == CaseType.ASB:
                    for k in range(rng.randint(1, 3)):
                        incident_report_add(
                            actor=case.lead_officer,
                            case=case,
                            reporter=reporter,
                            reported_on=min(build.today, opened_on + dt.timedelta(days=7 * k)),
                            description=summary,
                            today=build.today,
                            source=SOURCE,
                        )
                # Some older cases are closed, so the lists show both.
                if n % 4 == 3 and case_type != CaseType.ASB:
                    case_transition(
                        actor=case.lead_officer,
                        case=case,
                        to_status=CaseStatus.CLOSED,
                        closure_reason=ClosureReason.RESOLVED,
                        closed_on=build.today,
                        source=SOURCE,
                    )


def _community_trigger(build: Build, pool: dict[str, list[Household]]) -> None:
    """Met on the load date: one person reporting on three different ASB cases in six months,
    and a block five different people reported about."""
    walsall = pool[data.OFFICES[0].name]
    person_home, *others = walsall[: PERSON_THRESHOLD + 1]
    reporter = person_home.tenants[0]
    for k, household in enumerate(others[:PERSON_THRESHOLD]):
        opened_on = build.today - dt.timedelta(days=20 + 30 * k)
        case = _open(
            build,
            household,
            CaseType.ASB,
            f"Repeated noise and intimidation reported by a neighbour ({k + 1} of 3).",
            opened_on,
            parties=[(reporter, PartyRole.REPORTER)],
        )
        incident_report_add(
            actor=case.lead_officer,
            case=case,
            reporter=reporter,
            reported_on=opened_on,
            description="Shouting and banging late at night.",
            today=build.today,
            source=SOURCE,
        )
    by_block: dict[int, list[Household]] = defaultdict(list)
    for household in _with_people(build.households):
        if household.home.block_id is not None:
            by_block[household.home.block_id].append(household)
    block_homes = next(
        homes
        for _, homes in sorted(by_block.items())
        if len(homes) >= PLACE_THRESHOLD and homes[0].plan.office != data.OFFICES[0].name
    )
    first = block_homes[0]
    case = _open(
        build,
        first,
        CaseType.ASB,
        "Drug use and rough sleeping in the block's stairwells; residents feel unsafe.",
        build.today - dt.timedelta(days=60),
        home=None,
        block=first.home.block,
    )
    for k, household in enumerate(block_homes[:PLACE_THRESHOLD]):
        incident_report_add(
            actor=case.lead_officer,
            case=case,
            reporter=household.tenants[0],
            reported_on=build.today - dt.timedelta(days=55 - 9 * k),
            description="People using the stairwell at night; needles left behind.",
            today=build.today,
            source=SOURCE,
        )


def _hoarding(build: Build, household: Household) -> None:
    """Rated over four months, getting worse: the latest 8 brings the fire safety referral and
    safeguarding consideration actions."""
    officer = demo_officer(build)
    case = _open(
        build,
        household,
        CaseType.HOARDING,
        "Belongings piled in every room; the tenant struggles to reach the kitchen.",
        build.today - dt.timedelta(days=130),
        parties=[(household.tenants[0], PartyRole.SUBJECT)],
        lead_officer=officer,
    )
    for days_ago, score in ((120, 4), (80, 6), (40, 7), (5, 8)):
        clutter_rating_add(
            actor=officer,
            case=case,
            rated_on=build.today - dt.timedelta(days=days_ago),
            living_room=score,
            kitchen=max(1, score - 1),
            bedroom=max(1, score - 2),
            note="Rated at a home visit.",
            source=SOURCE,
        )


def _self_neglect(build: Build, household: Household) -> None:
    _open(
        build,
        household,
        CaseType.SELF_NEGLECT,
        "Scheme manager worried: not eating, not washing, refusing the carers.",
        build.today - dt.timedelta(days=25),
        parties=[(household.tenants[0], PartyRole.SUBJECT)],
    )


def _safeguarding(build: Build, household: Household, agencies: dict[str, Agency]) -> None:
    lead = _lead_for(build, household, CaseType.SAFEGUARDING)
    person = household.tenants[0]
    case = _open(
        build,
        household,
        CaseType.SAFEGUARDING,
        "Concern that a relative is taking the tenant's pension and leaving no money for food.",
        build.today - dt.timedelta(days=9),
        parties=[(person, PartyRole.SUBJECT)],
        lead_officer=lead,
    )
    office = household.plan.office
    agency = next(
        a for name, a in agencies.items()
        if name.startswith(office) and a.kind == AgencyKind.ADULT_SOCIAL_CARE
    )  # fmt: skip
    referral_make(
        actor=lead,
        person=person,
        adult_or_child=AdultOrChild.ADULT,
        category=AbuseCategory.FINANCIAL,
        what_was_seen="Empty cupboards; the tenant said her grandson keeps her bank card.",
        immediate_danger=False,
        consent_given=True,
        agency=agency,
        concern_recorded_at=dt.datetime.combine(case.opened_on, dt.time(11, 15), tzinfo=LONDON),
        case=case,
        source=SOURCE,
    )


def _complaints(build: Build, pool: dict[str, list[Household]]) -> None:
    """Complaints at each stage; exactly one has gone to stage 2."""
    offices = sorted(pool)
    for n, (about, summary) in enumerate(_COMPLAINTS):
        household = pool[offices[n % len(offices)]][-(n + 1)]
        lead = _lead_for(build, household, CaseType.COMPLAINT)
        received = build.today - dt.timedelta(days=60 - 11 * n)
        case = complaint_open(
            actor=lead,
            complainant=household.tenants[0],
            summary=summary,
            received_on=received,
            home=household.home,
            about=about,
            lead_officer=lead,
            source=SOURCE,
        )
        build.counts["cases"] = build.counts.get("cases", 0) + 1
        if n >= 4:
            continue  # the newest waits to be acknowledged
        stage = ComplaintStage.objects.get(case=case)
        acknowledged = add_working_days(received, 2)
        complaint_acknowledge(actor=lead, stage=stage, acknowledged_on=acknowledged, source=SOURCE)
        if n >= 2:
            continue  # being looked into
        responded = add_working_days(received, 8)
        stage = complaint_respond(
            actor=lead,
            stage=stage,
            responded_on=responded,
            outcome=Outcome.PARTLY_UPHELD if n == 0 else Outcome.UPHELD,
            response_summary="We apologised and put the repair right; a goodwill payment agreed.",
            source=SOURCE,
        )
        if n == 0:
            complaint_escalate(
                actor=lead,
                case=case,
                requested_on=add_working_days(responded, 3),
                reason="Still unhappy with how long the repair took.",
                source=SOURCE,
            )


def _demo_officer_actions(build: Build) -> None:
    """Actions on the demo officer's own cases, due today and overdue, for her My day."""
    officer = demo_officer(build)
    mine = [
        h
        for h in _with_people(build.households)
        if h.home.patch is not None and h.home.patch.officer_id == officer.pk
    ]
    titles = (
        ("Visit to check the noise diary", 0),
        ("Call the reporter back with an update", 0),
        ("Write to the alleged perpetrator", 3),
        ("Chase the repairs team about the mould wash", 6),
    )
    for k, (title, overdue_by) in enumerate(titles):
        household = mine[-(k + 1)]
        case = _open(
            build,
            household,
            CaseType.NEIGHBOUR_DISPUTE if k % 2 else CaseType.DAMP_MOULD,
            _DISPUTES[k % len(_DISPUTES)] if k % 2 else _DAMP[k % len(_DAMP)],
            build.today - dt.timedelta(days=20 + overdue_by),
            parties=[(household.tenants[0], PartyRole.REPORTER)],
            lead_officer=officer,
        )
        action = case_action_add(
            actor=officer, case=case, title=title, owner=officer, due_on=build.today, source=SOURCE
        )
        if overdue_by:
            # Set earlier than the service allows a new action to be: it fell due while open.
            CaseAction.objects.filter(pk=action.pk).update(
                due_on=build.today - dt.timedelta(days=overdue_by)
            )


def build_cases(build: Build) -> None:
    """Agencies and cases of every type, through the real services."""
    agencies = _agencies(build)
    pool = _by_office(build)
    _community_trigger(build, pool)
    _everyday_cases(build, pool)
    officer = demo_officer(build)
    kerry_homes = [
        h
        for h in pool[data.OFFICES[0].name]
        if h.home.patch is not None and h.home.patch.officer_id == officer.pk
    ]
    _hoarding(build, kerry_homes[len(kerry_homes) // 2])
    for office in sorted(pool):
        scheme = [h for h in pool[office] if h.home.estate.is_scheme]
        if scheme:
            _self_neglect(build, scheme[0])
    _safeguarding(build, pool[data.OFFICES[1].name][len(pool[data.OFFICES[1].name]) // 3], agencies)
    _complaints(build, pool)
    _demo_officer_actions(build)
