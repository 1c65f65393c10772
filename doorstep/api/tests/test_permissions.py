"""Every resource x role x operation: allowed or refused, exactly as the pages decide.

The records are on `officer`'s patch (Walsall), led or made by `officer`; `other_officer` works
in Nottingham. Allowed answers are 200 (201 for a create); refused ones are 403, and 401 for
a request without a token.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from doorstep.cases.tests.factories import CaseFactory
from doorstep.complaints.tests.factories import add_complainant, complaint_stage
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.inspections import services as inspection_services
from doorstep.inspections.defaults import install_checklist
from doorstep.inspections.models import ChecklistItem
from doorstep.partners.tests.factories import AgencyFactory
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import BlockFactory, HomeFactory
from doorstep.repairs.tests.factories import RepairFactory
from doorstep.safeguarding.tests.factories import ReferralFactory

ROLES = ["officer", "other_officer", "team_leader", "manager", "safeguarding_lead", "dpo", None]
EVERYONE = {"officer", "other_officer", "team_leader", "manager", "safeguarding_lead", "dpo"}
TAKE_CALLS = EVERYONE - {"dpo"}
# Officers on their own patch, their team leader and their office's manager.
OWN_PATCH = {"officer", "team_leader", "manager"}


@dataclass
class Target:
    """One resource's record to read and change, and the bodies to write with."""

    url: str
    create: dict[str, Any]
    update: dict[str, Any]
    update_url: str = ""  # where the change is sent, when not the record's own address


@pytest.fixture
def target(officer, team, office, home, person, estate) -> Callable[[str], Target]:
    """Builds only the records the resource under test needs."""
    today = timezone.localdate()

    def homes() -> Target:
        new = {
            "uprn": "900000000001",
            "address_line_1": "1 New Street",
            "town": "Walsall",
            "postcode": "WS1 1AA",
            "estate_id": estate.pk,
            "tenure": "general_needs",
        }
        return Target(f"/api/v1/homes/{home.uprn}/", new, {"bedrooms": 3})

    def people() -> Target:
        new = {"first_name": "Ada", "last_name": "Lovelace", "phone": "0121 496 0001"}
        return Target(f"/api/v1/people/{person.reference}/", new, {"preferred_name": "Eddie"})

    def tenancies() -> Target:
        tenancy = person.tenancy_memberships.get().tenancy
        new = {
            "uprn": HomeFactory(estate=estate, patch=estate.patch).uprn,
            "tenancy_type": "assured",
            "start_date": str(today),
            "tenant_refs": [PersonFactory().reference],
        }
        return Target(f"/api/v1/tenancies/{tenancy.reference}/", new, {"end_date": str(today)})

    def contacts() -> Target:
        contact = ContactFactory(person=person, logged_by=officer, follow_up_on=today)
        new = {
            "channel": "phone",
            "direction": "inbound",
            "summary": "Asked about the bins",
            "person_ref": person.reference,
        }
        return Target(f"/api/v1/contacts/{contact.pk}/", new, {"follow_up_done": True})

    def callbacks() -> Target:
        callback = CallBackFactory(for_officer=officer, person=person, created_by=officer)
        new = {
            "for_officer_email": officer.email,
            "phone": "0121 496 0000",
            "reason": "Wants to talk about the repair",
        }
        done = {"status": "done", "outcome": "Rang back"}
        return Target(f"/api/v1/callbacks/{callback.pk}/", new, done)

    def cases() -> Target:
        case = CaseFactory(home=home, lead_officer=officer, team=team)
        new = {"case_type": "asb", "summary": "Noise", "uprn": home.uprn}
        return Target(f"/api/v1/cases/{case.reference}/", new, {"summary": "Loud music"})

    def complaints() -> Target:
        stage = complaint_stage(
            received_on=today - dt.timedelta(days=1),
            lead_officer=officer,
            team=team,
            patch=home.patch,
        )
        add_complainant(stage.case, person)
        new = {
            "summary": "Slow repair",
            "received_on": str(today),
            "complainant_ref": person.reference,
        }
        acknowledge = {"stage": 1, "acknowledged_on": str(today)}
        return Target(f"/api/v1/complaints/{stage.case.reference}/", new, acknowledge)

    def referrals() -> Target:
        referral = ReferralFactory(person=person, made_by=officer, office=office)
        new = {
            "person_ref": person.reference,
            "adult_or_child": "adult",
            "category": "neglect",
            "what_was_seen": "No food in the house",
            "immediate_danger": False,
            "consent_given": True,
            "agency_id": AgencyFactory(kind="adult_social_care").pk,
        }
        sent = {"sent_at": timezone.now().isoformat()}
        return Target(f"/api/v1/referrals/{referral.reference}/", new, sent)

    def repairs() -> Target:
        repair = RepairFactory(home=home, owner=officer, raised_by=officer)
        new = {"uprn": home.uprn, "priority": "urgent", "description": "Front door will not lock"}
        cancel = {"status": "cancelled", "cancel_reason": "The tenant's son fixed it"}
        return Target(f"/api/v1/repairs/{repair.reference}/", new, cancel)

    def inspections() -> Target:
        install_checklist(ChecklistItem)
        inspection = inspection_services.inspection_start(actor=officer, estate=estate)
        answer = inspection.answers.order_by("order").first()
        new = {"estate_id": estate.pk, "block_id": BlockFactory(estate=estate).pk}
        url = f"/api/v1/inspections/{inspection.pk}/"
        return Target(url, new, {"result": "pass"}, f"{url}answers/{answer.pk}/")

    builders = [
        homes,
        people,
        tenancies,
        contacts,
        callbacks,
        cases,
        complaints,
        referrals,
        repairs,
        inspections,
    ]
    by_name = {builder.__name__: builder for builder in builders}
    return lambda resource: by_name[resource]()


# resource -> operation -> roles allowed
ALLOWED: dict[str, dict[str, set[str]]] = {
    "homes": {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        "create": OWN_PATCH,
        "update": OWN_PATCH,
    },
    "people": {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        "create": TAKE_CALLS,
        "update": OWN_PATCH,
    },
    "tenancies": {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        "create": OWN_PATCH,
        "update": OWN_PATCH,
    },
    "contacts": {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        "create": TAKE_CALLS,
        # The officer who logged it, their team leader or manager.
        "update": OWN_PATCH,
    },
    "callbacks": {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        "create": TAKE_CALLS,
        # The officer it is for, and their team (the safeguarding lead is in it) and managers.
        "update": OWN_PATCH | {"safeguarding_lead"},
    },
    "cases": {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        "create": TAKE_CALLS,
        # Lead officer, the case team's leader, the office's manager.
        "update": OWN_PATCH,
    },
    "complaints": {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        "create": TAKE_CALLS,
        "update": OWN_PATCH,
    },
    "repairs": {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        # The patch's officer (the repair's owner too), their team leader, the manager.
        "create": OWN_PATCH,
        "update": OWN_PATCH,
    },
    "inspections": {
        "list": EVERYONE,
        "retrieve": EVERYONE,
        # Officers on the estate's patch, team leaders and managers of its office.
        "create": OWN_PATCH,
        "update": OWN_PATCH,
    },
    "referrals": {
        "list": {"manager", "safeguarding_lead"},
        "retrieve": {"officer", "manager", "safeguarding_lead"},
        "create": TAKE_CALLS,
        "update": {"officer", "manager", "safeguarding_lead"},
    },
}
CASES = [
    (resource, operation, role)
    for resource, operations in ALLOWED.items()
    for operation in operations
    for role in ROLES
]


def _call(client: Any, resource: str, operation: str, target: Target) -> Any:
    if operation == "list":
        return client.get(f"/api/v1/{resource}/")
    if operation == "retrieve":
        return client.get(target.url)
    if operation == "create":
        return client.post(f"/api/v1/{resource}/", target.create, format="json")
    if resource == "complaints":
        return client.post(f"{target.url}acknowledge/", target.update, format="json")
    return client.patch(target.update_url or target.url, target.update, format="json")


@pytest.mark.parametrize(("resource", "operation", "role"), CASES)
def test_each_role_is_allowed_or_refused_as_on_the_pages(
    request, api, target, resource, operation, role
):
    user = request.getfixturevalue(role) if role else None
    response = _call(api(user), resource, operation, target(resource))
    if role is None:
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
    elif role in ALLOWED[resource][operation]:
        expected = 201 if operation == "create" else 200
        assert response.status_code == expected, response.json()
    else:
        assert response.status_code == 403, response.json()
        assert response.json()["detail"]


def test_officer_changes_homes_on_their_patch_but_not_elsewhere(api, officer, home, other_home):
    client = api(officer)
    own = client.patch(f"/api/v1/homes/{home.uprn}/", {"bedrooms": 4}, format="json")
    other = client.patch(f"/api/v1/homes/{other_home.uprn}/", {"bedrooms": 4}, format="json")
    assert own.status_code == 200
    assert own.json()["bedrooms"] == 4
    assert other.status_code == 403
    assert other.json() == {"detail": "You can only change homes on your patches."}


def test_officer_cannot_move_a_home_onto_another_patch(api, officer, home, other_estate):
    response = api(officer).patch(
        f"/api/v1/homes/{home.uprn}/", {"estate_id": other_estate.pk}, format="json"
    )
    assert response.status_code == 403
    home.refresh_from_db()
    assert home.estate_id != other_estate.pk


def test_other_officer_may_change_people_on_their_own_patch_only(
    api, other_officer, person, other_person
):
    client = api(other_officer)
    theirs = client.patch(
        f"/api/v1/people/{other_person.reference}/", {"preferred_name": "Raymond"}, format="json"
    )
    not_theirs = client.patch(
        f"/api/v1/people/{person.reference}/", {"preferred_name": "Ed"}, format="json"
    )
    assert theirs.status_code == 200
    assert not_theirs.status_code == 403


def test_dpo_reads_everything_but_writes_nothing(api, dpo, home, person):
    client = api(dpo)
    assert client.get(f"/api/v1/homes/{home.uprn}/").status_code == 200
    assert client.get(f"/api/v1/people/{person.reference}/").status_code == 200
    refused = client.post("/api/v1/people/", {"first_name": "A", "last_name": "B"}, format="json")
    assert refused.status_code == 403


def test_writes_go_through_the_services_and_are_audited_as_api(api, officer, home):
    client = api(officer)
    created = client.post(
        "/api/v1/people/",
        {"first_name": "Ada", "last_name": "Lovelace", "phone": "0121 496 0001"},
        format="json",
    ).json()
    case = CaseFactory(home=home, lead_officer=officer, team=officer.team)
    client.patch(
        f"/api/v1/cases/{case.reference}/",
        {"risk_level": "high", "risk_reason": "Threats made"},
        format="json",
    )
    person_audit = AuditEvent.objects.get(object_type="people.person", action=AuditAction.CREATE)
    assert created["person_ref"] == person_audit.object_label
    assert created["phone"] == "+441214960001"
    assert (person_audit.actor, person_audit.source) == (officer, "api")
    assert case.events.get().text == "Risk level changed from Standard to High. Threats made"
    assert AuditEvent.objects.filter(object_type="cases.case", source="api").count() == 1
