"""Fly-tipping pages: every form allowed and refused, in the modal and as a page, bad input,
and the panel on the case page with a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorstep.cases.models import CaseAction, CaseStatus
from doorstep.cases.registry import panels_for
from doorstep.core.working_days import LONDON
from doorstep.flytipping.models import FlyTipping, RechargeStatus
from doorstep.flytipping.panel import fly_tipping_panel_context
from doorstep.people.tests.factories import PersonFactory

D = dt.date
NOW = dt.datetime(2026, 4, 2, 10, 0, tzinfo=LONDON)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def _url(name: str, case) -> str:
    return reverse(f"flytipping:{name}", args=[case.reference])


def good_data(name: str, case, estates_officer) -> dict[str, object]:
    return {
        "details_edit": {
            "location_kind": "communal_area",
            "estate": case.block.estate_id,
            "block": case.block_id,
            "where_exactly": "Beside the bin store at Cedar Court",
            "waste": ["black_bags", "white_goods"],
        },
        "inspection_request": {"officer": estates_officer.pk},
        "perpetrator": {"status": "not_identified"},
        "removal": {"arranged_on": "2026-03-03"},
        "recharge": {"status": "raised", "amount": "120.00", "recharge_to": "Mr K Doyle"},
        "signage": {"put_up_on": "2026-03-10", "where": "Bin store door"},
    }[name]


NAMES = ["details_edit", "inspection_request", "perpetrator", "removal", "recharge", "signage"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("who", ["officer", "team_leader", "manager", "estates_officer"])
def test_case_workers_use_every_form(client, request, case, details, estates_officer, name, who):
    client.force_login(request.getfixturevalue(who))
    url = _url(name, case)
    response = client.get(url)
    assert response.status_code == 200
    assert "<h1" in response.content.decode()  # a page of its own without htmx
    response = client.post(url, good_data(name, case, estates_officer))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == case.get_absolute_url()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    "who", ["other_officer", "other_estates_officer", "safeguarding_lead", "dpo"]
)
def test_others_are_refused_every_form(client, request, case, details, estates_officer, name, who):
    client.force_login(request.getfixturevalue(who))
    url = _url(name, case)
    assert client.get(url).status_code == 403
    assert client.post(url, good_data(name, case, estates_officer)).status_code == 403


def test_signed_out_goes_to_sign_in(client, case):
    response = client.get(_url("details_edit", case))
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_unknown_or_other_type_of_case_is_404(client, officer, home):
    from doorstep.cases.tests.factories import CaseFactory

    client.force_login(officer)
    asb = CaseFactory(home=home, lead_officer=officer)
    assert client.get(_url("details_edit", asb)).status_code == 404
    assert (
        client.get(reverse("flytipping:details_edit", args=["FT-2026-999999"])).status_code == 404
    )


def test_forms_after_details_need_details_first(client, officer, case):
    client.force_login(officer)
    assert client.get(_url("details_edit", case)).status_code == 200
    for name in NAMES[1:]:
        assert client.get(_url(name, case)).status_code == 403, name


def test_closed_case_takes_only_the_recharge(client, officer, case, details):
    case.status, case.closed_on, case.closure_reason = CaseStatus.CLOSED, D(2026, 3, 30), "resolved"
    case.save()
    client.force_login(officer)
    for name in NAMES:
        expected = 200 if name == "recharge" else 403
        assert client.get(_url(name, case)).status_code == expected, name


def test_form_in_the_modal_and_closing_it(client, officer, case, details):
    client.force_login(officer)
    htmx = {"HTTP_HX_REQUEST": "true"}
    body = client.get(_url("signage", case), **htmx).content.decode()
    assert "<html" not in body and 'id="modal-title"' in body
    response = client.post(
        _url("signage", case), {"put_up_on": "2026-03-10", "where": "Door"}, **htmx
    )
    assert response.status_code == 204 and response["HX-Trigger"] == "ds-modal-close"
    response = client.post(_url("signage", case), {"put_up_on": "", "where": ""}, **htmx)
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body


def test_details_form_prefills_the_case_place_and_shows_checkboxes(client, officer, case):
    client.force_login(officer)
    body = client.get(_url("details_edit", case)).content.decode()
    assert (
        f'<option value="{case.block_id}" selected>Cedar Court (Beechdale Estate)</option>' in body
    )
    assert 'type="checkbox" value="builders_rubble"' in body
    assert 'class="govuk-checkboxes__input"' in body


@pytest.mark.parametrize(
    ("name", "data", "field", "message"),
    [
        (
            "details_edit",
            {"location_kind": "block", "where_exactly": "x", "waste": ["tyres"]},
            "estate",
            "Select the estate.",
        ),
        (
            "details_edit",
            {"location_kind": "communal_area", "where_exactly": "", "waste": ["tyres"]},
            "where_exactly",
            "Enter where exactly",
        ),
        (
            "details_edit",
            {"location_kind": "communal_area", "where_exactly": "x", "waste": []},
            "waste",
            "Select what was dumped.",
        ),
        (
            "details_edit",
            {"location_kind": "communal_area", "where_exactly": "x", "waste": ["other"]},
            "waste_description",
            "Describe what else",
        ),
        ("inspection_request", {"officer": ""}, "officer", "Choose the estates officer"),
        ("perpetrator", {"status": "identified", "person": ""}, "person", "Enter the person"),
        (
            "perpetrator",
            {"status": "identified", "person": "P999999"},
            "person",
            "No person has the reference",
        ),
        ("removal", {"arranged_on": "", "removed_on": ""}, "arranged_on", "Enter the date removal"),
        (
            "removal",
            {"removed_on": "2026-03-05", "removed_by": ""},
            "removed_by",
            "Enter who removed it.",
        ),
        (
            "removal",
            {"arranged_on": "2026-03-06", "removed_on": "2026-03-05", "removed_by": "A"},
            "removed_on",
            "cannot be before it was arranged",
        ),
        (
            "removal",
            {"removed_on": "2026-02-27", "removed_by": "A"},
            "removed_on",
            "cannot be before the fly-tipping was reported",
        ),
        (
            "removal",
            {"removed_on": "31/03/2026", "removed_by": "A"},
            "removed_on",
            "as a real date",
        ),
        (
            "recharge",
            {"status": "raised", "amount": "0", "recharge_to": "A"},
            "amount",
            "more than 0",
        ),
        (
            "recharge",
            {"status": "paid", "amount": "ten", "recharge_to": "A"},
            "amount",
            "Enter the amount in pounds",
        ),
        ("recharge", {"status": "raised", "amount": "10"}, "recharge_to", "Enter who is"),
        (
            "signage",
            {"put_up_on": "2026-04-03", "where": "Door"},
            "put_up_on",
            "must be today or in the past",
        ),
        ("signage", {"put_up_on": "2026-03-10", "where": ""}, "where", "Enter where the signs"),
    ],
)
def test_bad_input_names_the_field(client, officer, case, details, name, data, field, message):
    client.force_login(officer)
    response = client.post(_url(name, case), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert message in " ".join(form.errors[field])
    assert "There is a problem" in response.content.decode()


def test_block_on_another_estate_is_refused_by_the_form(client, officer, case, office):
    from doorstep.places.tests.factories import BlockFactory, EstateFactory

    other = BlockFactory(name="Oak House", estate=EstateFactory(name="Alma Estate", office=office))
    client.force_login(officer)
    response = client.post(
        _url("details_edit", case),
        {
            "location_kind": "block",
            "estate": case.block.estate_id,
            "block": other.pk,
            "where_exactly": "x",
            "waste": ["tyres"],
        },
    )
    assert response.context["form"].errors["block"] == ["Oak House is not on Beechdale Estate."]
    assert not FlyTipping.objects.filter(case=case).exists()


def test_inspection_form_defaults_to_the_estate_office_officer(
    client, officer, case, details, estates_officer, other_estates_officer
):
    client.force_login(officer)
    body = client.get(_url("inspection_request", case)).content.decode()
    assert f'<option value="{estates_officer.pk}" selected>' in body
    assert "due within 2 working days" in body
    client.post(_url("inspection_request", case), {"officer": estates_officer.pk})
    action = CaseAction.objects.get(case=case)
    assert (action.owner, action.due_on) == (estates_officer, D(2026, 4, 8))


def test_identifying_the_perpetrator_by_reference(client, officer, case, details):
    PersonFactory(reference="P000777", first_name="Kevin", last_name="Doyle")
    client.force_login(officer)
    client.post(_url("perpetrator", case), {"status": "identified", "person": "p000777"})
    details.refresh_from_db()
    assert details.perpetrator.reference == "P000777"
    body = client.get(_url("recharge", case)).content.decode()
    assert 'value="Kevin Doyle"' in body  # who is recharged starts as the perpetrator


# --- the panel -------------------------------------------------------------------------------


def _render(user, case):
    (panel,) = [p for p in panels_for(case.case_type) if p.name == "fly_tipping"]
    return render_to_string(panel.template, {"case": case, **panel.context(user=user, case=case)})


def test_panel_is_registered_for_fly_tipping_only():
    # (The inspections panel, linking any case to the item it came from, is on every type.)
    assert [p.name for p in panels_for("fly_tipping")].count("fly_tipping") == 1
    assert not [p for p in panels_for("asb") if p.name == "fly_tipping"]


def test_panel_shows_everything_with_change_links(officer, case, details, estates_officer):
    from doorstep.flytipping import services

    services.fly_tipping_request_inspection(actor=officer, case=case, officer=estates_officer)
    details.refresh_from_db()
    details.recharge_status = RechargeStatus.RAISED
    details.recharge_amount = "150.00"
    details.recharge_to = "Mr K Doyle"
    details.signage_on = D(2026, 3, 10)
    details.signage_where = "Bin store door"
    details.letter_sent_on = D(2026, 3, 11)
    details.save()
    html = _render(officer, case)
    assert "Cedar Court, Beechdale Estate" in html
    assert "Black bags, Furniture" in html
    assert "Asked for</strong>" in html and "Dave Lloyd, due 8 Apr 2026" in html
    assert "Raised: £150.00 to Mr K Doyle" in html
    assert "10 Mar 2026: Bin store door" in html
    assert "Sent 11 Mar 2026" in html
    for name in ["details_edit", "perpetrator", "removal", "recharge", "signage"]:
        assert _url(name, case) in html, name
    # One inspection open at a time: no second request link.
    assert _url("inspection_request", case) not in html


def test_panel_without_details_and_for_a_reader(officer, other_officer, case):
    assert "have not been recorded yet" in _render(officer, case)
    assert _url("details_edit", case) in _render(officer, case)
    assert _url("details_edit", case) not in _render(other_officer, case)


def test_case_page_shows_the_panel(client, officer, case, details):
    client.force_login(officer)
    body = client.get(case.get_absolute_url()).content.decode()
    assert 'id="fly-tipping"' in body and "Beside the bin store at Cedar Court" in body


def test_panel_queries_do_not_grow(
    officer, case, details, estates_officer, django_assert_num_queries
):
    from doorstep.flytipping import services

    def count() -> int:
        case_fresh = type(case).objects.select_related("team", "patch__team").get(pk=case.pk)
        user = type(officer).objects.get(pk=officer.pk)
        with CaptureQueriesContext(connection) as captured:
            fly_tipping_panel_context(user=user, case=case_fresh)
        return len(captured)

    before = count()
    services.fly_tipping_request_inspection(actor=officer, case=case, officer=estates_officer)
    services.fly_tipping_perpetrator_record(
        actor=officer, case=case, status="identified", person=PersonFactory()
    )
    assert count() == before
    assert before <= 3
