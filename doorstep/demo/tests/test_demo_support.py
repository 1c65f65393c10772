"""`load_demo` tenancy sustainment and meetings: every job status, paused work to re-offer, a
self-neglect meeting with its plan, and a homelessness strategy meeting about no one."""

from __future__ import annotations

import pytest
import time_machine

from doorstep.accounts.models import User
from doorstep.contacts.models import CallBack
from doorstep.demo.tests.test_load_demo import NOW, load
from doorstep.meetings.models import Meeting, MeetingKind
from doorstep.myday.selectors import my_day
from doorstep.sustainment.models import JobStatus, PartnerJob, SupportReferral

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    with time_machine.travel(NOW, tick=False):
        load()
        yield


def test_jobs_in_every_status_with_several_on_hold(demo):
    statuses = list(PartnerJob.objects.values_list("status", flat=True))
    assert set(statuses) == set(JobStatus.values)
    assert statuses.count(JobStatus.ON_HOLD) >= 3
    to_reoffer = PartnerJob.objects.get(status=JobStatus.TO_REOFFER)
    assert CallBack.objects.filter(pk=to_reoffer.reoffer_callback_id).exists()
    assert SupportReferral.objects.filter(jobs__isnull=True).exists()  # awaiting a partner


def test_the_meetings(demo):
    strategy = Meeting.objects.get(kind=MeetingKind.HOMELESSNESS_STRATEGY)
    assert strategy.person is None and strategy.case is None
    first, follow_up = Meeting.objects.filter(kind=MeetingKind.SELF_NEGLECT).order_by("starts_at")
    assert first.case.case_type == "self_neglect" and first.minutes_are_final
    assert follow_up.previous == first and follow_up.actions.count() == 3
    chair = User.objects.get(pk=first.chair_id)
    with time_machine.travel(NOW, tick=False):
        kinds = {item.kind for item in my_day(user=chair, now=NOW).items}
    assert {"meeting_action", "meeting_agency_action"} <= kinds
