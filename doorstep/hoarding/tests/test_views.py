import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from doorstep.cases.models import CaseAction, CaseType, RiskLevel
from doorstep.hoarding.models import ClutterRating, SelfNeglectAssessment
from doorstep.hoarding.tests.factories import HoardingCaseFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"


@pytest.fixture(autouse=True)
def _on_18_december_2026():
    with time_machine.travel(dt.datetime(2026, 12, 18, 11, 0, tzinfo=dt.UTC), tick=False):
        yield


def rating_url(case):
    return reverse("hoarding:rating_add", args=[case.reference])


def assessment_url(case):
    return reverse("hoarding:assessment_add", args=[case.reference])


def rating_post(**overrides):
    data = {
        "cir-rated_on": "2026-12-18",
        "cir-living_room": "8",
        "cir-kitchen": "4",
        "cir-bedroom": "2",
        "cir-note": "Boxes block the back door.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def assessment_post(**overrides):
    data = {
        "sn-assessed_on": "2026-12-18",
        "sn-condition_of_home": "poor",
        "sn-risks_to_person": "Not eating; no heating on.",
        "sn-risks_to_neighbours": "Rubbish on the shared landing.",
        "sn-multi_agency_meeting_needed": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rating_add", "assessment_add"])
def test_signed_out_visitors_are_sent_to_sign_in(client, name, self_neglect_case):
    url = reverse(f"hoarding:{name}", args=[self_neglect_case.reference])
    for response in (client.get(url), client.post(url, rating_post())):
        assert response.status_code == 302
        assert response.url.startswith(SIGN_IN)
    assert ClutterRating.objects.count() == 0


def test_the_lead_officer_sees_the_rating_form_with_picture_hints(client, officer, hoarding_case):
    client.force_login(officer)
    response = client.get(rating_url(hoarding_case))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Add a Clutter Image Rating</h1>' in html
    assert "Pick the Clutter Image Rating picture of a kitchen nearest to what you saw" in html
    assert "9: room filled completely; it cannot be entered" in html
    assert 'style="' not in html


def test_a_high_risk_rating_is_saved_and_goes_back_to_the_case(client, officer, hoarding_case):
    client.force_login(officer)
    response = client.post(rating_url(hoarding_case), rating_post())
    assert response.status_code == 302
    assert response.url == reverse("cases:case_detail", args=[hoarding_case.reference])
    rating = ClutterRating.objects.get(case=hoarding_case)
    assert (rating.living_room, rating.kitchen, rating.bedroom, rating.rated_by) == (
        8,
        4,
        2,
        officer,
    )
    assert set(CaseAction.objects.filter(case=hoarding_case).values_list("title", flat=True)) == {
        "Refer to fire and rescue for a home fire safety visit",
        "Consider a safeguarding referral",
    }
    hoarding_case.refresh_from_db()
    assert hoarding_case.risk_level == RiskLevel.HIGH
    message = str(next(iter(response.wsgi_request._messages)))
    assert message.startswith("Clutter Image Rating 8 recorded: high risk.")
    assert "Case risk raised to high." in message


@pytest.mark.parametrize("user", ["team_leader", "manager"])
def test_the_case_team_leader_and_office_manager_may_rate(client, request, hoarding_case, user):
    client.force_login(request.getfixturevalue(user))
    assert client.post(rating_url(hoarding_case), rating_post()).status_code == 302
    assert ClutterRating.objects.filter(case=hoarding_case).count() == 1


@pytest.mark.parametrize("user", ["other_officer", "dpo"])
def test_officers_who_cannot_edit_the_case_are_refused(client, request, hoarding_case, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(rating_url(hoarding_case)).status_code == 403
    assert client.post(rating_url(hoarding_case), rating_post()).status_code == 403
    assert ClutterRating.objects.count() == 0


def test_a_case_of_another_type_is_not_found(client, officer, home):
    asb = HoardingCaseFactory(home=home, lead_officer=officer, case_type=CaseType.ASB)
    client.force_login(officer)
    assert client.get(rating_url(asb)).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"cir-living_room": "0"},
            "Choose a Clutter Image Rating from 1 to 9 for the living room.",
        ),
        ({"cir-kitchen": "10"}, "Choose a Clutter Image Rating from 1 to 9 for the kitchen."),
        ({"cir-bedroom": None}, "Choose a Clutter Image Rating from 1 to 9 for the bedroom."),
        ({"cir-rated_on": "2026-12-19"}, "The date the rooms were rated cannot be in the future."),
        ({"cir-rated_on": "2026-02-30"}, "Enter the date the rooms were rated as a real date"),
        ({"cir-rated_on": ""}, "Enter the date the rooms were rated."),
    ],
)
def test_bad_ratings_come_back_with_a_message_naming_the_field(
    client, officer, hoarding_case, overrides, message
):
    client.force_login(officer)
    response = client.post(rating_url(hoarding_case), rating_post(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert ClutterRating.objects.count() == 0
    assert CaseAction.objects.count() == 0


# --- self-neglect assessment ------------------------------------------------------------------


def test_an_assessment_is_saved_for_the_lead_officer(client, officer, scheme_case):
    client.force_login(officer)
    page = client.get(assessment_url(scheme_case)).content.decode()
    assert "Neighbours in a scheme may be at risk" in page
    response = client.post(assessment_url(scheme_case), assessment_post())
    assert response.status_code == 302
    assessment = SelfNeglectAssessment.objects.get(case=scheme_case)
    assert assessment.home_in_scheme is True
    assert assessment.multi_agency_meeting_needed is True
    assert assessment.assessed_by == officer


@pytest.mark.parametrize("user", ["other_officer", "dpo"])
def test_assessments_are_refused_to_those_who_cannot_edit(client, request, self_neglect_case, user):
    client.force_login(request.getfixturevalue(user))
    assert client.post(assessment_url(self_neglect_case), assessment_post()).status_code == 403
    assert SelfNeglectAssessment.objects.count() == 0


def test_a_hoarding_case_has_no_assessment_page(client, officer, hoarding_case):
    client.force_login(officer)
    assert client.get(assessment_url(hoarding_case)).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"sn-risks_to_person": ""}, "Enter the risks to the person."),
        ({"sn-condition_of_home": "filthy"}, "Choose the condition of the home."),
        ({"sn-assessed_on": "2027-01-04"}, "The date of the assessment cannot be in the future."),
    ],
)
def test_bad_assessments_come_back_with_a_message(
    client, officer, self_neglect_case, overrides, message
):
    client.force_login(officer)
    response = client.post(assessment_url(self_neglect_case), assessment_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SelfNeglectAssessment.objects.count() == 0
