import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from doorstep.contacts.tests.factories import ContactFactory
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import BlockFactory, HomeFactory
from doorstep.repairs.models import Repair
from doorstep.repairs.tests.conftest import CAST
from doorstep.repairs.tests.factories import ContractorFactory, RepairFactory

pytestmark = pytest.mark.django_db


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


# --- list ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
def test_everyone_reads_the_repair_list(client, request, home, who):
    RepairFactory(home=home, description="Leaking kitchen tap")
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("repairs:repair_list"))
    assert response.status_code == 200
    assert b"Leaking kitchen tap" in response.content


def test_the_list_needs_sign_in(client):
    response = client.get(reverse("repairs:repair_list"))
    assert response.status_code == 302


def test_the_list_filters_by_status_priority_estate_contractor_and_overdue(
    client, officer, home, other_home, contractor
):
    now = timezone.now()
    RepairFactory(home=home, description="Overdue tap", reported_at=now - dt.timedelta(days=60))
    RepairFactory(home=home, description="Ordered boiler", contractor=contractor, status="ordered")
    RepairFactory(home=other_home, description="Nottingham fence", priority="planned")
    RepairFactory(
        home=home,
        description="Done gutter",
        status="completed",
        completed_at=now,
        within_target=True,
    )
    client.force_login(officer)

    def shown(**params):
        content = client.get(reverse("repairs:repair_list"), params).content.decode()
        return {
            d
            for d in ("Overdue tap", "Ordered boiler", "Nottingham fence", "Done gutter")
            if d in content
        }

    assert shown() == {"Overdue tap", "Ordered boiler", "Nottingham fence"}  # open by default
    assert shown(status="") == {"Overdue tap", "Ordered boiler", "Nottingham fence", "Done gutter"}
    assert shown(status="completed") == {"Done gutter"}
    assert shown(status="open", priority="planned") == {"Nottingham fence"}
    assert shown(status="open", estate=home.estate_id) == {"Overdue tap", "Ordered boiler"}
    assert shown(status="open", contractor=contractor.pk) == {"Ordered boiler"}
    assert shown(status="open", overdue="on") == {"Overdue tap"}


def test_the_list_is_paginated_and_its_queries_do_not_grow(
    client, officer, estate, contractor, django_assert_max_num_queries
):
    block = BlockFactory(estate=estate)
    for i in range(40):
        if i % 3 == 0:
            RepairFactory(home=None, block=block, contractor=contractor)
        elif i % 3 == 1:
            RepairFactory(home=None, estate=estate, owner=officer)
        else:
            RepairFactory(home=HomeFactory(estate=estate), contractor=contractor)
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("repairs:repair_list"))
    assert response.content.count(b'href="/repairs/REP-') == 25
    assert (
        client.get(reverse("repairs:repair_list"), {"page": 2}).content.count(
            b'href="/repairs/REP-'
        )
        == 15
    )


def test_the_list_answers_htmx_with_the_table(client, officer, home):
    RepairFactory(home=home)
    client.force_login(officer)
    response = client.get(reverse("repairs:repair_list"), headers={"HX-Request": "true"})
    assert b"<table" in response.content and b"<html" not in response.content


# --- overdue list ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("team_leader", 200),
        ("manager", 200),
        ("estates_officer", 200),
        ("officer", 403),
        ("dpo", 403),
        ("safeguarding_lead", 403),
    ],
)
def test_the_overdue_list_is_for_leaders_managers_and_estates_officers(
    client, request, who, status
):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("repairs:overdue_list")).status_code == status


def test_the_overdue_list_shows_open_repairs_past_target_by_office(
    client, manager, home, other_home, office
):
    old = timezone.now() - dt.timedelta(days=90)
    RepairFactory(home=home, description="Walsall late", reported_at=old)
    RepairFactory(home=other_home, description="Nottingham late", reported_at=old)
    RepairFactory(home=home, description="Walsall on time")
    RepairFactory(
        home=home,
        description="Walsall done late",
        reported_at=old,
        status="completed",
        completed_at=timezone.now(),
        within_target=False,
    )
    client.force_login(manager)
    content = client.get(reverse("repairs:overdue_list")).content.decode()
    assert "Walsall late" in content and "Nottingham late" in content
    assert "Walsall on time" not in content and "Walsall done late" not in content
    content = client.get(reverse("repairs:overdue_list"), {"office": office.pk}).content.decode()
    assert "Walsall late" in content and "Nottingham late" not in content


def test_the_overdue_list_queries_do_not_grow(
    client, manager, estate, django_assert_max_num_queries
):
    old = timezone.now() - dt.timedelta(days=90)
    for _ in range(30):
        RepairFactory(
            home=HomeFactory(estate=estate), reported_at=old, contractor=ContractorFactory()
        )
    client.force_login(manager)
    with django_assert_max_num_queries(13):
        response = client.get(reverse("repairs:overdue_list"))
    assert response.content.count(b"Overdue</strong>") == 25


# --- raising ---------------------------------------------------------------------------------


def test_the_home_page_offers_raise_a_repair_and_lists_open_repairs(client, officer, home):
    RepairFactory(home=home, description="Cracked bathroom window")
    RepairFactory(
        home=home,
        description="Fixed already",
        status="completed",
        completed_at=timezone.now(),
        within_target=True,
    )
    client.force_login(officer)
    content = client.get(reverse("places:home_detail", args=[home.pk])).content.decode()
    assert f"{reverse('repairs:repair_create')}?home={home.pk}" in content
    assert "Cracked bathroom window" in content
    assert "Fixed already" not in content


def test_the_home_page_panel_uses_a_fixed_number_of_queries(
    client, officer, home, contractor, django_assert_max_num_queries
):
    for _ in range(20):
        RepairFactory(home=home, contractor=contractor, owner=officer)
    client.force_login(officer)
    with django_assert_max_num_queries(21):
        response = client.get(reverse("places:home_detail", args=[home.pk]))
    assert response.content.count(b'href="/repairs/REP-') == 20


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_do_not_see_raise_a_repair_on_the_home_page(client, request, home, who):
    client.force_login(request.getfixturevalue(who))
    content = client.get(reverse("places:home_detail", args=[home.pk])).content.decode()
    assert reverse("repairs:repair_create") not in content


def test_raising_from_the_home_page(client, officer, home):
    client.force_login(officer)
    url = f"{reverse('repairs:repair_create')}?home={home.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "priority": "urgent",
            "description": "Boiler not working, no hot water",
            "reported_at": _local(timezone.now()),
        },
    )
    repair = Repair.objects.get()
    assert response.status_code == 302 and response["Location"] == repair.get_absolute_url()
    assert repair.home == home and repair.owner == officer and repair.priority == "urgent"


@pytest.mark.parametrize("who", ["other_officer", "dpo", "safeguarding_lead"])
def test_others_cannot_raise_a_repair_to_the_home(client, request, home, who):
    client.force_login(request.getfixturevalue(who))
    url = f"{reverse('repairs:repair_create')}?home={home.pk}"
    assert client.get(url).status_code == 403
    assert client.post(url, {"priority": "urgent", "description": "x"}).status_code == 403
    assert not Repair.objects.exists()


def test_raising_a_communal_repair_from_a_block_page(client, estates_officer, estate):
    block = BlockFactory(estate=estate, name="Ryecroft House")
    client.force_login(estates_officer)
    page = client.get(reverse("places:block_detail", args=[block.pk])).content.decode()
    url = f"{reverse('repairs:repair_create')}?block={block.pk}"
    assert url in page
    client.post(
        url,
        {
            "priority": "emergency",
            "description": "Lift stuck between floors",
            "reported_at": _local(timezone.now()),
        },
    )
    repair = Repair.objects.get()
    assert repair.block == block and repair.home is None and repair.is_communal


def test_the_estate_page_lists_communal_repairs(client, officer, estate):
    block = BlockFactory(estate=estate)
    RepairFactory(home=None, estate=estate, description="Bin store door broken")
    RepairFactory(home=None, block=block, description="Stairwell light out")
    client.force_login(officer)
    content = client.get(reverse("places:estate_detail", args=[estate.pk])).content.decode()
    assert "Bin store door broken" in content and "Stairwell light out" in content
    assert f"{reverse('repairs:repair_create')}?estate={estate.pk}" in content


def test_raising_from_a_contact_on_the_person_page(client, officer, person, home):
    contact = ContactFactory(person=person, home=None, summary="Rang about damp under the sink")
    client.force_login(officer)
    page = client.get(reverse("people:person_detail", args=[person.reference])).content.decode()
    url = f"{reverse('repairs:repair_create')}?contact={contact.pk}"
    assert url in page
    form = client.get(url)
    assert b"Rang about damp under the sink" in form.content  # the description is prefilled
    assert b"12 Beechdale Road" in form.content  # the person's current home
    client.post(
        url,
        {
            "priority": "routine",
            "description": "Leak under the kitchen sink",
            "reported_at": _local(contact.happened_at),
        },
    )
    repair = Repair.objects.get()
    assert repair.source_contact == contact and repair.home == home


def test_raising_from_a_contact_about_no_home_asks_for_the_uprn(client, officer, home):
    # A contact about someone not housed with us: no place, so the form asks for a UPRN.
    loose = ContactFactory(person=PersonFactory(), home=None)
    client.force_login(officer)
    url = f"{reverse('repairs:repair_create')}?contact={loose.pk}"
    response = client.post(
        url,
        {
            "priority": "routine",
            "description": "Loose slab",
            "reported_at": _local(timezone.now()),
            "uprn": "999",
        },
    )
    assert "No home has the UPRN 999." in response.content.decode()
    response = client.post(
        url,
        {
            "priority": "routine",
            "description": "Loose slab",
            "reported_at": _local(timezone.now()),
            "uprn": home.uprn,
        },
    )
    assert Repair.objects.get().home == home


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"description": "Tap"}, "priority", "Select the priority of the repair."),
        ({"priority": "urgent"}, "description", "Describe what needs repairing."),
        (
            {"priority": "urgent", "description": "Tap", "reported_at": "yesterday"},
            "reported_at",
            "Enter when the repair was reported as a date and time",
        ),
        (
            {"priority": "urgent", "description": "Tap", "reported_at": "2999-01-01T10:00"},
            "reported_at",
            "The time reported must be now or in the past.",
        ),
        ({"priority": "sometime", "description": "Tap"}, "priority", "Select a valid choice"),
    ],
)
def test_bad_input_on_the_raise_form_names_the_field(client, officer, home, data, field, message):
    client.force_login(officer)
    data.setdefault("reported_at", _local(timezone.now()))
    response = client.post(f"{reverse('repairs:repair_create')}?home={home.pk}", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not Repair.objects.exists()


def test_an_unknown_place_is_a_404(client, officer):
    client.force_login(officer)
    assert client.get(f"{reverse('repairs:repair_create')}?home=999999").status_code == 404


# --- the repair page -------------------------------------------------------------------------


@pytest.mark.parametrize("who", CAST)
def test_everyone_reads_a_repair(client, request, home, who):
    repair = RepairFactory(home=home, description="Fence panel down")
    client.force_login(request.getfixturevalue(who))
    response = client.get(repair.get_absolute_url())
    assert response.status_code == 200 and b"Fence panel down" in response.content


def test_an_unknown_repair_is_a_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("repairs:repair_detail", args=["REP-2026-999999"])).status_code == 404


def test_the_officer_orders_and_completes_a_repair(client, officer, home, contractor):
    repair = RepairFactory(
        home=home, priority="emergency", reported_at=timezone.now() - dt.timedelta(hours=2)
    )
    client.force_login(officer)
    page = client.get(repair.get_absolute_url()).content.decode()
    assert reverse("repairs:repair_status", args=[repair.reference]) in page
    response = client.post(
        reverse("repairs:repair_status", args=[repair.reference]),
        {"status": "ordered", "contractor": contractor.pk},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("repairs:repair_complete", args=[repair.reference]),
        {"completed_at": _local(timezone.now())},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204 and response["HX-Trigger"] == "ds-modal-close"
    repair.refresh_from_db()
    assert repair.status == "completed" and repair.within_target is True
    assert b"Within target" in client.get(repair.get_absolute_url()).content


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_cannot_change_or_complete_a_repair(client, request, home, who):
    repair = RepairFactory(home=home)
    client.force_login(request.getfixturevalue(who))
    assert (
        reverse("repairs:repair_status", args=[repair.reference]).encode()
        not in client.get(repair.get_absolute_url()).content
    )
    assert client.get(reverse("repairs:repair_status", args=[repair.reference])).status_code == 403
    assert (
        client.post(
            reverse("repairs:repair_complete", args=[repair.reference]),
            {"completed_at": _local(timezone.now())},
        ).status_code
        == 403
    )


def test_bad_status_and_completion_input_names_the_field(client, officer, home):
    repair = RepairFactory(home=home, reported_at=timezone.now() - dt.timedelta(hours=5))
    client.force_login(officer)
    response = client.post(
        reverse("repairs:repair_status", args=[repair.reference]), {"status": "ordered"}
    )
    assert "Select the contractor the repair is ordered with." in response.content.decode()
    response = client.post(
        reverse("repairs:repair_status", args=[repair.reference]), {"status": "cancelled"}
    )
    assert "Enter why the repair is cancelled." in response.content.decode()
    response = client.post(
        reverse("repairs:repair_complete", args=[repair.reference]),
        {"completed_at": _local(timezone.now() - dt.timedelta(days=1))},
    )
    assert "after the repair was reported" in response.content.decode()
    response = client.post(reverse("repairs:repair_complete", args=[repair.reference]), {})
    assert "Enter when the repair was completed." in response.content.decode()
    repair.refresh_from_db()
    assert repair.status == "reported"


def test_a_closed_repair_has_no_forms(client, officer, home):
    repair = RepairFactory(home=home, status="cancelled", cancel_reason="Duplicate")
    client.force_login(officer)
    assert (
        client.get(reverse("repairs:repair_complete", args=[repair.reference])).status_code == 404
    )


# --- contractors -----------------------------------------------------------------------------


def test_managers_add_and_change_contractors(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("repairs:contractor_create"),
        {"name": "Aston Electrical", "trade": "electrical", "phone": "0121 496 0000"},
    )
    assert response.status_code == 302
    listing = client.get(reverse("repairs:contractor_list")).content.decode()
    assert "Aston Electrical" in listing and "+441214960000" in listing
    from doorstep.repairs.models import Contractor

    contractor = Contractor.objects.get()
    client.post(
        reverse("repairs:contractor_edit", args=[contractor.pk]),
        {"name": "Aston Electrical Ltd", "trade": "electrical"},
    )
    contractor.refresh_from_db()
    assert contractor.name == "Aston Electrical Ltd" and contractor.active is False


@pytest.mark.parametrize("who", ["officer", "team_leader", "estates_officer", "dpo"])
def test_only_managers_change_contractors(client, request, contractor, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("repairs:contractor_list")).status_code == 200
    assert client.get(reverse("repairs:contractor_create")).status_code == 403
    assert client.get(reverse("repairs:contractor_edit", args=[contractor.pk])).status_code == 403


def test_bad_contractor_input_names_the_field(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("repairs:contractor_create"), {"name": "", "trade": "", "phone": "12"}
    )
    errors = response.context["form"].errors
    assert set(errors) == {"name", "trade", "phone"}
    assert "Enter the contractor&#x27;s name." in response.content.decode()


def test_the_contractor_list_queries_do_not_grow(client, officer, django_assert_max_num_queries):
    for _ in range(30):
        ContractorFactory()
    client.force_login(officer)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("repairs:contractor_list"))
    assert response.content.count(b"Midland Building Services") == 25
