"""Every list answers in a fixed number of queries: the same for one row as for many
(related records joined or prefetched, audit rows written in one statement)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorstep.cases.tests.factories import CaseFactory, CasePartyFactory
from doorstep.complaints.tests.factories import add_complainant, complaint_stage
from doorstep.contacts.models import CallBackAttempt
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.inspections import services as inspection_services
from doorstep.inspections.defaults import install_checklist
from doorstep.inspections.models import ChecklistItem
from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.places.tests.factories import EstateFactory, HomeFactory
from doorstep.repairs.tests.factories import ContractorFactory, RepairFactory
from doorstep.safeguarding.tests.factories import ReferralFactory
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

MANY = 6


@pytest.fixture
def rows(officer, manager, office, estate) -> dict[str, Callable[[], Any]]:
    """One more row of each list, with the related records a row shows."""

    def home() -> Any:
        return HomeFactory(estate=estate, patch=estate.patch)

    def person() -> Any:
        someone = PersonFactory()
        FlagFactory(person=someone, code="mental_health")  # audited when shown
        TenancyMemberFactory(tenancy=TenancyFactory(home=home()), person=someone)
        return someone

    def tenancy() -> Any:
        return TenancyMemberFactory(tenancy=TenancyFactory(home=home())).tenancy

    def contact() -> Any:
        return ContactFactory(person=PersonFactory(), home=home(), logged_by=officer)

    def callback() -> Any:
        callback = CallBackFactory(for_officer=manager, person=PersonFactory(), home=home())
        CallBackAttempt.objects.create(callback=callback, attempted_by=officer, outcome="no_answer")
        return callback

    def case() -> Any:
        # Restricted and seen by the manager of its office: audited, one row per case.
        case = CaseFactory(
            case_type="safeguarding", home=home(), lead_officer=officer, team=officer.team
        )
        CasePartyFactory(case=case)
        return case

    def complaint() -> Any:
        stage = complaint_stage(lead_officer=officer, team=officer.team)
        add_complainant(stage.case, PersonFactory())
        return stage

    def referral() -> Any:
        return ReferralFactory(made_by=officer, office=office)

    def repair() -> Any:
        # Raised for a restricted case: whether its reference shows is worked out in the query.
        case = CaseFactory(case_type="domestic_abuse", home=home(), lead_officer=officer)
        return RepairFactory(
            home=case.home,
            contractor=ContractorFactory(),
            owner=officer,
            raised_by=manager,
            source_case=case,
        )

    def inspection() -> Any:
        install_checklist(ChecklistItem)
        place = EstateFactory(office=office, patch=estate.patch)
        started = inspection_services.inspection_start(actor=manager, estate=place)
        answer = started.answers.order_by("order").first()
        answer.inspection = started
        inspection_services.answer_record(actor=manager, answer=answer, result="pass")
        return started

    return {
        "homes": home,
        "repairs": repair,
        "inspections": inspection,
        "people": person,
        "tenancies": tenancy,
        "contacts": contact,
        "callbacks": callback,
        "cases": case,
        "complaints": complaint,
        "referrals": referral,
    }


def _queries(client: Any, url: str, expected_rows: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["results"]) == expected_rows
    return len(captured)


@pytest.mark.parametrize(
    "resource",
    [
        "homes",
        "people",
        "tenancies",
        "contacts",
        "callbacks",
        "cases",
        "complaints",
        "referrals",
        "repairs",
        "inspections",
    ],
)
def test_a_list_costs_the_same_queries_for_one_row_as_for_many(api, manager, rows, resource):
    client = api(manager)
    url = f"/api/v1/{resource}/"
    existing = len(client.get(url).json()["results"])  # the cast's own records
    rows[resource]()
    one = _queries(client, url, existing + 1)
    for _ in range(MANY - 1):
        rows[resource]()
    many = _queries(client, url, existing + MANY)
    assert many == one
