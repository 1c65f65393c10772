"""ASB pages: every form allowed and refused, bad input, the Community Trigger list and the
warnings on the person, place and case pages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from doorstep.asb import panel
from doorstep.asb.models import AsbDetails, AsbToolUse, IncidentReport, MediationReferral
from doorstep.asb.models import VictimRiskAssessment as Assessment
from doorstep.asb.risk import QUESTION_FIELDS
from doorstep.asb.tests.factories import AsbCaseFactory, DisputeCaseFactory, report
from doorstep.cases import registry
from doorstep.cases.models import CaseStatus
from doorstep.core.models import AuditEvent
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import BlockFactory, EstateFactory, HomeFactory

D = dt.date
TODAY = D(2026, 9, 15)
INSIDE = D(2026, 7, 1)
LOGIN = "/accounts/sign-in/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2026, 9, 15, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def case(home):
    return AsbCaseFactory(home=home)


@pytest.fixture
def dispute(home):
    return DisputeCaseFactory(home=home)


@pytest.fixture
def other_case(other_home):
    return AsbCaseFactory(home=other_home)


def all_yes_no(**overrides: str) -> dict[str, str]:
    data = {name: "no" for name in QUESTION_FIELDS}
    data.update(overrides)
    return data


# (url name, case fixture, good POST data, model written)
def forms_and_data(person_ref: str):
    return [
        (
            "asb:details_edit",
            "case",
            {
                "category": "personal",
                "subtype": "harassment",
                "hate_incident": "on",
                "protected_characteristic": "race",
            },
            AsbDetails,
        ),
        (
            "asb:incident_add",
            "case",
            {"reporter": person_ref, "reported_on": "2026-09-14", "description": "Shouting"},
            IncidentReport,
        ),
        (
            "asb:tool_add",
            "case",
            {"tool": "warning", "used_on": "2026-09-15", "note": "Verbal warning"},
            AsbToolUse,
        ),
        (
            "asb:risk_assessment",
            "case",
            {
                "victim": person_ref,
                "assessed_on": "2026-09-15",
                **all_yes_no(threats_or_violence="yes", fear_for_safety="yes"),
            },
            Assessment,
        ),
        (
            "asb:mediation",
            "dispute",
            {"provider": "Walsall Mediation Service", "referred_on": "2026-09-15"},
            MediationReferral,
        ),
    ]


FORM_NAMES = [
    "asb:details_edit",
    "asb:incident_add",
    "asb:tool_add",
    "asb:risk_assessment",
    "asb:mediation",
]


def _form(name, person_ref="P000001"):
    return next(row for row in forms_and_data(person_ref) if row[0] == name)


# --- allowed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FORM_NAMES)
@pytest.mark.parametrize("who", ["officer", "asb_officer", "team_leader", "manager"])
def test_case_workers_use_every_form(client, request, person, name, who):
    _, fixture, data, model = _form(name)
    target = request.getfixturevalue(fixture)
    client.force_login(request.getfixturevalue(who))
    url = reverse(name, args=[target.reference])
    assert client.get(url).status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("cases:case_detail", args=[target.reference])
    assert model.objects.filter(case=target).count() == 1


def test_forms_open_in_the_modal_for_htmx(client, officer, case, htmx):
    client.force_login(officer)
    response = client.get(reverse("asb:tool_add", args=[case.reference]), **htmx)
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="modal-title"' in content
    response = client.post(
        reverse("asb:tool_add", args=[case.reference]),
        {"tool": "warning", "used_on": "2026-09-15"},
        **htmx,
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("cases:case_detail", args=[case.reference])


def test_incident_form_fills_in_the_reporter_from_the_link(client, officer, case):
    client.force_login(officer)
    url = reverse("asb:incident_add", args=[case.reference])
    content = client.get(url, {"person": "P000123"}).content.decode()
    assert 'value="P000123"' in content
    assert 'value="2026-09-15"' in content


def test_mediation_outcome_recorded(client, officer, dispute):
    referral = MediationReferral.objects.create(
        case=dispute, provider="Walsall Mediation Service", referred_on=D(2026, 9, 1)
    )
    client.force_login(officer)
    url = reverse("asb:mediation_outcome", args=[dispute.reference, referral.pk])
    assert b"Walsall Mediation Service" in client.get(url).content
    response = client.post(url, {"outcome": "resolved", "outcome_on": "2026-09-10"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == "resolved"


def test_a_report_on_a_closed_case_opens_a_new_case(client, officer, home, person):
    closed = AsbCaseFactory(home=home, status=CaseStatus.CLOSED, closed_on=D(2026, 8, 1))
    client.force_login(officer)
    url = reverse("asb:incident_add", args=[closed.reference])
    assert b"opens a new case" in client.get(url).content
    response = client.post(
        url, {"reporter": "p000001", "reported_on": "2026-09-14", "description": "Again"}
    )
    new = IncidentReport.objects.get().case
    assert new.pk != closed.pk
    assert response["Location"] == reverse("cases:case_detail", args=[new.reference])


# --- refused ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FORM_NAMES)
@pytest.mark.parametrize("who", ["other_officer", "other_asb_officer", "dpo"])
def test_others_are_refused_every_form(client, request, person, name, who):
    _, fixture, data, model = _form(name)
    target = request.getfixturevalue(fixture)
    client.force_login(request.getfixturevalue(who))
    url = reverse(name, args=[target.reference])
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert not model.objects.exists()


@pytest.mark.parametrize("name", FORM_NAMES)
def test_signed_out_goes_to_sign_in(client, request, name):
    _, fixture, data, model = _form(name)
    target = request.getfixturevalue(fixture)
    for response in (
        client.get(reverse(name, args=[target.reference])),
        client.post(reverse(name, args=[target.reference]), data),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    assert not model.objects.exists()


def test_asb_officer_of_the_other_office_works_on_its_cases(client, other_asb_officer, other_case):
    client.force_login(other_asb_officer)
    assert client.get(reverse("asb:tool_add", args=[other_case.reference])).status_code == 200


def test_unknown_or_wrong_type_of_case_is_not_found(client, officer, case, dispute):
    client.force_login(officer)
    assert client.get(reverse("asb:tool_add", args=["ASB-2026-999999"])).status_code == 404
    # Mediation is for neighbour disputes; ASB details for ASB cases.
    assert client.get(reverse("asb:mediation", args=[case.reference])).status_code == 404
    assert client.get(reverse("asb:details_edit", args=[dispute.reference])).status_code == 404


def test_closed_cases_refuse_changes_other_than_reports(client, officer, home):
    closed = AsbCaseFactory(home=home, status=CaseStatus.CLOSED, closed_on=D(2026, 8, 1))
    client.force_login(officer)
    assert client.get(reverse("asb:tool_add", args=[closed.reference])).status_code == 403


def test_restricted_case_refused_to_an_officer_off_the_case_team(client, asb_officer, home):
    restricted = AsbCaseFactory(home=None, restricted=True)
    client.force_login(asb_officer)
    assert client.get(reverse("asb:tool_add", args=[restricted.reference])).status_code == 403


# --- bad input -------------------------------------------------------------------------------


def _post(client, name, target, data):
    response = client.post(reverse(name, args=[target.reference]), data)
    assert response.status_code == 200
    return response.content.decode()


def test_details_bad_input(client, officer, case):
    client.force_login(officer)
    content = _post(client, "asb:details_edit", case, {"category": "", "subtype": "hate"})
    assert "There is a problem" in content
    assert "Choose the category of anti-social behaviour" in content
    assert "A hate subtype is a hate incident: tick hate incident" in content
    content = _post(
        client,
        "asb:details_edit",
        case,
        {"category": "personal", "subtype": "harassment", "hate_incident": "on"},
    )
    assert "Choose the protected characteristic the hate incident was aimed at" in content
    assert not AsbDetails.objects.exists()


def test_incident_bad_input(client, officer, case):
    client.force_login(officer)
    content = _post(
        client,
        "asb:incident_add",
        case,
        {"reporter": "P404404", "reported_on": "2026-09-16", "description": ""},
    )
    assert "There is no person with reference P404404" in content
    assert "The date reported must be today or in the past" in content
    assert "Describe what happened" in content
    content = _post(
        client,
        "asb:incident_add",
        case,
        {"reporter": "", "reported_on": "15/09/2026", "description": "x"},
    )
    assert "Enter the person reference of who reported it" in content
    assert "Enter a real date as YYYY-MM-DD" in content
    assert not IncidentReport.objects.exists()


def test_tool_bad_input(client, officer, case):
    client.force_login(officer)
    content = _post(client, "asb:tool_add", case, {"tool": "eviction", "used_on": ""})
    assert "Select a valid choice" in content
    assert "Enter the date used" in content
    assert not AsbToolUse.objects.exists()


def test_risk_assessment_bad_input(client, officer, case, person):
    client.force_login(officer)
    data = all_yes_no()
    del data["fear_for_safety"]
    content = _post(
        client,
        "asb:risk_assessment",
        case,
        {"victim": "P000001", "assessed_on": "2026-09-15", **data},
    )
    assert "Answer: Is the victim afraid for their own or their family&#x27;s safety?" in content
    assert not Assessment.objects.exists()


def test_risk_assessment_result_shown_and_case_risk_raised(client, officer, case, person):
    client.force_login(officer)
    response = client.post(
        reverse("asb:risk_assessment", args=[case.reference]),
        {
            "victim": "P000001",
            "assessed_on": "2026-09-15",
            **all_yes_no(threats_or_violence="yes", vulnerable="yes"),
        },
    )
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["Victim risk assessment recorded: High risk (2 of 9)."]
    case.refresh_from_db()
    assert case.risk_level == "high"


def test_mediation_bad_input(client, officer, dispute):
    client.force_login(officer)
    content = _post(client, "asb:mediation", dispute, {"provider": "", "referred_on": "2026-02-30"})
    assert "Enter the mediation service" in content
    assert "Enter a real date as YYYY-MM-DD" in content
    referral = MediationReferral.objects.create(
        case=dispute, provider="Walsall Mediation Service", referred_on=D(2026, 9, 1)
    )
    response = client.post(
        reverse("asb:mediation_outcome", args=[dispute.reference, referral.pk]),
        {"outcome": "resolved", "outcome_on": "2026-08-01"},
    )
    assert "must be on or after the referral date" in response.content.decode()


# --- the case page panel and warnings --------------------------------------------------------


def test_panel_and_warning_are_registered():
    assert any(p.name == "asb" for p in registry.panels_for("asb"))
    assert any(p.name == "asb" for p in registry.panels_for("neighbour_dispute"))
    assert panel.community_trigger_warnings in registry.warnings()


def _render_panel(user, case, django_assert_max_num_queries=None):
    request = RequestFactory().get("/")
    request.user = user
    context = panel.asb_panel_context(user=user, case=case)
    return render_to_string("asb/partials/case_panel.html", context, request=request)


def test_panel_shows_details_reports_tools_and_risk(officer, case, person):
    AsbDetails.objects.create(
        case=case,
        category="personal",
        subtype="hate",
        hate_incident=True,
        protected_characteristic="race",
    )
    report(case=case, reporter=person, on=INSIDE, description="Abuse shouted at the door")
    AsbToolUse.objects.create(case=case, tool="warning", used_on=INSIDE)
    Assessment.objects.create(
        case=case,
        victim=person,
        assessed_on=INSIDE,
        score=7,
        level="high",
        **{name: True for name in QUESTION_FIELDS[:7]},
        **{name: False for name in QUESTION_FIELDS[7:]},
    )
    html = _render_panel(officer, case)
    assert "Hate incident</strong> aimed at race" in html
    assert "Abuse shouted at the door" in html
    assert reverse("people:person_detail", args=["P000001"]) in html
    assert "Warning" in html
    assert "High</strong> (7 of 9)" in html
    assert reverse("asb:incident_add", args=[case.reference]) in html
    # Showing a hate incident's protected characteristic is audited.
    assert AuditEvent.objects.filter(
        action="view",
        object_id=str(case.pk),
        changes__viewed="hate incident protected characteristic",
    ).exists()


def test_panel_offers_no_changes_to_readers(other_officer, dpo, case):
    for user in (other_officer, dpo):
        html = _render_panel(user, case)
        assert "No incident reports yet." in html
        assert reverse("asb:incident_add", args=[case.reference]) not in html


def test_dispute_panel_shows_mediation(officer, dispute):
    MediationReferral.objects.create(
        case=dispute, provider="Walsall Mediation Service", referred_on=INSIDE
    )
    html = _render_panel(officer, dispute)
    assert "Walsall Mediation Service" in html
    assert reverse("asb:mediation", args=[dispute.reference]) in html
    assert "Record ASB details" not in html


def test_case_warning_for_the_reporter(officer, case, person, home):
    report(case=case, reporter=person, on=INSIDE)
    report(case=AsbCaseFactory(home=home), reporter=person, on=INSIDE)
    assert panel.community_trigger_warnings(user=officer, case=case) == [
        "ASB Case Review: Edna Thompson has reported 2 ASB cases in six months "
        "(the threshold is 3)."
    ]


# --- warnings on the person and place pages --------------------------------------------------


def test_person_page_shows_the_warning_and_then_the_threshold(client, officer, person, home):
    report(case=AsbCaseFactory(home=home), reporter=person, on=INSIDE)
    report(case=AsbCaseFactory(home=home), reporter=person, on=INSIDE)
    client.force_login(officer)
    url = reverse("people:person_detail", args=["P000001"])
    content = client.get(url).content.decode()
    assert "Edna Thompson has reported 2 ASB cases in six months (the threshold is 3)" in content
    report(case=AsbCaseFactory(home=home), reporter=person, on=TODAY)
    content = client.get(url).content.decode()
    assert "meets the threshold: offer an ASB Case Review" in content


def test_person_page_has_no_warning_below_two(client, officer, person, home):
    report(case=AsbCaseFactory(home=home), reporter=person, on=INSIDE)
    client.force_login(officer)
    content = client.get(reverse("people:person_detail", args=["P000001"])).content.decode()
    assert "ASB Case Review" not in content


def test_block_and_home_pages_show_the_place_warning(client, officer, estate):
    block = BlockFactory(name="Alder House", estate=estate)
    home = HomeFactory(estate=estate, block=block)
    case = AsbCaseFactory(home=home)
    for _ in range(5):
        report(case=case, reporter=PersonFactory(), on=INSIDE)
    client.force_login(officer)
    message = "5 different people have reported ASB at Alder House in six months and it meets"
    assert message in client.get(reverse("places:block_detail", args=[block.pk])).content.decode()
    assert message in client.get(reverse("places:home_detail", args=[home.pk])).content.decode()
    # The estate's own count is of its homes in no block.
    estate_page = client.get(reverse("places:estate_detail", args=[estate.pk])).content.decode()
    assert "ASB Case Review" not in estate_page


def test_estate_page_shows_the_warning_for_homes_in_no_block(client, officer, estate, home):
    for _ in range(4):
        report(case=AsbCaseFactory(home=home), reporter=PersonFactory(), on=INSIDE)
    client.force_login(officer)
    content = client.get(reverse("places:estate_detail", args=[estate.pk])).content.decode()
    assert "4 different people have reported ASB at Beechdale Estate" in content
    assert "(the threshold is 5)" in content


# --- the managers' list ----------------------------------------------------------------------


def _fill_triggers(estate, people_count=30):
    block = BlockFactory(name="Alder House", estate=estate)
    block_home = HomeFactory(estate=estate, block=block)
    for _ in range(people_count):
        someone = PersonFactory()
        for _ in range(3):
            report(case=AsbCaseFactory(home=block_home), reporter=someone, on=INSIDE)
    return block


@pytest.mark.parametrize("who", ["team_leader", "manager", "asb_officer"])
def test_list_allowed_for_leaders_managers_and_asb_officers(
    client, request, estate, team, person, who
):
    block = _fill_triggers(estate, people_count=4)
    # Cases with no place count for the office of their team.
    someone = PersonFactory(reference="P777777", first_name="Ada", last_name="Nwosu")
    report(case=AsbCaseFactory(team=team), reporter=someone, on=INSIDE)
    report(case=AsbCaseFactory(team=team), reporter=someone, on=INSIDE)
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("asb:community_triggers"), {"on": "2026-09-15"})
    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("places:block_detail", args=[block.pk]) in content
    assert "Meets the threshold" in content
    assert "Approaching" in content  # Ada Nwosu, 2 cases
    assert "P777777" in content
    assert "15 March 2026, not included" in content


@pytest.mark.parametrize("who", ["officer", "other_officer", "dpo", "safeguarding_lead"])
def test_list_refused_to_others(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("asb:community_triggers")).status_code == 403


def test_list_signed_out_goes_to_sign_in(client):
    response = client.get(reverse("asb:community_triggers"))
    assert response["Location"].startswith(LOGIN)


def test_list_other_office_is_not_shown(client, other_asb_officer, estate):
    _fill_triggers(estate, people_count=2)
    client.force_login(other_asb_officer)
    content = client.get(reverse("asb:community_triggers")).content.decode()
    assert "Nobody and nowhere meets or is approaching the threshold" in content


def test_list_bad_date(client, manager):
    client.force_login(manager)
    response = client.get(reverse("asb:community_triggers"), {"on": "2026-13-01"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real date as YYYY-MM-DD" in content
    assert "<table" not in content


def test_list_defaults_to_today(client, manager, estate):
    client.force_login(manager)
    content = client.get(reverse("asb:community_triggers")).content.decode()
    assert "On 15 September 2026" in content or "on 15 September 2026" in content


def test_list_queries_do_not_grow_with_rows(client, manager, estate, django_assert_max_num_queries):
    _fill_triggers(estate, people_count=40)
    client.force_login(manager)
    # 10, plus 1 for the manager's two-factor device checked on every request.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("asb:community_triggers"), {"on": "2026-09-15"})
    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].paginator.count == 41  # 40 people, 1 block
    page2 = client.get(reverse("asb:community_triggers"), {"on": "2026-09-15", "page": 2})
    assert len(page2.context["page_obj"]) == 16


def test_list_puts_those_meeting_the_threshold_first(client, manager, estate):
    home = HomeFactory(estate=EstateFactory(name="Aardvark Estate", office=estate.office))
    early = PersonFactory(first_name="Aaron", last_name="Able")
    for _ in range(2):
        report(case=AsbCaseFactory(home=home), reporter=early, on=INSIDE)
    late = PersonFactory(first_name="Zoe", last_name="Zed")
    for _ in range(3):
        report(case=AsbCaseFactory(home=home), reporter=late, on=INSIDE)
    client.force_login(manager)
    rows = list(
        client.get(reverse("asb:community_triggers"), {"on": "2026-09-15"}).context["page_obj"]
    )
    assert [r.label for r in rows] == ["Zoe Zed", "Aaron Able"]


def test_case_page_shows_the_panel_and_the_warnings(client, officer, case, person, home):
    report(case=case, reporter=person, on=INSIDE, description="Banging on the ceiling")
    for _ in range(2):
        report(case=AsbCaseFactory(home=home), reporter=person, on=INSIDE)
    client.force_login(officer)
    content = client.get(reverse("cases:case_detail", args=[case.reference])).content.decode()
    assert "Banging on the ceiling" in content
    assert reverse("asb:incident_add", args=[case.reference]) in content
    assert "Edna Thompson has reported 3 ASB cases in six months and meets the threshold" in content


def test_panel_queries_do_not_grow_with_rows(officer, case, django_assert_max_num_queries):
    AsbDetails.objects.create(case=case, category="nuisance", subtype="noise")
    for _ in range(20):
        someone = PersonFactory()
        report(case=case, reporter=someone, on=INSIDE)
        AsbToolUse.objects.create(case=case, tool="warning", used_on=INSIDE)
        Assessment.objects.create(
            case=case,
            victim=someone,
            assessed_on=INSIDE,
            score=0,
            level="standard",
            **{name: False for name in QUESTION_FIELDS},
        )
    # Five for the panel, three for the permission check (the case page caches them), two
    # for the warnings.
    with django_assert_max_num_queries(10):
        html = _render_panel(officer, case)
        warnings = panel.community_trigger_warnings(user=officer, case=case)
    assert html.count("(0 of 9)") == 20
    assert warnings == [
        "ASB Case Review: 20 different people have reported ASB at Beechdale Estate in six "
        "months and it meets the threshold: offer an ASB Case Review."
    ]
