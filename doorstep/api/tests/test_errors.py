"""Errors, filters, pagination, rate limits, the schema and the docs."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.db import IntegrityError
from django.test import override_settings
from django.utils import timezone
from rest_framework.settings import api_settings

from doorstep.api.exceptions import exception_handler
from doorstep.cases.tests.factories import CaseFactory
from doorstep.places.tests.factories import HomeFactory

REQUIRED = {
    "homes": {"uprn", "address_line_1", "town", "postcode", "estate_id", "tenure"},
    "people": {"first_name", "last_name"},
    "tenancies": {"uprn", "tenancy_type", "start_date", "tenant_refs"},
    "contacts": {"channel", "direction", "summary"},
    "callbacks": {"phone", "reason"},
    "cases": {"case_type", "summary"},
    "complaints": {"summary", "received_on"},
    "repairs": {"priority", "description"},
    "inspections": {"estate_id"},
    "referrals": {
        "person_ref",
        "adult_or_child",
        "category",
        "what_was_seen",
        "immediate_danger",
        "consent_given",
        "agency_id",
    },
}
DETAIL_OF_NOTHING = {
    "homes": "999999999999",
    "people": "P999999",
    "tenancies": "TEN-2026-999999",
    "contacts": "999999",
    "callbacks": "999999",
    "cases": "ASB-2026-999999",
    "complaints": "COM-2026-999999",
    "referrals": "SGR-2026-999999",
    "repairs": "REP-2026-999999",
    "inspections": "999999",
}


@pytest.mark.parametrize("resource", sorted(REQUIRED))
def test_an_empty_body_names_every_missing_field(api, manager, resource):
    response = api(manager).post(f"/api/v1/{resource}/", {}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == REQUIRED[resource]
    assert all(messages == ["This field is required."] for messages in body.values())


@pytest.mark.parametrize("resource", sorted(DETAIL_OF_NOTHING))
def test_an_unknown_reference_or_id_is_404(api, manager, resource):
    response = api(manager).get(f"/api/v1/{resource}/{DETAIL_OF_NOTHING[resource]}/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_a_field_the_resource_does_not_take_is_refused(api, officer, home):
    response = api(officer).patch(f"/api/v1/homes/{home.uprn}/", {"bedroms": 3}, format="json")
    assert response.status_code == 400
    assert response.json() == {"bedroms": ["This field cannot be set here."]}


def test_a_body_that_is_not_json_is_400(api, officer):
    response = api(officer).generic(
        "POST", "/api/v1/people/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_bad_identifiers_are_refused_by_field(api, officer, estate):
    response = api(officer).post(
        "/api/v1/homes/",
        {
            "uprn": "12AB",
            "address_line_1": "1 High Street",
            "town": "Walsall",
            "postcode": "not a postcode",
            "estate_id": estate.pk,
            "tenure": "castle",
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["uprn"] == ["Enter a UPRN of 1 to 12 digits."]
    assert body["postcode"] == ["Enter a real UK postcode, like NG5 1AB."]
    assert "tenure" in body


def test_a_services_refusal_is_400_on_the_apis_field(api, officer, home):
    """A duplicate UPRN is the service's rule; closing without a reason is the workflow's."""
    client = api(officer)
    duplicate = client.post(
        "/api/v1/homes/",
        {
            "uprn": home.uprn,
            "address_line_1": "1 High Street",
            "town": "Walsall",
            "postcode": "WS1 1AA",
            "estate_id": home.estate_id,
            "tenure": "general_needs",
        },
        format="json",
    )
    case = CaseFactory(home=home, lead_officer=officer, team=officer.team)
    closing = client.patch(f"/api/v1/cases/{case.reference}/", {"status": "closed"}, format="json")
    assert duplicate.status_code == 400
    assert duplicate.json() == {"uprn": ["A home with this UPRN already exists."]}
    assert closing.status_code == 400
    assert closing.json() == {"closure_reason": ["Select why the case is being closed."]}


def test_a_failed_patch_changes_nothing(api, officer, home):
    """One PATCH may call several services: all or nothing."""
    case = CaseFactory(home=home, lead_officer=officer, team=officer.team)
    response = api(officer).patch(
        f"/api/v1/cases/{case.reference}/",
        {"summary": "A new summary", "status": "closed"},
        format="json",
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.summary != "A new summary"


def test_a_tenancy_over_anothers_dates_is_refused_with_the_reason(api, officer, person, home):
    response = api(officer).post(
        "/api/v1/tenancies/",
        {
            "uprn": home.uprn,
            "tenancy_type": "assured",
            "start_date": str(timezone.localdate()),
            "tenant_refs": [person.reference, "P424242"],
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"tenant_refs": {"1": ["No person has the reference P424242."]}}


def test_a_database_constraint_is_a_400_not_a_500():
    response = exception_handler(IntegrityError("unique"), {"view": None})
    assert response.status_code == 400
    assert list(response.data) == [api_settings.NON_FIELD_ERRORS_KEY]


def test_an_address_under_api_that_names_nothing_is_a_json_404(api, officer):
    response = api(officer).get("/api/v1/castles/")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no API endpoint at this address."}


# --- updated_since ---------------------------------------------------------------------------


def test_updated_since_lists_only_records_changed_since(api, officer, estate):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        HomeFactory(estate=estate, patch=estate.patch, uprn="1001")
    with time_machine.travel(dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC), tick=False):
        HomeFactory(estate=estate, patch=estate.patch, uprn="1002")
    client = api(officer)
    since = client.get("/api/v1/homes/", {"updated_since": "2026-03-03T00:00:00Z"}).json()
    local = client.get("/api/v1/homes/", {"updated_since": "2026-03-04T09:00"}).json()
    assert [h["uprn"] for h in since["results"]] == ["1002"]
    assert [h["uprn"] for h in local["results"]] == ["1002"]  # London (GMT in March)


@pytest.mark.parametrize("resource", sorted(REQUIRED))
def test_a_bad_updated_since_is_a_400_naming_the_parameter(api, manager, resource):
    response = api(manager).get(f"/api/v1/{resource}/", {"updated_since": "last tuesday"})
    assert response.status_code == 400
    assert response.json() == {
        "updated_since": ["Enter an ISO 8601 date-time, like 2026-03-27T09:00:00Z."]
    }


@pytest.mark.parametrize(
    ("since", "status"),
    [
        # Python takes offsets up to 23:59, PostgreSQL only to 15:59: asked as UTC.
        ("0735-11-13T13:47:31.168+17:48", 200),
        ("9999-12-31T23:59:59-05:00", 400),  # past the last moment Python knows
        ("0001-01-01T00:00:00+05:00", 400),  # before the first
    ],
)
def test_updated_since_with_any_offset_is_answered_not_a_500(api, officer, since, status):
    response = api(officer).get("/api/v1/people/", {"updated_since": since})
    assert response.status_code == status
    if status == 400:
        assert list(response.json()) == ["updated_since"]


def test_a_note_counts_as_a_change_to_the_case(api, officer, home):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        case = CaseFactory(home=home, lead_officer=officer, team=officer.team)
    client = api(officer)
    params = {"updated_since": "2026-03-03T00:00:00Z"}
    before = client.get("/api/v1/cases/", params).json()["results"]
    client.post(f"/api/v1/cases/{case.reference}/notes/", {"text": "Rang"}, format="json")
    after = client.get("/api/v1/cases/", params).json()["results"]
    assert before == []
    assert [c["case_ref"] for c in after] == [case.reference]


# --- pagination ------------------------------------------------------------------------------


def test_pages_follow_by_cursor_in_a_stable_order(api, officer, estate):
    uprns = [HomeFactory(estate=estate, patch=estate.patch).uprn for _ in range(3)]
    client = api(officer)
    seen = []
    url = "/api/v1/homes/?page_size=2"
    while url:
        page = client.get(url).json()
        seen += [h["uprn"] for h in page["results"]]
        url = page["next"]
    assert seen == uprns


def test_a_cursor_the_api_did_not_give_is_a_400(api, officer):
    response = api(officer).get("/api/v1/homes/", {"cursor": "cD1hYmM="})
    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]


# --- rate limits -----------------------------------------------------------------------------


def test_too_many_requests_from_one_token_are_429_with_retry_after(api, officer, manager):
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api": "2/minute"}
    with override_settings(REST_FRAMEWORK={**_rest_framework(), "DEFAULT_THROTTLE_RATES": rates}):
        client = api(officer)
        statuses = [client.get("/api/v1/homes/").status_code for _ in range(3)]
        limited = client.get("/api/v1/homes/")
        other = api(manager).get("/api/v1/homes/")
    assert statuses == [200, 200, 429]
    assert int(limited["Retry-After"]) > 0
    assert "throttled" in limited.json()["detail"].lower()
    assert other.status_code == 200


def _rest_framework() -> dict:
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


# --- schema and docs -------------------------------------------------------------------------


def test_the_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn raises on any warning or error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    assert "/api/v1/cases/{case_ref}/" in (tmp_path / "s.yml").read_text()


def test_the_schema_needs_a_token(api, officer):
    assert api(None).get("/api/schema/").status_code == 401
    response = api(officer).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_the_docs_are_served_from_vendored_files(client, officer):
    client.force_login(officer)
    page = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")
    html = page.content.decode()
    assert page.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "https://" not in html and "<style" not in html and "<script>" not in html
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


def test_the_docs_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/api/docs/")
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]
