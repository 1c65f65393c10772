"""`load_demo` cases: every case type, worked through the real services."""

from __future__ import annotations

import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from doorstep.accounts.models import User
from doorstep.asb.models import IncidentReport
from doorstep.asb.selectors import triggers_on
from doorstep.cases.models import Case, CaseAction, CaseType
from doorstep.cases.permissions import can_see_case
from doorstep.complaints.models import ComplaintStage
from doorstep.demo import data
from doorstep.demo.builder.cases import AGENCIES
from doorstep.demo.builder.support import PARTNERS
from doorstep.demo.tests.test_load_demo import NOW, TODAY, load
from doorstep.hoarding.models import ClutterRating
from doorstep.hoarding.rules import FIRE_SAFETY_REFERRAL, SAFEGUARDING_CONSIDERATION
from doorstep.myday.selectors import my_day
from doorstep.partners.models import Agency, AgencyKind
from doorstep.safeguarding.models import SafeguardingReferral

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def demo(frozen) -> str:
    return load()


def test_the_partner_agency_directory(demo):
    names = set(Agency.objects.values_list("name", flat=True))
    assert names == {row[0] for row in AGENCIES} | {row[0] for row in PARTNERS}
    kinds = set(Agency.objects.values_list("kind", flat=True))
    assert kinds == {
        AgencyKind.ADULT_SOCIAL_CARE,
        AgencyKind.CHILDRENS_SERVICES,
        AgencyKind.POLICE,
        AgencyKind.FIRE_AND_RESCUE,
        AgencyKind.MENTAL_HEALTH_TEAM,
        AgencyKind.CHARITY,
        AgencyKind.CHARITY_SHOP,
        AgencyKind.OTHER,  # the council's housing options team (builder.support)
    }
    for town in ("Walsall", "Birmingham", "Nottingham"):
        assert Agency.objects.filter(name__startswith=town, kind=AgencyKind.ADULT_SOCIAL_CARE)
        assert Agency.objects.filter(name__startswith=town, kind=AgencyKind.CHILDRENS_SERVICES)
    assert {"West Midlands Police", "Nottinghamshire Police"} <= names


def test_every_case_type_in_every_office_that_needs_it(demo):
    types = set(Case.objects.values_list("case_type", flat=True))
    assert types == set(CaseType.values)
    assert 60 <= Case.objects.count() <= 120
    for office in ("Walsall", "Birmingham", "Nottingham"):
        assert Case.objects.filter(team__office__name=office).count() >= 15
    assert not Case.objects.filter(opened_on__gt=TODAY).exists()


def test_asb_cases_have_incident_reports(demo):
    for case in Case.objects.filter(case_type=CaseType.ASB):
        assert IncidentReport.objects.filter(case=case).exists(), case.reference


def test_fly_tipping_at_a_block_bin_store(demo):
    case = Case.objects.get(case_type=CaseType.FLY_TIPPING, summary__contains="bin store")
    assert case.block is not None and case.home is None


def test_self_neglect_in_a_sheltered_scheme(demo):
    cases = Case.objects.filter(case_type=CaseType.SELF_NEGLECT).select_related("home__estate")
    assert cases and all(case.home.estate.is_scheme for case in cases)


def test_safeguarding_and_domestic_abuse_are_restricted(demo):
    stranger = User.objects.get(full_name="Liam O'Connor")  # Nottingham officer
    lead = User.objects.get(full_name="Funmilayo Okoro")
    cases = Case.objects.filter(case_type__in=[CaseType.SAFEGUARDING, CaseType.DOMESTIC_ABUSE])
    assert cases.count() >= 3
    for case in cases:
        assert case.restricted
        assert can_see_case(lead, case)
        if case.lead_officer != stranger:
            assert not can_see_case(stranger, case)
    case = Case.objects.get(case_type=CaseType.SAFEGUARDING)
    referral = SafeguardingReferral.objects.get(case=case)
    assert referral.agency.kind == AgencyKind.ADULT_SOCIAL_CARE


def test_one_complaint_went_to_stage_two(demo):
    assert Case.objects.filter(case_type=CaseType.COMPLAINT).count() >= 4
    assert ComplaintStage.objects.filter(stage=2).count() == 1


def test_hoarding_ratings_trend_up_to_eight_with_its_two_actions(demo):
    case = Case.objects.get(case_type=CaseType.HOARDING)
    ratings = list(ClutterRating.objects.filter(case=case).order_by("rated_on"))
    scores = [r.case_rating for r in ratings]
    assert len(ratings) >= 3 and scores == sorted(scores) and scores[-1] == 8
    titles = set(CaseAction.objects.filter(case=case).values_list("title", flat=True))
    assert {FIRE_SAFETY_REFERRAL, SAFEGUARDING_CONSIDERATION} <= titles


def test_community_trigger_is_met_on_the_load_date(demo):
    found = triggers_on(on=TODAY)
    assert any(person.cases >= 3 for person in found.people)
    assert any(place.kind == "block" and place.reporters >= 5 for place in found.places)
    out = StringIO()
    call_command("community_triggers", "--on", TODAY.isoformat(), "--format", "json", stdout=out)
    assert json.loads(out.getvalue())


def test_demo_officer_has_case_actions_due_and_overdue(demo):
    officer = User.objects.get(full_name=data.DEMO_OFFICER)
    actions = CaseAction.objects.filter(owner=officer, done_at__isnull=True)
    assert actions.filter(due_on=TODAY).exists()
    assert actions.filter(due_on__lt=TODAY).exists()
    day = my_day(user=officer, now=NOW)
    case_items = [item for item in day.items if item.kind == "case_action"]
    assert any(item.overdue for item in case_items)
    assert any(not item.overdue for item in case_items)
