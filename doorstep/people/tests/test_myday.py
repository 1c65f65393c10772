import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorstep.core.working_days import LONDON
from doorstep.myday.registry import providers
from doorstep.people.models import Vulnerability
from doorstep.people.myday import flag_reviews_due
from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=LONDON)


def items_for(user):
    return list(flag_reviews_due(user=user, today=TODAY, now=NOW))


def test_registered_with_my_day():
    assert providers()["flag_reviews"] is flag_reviews_due


def test_item_for_a_flag_due_today(officer, person):
    flag = FlagFactory(person=person, code=Vulnerability.LIVES_ALONE, review_date=TODAY)
    [item] = items_for(officer)
    assert item.kind == "flag_review"
    assert item.kind_label == "Flag review"
    assert not item.overdue
    assert item.due_at == dt.datetime(2026, 3, 10, 23, 59, 59, tzinfo=LONDON)
    assert item.url == reverse("people:person_detail", args=["P000001"])
    assert item.action_url == reverse("people:flag_reviewed", args=["P000001", flag.pk])
    assert item.action_label == "Reviewed, no change"
    assert "Edna Thompson" in item.title
    assert "lives alone" in item.title


def test_overdue_once_the_review_day_has_passed(officer, person):
    FlagFactory(person=person, code=Vulnerability.LIVES_ALONE, review_date=TODAY - dt.timedelta(1))
    FlagFactory(person=person, code=Vulnerability.OLDER_PERSON, review_date=TODAY + dt.timedelta(1))
    [item] = items_for(officer)
    assert item.overdue


def test_item_carries_the_special_arrangements(officer, person):
    FlagFactory(person=person, code=Vulnerability.RISK_TO_STAFF, review_date=TODAY)
    [item] = items_for(officer)
    assert [a.code for a in item.arrangements] == ["two_officer"]


def test_nothing_for_another_patch_officer(other_officer, person):
    FlagFactory(person=person, review_date=TODAY)
    assert items_for(other_officer) == []


def test_fixed_number_of_queries(officer, person, home):
    FlagFactory(person=person, review_date=TODAY)
    officer_fresh = type(officer).objects.get(pk=officer.pk)
    with CaptureQueriesContext(connection) as few:
        assert len(items_for(officer_fresh)) == 1
    for _ in range(30):
        someone = PersonFactory()
        TenancyMemberFactory(person=someone, tenancy=TenancyFactory(home=home))
        FlagFactory(person=someone, code=Vulnerability.SHIELDING, review_date=TODAY)
        FlagFactory(person=someone, code=Vulnerability.RISK_TO_STAFF, review_date=TODAY)
    officer_fresh = type(officer).objects.get(pk=officer.pk)
    with CaptureQueriesContext(connection) as many:
        assert len(items_for(officer_fresh)) == 61
    assert len(many) == len(few)


@time_machine.travel(NOW)
def test_my_day_lists_the_review_and_one_click_marks_it_reviewed(client, officer, person):
    flag = FlagFactory(person=person, code=Vulnerability.LIVES_ALONE, review_date=TODAY)
    client.force_login(officer)
    page = client.get(reverse("myday:my_day"))
    assert "Flag review" in page.content.decode()
    assert "Reviewed, no change" in page.content.decode()
    response = client.post(reverse("people:flag_reviewed", args=["P000001", flag.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("myday:my_day")
    flag.refresh_from_db()
    assert flag.review_date == dt.date(2026, 9, 10)
    assert "lives alone" not in client.get(reverse("myday:my_day")).content.decode()
