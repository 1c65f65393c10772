"""`load_demo`: fly-tipping and domestic abuse cases in different states."""

from __future__ import annotations

import pytest
import time_machine

from doorstep.accounts.models import User
from doorstep.cases.models import Case, CaseParty, CaseStatus, CaseType, PartyRole
from doorstep.demo.tests.test_load_demo import NOW, load
from doorstep.domestic_abuse.models import MaracReferral, RiskAssessment
from doorstep.domestic_abuse.services import marac_needed_for
from doorstep.flytipping.models import FlyTipping, RechargeStatus
from doorstep.myday.selectors import my_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    with time_machine.travel(NOW, tick=False):
        load()
        yield


def test_an_open_inspection_is_on_the_demo_estates_officers_my_day(demo):
    dave = User.objects.get(full_name="Dave Lloyd")
    details = FlyTipping.objects.get(case__summary__contains="bin store")
    action = details.inspection_action
    assert action is not None and action.owner == dave and action.done_at is None
    items = [i for i in my_day(user=dave, now=NOW).items if i.kind == "case_action"]
    assert any(details.case.reference in item.title for item in items)


def test_a_closed_fly_tipping_case_with_the_perpetrator_recharged(demo):
    details = FlyTipping.objects.select_related("case").get(recharge_status=RechargeStatus.RAISED)
    assert details.case.status == CaseStatus.CLOSED
    assert details.case.closure_reason == "resolved"
    assert details.perpetrator is not None and details.recharge_amount > 0
    assert details.inspection_action.done_at is not None and details.removed_on is not None
    assert CaseParty.objects.filter(
        case=details.case, person=details.perpetrator, role=PartyRole.ALLEGED_PERPETRATOR
    ).exists()


def test_fly_tipping_in_different_states(demo):
    states = FlyTipping.objects.filter(case__case_type=CaseType.FLY_TIPPING)
    assert states.count() == 3
    assert states.filter(letter_sent_on__isnull=False, signage_on__isnull=False).exists()
    assert states.filter(perpetrator_status="not_identified").exists()


def test_two_domestic_abuse_cases_high_with_marac_and_medium(demo):
    cases = {case.risk_level: case for case in Case.objects.filter(case_type="domestic_abuse")}
    assert set(cases) == {"high", "medium"}
    assert all(case.restricted for case in cases.values())
    assert RiskAssessment.objects.filter(case=cases["high"], level="high").exists()
    assert MaracReferral.objects.filter(case=cases["high"]).exists()
    assert not marac_needed_for(cases["high"])
    assert RiskAssessment.objects.filter(case=cases["medium"], level="medium").exists()
