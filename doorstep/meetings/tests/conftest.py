"""Fixtures for meetings, on top of the standing cast in the root conftest."""

from __future__ import annotations

import pytest

from doorstep.cases.models import CaseType, PartyRole
from doorstep.cases.tests.factories import CaseFactory, CasePartyFactory
from doorstep.meetings.models import MeetingKind
from doorstep.meetings.tests.factories import MeetingFactory
from doorstep.partners.tests.factories import AgencyContactFactory, AgencyFactory


@pytest.fixture
def fire_officer(db):
    agency = AgencyFactory(name="West Midlands Fire Service")
    return AgencyContactFactory(agency=agency, name="Watch Manager Dean Hart")


@pytest.fixture
def self_neglect_case(home, person, officer):
    case = CaseFactory(
        case_type=CaseType.SELF_NEGLECT,
        home=home,
        lead_officer=officer,
        summary="Not eating, refusing the carers",
    )
    CasePartyFactory(case=case, person=person, role=PartyRole.SUBJECT)
    return case


@pytest.fixture
def restricted_case(home, person, safeguarding_lead):
    case = CaseFactory(case_type=CaseType.SAFEGUARDING, home=home, lead_officer=safeguarding_lead)
    CasePartyFactory(case=case, person=person, role=PartyRole.SUBJECT)
    return case


@pytest.fixture
def case_meeting(self_neglect_case, person, officer):
    return MeetingFactory(
        title="Self-neglect at Beechdale Road",
        kind=MeetingKind.SELF_NEGLECT,
        case=self_neglect_case,
        person=person,
        chair=officer,
        risks_to_person="Not eating; fall risk",
        risks_to_neighbours="Fire risk from piled papers by the boiler",
    )


@pytest.fixture
def restricted_meeting(restricted_case, person, safeguarding_lead):
    return MeetingFactory(
        title="Strategy meeting about Mrs T",
        kind=MeetingKind.SAFEGUARDING_STRATEGY,
        case=restricted_case,
        person=person,
        chair=safeguarding_lead,
        risks_to_person="Grandson takes her bank card",
    )
