"""Schema fuzzing with Schemathesis: every operation of the schema the app serves, called
in-process through WSGI with generated requests as a housing services manager. No answer may
be a 500, and every answer must match the schema (status code, content type, body).

Bounded and repeatable: a few derandomised examples per operation, no deadline.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIRequestFactory, force_authenticate
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from doorstep.accounts.models import User
from doorstep.api.views import ApiSchemaView
from doorstep.cases.tests.factories import CaseFactory, CasePartyFactory
from doorstep.complaints.tests.factories import add_complainant, complaint_stage
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.inspections import services as inspection_services
from doorstep.inspections.defaults import install_checklist
from doorstep.inspections.models import ChecklistItem
from doorstep.repairs.tests.factories import RepairFactory
from doorstep.safeguarding.tests.factories import ReferralFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def one_connection():
    """Keep the test's database connection (and its transaction) across requests, as Django's
    test client does: the WSGI handler would otherwise close it when each request ends."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth_headers(db, one_connection, manager, officer, person, home, other_home, safeguarding_lead):
    """A manager's token, and a little of everything for the generated requests to meet."""
    case = CaseFactory(home=home, lead_officer=officer, team=officer.team)
    CasePartyFactory(case=case, person=person)
    CaseFactory(case_type="safeguarding", home=other_home, lead_officer=safeguarding_lead)
    add_complainant(complaint_stage().case, person)
    ContactFactory(person=person, home=home, logged_by=officer)
    CallBackFactory(for_officer=manager, person=person, created_by=officer)
    ReferralFactory(person=person, made_by=officer)
    RepairFactory(home=home, owner=officer)
    install_checklist(ChecklistItem)
    inspection_services.inspection_start(actor=officer, estate=home.estate)
    token, _ = Token.objects.get_or_create(user=manager)
    return {"Authorization": f"Token {token.key}"}


def served_schema() -> dict:
    """The schema as /api/schema/ serves it, fetched at collection time (no database yet, so
    the request is authenticated in memory rather than with a token)."""
    request = APIRequestFactory().get("/api/schema/", {"format": "json"})
    force_authenticate(request, user=User(email="schema@doorstep.test"))
    response = ApiSchemaView.as_view()(request)
    response.render()
    assert response.status_code == 200
    return json.loads(response.content)


# Generated examples only (valid and invalid requests); the coverage phase, which walks every
# boundary of every parameter, would take minutes.
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}})
schema = schemathesis.openapi.from_dict(served_schema(), config=CONFIG)
schema.app = application  # requests go in-process through WSGI


@schema.parametrize()
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_by_the_schema(case, auth_headers):
    case.call_and_validate(headers=auth_headers, checks=CHECKS)
