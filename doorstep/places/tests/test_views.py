import pytest
from django.urls import reverse

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.contacts.tests.factories import CallBackFactory, ContactFactory
from doorstep.core.models import AuditEvent
from doorstep.people.tests.factories import FlagFactory
from doorstep.places.models import Block, Estate, Home
from doorstep.places.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
)
from doorstep.tenancies.models import MemberRole
from doorstep.tenancies.tests.factories import TenancyMemberFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"


@pytest.fixture
def block(estate):
    return BlockFactory(estate=estate, name="Ash House")


def _home_data(estate, **overrides):
    data = {
        "uprn": "100071239999",
        "address_line_1": "7 Harden Road",
        "address_line_2": "",
        "town": "Walsall",
        "postcode": "ws2 7ab",
        "estate": str(estate.pk),
        "block": "",
        "patch": "",
        "tenure": "general_needs",
        "bedrooms": "2",
    }
    data.update(overrides)
    return data


# Not signed in: every page sends you to sign in.


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("places:home_list", None),
        ("places:home_create", None),
        ("places:home_detail", "home"),
        ("places:home_edit", "home"),
        ("places:estate_list", None),
        ("places:estate_create", None),
        ("places:estate_detail", "estate"),
        ("places:estate_edit", "estate"),
        ("places:block_create", "estate"),
        ("places:block_detail", "block"),
        ("places:block_edit", "block"),
    ],
)
def test_signed_out_users_are_sent_to_sign_in(client, request, name, needs):
    args = [request.getfixturevalue(needs).pk] if needs else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


# Home list


def test_home_list_finds_homes(client, officer, home, other_home):
    client.force_login(officer)
    response = client.get(reverse("places:home_list"), {"q": "ws27ab"})
    assert response.status_code == 200
    assert b"12 Beechdale Road" in response.content
    assert b"Bestwood Park Drive" not in response.content
    assert b"Add a home" in response.content


def test_home_list_is_readable_but_not_addable_for_the_dpo(client, dpo, home):
    client.force_login(dpo)
    response = client.get(reverse("places:home_list"))
    assert response.status_code == 200
    assert b"12 Beechdale Road" in response.content
    assert b"Add a home" not in response.content


def test_home_list_answers_htmx_with_the_results_only(client, officer, home):
    client.force_login(officer)
    response = client.get(reverse("places:home_list"), {"q": "beechdale"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"12 Beechdale Road" in response.content


def test_home_list_ignores_a_bad_filter_value(client, officer, home):
    client.force_login(officer)
    response = client.get(reverse("places:home_list"), {"estate": "not-a-number"})
    assert response.status_code == 200
    assert b"12 Beechdale Road" in response.content


def test_home_list_queries_do_not_grow_with_rows(
    client, officer, estate, django_assert_max_num_queries
):
    block = BlockFactory(estate=estate)
    for i in range(30):
        HomeFactory(estate=estate, block=block if i % 2 else None)
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("places:home_list"))
    assert response.content.count(b"Beechdale Road</a>") == 25  # one page


# Home page


def test_home_page_shows_household_history_contacts_and_call_backs(client, officer, home, person):
    tenancy = person.tenancies.get()
    member = TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER)
    FlagFactory(person=member.person, code="risk_to_staff")
    ContactFactory(home=home, person=person, summary="Reported a leaking gutter")
    CallBackFactory(home=home, person=person, reason="Wants a call about the gutter")
    client.force_login(officer)

    response = client.get(reverse("places:home_detail", args=[home.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("people:person_detail", args=["P000001"]) in content
    assert "P000001" in content
    assert "Two-officer visit only, never lone working" in content
    assert reverse("tenancies:tenancy_detail", args=[tenancy.reference]) in content
    assert "Reported a leaking gutter" in content
    assert "Wants a call about the gutter" in content
    assert "100071234567" in content
    assert "Jan Kennedy" in content  # the patch officer
    assert reverse("places:estate_detail", args=[home.estate_id]) in content


def test_home_page_offers_log_a_contact_in_the_modal(client, officer, home):
    client.force_login(officer)
    response = client.get(reverse("places:home_detail", args=[home.pk]))
    log_url = f"{reverse('contacts:contact_create')}?home={home.pk}"
    content = response.content.decode()
    assert f'href="{log_url}"' in content
    assert f'hx-get="{log_url}"' in content
    assert 'hx-target="#modal-body"' in content


def test_officer_sees_edit_links_on_their_patch(client, officer, home):
    client.force_login(officer)
    response = client.get(reverse("places:home_detail", args=[home.pk]))
    assert reverse("places:home_edit", args=[home.pk]).encode() in response.content
    assert reverse("tenancies:tenancy_create", args=[home.pk]).encode() in response.content


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_read_the_home_page_without_edit_links(client, request, home, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("places:home_detail", args=[home.pk]))
    assert response.status_code == 200
    assert b"12 Beechdale Road" in response.content
    assert reverse("places:home_edit", args=[home.pk]).encode() not in response.content
    assert reverse("tenancies:tenancy_create", args=[home.pk]).encode() not in response.content


def test_the_dpo_is_not_offered_log_a_contact_on_the_home_page(client, dpo, home):
    client.force_login(dpo)
    response = client.get(reverse("places:home_detail", args=[home.pk]))
    assert f"?home={home.pk}".encode() not in response.content


def test_home_page_404_for_an_unknown_home(client, officer):
    client.force_login(officer)
    assert client.get(reverse("places:home_detail", args=[999999])).status_code == 404


def test_home_page_queries_do_not_grow_with_rows(
    client, officer, home, person, django_assert_max_num_queries
):
    tenancy = person.tenancies.get()
    for _ in range(9):
        member = TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER)
        FlagFactory(person=member.person, code="shielding")
    for _ in range(30):
        ContactFactory(home=home, person=person)
        CallBackFactory(home=home, person=person)
    client.force_login(officer)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("places:home_detail", args=[home.pk]))
    assert response.content.count(b"Doorstep or phone contact only") == 9


# Adding and changing homes


def test_officer_adds_a_home_on_their_patch(client, officer, estate):
    client.force_login(officer)
    response = client.post(reverse("places:home_create"), _home_data(estate))
    home = Home.objects.get(uprn="100071239999")
    assert response.status_code == 302
    assert response["Location"] == reverse("places:home_detail", args=[home.pk])
    assert home.postcode == "WS2 7AB"
    assert home.patch_id == estate.patch_id
    assert AuditEvent.objects.filter(object_type="places.home", actor=officer).exists()


def test_officer_cannot_add_a_home_on_another_patch(client, officer, patch, other_estate):
    client.force_login(officer)
    response = client.post(reverse("places:home_create"), _home_data(other_estate))
    assert response.status_code == 200
    assert b"You can only add or move homes onto patches you look after." in response.content
    assert not Home.objects.filter(uprn="100071239999").exists()


def test_add_home_form_prefills_estate_and_block(client, officer, estate, block):
    client.force_login(officer)
    response = client.get(reverse("places:home_create"), {"estate": estate.pk, "block": block.pk})
    assert response.status_code == 200
    assert response.context["form"].initial == {"estate": str(estate.pk), "block": str(block.pk)}


def test_add_home_shows_field_errors(client, officer, home):
    client.force_login(officer)
    response = client.post(
        reverse("places:home_create"), _home_data(home.estate, uprn=home.uprn, postcode="XX")
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"A home with this UPRN already exists." in response.content
    assert b"Enter a real UK postcode, like NG5 1AB." in response.content


@pytest.mark.parametrize("who", ["dpo", "safeguarding_lead"])
def test_staff_without_a_patch_cannot_add_homes(client, request, estate, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("places:home_create")).status_code == 403
    response = client.post(reverse("places:home_create"), _home_data(estate))
    assert response.status_code == 403
    assert not Home.objects.filter(uprn="100071239999").exists()


@pytest.mark.parametrize("who", ["officer", "team_leader", "manager"])
def test_the_patch_team_can_change_a_home(client, request, home, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("places:home_edit", args=[home.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _home_data(home.estate, uprn=home.uprn, bedrooms="4"))
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.bedrooms == 4
    event = AuditEvent.objects.get(object_type="places.home", action="update")
    assert event.changes["bedrooms"] == [2, 4]


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_cannot_change_a_home(client, request, home, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("places:home_edit", args=[home.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, _home_data(home.estate, uprn=home.uprn, bedrooms="4"))
    assert response.status_code == 403
    home.refresh_from_db()
    assert home.bedrooms == 2


def test_officer_cannot_move_their_home_onto_another_patch(client, officer, home, other_estate):
    client.force_login(officer)
    response = client.post(
        reverse("places:home_edit", args=[home.pk]),
        _home_data(other_estate, uprn=home.uprn),
    )
    assert response.status_code == 200
    home.refresh_from_db()
    assert home.estate_id != other_estate.pk


# Estates


def test_estate_list_counts_homes(client, officer, estate, home):
    client.force_login(officer)
    response = client.get(reverse("places:estate_list"))
    assert response.status_code == 200
    assert b"Beechdale Estate" in response.content
    assert b"Add an estate or scheme" not in response.content


def test_estate_list_offers_adding_to_managers(client, manager, estate):
    client.force_login(manager)
    response = client.get(reverse("places:estate_list"))
    assert b"Add an estate or scheme" in response.content


def test_estate_list_queries_do_not_grow_with_rows(client, officer, django_assert_max_num_queries):
    for _ in range(30):
        HomeFactory(estate=EstateFactory())
    client.force_login(officer)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("places:estate_list"))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 25


def test_estate_page_shows_homes_officer_and_recent_activity(
    client, other_officer, estate, home, block
):
    ContactFactory(home=home, summary="Fly-tipping by the bin store")
    client.force_login(other_officer)
    response = client.get(reverse("places:estate_detail", args=[estate.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "12 Beechdale Road" in content
    assert "Jan Kennedy" in content
    assert "Fly-tipping by the bin store" in content
    assert reverse("places:block_detail", args=[block.pk]) in content
    assert reverse("places:estate_edit", args=[estate.pk]) not in content


def test_estate_page_offers_changes_to_the_team_leader(client, team_leader, estate):
    client.force_login(team_leader)
    response = client.get(reverse("places:estate_detail", args=[estate.pk]))
    assert reverse("places:estate_edit", args=[estate.pk]).encode() in response.content
    assert reverse("places:block_create", args=[estate.pk]).encode() in response.content


def test_estate_page_queries_do_not_grow_with_rows(
    client, officer, estate, django_assert_max_num_queries
):
    blocks = [BlockFactory(estate=estate) for _ in range(3)]
    for i in range(30):
        ContactFactory(home=HomeFactory(estate=estate, block=blocks[i % 3]))
    client.force_login(officer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("places:estate_detail", args=[estate.pk]))
    assert len(response.context["page_obj"]) == 25
    assert len(response.context["page"].recent_activity) == 20


def test_manager_adds_an_estate(client, manager, office, patch):
    client.force_login(manager)
    response = client.post(
        reverse("places:estate_create"),
        {
            "name": "Harden Estate",
            "kind": "estate",
            "office": office.pk,
            "patch": patch.pk,
            "inspection_frequency_days": "28",
        },
    )
    estate = Estate.objects.get(name="Harden Estate")
    assert response.status_code == 302
    assert response["Location"] == reverse("places:estate_detail", args=[estate.pk])
    assert AuditEvent.objects.filter(object_type="places.estate", action="create").exists()


def test_add_estate_shows_field_errors(client, team_leader, office, estate):
    client.force_login(team_leader)
    response = client.post(
        reverse("places:estate_create"),
        {"name": "Beechdale Estate", "kind": "estate", "office": office.pk},
    )
    assert response.status_code == 200
    assert b"An estate or scheme with this name already exists." in response.content
    assert b"Enter the number of days between inspections" in response.content


@pytest.mark.parametrize("who", ["officer", "other_officer", "dpo"])
def test_officers_and_the_dpo_cannot_add_estates(client, request, office, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("places:estate_create")).status_code == 403
    response = client.post(
        reverse("places:estate_create"),
        {"name": "Harden", "kind": "estate", "office": office.pk, "inspection_frequency_days": 28},
    )
    assert response.status_code == 403
    assert not Estate.objects.filter(name="Harden").exists()


def test_team_leader_changes_an_estate_of_their_office(client, team_leader, estate):
    client.force_login(team_leader)
    url = reverse("places:estate_edit", args=[estate.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Beechdale",
            "kind": "sheltered",
            "office": estate.office_id,
            "patch": estate.patch_id,
            "inspection_frequency_days": "14",
        },
    )
    assert response.status_code == 302
    estate.refresh_from_db()
    assert (estate.name, estate.kind, estate.inspection_frequency_days) == (
        "Beechdale",
        "sheltered",
        14,
    )


@pytest.mark.parametrize("who", ["officer", "dpo", "other_team_leader"])
def test_others_cannot_change_an_estate(client, request, estate, other_team, who):
    if who == "other_team_leader":
        user = UserFactory(team=other_team, roles=[Role.TEAM_LEADER])
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    url = reverse("places:estate_edit", args=[estate.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Renamed"}).status_code == 403
    estate.refresh_from_db()
    assert estate.name == "Beechdale Estate"


# Blocks


def test_block_page_is_readable_by_any_officer(client, other_officer, block):
    home = HomeFactory(estate=block.estate, block=block, address_line_1="Flat 1 Ash House")
    ContactFactory(home=home, summary="Lift out of order")
    client.force_login(other_officer)
    response = client.get(reverse("places:block_detail", args=[block.pk]))
    assert response.status_code == 200
    assert b"Flat 1 Ash House" in response.content
    assert b"Lift out of order" in response.content
    assert reverse("places:block_edit", args=[block.pk]).encode() not in response.content


def test_team_leader_adds_and_renames_a_block(client, team_leader, estate):
    client.force_login(team_leader)
    response = client.post(reverse("places:block_create", args=[estate.pk]), {"name": "Elm"})
    block = Block.objects.get(estate=estate, name="Elm")
    assert response["Location"] == reverse("places:block_detail", args=[block.pk])
    response = client.post(reverse("places:block_edit", args=[block.pk]), {"name": "Elm Court"})
    assert response.status_code == 302
    block.refresh_from_db()
    assert block.name == "Elm Court"


def test_add_block_shows_a_duplicate_name(client, manager, block):
    client.force_login(manager)
    response = client.post(
        reverse("places:block_create", args=[block.estate_id]), {"name": "ash house"}
    )
    assert response.status_code == 200
    assert b"already has a block with this name" in response.content


@pytest.mark.parametrize("who", ["officer", "other_officer", "dpo"])
def test_others_cannot_add_or_rename_blocks(client, request, estate, block, who):
    client.force_login(request.getfixturevalue(who))
    create = reverse("places:block_create", args=[estate.pk])
    edit = reverse("places:block_edit", args=[block.pk])
    assert client.get(create).status_code == 403
    assert client.post(create, {"name": "Elm"}).status_code == 403
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"name": "Elm"}).status_code == 403
    assert list(Block.objects.values_list("name", flat=True)) == ["Ash House"]


def test_team_leader_of_the_team_edits_homes_on_no_patch(client, team_leader, estate, team):
    # Loose homes with no patch are looked after by team leaders and managers.
    estate.patch = None
    estate.save()
    home = HomeFactory(estate=estate, patch=None)
    client.force_login(team_leader)
    assert client.get(reverse("places:home_edit", args=[home.pk])).status_code == 200
