import pytest

from doorstep.cases.models import CaseType, PartyRole
from doorstep.cases.tests.factories import CaseFactory, CasePartyFactory

CAST = ["officer", "other_officer", "team_leader", "manager", "safeguarding_lead", "dpo"]


@pytest.fixture
def damp_case(home, officer, team, person):
    case = CaseFactory(
        case_type=CaseType.DAMP_MOULD,
        home=home,
        lead_officer=officer,
        team=team,
        summary="Black mould in the back bedroom",
    )
    CasePartyFactory(case=case, person=person, role=PartyRole.REPORTER)
    return case


@pytest.fixture
def other_damp_case(other_home, other_officer, other_team):
    return CaseFactory(
        case_type=CaseType.DAMP_MOULD, home=other_home, lead_officer=other_officer, team=other_team
    )
