import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from doorstep.complaints.myday import complaint_clocks_due
from doorstep.complaints.tests.factories import complaint_stage
from doorstep.core.working_days import LONDON
from doorstep.myday.selectors import my_day

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2027, 1, 18)  # Mon 18 Jan 2027
NOW = dt.datetime(2027, 1, 18, 9, 30, tzinfo=LONDON)


def _items(user):
    return complaint_clocks_due(user=user, today=TODAY, now=NOW)


def test_acknowledgements_and_responses_due_today_or_overdue_for_the_lead_officer(officer):
    # Acknowledge by Mon 11 Jan 2027 (after Mon 4: 5, 6, 7, 8, 11): overdue by 5 working days.
    late_ack = complaint_stage(received_on=D(2027, 1, 4), lead_officer=officer)
    # Acknowledged Mon 4 Jan: respond by Mon 18 Jan, today.
    respond_today = complaint_stage(
        received_on=D(2026, 12, 23), acknowledged_on=D(2027, 1, 4), lead_officer=officer
    )
    # Acknowledge by Tue 19 Jan: tomorrow, so not yet on My day.
    complaint_stage(received_on=D(2027, 1, 12), lead_officer=officer)
    # Responded: done.
    complaint_stage(
        received_on=D(2027, 1, 4),
        acknowledged_on=D(2027, 1, 5),
        responded_on=D(2027, 1, 8),
        lead_officer=officer,
    )
    items = _items(officer)
    assert [(i.title, i.overdue) for i in items] == [
        (f"Acknowledge stage 1 complaint {late_ack.case.reference}", True),
        (f"Respond to stage 1 complaint {respond_today.case.reference}", False),
    ]
    assert items[0].detail == (
        "Acknowledgement overdue by 5 working days (was due by Mon 11 Jan 2027)"
    )
    assert items[1].detail == "Respond by Mon 18 Jan 2027 — due today"
    assert items[0].url == reverse("complaints:acknowledge", args=[late_ack.case.reference, 1])
    assert items[1].due_at.date() == TODAY


def test_other_officers_complaints_and_closed_cases_are_not_on_my_day(officer, other_officer):
    complaint_stage(received_on=D(2027, 1, 4), lead_officer=other_officer)
    closed = complaint_stage(received_on=D(2027, 1, 4), lead_officer=officer)
    closed.case.status = "closed"
    closed.case.closed_on = D(2027, 1, 15)
    closed.case.save()
    assert _items(officer) == []


def test_my_day_shows_complaint_clocks_with_a_fixed_number_of_queries(
    officer, django_assert_max_num_queries
):
    for day in range(1, 20):
        complaint_stage(received_on=D(2026, 12, day), lead_officer=officer)
    with django_assert_max_num_queries(1):
        items = _items(officer)
    assert len(items) == 19


def test_my_day_page_lists_a_complaint_due(client, officer):
    stage = complaint_stage(received_on=D(2027, 1, 4), lead_officer=officer)
    with time_machine.travel(NOW, tick=False):
        client.force_login(officer)
        day = my_day(user=officer, now=NOW)
        html = client.get(reverse("myday:my_day")).content.decode()
    assert any(item.kind == "complaint_acknowledge" for item in day.items)
    assert f"Acknowledge stage 1 complaint {stage.case.reference}" in html
