"""TA pages: allowed and refused, bad input, the panel on the tenancy page, audit."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.ta_reviews.models import TAReview
from doorstep.ta_reviews.tests.conftest import PLACED, make_placement
from doorstep.ta_reviews.tests.factories import TAReviewFactory
from doorstep.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    # The placement's first review date, Monday 2 March 2026.
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON), tick=False):
        yield


def review_url(tenancy):
    return reverse("ta_reviews:review_create", args=[tenancy.reference])


@pytest.mark.parametrize("who", ["officer", "dpo", "other_officer"])
def test_staff_read_the_list(client, request, who, placement):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("ta_reviews:placement_list"), {"show": "all"})
    assert response.status_code == 200
    assert "TA-000001" in response.text


def test_the_list_is_paginated_in_fixed_queries(
    client, officer, estate, django_assert_max_num_queries
):
    for n in range(30):
        make_placement(estate, start=PLACED + dt.timedelta(days=n))
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("ta_reviews:placement_list"))
    assert "Page 1 of 2" in response.text


def test_the_review_form_defaults_the_next_review_from_the_clock(client, officer, placement):
    client.force_login(officer)
    response = client.get(review_url(placement))
    assert response.status_code == 200
    form = response.context["form"]
    today = timezone.localdate()
    assert form.initial["reviewed_on"] == today
    assert form.initial["next_review_on"] == dt.date(2026, 4, 27)  # week 16


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_cannot_record_a_review(client, request, who, placement):
    client.force_login(request.getfixturevalue(who))
    assert client.get(review_url(placement)).status_code == 403
    assert client.post(review_url(placement), {"method": "telephone"}).status_code == 403


def test_a_tenancy_that_is_not_a_placement_is_404(client, officer, home):
    secure = TenancyFactory(home=home, reference="T900001")
    client.force_login(officer)
    assert client.get(review_url(secure)).status_code == 404
    assert client.get(reverse("ta_reviews:placement_reviews", args=["T900001"])).status_code == 404


def valid(**overrides):
    today = timezone.localdate()
    data = {
        "reviewed_on": today.isoformat(),
        "method": "telephone",
        "issues": ["repairs", "health"],
        "issues_note": "Damp in the bedroom; son's asthma worse.",
        "advice_given": "Reported the damp; GP letter for the housing register.",
        "next_review_on": (today + dt.timedelta(days=14)).isoformat(),
    }
    data.update(overrides)
    return data


def test_recording_a_review(client, officer, placement):
    client.force_login(officer)
    response = client.post(review_url(placement), valid())
    assert response.status_code == 302
    assert response.url == reverse("ta_reviews:placement_reviews", args=[placement.reference])
    review = TAReview.objects.get()
    assert review.issues == ["repairs", "health"]
    assert review.reviewed_by == officer


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reviewed_on": ""}, "reviewed_on", "Enter the date of the review."),
        ({"reviewed_on": "2999-01-01"}, "reviewed_on", "cannot be in the future"),
        ({"reviewed_on": "yesterday"}, "reviewed_on", "as a real date"),
        ({"method": ""}, "method", "Select how the review was done."),
        ({"issues": ["noise"]}, "issues", "Choose issues from the list."),
        ({"issues": ["other"], "issues_note": ""}, "issues_note", "Say what the other issue is."),
        ({"referral_agency": "999999"}, "referral_agency", "Choose the agency from the list."),
        ({"next_review_on": ""}, "next_review_on", "Enter the date of the next review."),
        ({"next_review_on": "2040-01-01"}, "later_reason", "Give a reason"),
        ({"advice_given": "x" * 2001}, "advice_given", "2,000 characters or fewer"),
    ],
)
def test_bad_review_input_names_the_field(client, officer, placement, overrides, field, message):
    client.force_login(officer)
    response = client.post(review_url(placement), valid(**overrides))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not TAReview.objects.exists()


def test_the_tenancy_page_shows_the_review_panel(client, dpo, placement):
    TAReviewFactory(tenancy=placement, reviewed_on=dt.date(2026, 3, 2), issues=["health"])
    client.force_login(dpo)
    response = client.get(reverse("tenancies:tenancy_detail", args=[placement.reference]))
    assert "Placement reviews" in response.text
    assert "2 Mar 2026" in response.text
    assert "Record a review" not in response.text


def test_the_panel_is_not_on_other_tenancies(client, officer, person):
    tenancy = person.tenancy_memberships.get().tenancy
    client.force_login(officer)
    response = client.get(reverse("tenancies:tenancy_detail", args=[tenancy.reference]))
    assert "Placement reviews" not in response.text


def test_review_details_are_audited_for_readers_and_hidden_from_the_dpo(
    client, officer, dpo, placement
):
    TAReviewFactory(tenancy=placement, issues=["health"], issues_note="Asthma worse")
    url = reverse("ta_reviews:placement_reviews", args=[placement.reference])
    client.force_login(dpo)
    assert "Asthma" not in client.get(url).text
    assert not AuditEvent.objects.filter(action="view").exists()
    client.force_login(officer)
    assert "Asthma worse" in client.get(url).text
    assert AuditEvent.objects.filter(action="view", object_id=str(placement.pk)).count() == 1


def test_the_error_summary_links_to_the_first_checkbox(client, officer, placement):
    client.force_login(officer)
    response = client.post(review_url(placement), valid(issues=["noise"]))
    assert 'href="#id_issues_0"' in response.text
    assert 'id="id_issues_0"' in response.text
