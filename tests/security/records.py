"""The records the hostile-input tests post against: the standing cast of the root conftest
and one of every record a page or API operation with arguments needs, made with the apps'
factories. Built once per test module by the `world` fixture (tests/security/conftest.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone


class World:
    """The records by name: `world.case` or `world["case"]`."""

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)

    def __setitem__(self, name: str, value: Any) -> None:
        setattr(self, name, value)

    def __repr__(self) -> str:
        return "<the records of the module>"


def build_world() -> World:
    from doorstep.accounts.roles import Role
    from doorstep.accounts.tests.factories import UserFactory
    from doorstep.asb.models import MediationReferral
    from doorstep.cases.models import CaseType, PartyRole
    from doorstep.cases.tests.factories import (
        CaseActionFactory,
        CaseFactory,
        CasePartyFactory,
    )
    from doorstep.community.tests.factories import (
        EventFactory,
        EventTaskFactory,
        SignUpFactory,
    )
    from doorstep.complaints.tests.factories import add_complainant, complaint_stage
    from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
    from doorstep.domestic_abuse.tests.factories import (
        DomesticAbuseCaseFactory,
        MaracReferralFactory,
        RiskAssessmentFactory,
    )
    from doorstep.flytipping.tests.factories import FlyTippingCaseFactory, FlyTippingFactory
    from doorstep.hazards.tests.factories import HazardFactory
    from doorstep.hoarding.tests.factories import HoardingCaseFactory
    from doorstep.inspections import services as inspection_services
    from doorstep.inspections.models import ChecklistItem
    from doorstep.inspections.tests.factories import ScheduleFactory
    from doorstep.meetings.tests.factories import (
        AttendeeFactory,
        MeetingActionFactory,
        MeetingFactory,
    )
    from doorstep.partners.tests.factories import AgencyContactFactory, AgencyFactory
    from doorstep.people.models import ConsentToShare
    from doorstep.people.tests.factories import (
        EmergencyContactFactory,
        FlagFactory,
        PersonFactory,
    )
    from doorstep.places.tests.factories import (
        BlockFactory,
        EstateFactory,
        HomeFactory,
        OfficeFactory,
        PatchFactory,
        TeamFactory,
    )
    from doorstep.recruitment.tests.factories import (
        CandidateFactory,
        CriterionFactory,
        VacancyFactory,
    )
    from doorstep.repairs.tests.factories import ContractorFactory, RepairFactory
    from doorstep.resident_reports.tests.factories import make_report
    from doorstep.safeguarding.tests.factories import ReferralFactory
    from doorstep.sustainment.tests.factories import PartnerJobFactory, SupportReferralFactory
    from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory
    from doorstep.welfare.tests.factories import CallFactory, ProgrammeFactory

    w = World()
    # The standing cast of the root conftest.
    w["office"] = OfficeFactory(name="Walsall")
    w["other_office"] = OfficeFactory(name="Nottingham")
    w["team"] = TeamFactory(name="Walsall neighbourhood team", office=w.office)
    w["other_team"] = TeamFactory(name="Nottingham neighbourhood team", office=w.other_office)
    w["officer"] = UserFactory(
        email="officer@doorstep.test", team=w.team, roles=[Role.NEIGHBOURHOOD_OFFICER]
    )
    w["other_officer"] = UserFactory(
        email="other.officer@doorstep.test",
        team=w.other_team,
        roles=[Role.NEIGHBOURHOOD_OFFICER],
    )
    w["team_leader"] = UserFactory(
        email="team.leader@doorstep.test", team=w.team, roles=[Role.TEAM_LEADER]
    )
    w.team.leader = w.team_leader
    w.team.save()
    w["manager"] = UserFactory(
        email="manager@doorstep.test", team=w.team, roles=[Role.HOUSING_SERVICES_MANAGER]
    )
    w.office.managers.add(w.manager)
    w["safeguarding_lead"] = UserFactory(
        email="safeguarding@doorstep.test", team=w.team, roles=[Role.SAFEGUARDING_LEAD]
    )
    w["estates_officer"] = UserFactory(
        email="estates@doorstep.test", team=w.team, roles=[Role.ESTATES_OFFICER]
    )
    w["dpo"] = UserFactory(email="dpo@doorstep.test", roles=[Role.DATA_PROTECTION_OFFICER])
    w["patch"] = PatchFactory(name="Beechdale", team=w.team, officer=w.officer)
    w["other_patch"] = PatchFactory(name="Bestwood", team=w.other_team, officer=w.other_officer)
    w["estate"] = EstateFactory(name="Beechdale Estate", office=w.office, patch=w.patch)
    w["other_estate"] = EstateFactory(
        name="Bestwood Estate", office=w.other_office, patch=w.other_patch
    )
    w["block"] = BlockFactory(estate=w.estate)
    w["quiet_estate"] = EstateFactory(name="Quiet Estate", office=w.office, patch=w.patch)
    w["home"] = HomeFactory(estate=w.estate, patch=w.patch, block=w.block, uprn="100071234567")
    w["empty_home"] = HomeFactory(estate=w.estate, patch=w.patch)
    w["other_home"] = HomeFactory(estate=w.other_estate, patch=w.other_patch, uprn="100031234567")
    w["person"] = PersonFactory(first_name="Edna", last_name="Thompson", reference="P000001")
    w["tenancy"] = TenancyFactory(home=w.home)
    TenancyMemberFactory(tenancy=w.tenancy, person=w.person)
    w["other_person"] = PersonFactory(first_name="Ray", last_name="Castle", reference="P000002")
    TenancyMemberFactory(tenancy=TenancyFactory(home=w.other_home), person=w.other_person)

    # People and contacts.
    w["flag"] = FlagFactory(person=w.person)
    w["emergency_contact"] = EmergencyContactFactory(person=w.person)
    w["agency"] = AgencyFactory()
    w["agency_contact"] = AgencyContactFactory(agency=w.agency)
    w["consent"] = ConsentToShare.objects.create(
        person=w.person, agency=w.agency, given_on=dt.date(2026, 1, 5)
    )
    w["contact"] = ContactFactory(person=w.person, home=w.home, logged_by=w.officer)
    w["callback"] = CallBackFactory(for_officer=w.officer, person=w.person, created_by=w.officer)

    # Cases of each kind on the officer's patch.
    case_on = {"home": w.home, "patch": w.patch, "lead_officer": w.officer, "team": w.team}
    w["case"] = CaseFactory(case_type=CaseType.ASB, **case_on)
    w["party"] = CasePartyFactory(case=w.case, person=w.person, role=PartyRole.REPORTER)
    w["action"] = CaseActionFactory(case=w.case, owner=w.officer)
    w["linked"] = CaseFactory(case_type=CaseType.NEIGHBOUR_DISPUTE, **case_on)
    w["hidden_case"] = DomesticAbuseCaseFactory(
        home=w.other_home, lead_officer=w.other_officer, team=w.other_team
    )
    w["mediation"] = MediationReferral.objects.create(
        case=w.linked, provider="Walsall Mediation", referred_on=dt.date(2026, 3, 2)
    )
    w["complaint"] = complaint_stage(**case_on).case
    w["acknowledged_complaint"] = complaint_stage(
        acknowledged_on=dt.date(2026, 3, 3), **case_on
    ).case
    w["fresh_complaint"] = complaint_stage(
        received_on=timezone.localdate(), acknowledged_on=timezone.localdate(), **case_on
    ).case
    w["answered_complaint"] = complaint_stage(
        acknowledged_on=dt.date(2026, 3, 3), responded_on=dt.date(2026, 3, 10), **case_on
    ).case
    w["closed_case"] = CaseFactory(
        status="closed", closed_on=timezone.localdate(), closure_reason="resolved", **case_on
    )
    w["bare_damp"] = CaseFactory(case_type=CaseType.DAMP_MOULD, **case_on)
    w["self_neglect"] = HoardingCaseFactory(
        case_type=CaseType.SELF_NEGLECT, home=w.home, lead_officer=w.officer, team=w.team
    )
    add_complainant(w.complaint, w.person)
    w["flytipping"] = FlyTippingFactory(
        case=FlyTippingCaseFactory(block=w.block, lead_officer=w.officer, team=w.team)
    ).case
    w["da_case"] = DomesticAbuseCaseFactory(home=w.home, lead_officer=w.officer, team=w.team)
    CasePartyFactory(case=w.da_case, person=w.person, role=PartyRole.VICTIM)
    w["assessment"] = RiskAssessmentFactory(case=w.da_case, victim=w.person)
    w["marac"] = MaracReferralFactory(case=w.da_case)
    w["hazard"] = HazardFactory(case=CaseFactory(case_type=CaseType.DAMP_MOULD, **case_on)).case
    w["hoarding"] = HoardingCaseFactory(home=w.home, lead_officer=w.officer, team=w.team)
    w["referral"] = ReferralFactory(person=w.person, made_by=w.officer)
    w["sent_referral"] = ReferralFactory(person=w.person, made_by=w.officer, sent_at=timezone.now())
    w["support"] = SupportReferralFactory(person=w.person, officer=w.officer)
    w["job"] = PartnerJobFactory(referral=w.support, agency=w.agency)
    w["repair"] = RepairFactory(home=w.home, raised_by=w.officer)
    w["contractor"] = ContractorFactory()

    # Meetings, inspections, welfare, temporary accommodation.
    w["meeting"] = MeetingFactory(chair=w.officer, person=w.person, case=w.case)
    w["attendee"] = AttendeeFactory(meeting=w.meeting, staff=w.officer)
    w["meeting_action"] = MeetingActionFactory(meeting=w.meeting, owner=w.officer)
    w["schedule"] = ScheduleFactory(estate=w.estate, inspector=w.officer)
    w["checklist_item"] = ChecklistItem.objects.filter(active=True).first() or (
        inspection_services.checklist_item_add(
            actor=w.manager, text="Bin store clear", hint="", follow_up="", repair_priority=""
        )
    )
    w["inspection"] = inspection_services.inspection_start(actor=w.officer, estate=w.estate)
    w["answer"] = w.inspection.answers.first()
    w["programme"] = ProgrammeFactory(team=w.team, created_by=w.manager, flags_all=[])
    w["call"] = CallFactory(
        programme=w.programme, person=w.person, called_by=w.officer, outcome="concern"
    )
    w["ta_tenancy"] = TenancyFactory(
        home=HomeFactory(estate=w.estate, patch=w.patch, tenure="temporary"),
        tenancy_type="licence",
    )
    TenancyMemberFactory(tenancy=w.ta_tenancy, person=PersonFactory())

    # Recruitment and community.
    w["vacancy"] = VacancyFactory(office=w.office, created_by=w.manager)
    w["criterion"] = CriterionFactory(vacancy=w.vacancy)
    w["candidate"] = CandidateFactory(vacancy=w.vacancy)
    w["event"] = EventFactory(office=w.office, organiser=w.officer)
    w["past_event"] = EventFactory(
        office=w.office, organiser=w.officer, starts_at=timezone.now() - dt.timedelta(days=2)
    )
    w["task"] = EventTaskFactory(event=w.event, owner=w.officer)
    w["sign_up"] = SignUpFactory(event=w.event, person=w.person, added_by=w.officer)
    w["resident_report"] = make_report(estate=w.estate)
    return w
