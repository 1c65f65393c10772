"""Fly-tipping and domestic abuse cases at the demo landlord, worked through the real services.

- Fly-tipping at a Walsall block's bin store, reported three days ago: the inspection asked of
  Dave Lloyd (the demo estates officer) yesterday is open and on his My day.
- Fly-tipping on a Birmingham estate, closed as resolved: inspected, the tenant who dumped it
  identified, removed by the council and the cost recharged to him.
- Fly-tipping behind Nottingham garages: no one identified, removal arranged, signs up and a
  letter sent to the block.
- Domestic abuse in Nottingham assessed high (the MARAC referral recorded, the meeting next
  fortnight) and in Birmingham assessed medium.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from doorstep.cases.models import CaseStatus, CaseType, ClosureReason, PartyRole
from doorstep.cases.services import case_transition
from doorstep.core.working_days import add_working_days, is_working_day
from doorstep.demo import data
from doorstep.demo.builder.cases import _by_office, _open
from doorstep.demo.builder.common import SOURCE, Build, Household
from doorstep.domestic_abuse import rules as da_rules
from doorstep.domestic_abuse.services import marac_referral_record, risk_assessment_record
from doorstep.flytipping.models import LocationKind, Perpetrator, RechargeStatus, Waste
from doorstep.flytipping.services import (
    fly_tipping_details_save,
    fly_tipping_inspection_linked,
    fly_tipping_letter_sent,
    fly_tipping_perpetrator_record,
    fly_tipping_recharge_record,
    fly_tipping_removal_record,
    fly_tipping_request_inspection,
    fly_tipping_signage_record,
)
from doorstep.partners.models import Agency


def _previous_working_day(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _estates_officer(build: Build, office: str) -> object:
    plan = next(p for p in data.STAFF if p.office == office and p.job_title == "Estates officer")
    return build.users[plan.full_name]


def _in_a_block(households: list[Household]) -> Household:
    return next(h for h in households if h.home.block_id is not None)


def _bin_store(build: Build, households: list[Household]) -> None:
    """Open, with the inspection on the estates officer's My day."""
    household = _in_a_block(households)
    block = household.home.block
    assert block is not None
    case = _open(
        build,
        household,
        CaseType.FLY_TIPPING,
        "Black bags and a broken sofa dumped by the bin store; bags split open and attracting "
        "rats.",
        build.today - dt.timedelta(days=3),
        home=None,
        block=block,
        parties=[(household.tenants[0], PartyRole.REPORTER)],
    )
    lead = case.lead_officer
    fly_tipping_details_save(
        actor=lead,
        case=case,
        location_kind=LocationKind.COMMUNAL_AREA,
        estate=block.estate,
        block=block,
        where_exactly=f"Beside the bin store at {block.name}",
        waste=[Waste.BLACK_BAGS, Waste.FURNITURE],
        source=SOURCE,
    )
    fly_tipping_request_inspection(
        actor=lead,
        case=case,
        officer=_estates_officer(build, data.OFFICES[0].name),
        requested_on=max(case.opened_on, _previous_working_day(build.today)),
        source=SOURCE,
    )


def _recharged(build: Build, households: list[Household]) -> None:
    """Closed as resolved: perpetrator identified and the removal recharged to him."""
    household = households[len(households) // 2]
    culprit = households[len(households) // 2 + 1].tenants[0]
    estate = household.home.estate
    opened = build.today - dt.timedelta(days=45)
    case = _open(
        build,
        household,
        CaseType.FLY_TIPPING,
        "Mattress, a fridge and carpet offcuts dumped on the grass by the car park.",
        opened,
        home=None,
        estate=estate,
        parties=[(household.tenants[0], PartyRole.REPORTER)],
    )
    lead = case.lead_officer
    fly_tipping_details_save(
        actor=lead,
        case=case,
        location_kind=LocationKind.ESTATE,
        estate=estate,
        where_exactly="On the grass between the car park and the play area",
        waste=[Waste.MATTRESS, Waste.WHITE_GOODS, Waste.OTHER],
        waste_description="Carpet offcuts and underlay",
        source=SOURCE,
    )
    fly_tipping_request_inspection(
        actor=lead, case=case, officer=lead, requested_on=opened, source=SOURCE
    )
    inspected = add_working_days(opened, 1)
    fly_tipping_inspection_linked(actor=lead, case=case, inspected_on=inspected, source=SOURCE)
    fly_tipping_perpetrator_record(
        actor=lead, case=case, status=Perpetrator.IDENTIFIED, person=culprit, source=SOURCE
    )
    fly_tipping_removal_record(
        actor=lead,
        case=case,
        arranged_on=inspected,
        removed_on=add_working_days(inspected, 2),
        removed_by="Council street cleansing team",
        source=SOURCE,
    )
    fly_tipping_recharge_record(
        actor=lead,
        case=case,
        status=RechargeStatus.RAISED,
        amount=Decimal("185.00"),
        recharge_to=culprit.full_name,
        source=SOURCE,
    )
    case_transition(
        actor=lead,
        case=case,
        to_status=CaseStatus.CLOSED,
        closure_reason=ClosureReason.RESOLVED,
        closed_on=add_working_days(inspected, 5),
        source=SOURCE,
    )


def _behind_garages(build: Build, households: list[Household]) -> None:
    """Open: nobody identified; removal arranged, signs up, a letter to the block."""
    household = _in_a_block(list(reversed(households)))
    block = household.home.block
    assert block is not None
    opened = build.today - dt.timedelta(days=12)
    case = _open(
        build,
        household,
        CaseType.FLY_TIPPING,
        "Builders' rubble and tyres dumped behind the garages again.",
        opened,
        home=None,
        block=block,
    )
    lead = case.lead_officer
    fly_tipping_details_save(
        actor=lead,
        case=case,
        location_kind=LocationKind.BLOCK,
        estate=block.estate,
        block=block,
        where_exactly=f"Behind the garages at the back of {block.name}",
        waste=[Waste.BUILDERS_RUBBLE, Waste.TYRES],
        source=SOURCE,
    )
    fly_tipping_perpetrator_record(
        actor=lead, case=case, status=Perpetrator.NOT_IDENTIFIED, source=SOURCE
    )
    fly_tipping_removal_record(
        actor=lead, case=case, arranged_on=opened + dt.timedelta(days=2), source=SOURCE
    )
    fly_tipping_signage_record(
        actor=lead,
        case=case,
        put_up_on=opened + dt.timedelta(days=3),
        where="On the garage doors and the lamp post by the entrance",
        source=SOURCE,
    )
    fly_tipping_letter_sent(
        actor=lead, case=case, sent_on=opened + dt.timedelta(days=4), source=SOURCE
    )


def _answers(yes: int) -> dict[str, str]:
    return {
        code: da_rules.YES if i < yes else (da_rules.NOT_KNOWN if i == yes else da_rules.NO)
        for i, code in enumerate(da_rules.QUESTION_CODES)
    }


def _domestic_abuse_high(build: Build, household: Household) -> None:
    opened = build.today - dt.timedelta(days=14)
    victim = household.tenants[0]
    case = _open(
        build,
        household,
        CaseType.DOMESTIC_ABUSE,
        "Tenant disclosed abuse by an ex-partner who still has a key; locks to be changed.",
        opened,
        parties=[(victim, PartyRole.VICTIM)],
    )
    lead = case.lead_officer
    assessed = opened + dt.timedelta(days=1)
    risk_assessment_record(
        actor=lead,
        case=case,
        victim=victim,
        assessed_on=assessed,
        answers=_answers(16),
        police_callouts=2,
        note="Assessed at the neighbourhood office, away from home.",
        source=SOURCE,
    )
    police = Agency.objects.get(name="Nottinghamshire Police")
    marac_referral_record(
        actor=lead,
        case=case,
        agency=police,
        referred_on=assessed,
        meeting_on=build.today + dt.timedelta(days=9),
        reference=f"MARAC-{assessed:%y%m}-017",
        safety_plan="Locks changed; police marker on the address; refuge number given.",
        source=SOURCE,
    )


def _domestic_abuse_medium(build: Build, household: Household) -> None:
    opened = build.today - dt.timedelta(days=6)
    victim = household.tenants[0]
    case = _open(
        build,
        household,
        CaseType.DOMESTIC_ABUSE,
        "Tenant told the repairs operative her partner controls the money and her phone.",
        opened,
        parties=[(victim, PartyRole.VICTIM)],
    )
    risk_assessment_record(
        actor=case.lead_officer,
        case=case,
        victim=victim,
        assessed_on=opened + dt.timedelta(days=1),
        answers=_answers(11),
        police_callouts=1,
        source=SOURCE,
    )


def build_casetypes(build: Build) -> None:
    """Fly-tipping and domestic abuse cases in different states."""
    pool = _by_office(build)
    walsall, birmingham, nottingham = (pool[office.name] for office in data.OFFICES)
    _bin_store(build, walsall)
    _recharged(build, birmingham)
    _behind_garages(build, nottingham)
    _domestic_abuse_high(build, nottingham[len(nottingham) // 3])
    _domestic_abuse_medium(build, birmingham[len(birmingham) // 4])
