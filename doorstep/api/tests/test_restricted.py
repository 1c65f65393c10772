"""What the API withholds and what it audits: restricted cases (a stub for those who may not
see them, the full case and an audit row for those who may), health flags on people, and
safeguarding referrals."""

from __future__ import annotations

import pytest

from doorstep.cases.models import CaseType
from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory, CasePartyFactory
from doorstep.complaints.tests.factories import complaint_stage
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.people.tests.factories import FlagFactory
from doorstep.safeguarding.tests.factories import ReferralFactory

STUB_KEYS = {"access", "case_ref", "case_type", "restricted", "ask"}


@pytest.fixture
def restricted_case(other_officer, other_home, person):
    """A domestic-abuse case in Nottingham, led by other_officer: always restricted."""
    case = CaseFactory(
        case_type=CaseType.DOMESTIC_ABUSE,
        home=other_home,
        lead_officer=other_officer,
        summary="Partner threatened her on the doorstep",
    )
    CasePartyFactory(case=case, person=person, role="victim")
    return case


def _views(case) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=AuditAction.VIEW, object_type="cases.case", object_id=str(case.pk)
        )
    )


@pytest.mark.parametrize("role", ["officer", "team_leader", "dpo"])
def test_a_restricted_case_is_a_stub_for_those_not_on_it(request, api, restricted_case, role):
    client = api(request.getfixturevalue(role))
    detail = client.get(f"/api/v1/cases/{restricted_case.reference}/").json()
    listed = client.get("/api/v1/cases/").json()["results"]

    assert detail == {
        "access": "stub",
        "case_ref": restricted_case.reference,
        "case_type": "domestic_abuse",
        "restricted": True,
        "ask": "Priya Shah",
    }
    assert [row for row in listed if row["case_ref"] == restricted_case.reference] == [detail]
    assert "threatened" not in str(listed)
    assert _views(restricted_case) == []


@pytest.mark.parametrize("role", ["other_officer", "safeguarding_lead"])
def test_those_who_may_see_a_restricted_case_get_it_in_full_and_are_audited(
    request, api, restricted_case, role
):
    user = request.getfixturevalue(role)
    client = api(user)
    detail = client.get(f"/api/v1/cases/{restricted_case.reference}/").json()
    client.get("/api/v1/cases/")

    assert detail["access"] == "full"
    assert detail["summary"] == "Partner threatened her on the doorstep"
    assert detail["parties"][0]["role"] == "victim"
    views = _views(restricted_case)
    assert len(views) == 2
    assert {v.actor_id for v in views} == {user.pk}
    assert {v.source for v in views} == {"api"}
    assert {v.changes["viewed"] for v in views} == {"case (API)"}


def test_an_action_owner_joins_the_case_team_and_sees_the_case(api, officer, restricted_case):
    CaseActionFactory(case=restricted_case, owner=officer)
    detail = api(officer).get(f"/api/v1/cases/{restricted_case.reference}/").json()
    assert detail["access"] == "full"
    assert len(_views(restricted_case)) == 1


def test_unrestricted_cases_are_shown_without_an_audit_row(api, officer, home):
    case = CaseFactory(home=home)
    assert api(officer).get(f"/api/v1/cases/{case.reference}/").json()["access"] == "full"
    assert _views(case) == []


def test_a_stub_cannot_be_changed_or_noted(api, officer, restricted_case):
    client = api(officer)
    url = f"/api/v1/cases/{restricted_case.reference}/"
    patched = client.patch(url, {"summary": "x"}, format="json")
    noted = client.post(f"{url}notes/", {"text": "x"}, format="json")
    assert patched.status_code == noted.status_code == 403
    assert patched.json() == {"detail": "Restricted case — ask Priya Shah"}


def test_filters_never_match_what_a_stub_hides(api, officer, restricted_case, other_home):
    client = api(officer)
    by_place = client.get("/api/v1/cases/", {"uprn": other_home.uprn}).json()["results"]
    by_lead = client.get(
        "/api/v1/cases/", {"lead_officer_email": "other.officer@doorstep.test"}
    ).json()["results"]
    by_risk = client.get("/api/v1/cases/", {"risk_level": "standard"}).json()["results"]
    assert by_place == by_lead == by_risk == []


def test_a_restricted_complaint_is_a_stub_too(api, officer, other_officer):
    stage = complaint_stage(lead_officer=other_officer, restricted=True)
    body = api(officer).get(f"/api/v1/complaints/{stage.case.reference}/").json()
    assert body == {
        "access": "stub",
        "complaint_ref": stage.case.reference,
        "restricted": True,
        "ask": "Priya Shah",
    }


# --- special-category data on people ---------------------------------------------------------


@pytest.fixture
def flagged(person):
    FlagFactory(person=person, code="mental_health", note="Anxiety; call ahead")
    FlagFactory(person=person, code="lives_alone")
    return person


def _flag_views(person) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=person.pk))


@pytest.mark.parametrize("role", ["officer", "team_leader", "manager", "safeguarding_lead"])
def test_health_flags_are_shown_to_readers_and_each_showing_is_audited(request, api, flagged, role):
    client = api(request.getfixturevalue(role))
    detail = client.get(f"/api/v1/people/{flagged.reference}/").json()
    client.get("/api/v1/people/")
    assert {f["code"] for f in detail["flags"]} == {"mental_health", "lives_alone"}
    views = _flag_views(flagged)
    assert len(views) == 2
    assert {v.source for v in views} == {"api"}


def test_health_flags_are_left_out_for_the_dpo_and_nothing_is_audited(api, dpo, flagged):
    client = api(dpo)
    detail = client.get(f"/api/v1/people/{flagged.reference}/").json()
    by_flag = client.get("/api/v1/people/", {"flag": "mental_health"}).json()["results"]
    assert [f["code"] for f in detail["flags"]] == ["lives_alone"]
    assert "Anxiety" not in str(detail)
    assert by_flag == []
    assert _flag_views(flagged) == []


def test_special_arrangements_show_whatever_the_role(api, dpo, person):
    FlagFactory(person=person, code="risk_to_staff")
    detail = api(dpo).get(f"/api/v1/people/{person.reference}/").json()
    assert detail["special_arrangements"] == [
        {"code": "two_officer", "text": "Two-officer visit only, never lone working"}
    ]


# --- safeguarding referrals ------------------------------------------------------------------


def test_every_referral_shown_is_audited(api, safeguarding_lead, officer, person):
    referral = ReferralFactory(person=person, made_by=officer)
    client = api(safeguarding_lead)
    client.get(f"/api/v1/referrals/{referral.reference}/")
    client.get("/api/v1/referrals/")
    views = AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="safeguarding.safeguardingreferral"
    )
    assert views.count() == 2
    assert {v.person_id for v in views} == {person.pk}


def test_an_officer_cannot_read_a_referral_someone_else_made(api, other_officer, officer, person):
    referral = ReferralFactory(person=person, made_by=officer)
    response = api(other_officer).get(f"/api/v1/referrals/{referral.reference}/")
    assert response.status_code == 403
    assert "safeguarding lead" in response.json()["detail"]
