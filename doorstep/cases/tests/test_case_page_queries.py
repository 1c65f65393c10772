"""The whole case page (every registered panel) costs the same queries however long the case."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorstep.cases.tests.factories import (
    CaseActionFactory,
    CaseEventFactory,
    CaseFactory,
    CasePartyFactory,
)
from doorstep.contacts.tests.factories import ContactFactory
from doorstep.people.tests.factories import FlagFactory

pytestmark = pytest.mark.django_db


def _grow(case, officer, count):
    for _ in range(count):
        party = CasePartyFactory(case=case)
        FlagFactory(person=party.person, code="risk_to_staff")
        CaseEventFactory(case=case)
        CaseActionFactory(case=case, owner=officer)
        ContactFactory(case=case, person=party.person)


def test_case_page_queries_do_not_grow_with_its_history(client, officer, home):
    case = CaseFactory(home=home, lead_officer=officer)  # an ASB case: its panels all run
    client.force_login(officer)
    url = reverse("cases:case_detail", args=[case.reference])
    _grow(case, officer, 1)
    with CaptureQueriesContext(connection) as short:
        assert client.get(url).status_code == 200
    _grow(case, officer, 29)
    with CaptureQueriesContext(connection) as long:
        response = client.get(url)
    assert len(long.captured_queries) == len(short.captured_queries)
    # Each of the 30 people on the case with their arrangements, read with the parties.
    assert response.content.decode().count("Two-officer visit only") >= 30
