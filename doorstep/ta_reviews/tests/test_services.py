"""Recording a TA review: the next date from the clock, a later date needs a reason."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from doorstep.contacts.models import Contact
from doorstep.core.models import AuditEvent
from doorstep.core.working_days import LONDON
from doorstep.partners.tests.factories import AgencyFactory
from doorstep.ta_reviews import services
from doorstep.ta_reviews.models import TAReview
from doorstep.ta_reviews.tests.conftest import PLACED
from doorstep.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db
WEEK_8 = dt.date(2026, 3, 2)
WEEK_16 = dt.date(2026, 4, 27)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=LONDON), tick=False):
        yield


def review(actor, placement, **overrides):
    values = {"reviewed_on": WEEK_8, "method": "telephone"}
    values.update(overrides)
    return services.review_record(actor=actor, tenancy=placement, **values)


def test_the_next_review_defaults_to_the_8_week_clock(officer, placement):
    done = review(officer, placement, issues=["repairs", "money"], advice_given="Rent account")
    assert done.next_review_on == WEEK_16
    assert done.issues == ["repairs", "money"]
    contact = Contact.objects.get()
    assert done.contact == contact
    assert contact.channel == "phone"
    assert contact.person.first_name == "Aisha"
    assert contact.home == placement.home
    assert "Rent" not in contact.summary
    assert AuditEvent.objects.filter(object_type="ta_reviews.tareview", action="create").exists()


def test_face_to_face_is_logged_as_a_visit(officer, placement):
    review(officer, placement, method="face_to_face")
    assert Contact.objects.get().channel == "visit"


def test_the_officer_may_bring_the_next_review_forward(officer, placement):
    assert review(officer, placement, next_review_on=dt.date(2026, 3, 30)).next_review_on == (
        dt.date(2026, 3, 30)
    )


def test_a_next_review_past_the_clock_needs_a_reason(officer, placement):
    with pytest.raises(ValidationError) as exc:
        review(officer, placement, next_review_on=WEEK_16 + dt.timedelta(days=1))
    assert "later_reason" in exc.value.message_dict
    assert "27/04/2026" in exc.value.message_dict["later_reason"][0]
    done = review(
        officer,
        placement,
        next_review_on=WEEK_16 + dt.timedelta(days=7),
        later_reason="Family away visiting relatives in Bangladesh.",
    )
    assert done.later_reason.startswith("Family away")


def test_a_reason_is_dropped_when_the_date_is_not_later(officer, placement):
    assert review(officer, placement, later_reason="No need").later_reason == ""


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reviewed_on": dt.date(2026, 3, 3)}, "reviewed_on"),  # tomorrow
        ({"reviewed_on": PLACED - dt.timedelta(days=1)}, "reviewed_on"),
        ({"method": "carrier_pigeon"}, "method"),
        ({"issues": ["noise"]}, "issues"),
        ({"issues": ["other"]}, "issues_note"),
        ({"next_review_on": WEEK_8}, "next_review_on"),
        ({"advice_given": "x" * 2001}, "advice_given"),
        ({"later_reason": "x" * 501}, "later_reason"),
    ],
)
def test_bad_reviews_are_refused_naming_the_field(officer, placement, overrides, field):
    with pytest.raises(ValidationError) as exc:
        review(officer, placement, **overrides)
    assert field in exc.value.message_dict
    assert not TAReview.objects.exists()


def test_a_referral_to_an_agency_that_left_the_directory_is_refused(officer, placement):
    gone = AgencyFactory(name="Old Advice Centre", active=False)
    with pytest.raises(ValidationError) as exc:
        review(officer, placement, referral_agency=gone)
    assert "referral_agency" in exc.value.message_dict


def test_a_referral_to_an_agency(officer, placement):
    shelter = AgencyFactory(name="Walsall Housing Advice", kind="charity")
    done = review(officer, placement, referral_agency=shelter, referrals_made="Debt advice")
    assert done.referral_agency == shelter


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_only_officers_for_the_patch_record_reviews(request, who, placement):
    with pytest.raises(PermissionDenied):
        review(request.getfixturevalue(who), placement)


def test_a_team_leader_records_a_review_on_their_team_patch(team_leader, placement):
    assert review(team_leader, placement).pk


def test_only_a_placement_has_reviews(officer, home):
    secure = TenancyFactory(home=home)
    with pytest.raises(ValidationError):
        review(officer, secure)
