import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from doorstep.contacts.services import callback_complete
from doorstep.core.working_days import LONDON
from doorstep.myday.selectors import my_day
from doorstep.people.tests.factories import FlagFactory
from doorstep.sustainment import services
from doorstep.sustainment.models import JobStatus
from doorstep.sustainment.tests.factories import PartnerJobFactory

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 5, 13, 12, 0, tzinfo=LONDON)  # a Wednesday


def _kinds(user, now=NOON):
    return [(item.kind, item.title) for item in my_day(user=user, now=now).items]


def test_todays_jobs_are_on_the_officers_my_day_with_arrangements(
    sustainment_officer, referral, gardeners, person
):
    FlagFactory(person=person, code="shielding")
    PartnerJobFactory(referral=referral, agency=gardeners, date=NOON.date())
    PartnerJobFactory(referral=referral, agency=gardeners, date=NOON.date() + dt.timedelta(days=1))
    PartnerJobFactory(
        referral=referral, agency=gardeners, date=NOON.date(), status=JobStatus.ON_HOLD
    )
    items = [i for i in my_day(user=sustainment_officer, now=NOON).items if i.kind == "partner_job"]
    assert len(items) == 1
    assert items[0].title.startswith("Garden work with Green Fingers Garden Project, 10:00")
    assert [a.code for a in items[0].arrangements] == ["shielding"]


def test_reoffer_call_backs_then_booking_the_slot(sustainment_officer, job):
    with time_machine.travel(NOON, tick=False):
        job.status = JobStatus.ON_HOLD
        job.save()
        services.jobs_reoffer(actor=sustainment_officer, jobs=[job])
        kinds = _kinds(sustainment_officer)
        assert ("callback", "Ring back Edna Thompson") in kinds
        assert not [k for k, _ in kinds if k == "partner_job_rebook"]
        job.refresh_from_db()
        callback_complete(
            actor=sustainment_officer, callback=job.reoffer_callback, outcome="Agreed Friday 10am"
        )
        items = [
            i
            for i in my_day(user=sustainment_officer, now=NOON).items
            if i.kind == "partner_job_rebook"
        ]
        assert len(items) == 1 and "Agreed Friday 10am" in items[0].detail


def test_my_day_queries_do_not_grow_with_jobs(sustainment_officer, referral, gardeners):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            my_day(user=sustainment_officer, now=timezone.now())
        return len(queries)

    PartnerJobFactory(referral=referral, agency=gardeners, date=timezone.localdate())
    count()  # roles and patches are cached on the user after the first call
    one = count()
    for _ in range(10):
        PartnerJobFactory(referral=referral, agency=gardeners, date=timezone.localdate())
    assert count() == one
