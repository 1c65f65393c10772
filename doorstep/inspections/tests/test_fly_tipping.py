"""A fly-tipping case's inspection request, answered by an estate inspection: the whole story
from a resident's call to the action done, and the pages on the way."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from doorstep.cases import services as case_services
from doorstep.cases.models import CaseAction, CaseEvent, CaseType
from doorstep.contacts import services as contact_services
from doorstep.flytipping import services as fly_tipping_services
from doorstep.flytipping.models import FlyTipping
from doorstep.inspections import services
from doorstep.inspections.models import Inspection, Result
from doorstep.inspections.tests.conftest import answer_all
from doorstep.myday.selectors import my_day
from doorstep.places.tests.factories import BlockFactory

pytestmark = pytest.mark.django_db

P, F = Result.PASS, Result.FAIL
FLY_TIPPING = 4  # "No fly-tipping" in the default checklist


LONDON = ZoneInfo("Europe/London")
MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=LONDON)
WEDNESDAY = dt.datetime(2026, 3, 4, 10, 0, tzinfo=LONDON)  # the request's due day


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=True) as traveller:
        yield traveller


@pytest.fixture
def block(estate):
    return BlockFactory(estate=estate, name="Cedar Court")


@pytest.fixture
def reported(clock, officer, person, home, block, estate, estates_officer):
    """A resident rings about a sofa dumped at Cedar Court; the officer opens a fly-tipping
    case from the call, records where and what, and asks the estates team to inspect."""
    contact = contact_services.contact_log(
        actor=officer,
        channel="phone",
        direction="inbound",
        summary="Sofa and mattresses dumped by the bin store at Cedar Court.",
        person=person,
        home=home,
    )
    case = case_services.case_open_from_contact(
        actor=officer,
        contact=contact,
        case_type=CaseType.FLY_TIPPING,
        summary="Sofa and mattresses dumped at Cedar Court.",
        block=block,
        lead_officer=officer,
    )
    fly_tipping_services.fly_tipping_details_save(
        actor=officer,
        case=case,
        location_kind="block",
        estate=estate,
        block=block,
        where_exactly="Beside the bin store",
        waste=["furniture", "mattress"],
    )
    action = fly_tipping_services.fly_tipping_request_inspection(
        actor=officer, case=case, officer=estates_officer
    )
    return case, action


def _items(user):
    return [
        item for item in my_day(user=user, now=timezone.now()).items if item.kind == "case_action"
    ]


def test_the_whole_story_from_a_residents_call_to_the_action_done(
    reported, estates_officer, officer, block, client, clock
):
    case, action = reported
    assert _items(estates_officer) == []  # due Wednesday: on My day from Tuesday
    clock.move_to(WEDNESDAY)
    # The estates officer's My day offers to start the inspection, not just "Mark as done".
    (item,) = _items(estates_officer)
    start_url = reverse("inspections:fly_tipping_start", args=[case.reference])
    assert (item.action_label, item.action_url) == ("Start the inspection", start_url)
    assert case.reference in item.title

    # One tap starts an inspection of the block, and the case records it.
    client.force_login(estates_officer)
    response = client.post(start_url)
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response.url == inspection.get_absolute_url()
    assert (inspection.estate, inspection.block) == (block.estate, block)
    assert FlyTipping.objects.get(case=case).inspection == inspection
    (item,) = _items(estates_officer)
    assert item.action_label == "Carry on with the inspection"

    # A second tap carries on with the same inspection.
    assert client.post(start_url).url == inspection.get_absolute_url()
    assert Inspection.objects.count() == 1

    # Completed with "No fly-tipping" failed.
    results = [P] * 9
    results[FLY_TIPPING] = F
    answers = answer_all(
        inspection, estates_officer, results, notes={FLY_TIPPING: "Sofa still by the bin store."}
    )
    services.inspection_complete(actor=estates_officer, inspection=inspection)

    # The case shows the inspection, the failed item is on the case, the action is done.
    details = FlyTipping.objects.get(case=case)
    assert details.inspected_on == timezone.localdate()
    assert details.inspection == inspection
    action.refresh_from_db()
    assert action.done_at is not None
    answers[FLY_TIPPING].refresh_from_db()
    assert answers[FLY_TIPPING].case == case
    assert CaseEvent.objects.filter(
        case=case, text__startswith="Inspected by the estates team on"
    ).exists()
    assert _items(estates_officer) == []
    client.force_login(officer)
    page = client.get(case.get_absolute_url()).content.decode()
    assert inspection.get_absolute_url() in page
    assert "Estate inspection of Cedar Court, Beechdale Estate" in page
    assert f"score {inspection.score_text}" in page
    assert "Raised from an estate inspection" in page  # the failed item's panel
    # Nothing left to raise: the item is on the case already.
    inspection_page = client.get(inspection.get_absolute_url()).content.decode()
    assert (
        reverse("inspections:answer_raise_case", args=[inspection.pk, answers[FLY_TIPPING].pk])
        not in inspection_page
    )


def test_the_case_page_offers_to_start_the_inspection_to_who_can_inspect(
    reported, client, estates_officer, dpo
):
    case, _ = reported
    start_url = reverse("inspections:fly_tipping_start", args=[case.reference])
    client.force_login(estates_officer)
    assert start_url in client.get(case.get_absolute_url()).content.decode()
    client.force_login(dpo)  # reads every case, changes none
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200 and start_url not in page.content.decode()


def test_someone_who_cannot_inspect_there_is_refused(reported, client, other_estates_officer, dpo):
    case, _ = reported
    start_url = reverse("inspections:fly_tipping_start", args=[case.reference])
    with pytest.raises(PermissionDenied):
        services.inspection_start_for_fly_tipping(actor=dpo, case=case)
    client.force_login(other_estates_officer)
    assert client.post(start_url).status_code in (403, 404)
    assert not Inspection.objects.exists()


def test_a_case_that_is_not_fly_tipping_is_not_found(client, officer, estates_officer, home):
    case = case_services.case_open(
        actor=officer, case_type=CaseType.ASB, summary="Noise at night.", home=home
    )
    client.force_login(estates_officer)
    url = reverse("inspections:fly_tipping_start", args=[case.reference])
    assert client.post(url).status_code == 404


def test_the_inspection_cannot_start_without_a_request(reported, estates_officer):
    case, action = reported
    case_services.case_action_done(actor=estates_officer, case=case, action=action)
    with pytest.raises(ValidationError, match=r"No inspection is asked for on this case\."):
        services.inspection_start_for_fly_tipping(actor=estates_officer, case=case)


def test_a_start_continues_an_inspection_already_in_progress_there(
    reported, estates_officer, block
):
    case, _ = reported
    ongoing = services.inspection_start(actor=estates_officer, estate=block.estate, block=block)
    assert services.inspection_start_for_fly_tipping(actor=estates_officer, case=case) == ongoing
    assert FlyTipping.objects.get(case=case).inspection == ongoing


def test_an_inspection_not_started_for_the_request_leaves_it_open(
    reported, estates_officer, estate
):
    case, action = reported
    inspection = services.inspection_start(actor=estates_officer, estate=estate)
    answer_all(inspection, estates_officer, [P] * 9)
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    action.refresh_from_db()
    assert action.done_at is None
    assert FlyTipping.objects.get(case=case).inspected_on is None


def test_my_day_asks_one_query_more_however_many_requests(
    reported, estates_officer, django_assert_max_num_queries, clock
):
    case, _ = reported
    clock.move_to(WEDNESDAY)
    with django_assert_max_num_queries(40) as captured:
        my_day(user=estates_officer, now=timezone.now())
    first = len(captured.captured_queries)
    for _ in range(3):
        other = case_services.case_open(
            actor=estates_officer,
            case_type=CaseType.FLY_TIPPING,
            summary="More dumped.",
            estate=case.block.estate,
        )
        fly_tipping_services.fly_tipping_details_save(
            actor=estates_officer,
            case=other,
            location_kind="estate",
            estate=case.block.estate,
            where_exactly="Car park",
            waste=["black_bags"],
        )
        fly_tipping_services.fly_tipping_request_inspection(
            actor=estates_officer, case=other, officer=estates_officer, requested_on=None
        )
        CaseAction.objects.filter(case=other).update(due_on=timezone.localdate())
    with django_assert_max_num_queries(first):
        items = my_day(user=estates_officer, now=timezone.now()).items
    assert sum(1 for item in items if item.action_label == "Start the inspection") == 4
