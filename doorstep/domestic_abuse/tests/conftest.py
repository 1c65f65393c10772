"""Domestic abuse fixtures on top of the standing cast: a restricted domestic abuse case at
`home` led by `officer` with `person` as the victim, an ASB case there, and a police agency."""

from __future__ import annotations

import pytest

from doorstep.cases.models import CaseParty, PartyRole
from doorstep.cases.tests.factories import CaseFactory
from doorstep.domestic_abuse.tests.factories import DomesticAbuseCaseFactory
from doorstep.partners.tests.factories import AgencyFactory

CAST = ["officer", "other_officer", "team_leader", "manager", "safeguarding_lead", "dpo"]
# Who may see (and, but the DPO, change) a restricted case led by `officer` in `team`.
SEES = {
    "officer": True,
    "other_officer": False,
    "team_leader": True,
    "manager": True,
    "safeguarding_lead": True,
    "dpo": False,
}


@pytest.fixture
def cast(officer, other_officer, team_leader, manager, safeguarding_lead, dpo):
    return {
        "officer": officer,
        "other_officer": other_officer,
        "team_leader": team_leader,
        "manager": manager,
        "safeguarding_lead": safeguarding_lead,
        "dpo": dpo,
    }


@pytest.fixture
def case(home, officer, team, person):
    da = DomesticAbuseCaseFactory(home=home, lead_officer=officer, team=team)
    CaseParty.objects.create(case=da, person=person, role=PartyRole.VICTIM)
    return da


@pytest.fixture
def asb_case(home, officer, team):
    return CaseFactory(home=home, lead_officer=officer, team=team, summary="Shouting next door")


@pytest.fixture
def police():
    return AgencyFactory(name="West Midlands Police", kind="police")
