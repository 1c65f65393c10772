"""Hostile JSON against every writable operation of the REST API (issue 9).

Every POST/PUT/PATCH operation of the API's schema is listed in `OPERATIONS` (a new one fails
`test_every_writable_operation_is_in_the_table`) with who sends it and a valid base body, which
is checked to be accepted. Then each field the schema says the operation takes is sent, one at a
time, as each hostile value for its type: wrong types (a list, an object, a number for a
boolean), NUL bytes, 100,000 characters, nested junk, impossible and far-off dates, unknown
choices, ids of rows that do not exist; and a field the operation does not take, and ids of
records on another patch or restricted from the user. The answer must be a 400 naming that field
(or a 403/404), never a 500, with nothing written; every send is rolled back.

The records are built once for the module by the `world` fixture (tests/security/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.security.records import World
from tests.security.test_hostile_input import LONG, NUL, SCRIPT, _row_counts
from tests.security.test_hostile_views import MIXED

pytestmark = pytest.mark.django_db

Path = Callable[[World], str]
Body = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Operation:
    path: Path
    body: Body
    who: str = "officer"
    # Values naming records the user may not touch, by field: each must be refused.
    foreign: Callable[[World], dict[str, Any]] = lambda w: {}
    # The operation refuses this base body for a reason of state; only refusals are checked.
    refused: bool = False


def _today() -> str:
    return timezone.localdate().isoformat()


OPERATIONS: dict[str, Operation] = {
    "POST /api/v1/callbacks/": Operation(
        lambda w: "/api/v1/callbacks/",
        lambda w: {
            "for_officer_email": w.officer.email,
            "phone": "0121 496 0000",
            "reason": "Wants an update",
            "person_ref": w.person.reference,
        },
        foreign=lambda w: {"for_team_id": 999999},
    ),
    "PATCH /api/v1/callbacks/{id}/": Operation(
        lambda w: f"/api/v1/callbacks/{w.callback.pk}/",
        lambda w: {"for_officer_email": w.other_officer.email},
    ),
    "POST /api/v1/callbacks/{id}/attempts/": Operation(
        lambda w: f"/api/v1/callbacks/{w.callback.pk}/attempts/",
        lambda w: {"outcome": "no_answer", "note": "Rang twice"},
    ),
    "POST /api/v1/cases/": Operation(
        lambda w: "/api/v1/cases/",
        # Any officer may open a case about any home (the duty desk): no foreign values.
        lambda w: {"case_type": "asb", "summary": "Loud music", "uprn": w.home.uprn},
    ),
    "PATCH /api/v1/cases/{case_ref}/": Operation(
        lambda w: f"/api/v1/cases/{w.case.reference}/",
        lambda w: {"summary": "Loud music, every night"},
    ),
    "POST /api/v1/cases/{case_ref}/notes/": Operation(
        lambda w: f"/api/v1/cases/{w.case.reference}/notes/",
        lambda w: {"text": "Spoke to the neighbour"},
    ),
    "POST /api/v1/complaints/": Operation(
        lambda w: "/api/v1/complaints/",
        lambda w: {
            "complainant_ref": w.person.reference,
            "summary": "The repair was left unfinished",
            "received_on": _today(),
            "uprn": w.home.uprn,
            "about": "repairs",
        },
    ),
    "POST /api/v1/complaints/{complaint_ref}/acknowledge/": Operation(
        lambda w: f"/api/v1/complaints/{w.complaint.reference}/acknowledge/",
        lambda w: {"stage": 1, "acknowledged_on": _today()},
    ),
    "POST /api/v1/complaints/{complaint_ref}/escalate/": Operation(
        lambda w: f"/api/v1/complaints/{w.answered_complaint.reference}/escalate/",
        lambda w: {"requested_on": _today(), "reason": "Not happy with the answer"},
    ),
    "POST /api/v1/complaints/{complaint_ref}/extend/": Operation(
        lambda w: f"/api/v1/complaints/{w.fresh_complaint.reference}/extend/",
        lambda w: {"stage": 1, "working_days": 5, "reason": "Waiting for the contractor"},
    ),
    "POST /api/v1/complaints/{complaint_ref}/respond/": Operation(
        lambda w: f"/api/v1/complaints/{w.fresh_complaint.reference}/respond/",
        lambda w: {
            "stage": 1,
            "responded_on": _today(),
            "outcome": "upheld",
            "response_summary": "We will finish the repair",
        },
    ),
    "POST /api/v1/contacts/": Operation(
        lambda w: "/api/v1/contacts/",
        lambda w: {
            "channel": "phone",
            "direction": "inbound",
            "summary": "Rang about the noise",
            "person_ref": w.person.reference,
        },
        foreign=lambda w: {"case_ref": w.hidden_case.reference},
    ),
    "PATCH /api/v1/contacts/{id}/": Operation(
        lambda w: f"/api/v1/contacts/{w.contact.pk}/",
        lambda w: {"case_ref": w.case.reference},
        foreign=lambda w: {"case_ref": w.hidden_case.reference},
    ),
    "POST /api/v1/homes/": Operation(
        lambda w: "/api/v1/homes/",
        lambda w: {
            "uprn": "100071239999",
            "address_line_1": "1 High Street",
            "town": "Walsall",
            "postcode": "WS1 1AA",
            "estate_id": w.estate.pk,
            "tenure": "general_needs",
        },
        foreign=lambda w: {"estate_id": w.other_estate.pk, "patch_id": w.other_patch.pk},
    ),
    "PATCH /api/v1/homes/{uprn}/": Operation(
        lambda w: f"/api/v1/homes/{w.home.uprn}/",
        lambda w: {"bedrooms": 2},
        foreign=lambda w: {"estate_id": w.other_estate.pk, "patch_id": w.other_patch.pk},
    ),
    "POST /api/v1/inspections/": Operation(
        lambda w: "/api/v1/inspections/",
        lambda w: {"estate_id": w.quiet_estate.pk},
        foreign=lambda w: {"estate_id": w.other_estate.pk},
    ),
    "PATCH /api/v1/inspections/{id}/answers/{answer_id}/": Operation(
        lambda w: f"/api/v1/inspections/{w.inspection.pk}/answers/{w.answer.pk}/",
        lambda w: {"result": "pass", "note": "Bin store clear"},
    ),
    # Unanswered items: completion is refused, whatever else is sent.
    "POST /api/v1/inspections/{id}/complete/": Operation(
        lambda w: f"/api/v1/inspections/{w.inspection.pk}/complete/",
        lambda w: {},
        refused=True,
    ),
    "POST /api/v1/people/": Operation(
        lambda w: "/api/v1/people/",
        lambda w: {"first_name": "Ada", "last_name": "Jones", "phone": "0121 496 0000"},
    ),
    "PATCH /api/v1/people/{person_ref}/": Operation(
        lambda w: f"/api/v1/people/{w.person.reference}/",
        lambda w: {"preferred_name": "Ed"},
    ),
    "POST /api/v1/referrals/": Operation(
        lambda w: "/api/v1/referrals/",
        lambda w: {
            "person_ref": w.person.reference,
            "adult_or_child": "adult",
            "category": "financial",
            "what_was_seen": "A visitor takes her pension card",
            "immediate_danger": False,
            "consent_given": True,
            "agency_id": w.agency.pk,
        },
    ),
    "PATCH /api/v1/referrals/{referral_ref}/": Operation(
        lambda w: f"/api/v1/referrals/{w.sent_referral.reference}/",
        lambda w: {"agency_reference": "ASC-123"},
    ),
    "POST /api/v1/repairs/": Operation(
        lambda w: "/api/v1/repairs/",
        lambda w: {"uprn": w.home.uprn, "priority": "routine", "description": "Tap drips"},
        foreign=lambda w: {"case_ref": w.hidden_case.reference},
    ),
    "PATCH /api/v1/repairs/{repair_ref}/": Operation(
        lambda w: f"/api/v1/repairs/{w.repair.reference}/",
        lambda w: {"owner_email": w.officer.email},
    ),
    "POST /api/v1/tenancies/": Operation(
        lambda w: "/api/v1/tenancies/",
        lambda w: {
            "uprn": w.empty_home.uprn,
            "tenancy_type": "secure",
            "start_date": _today(),
            "tenant_refs": [w.other_person.reference],
        },
    ),
    "PATCH /api/v1/tenancies/{tenancy_ref}/": Operation(
        lambda w: f"/api/v1/tenancies/{w.tenancy.reference}/",
        lambda w: {"end_date": _today()},
    ),
}


# -- the schema: which operations write, and the type of each field -----------------------------


def writable_operations() -> dict[str, dict[str, dict[str, Any]]]:
    """Every POST/PUT/PATCH of the schema, with the fields of its body and their schemas."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method not in ("post", "put", "patch"):
                continue
            body = operation.get("requestBody", {}).get("content", {})
            ref = body.get("application/json", {}).get("schema", {}).get("$ref", "")
            properties = components[ref.split("/")[-1]].get("properties", {}) if ref else {}
            found[f"{method.upper()} {path}"] = {
                name: _resolved(spec, components)
                for name, spec in properties.items()
                if not spec.get("readOnly")
            }
    return found


def _resolved(spec: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    for key in ("allOf", "oneOf", "anyOf"):
        for part in spec.get(key, []):
            if "$ref" in part:
                return components[part["$ref"].split("/")[-1]]
    if "$ref" in spec:
        return dict(components[spec["$ref"].split("/")[-1]])
    return spec


@pytest.fixture(scope="module")
def operations() -> dict[str, dict[str, dict[str, Any]]]:
    return writable_operations()


def test_every_writable_operation_is_in_the_table(operations):
    assert sorted(set(operations) - set(OPERATIONS)) == [], "add these to OPERATIONS"
    assert sorted(set(OPERATIONS) - set(operations)) == [], "these no longer exist"


JUNK = {"deep": [{"deeper": [[[{"x": NUL}]]]}], "n": 1e308}


def hostile_values(spec: dict[str, Any]) -> list[Any]:
    """Values a field of this schema must refuse."""
    kind, form = spec.get("type"), spec.get("format", "")
    common: list[Any] = [JUNK, [JUNK], NUL]
    if "enum" in spec:
        odd = [*common, "no-such-choice" + SCRIPT, 1, 99, ["x"]]
        return [value for value in odd if value not in spec["enum"]]
    if kind == "boolean":
        return [*common, "maybe", 2]
    if kind == "integer":
        return [*common, "abc", 10**30, "9" * 30, -1, 1.5]
    if kind == "array":
        return [JUNK, NUL, "P000001", [NUL], [LONG], [JUNK]]
    if form == "date":
        return [*common, "2026-02-31", "9999-12-31", "0001-01-01", 20260101]
    if form == "date-time":
        return [*common, "2026-02-31T10:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"]
    if form == "email":
        return [*common, LONG, "not an email" + SCRIPT]
    return [*common, LONG]


# -- sending -----------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    body: Any = None
    wrote: dict[str, tuple[int, int]] = field(default_factory=dict)
    error: str = ""


def _send(client: APIClient, method: str, path: str, body: Any) -> Answer:
    cache.clear()  # the per-token rate limit
    try:
        with transaction.atomic():
            before = _row_counts()
            response = client.generic(method, path, _json(body), content_type="application/json")
            after = _row_counts()
            transaction.set_rollback(True)
    except Exception as exc:  # a 500 in production
        return Answer(500, error=repr(exc)[:200])
    wrote = {t: (before[t], n) for t, n in after.items() if n != before[t]}
    try:
        content = response.json()
    except ValueError:
        content = response.content[:200]
    return Answer(response.status_code, content, wrote)


def _json(body: Any) -> str:
    import json

    return json.dumps(body)


def _check(label: str, answer: Answer, *, field_name: str) -> list[str]:
    if answer.status >= 500 or answer.error:
        return [f"{label}: {answer.status} {answer.error}"]
    problems = []
    if answer.status < 300:
        problems.append(f"{label}: accepted ({answer.status})")
    elif answer.wrote:
        problems.append(f"{label}: refused ({answer.status}) but wrote {answer.wrote}")
    if answer.status == 400 and field_name:
        if not isinstance(answer.body, dict) or field_name not in answer.body:
            problems.append(f"{label}: 400 not keyed by the field: {answer.body!r}"[:300])
    elif answer.status not in (400, 403, 404, 409, 412, 428):
        problems.append(f"{label}: answered {answer.status}")
    return problems


@pytest.fixture
def api_as(world: World) -> Callable[[str], APIClient]:
    def client_for(who: str) -> APIClient:
        token, _ = Token.objects.get_or_create(user=world[who])
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for


@pytest.mark.parametrize("key", sorted(OPERATIONS))
def test_hostile_json(key, world, api_as, operations):
    spec = OPERATIONS[key]
    method = key.split()[0]
    client = api_as(spec.who)
    path = spec.path(world)
    base = spec.body(world)
    problems: list[str] = []
    answer = _send(client, method, path, base)
    if spec.refused:
        problems += _check(f"{key} base", answer, field_name="")
    else:
        assert answer.status in (200, 201), f"{key}: base body refused: {answer.body}"
    for body, what, name in [
        ({**base, "zz_unknown": SCRIPT}, "an unknown field", "zz_unknown"),
        ([base], "a list for the body", ""),
        (JUNK, "nested junk for the body", ""),
    ]:
        name = "" if spec.refused else name
        problems += _check(f"{key} {what}", _send(client, method, path, body), field_name=name)
    for name, schema in operations[key].items():
        for value in hostile_values(schema):
            answer = _send(client, method, path, {**base, name: value})
            label = f"{key} {name}={str(value)[:24]!r}"
            problems += _check(label, answer, field_name=name)
    for name, value in spec.foreign(world).items():
        answer = _send(client, method, path, {**base, name: value})
        problems += _check(f"{key} {name}={value!r} (not theirs)", answer, field_name="")
    assert not problems, "\n".join(problems)


def test_the_text_the_api_accepts_comes_back_verbatim(world, api_as):
    """Script tags, SQL, emoji and right-to-left text are stored as sent, and come back as JSON
    strings (escaping is the page's job)."""
    from doorstep.cases.models import CaseEvent

    response = api_as("officer").post(
        f"/api/v1/cases/{world.case.reference}/notes/", {"text": MIXED}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert CaseEvent.objects.filter(case=world.case, text=MIXED).exists()


@pytest.mark.parametrize("method", ["PATCH", "POST"])
def test_a_restricted_case_of_another_patch_is_not_found(world, api_as, method):
    path = f"/api/v1/cases/{world.hidden_case.reference}/"
    if method == "POST":
        path += "notes/"
    answer = _send(api_as("officer"), method, path, {"summary": SCRIPT, "text": SCRIPT})
    assert answer.status in (403, 404), answer.body
    assert not answer.wrote
    assert SCRIPT not in str(answer.body)


def test_far_dates_are_refused_on_the_field(world, api_as):
    """A date the clocks cannot count from is a 400 on that field, not an OverflowError."""
    client = api_as("officer")
    for day in ("9999-12-31", "0001-01-01", "1899-12-31"):
        answer = _send(
            client,
            "POST",
            "/api/v1/contacts/",
            {
                "channel": "phone",
                "direction": "inbound",
                "summary": "Rang",
                "person_ref": world.person.reference,
                "follow_up_on": day,
            },
        )
        # Past dates meet the field's own rule first ("today or in the future").
        assert answer.status == 400, answer.body
        assert list(answer.body) == ["follow_up_on"]
    answer = _send(
        client,
        "POST",
        "/api/v1/contacts/",
        {
            "channel": "phone",
            "direction": "inbound",
            "summary": "Rang",
            "person_ref": world.person.reference,
            "happened_at": "1899-06-01T10:00:00Z",
        },
    )
    assert answer.body == {"happened_at": [f"Enter the happened at between 1900 and {_latest()}."]}


def _latest() -> str:
    from doorstep.core.forms import latest_date

    return f"{latest_date():%-d %B %Y}"


@pytest.mark.parametrize("value", [1.5, True])
def test_an_id_that_is_not_a_whole_number_is_refused(world, api_as, value):
    """1.5 or true used to be looked up as the row 1 (Django casts it): now a 400 on the field,
    in the field's own words."""
    answer = _send(api_as("officer"), "POST", "/api/v1/inspections/", {"estate_id": value})
    assert answer.status == 400
    assert answer.body == {"estate_id": ["Enter the id of an estate (a whole number)."]}
    assert not answer.wrote
