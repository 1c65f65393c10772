"""The demo's welfare-call programme and temporary accommodation reviews."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from doorstep.accounts.models import User
from doorstep.contacts.models import CallBack, CallBackStatus
from doorstep.core.working_days import LONDON, end_of_day
from doorstep.demo import data
from doorstep.demo.builder.welfare import PROGRAMME_NAME
from doorstep.myday.selectors import my_day
from doorstep.ta_reviews.models import TAReview
from doorstep.welfare.models import WelfareCall, WelfareProgramme
from doorstep.welfare.selectors import calls_due

# A Wednesday in term time, not near a bank holiday (as the other demo tests).
NOW = dt.datetime(2026, 11, 25, 10, 30, tzinfo=LONDON)
TODAY = NOW.date()

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    with time_machine.travel(NOW, tick=False):
        call_command("load_demo", "--homes", "200", stdout=StringIO())
        yield


def test_the_programme_its_calls_and_the_escalation_and_the_reviews(demo):
    programme = WelfareProgramme.objects.get(name=PROGRAMME_NAME)
    assert programme.team.leader.full_name == "Sandra Hughes"
    calls = WelfareCall.objects.filter(programme=programme)
    assert calls.values("person").distinct().count() >= 10
    assert set(calls.values_list("outcome", flat=True)) == {
        "spoke_ok",
        "concern",
        "no_answer",
        "declined",
    }
    assert not calls.filter(called_at__gt=NOW).exists()
    assert calls.filter(contact__isnull=True).count() == 0
    # A run of no-answers was escalated to the team leader, due today.
    escalated = WelfareCall.objects.get(escalation__isnull=False)
    callback = escalated.escalation
    assert callback.for_officer.full_name == "Sandra Hughes"
    assert callback.status == CallBackStatus.OPEN
    assert callback.due_at == end_of_day(TODAY)
    assert CallBack.objects.filter(reason__contains="no answer twice").count() == 1
    # The demo officer has calls due today and overdue, on My day with the TA reviews.
    officer = User.objects.get(full_name=data.DEMO_OFFICER)
    due = calls_due(user=officer, today=TODAY)
    assert sum(1 for d in due if d.due_on == TODAY) >= 4
    assert sum(1 for d in due if d.overdue) >= 2
    kinds = [item.kind for item in my_day(user=officer, now=NOW).items]
    assert "welfare_call" in kinds
    assert "ta_review" in kinds
    # Placements have reviews, some overdue.
    reviews = TAReview.objects.all()
    assert reviews.count() >= 5
    assert reviews.filter(next_review_on__lt=TODAY).exists()
    assert not reviews.filter(reviewed_on__gt=TODAY).exists()
    assert {"telephone", "face_to_face"} <= set(reviews.values_list("method", flat=True))
