import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from doorstep.core.working_days import LONDON
from doorstep.myday.registry import providers
from doorstep.safeguarding import services
from doorstep.safeguarding.myday import referrals_due
from doorstep.safeguarding.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db

FRIDAY_LATE = dt.datetime(2026, 3, 13, 23, 30, tzinfo=LONDON)
SATURDAY_MORNING = dt.datetime(2026, 3, 14, 8, 0, tzinfo=LONDON)


def test_the_provider_is_registered():
    assert providers()["safeguarding_referrals"] is referrals_due


def test_the_maker_sees_it_due_tonight_then_overdue_until_sent(colleague, referral):
    referral.concern_recorded_at = FRIDAY_LATE
    referral.due_at = dt.datetime(2026, 3, 13, 23, 59, 59, tzinfo=LONDON)
    referral.save()
    [item] = referrals_due(user=colleague, today=FRIDAY_LATE.date(), now=FRIDAY_LATE)
    assert item.kind_label == "Safeguarding referral"
    assert referral.reference in item.title
    assert "Walsall Adult Social Care" in item.title
    assert not item.overdue
    assert item.due_at == referral.due_at
    assert item.url == reverse("safeguarding:referral_detail", args=[referral.reference])
    assert item.action_label == "Mark as sent"
    [item] = referrals_due(user=colleague, today=SATURDAY_MORNING.date(), now=SATURDAY_MORNING)
    assert item.overdue
    with time_machine.travel(SATURDAY_MORNING, tick=False):
        services.referral_mark_sent(actor=colleague, referral=referral)
    assert referrals_due(user=colleague, today=SATURDAY_MORNING.date(), now=SATURDAY_MORNING) == []


def test_nobody_else_gets_the_item(officer, safeguarding_lead, referral):
    now = dt.datetime.now(tz=LONDON)
    assert referrals_due(user=officer, today=now.date(), now=now) == []
    assert referrals_due(user=safeguarding_lead, today=now.date(), now=now) == []


def test_one_query_however_many(colleague, adult_care, django_assert_num_queries):
    ReferralFactory.create_batch(15, made_by=colleague, agency=adult_care)
    now = dt.datetime.now(tz=LONDON)
    with django_assert_num_queries(1):
        items = referrals_due(user=colleague, today=now.date(), now=now)
    assert len(items) == 15


def test_my_day_page_shows_it_with_a_mark_as_sent_button(client, colleague, referral):
    client.force_login(colleague)
    html = client.get(reverse("myday:my_day")).content.decode()
    assert f"Send safeguarding referral {referral.reference}" in html
    assert reverse("safeguarding:referral_mark_sent", args=[referral.reference]) in html
    response = client.post(
        reverse("safeguarding:referral_mark_sent", args=[referral.reference])
        + f"?next={reverse('myday:my_day')}"
    )
    assert response.status_code == 302
    assert response.url == reverse("myday:my_day")
    html = client.get(reverse("myday:my_day")).content.decode()
    assert f"Send safeguarding referral {referral.reference}" not in html
