"""The whole case page (every registered panel) costs at most CASE_PAGE_QUERIES queries for a
case of every type, however much the case holds, and the same with 1 or 30 of everything."""

import datetime as dt
import itertools

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorstep.asb.models import AsbDetails, AsbToolUse, MediationReferral, VictimRiskAssessment
from doorstep.asb.tests.factories import report
from doorstep.cases.models import CaseAttachment, CaseType
from doorstep.cases.tests.factories import (
    CaseActionFactory,
    CaseCostFactory,
    CaseEventFactory,
    CaseFactory,
    CasePartyFactory,
)
from doorstep.complaints.models import ComplaintDetails
from doorstep.complaints.tests.factories import complaint_stage
from doorstep.contacts.tests.factories import ContactFactory
from doorstep.domestic_abuse.tests.factories import MaracReferralFactory, RiskAssessmentFactory
from doorstep.flytipping.tests.factories import FlyTippingFactory
from doorstep.hazards.tests.factories import HazardFactory
from doorstep.hoarding.tests.factories import ClutterRatingFactory, SelfNeglectAssessmentFactory
from doorstep.inspections.models import ChecklistItem, InspectionAnswer
from doorstep.inspections.tests.factories import InspectionFactory
from doorstep.letters.models import LetterRun, LetterTemplate, RunScope
from doorstep.meetings.tests.factories import MeetingFactory
from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.repairs.tests.factories import RepairFactory
from doorstep.safeguarding.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

# docs/performance.md: the case page's budget (bench/run.py TARGET_QUERIES).
CASE_PAGE_QUERIES = 20
_items = itertools.count(1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _asb(case, officer, n):
    if not AsbDetails.objects.filter(case=case).exists():
        # A hate incident: its protected characteristic is shown, and that is audited.
        AsbDetails.objects.create(
            case=case,
            category="personal",
            subtype="hate",
            hate_incident=True,
            protected_characteristic="race",
        )
    today = timezone.localdate()
    for _ in range(n):
        report(case=case, reporter=PersonFactory(), on=today - dt.timedelta(days=3))
        AsbToolUse.objects.create(case=case, tool="warning", used_on=today)
        VictimRiskAssessment.objects.create(
            case=case,
            victim=PersonFactory(),
            assessed_on=today,
            assessed_by=officer,
            repeat_victim=True,
            vulnerable=True,
            fear_for_safety=False,
            threats_or_violence=False,
            hate_motivated=False,
            health_impact=False,
            children_in_household=False,
            considering_moving=False,
            no_support=False,
            score=2,
            level="standard",
        )
        MediationReferral.objects.create(
            case=case, provider="Walsall Mediation Service", referred_on=today
        )


def _hoarding(case, officer, n):
    for _ in range(n):
        ClutterRatingFactory(case=case, rated_by=officer)
        SelfNeglectAssessmentFactory(case=case, assessed_by=officer)


def _damp(case, officer, n):
    if not hasattr(case, "hazard"):
        HazardFactory(case=case)
    for _ in range(n):
        RepairFactory(home=case.home, source_case=case)


def _complaint(case, officer, n):
    if not ComplaintDetails.objects.filter(case=case).exists():
        ComplaintDetails.objects.create(case=case, about="repairs")
        complaint_stage(case=case, stage=1)
    elif n > 1:
        complaint_stage(case=case, stage=2)


def _fly_tipping(case, officer, n):
    if not hasattr(case, "fly_tipping"):
        FlyTippingFactory(case=case, estate=case.home.estate, block=None)


def _domestic_abuse(case, officer, n):
    for _ in range(n):
        RiskAssessmentFactory(case=case, assessed_by=officer)
        MaracReferralFactory(case=case, referred_by=officer)


def _safeguarding(case, officer, n):
    for _ in range(n):
        ReferralFactory(case=case, made_by=officer)


# Every case type with what its panels show; a new type must say what a rich case holds.
TYPE_ROWS = {
    CaseType.ASB: _asb,
    CaseType.NEIGHBOUR_DISPUTE: _asb,
    CaseType.FLY_TIPPING: _fly_tipping,
    CaseType.HOARDING: _hoarding,
    CaseType.SELF_NEGLECT: _hoarding,
    CaseType.SAFEGUARDING: _safeguarding,
    CaseType.DOMESTIC_ABUSE: _domestic_abuse,
    CaseType.DAMP_MOULD: _damp,
    CaseType.COMPLAINT: _complaint,
}


def _grow(case, officer, n):
    """n more of everything on the case page: people (flagged), events, actions, contacts,
    costs, photos, linked cases, meetings, letters and inspection items, and the type's own."""
    template = LetterTemplate.objects.get_or_create(
        name="Case page test", defaults={"subject": "Fly-tipping", "body": "Please do not."}
    )[0]
    inspection = InspectionFactory(estate=case.home.estate)
    for _ in range(n):
        party = CasePartyFactory(case=case)
        FlagFactory(person=party.person, code="risk_to_staff")
        CaseEventFactory(case=case)
        CaseActionFactory(case=case, owner=officer)
        ContactFactory(case=case, person=party.person)
        CaseCostFactory(case=case, recorded_by=officer)
        photo = CaseAttachment(case=case, content_type="image/png", size=4, uploaded_by=officer)
        photo.file.save("x.png", ContentFile(b"\x89PNG"), save=True)
        case.linked_cases.add(CaseFactory(home=case.home))
        MeetingFactory(case=case, chair=officer)
        LetterRun.objects.create(
            template=template,
            template_version=1,
            subject=template.subject,
            body=template.body,
            scope=RunScope.ESTATE,
            estate=case.home.estate,
            patch=case.home.estate.patch,
            office=case.home.estate.office,
            case=case,
            created_by=officer,
            base_url="http://localhost",
            sent_on=timezone.localdate(),
        )
        number = next(_items)
        item = ChecklistItem.objects.create(text=f"Bins ({number})", order=number)
        InspectionAnswer.objects.create(
            inspection=inspection,
            item=item,
            item_text=item.text,
            order=number,
            result="fail",
            case=case,
        )
    TYPE_ROWS[case.case_type](case, officer, n)


def test_every_case_type_has_a_rich_case():
    assert set(TYPE_ROWS) == set(CaseType.values)


@pytest.mark.parametrize("case_type", CaseType.values)
def test_case_page_queries_are_bounded_and_do_not_grow(client, officer, home, case_type):
    case = CaseFactory(case_type=case_type, home=home, lead_officer=officer)
    client.force_login(officer)
    url = reverse("cases:case_detail", args=[case.reference])
    with CaptureQueriesContext(connection) as empty:
        assert client.get(url).status_code == 200
    _grow(case, officer, 1)
    with CaptureQueriesContext(connection) as short:
        assert client.get(url).status_code == 200
    _grow(case, officer, 29)
    with CaptureQueriesContext(connection) as long:
        response = client.get(url)
    assert response.status_code == 200
    assert len(long.captured_queries) == len(short.captured_queries)
    assert len(long.captured_queries) <= CASE_PAGE_QUERIES, "\n".join(
        query["sql"][:120] for query in long.captured_queries
    )
    # An empty list costs no query: a case with nothing yet is cheaper still.
    assert len(empty.captured_queries) < len(short.captured_queries)
    content = response.content.decode()
    # Each of the 30 people on the case with their arrangements, read with the parties.
    assert content.count("Two-officer visit only") >= 30
    assert "No costs recorded." not in content
    assert "No photos." not in content
    assert "No linked cases." not in content
