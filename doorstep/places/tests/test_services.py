import pytest
from django.core.exceptions import ValidationError

from doorstep.core.models import AuditEvent
from doorstep.places import services
from doorstep.places.models import Home, Tenure
from doorstep.places.tests.factories import (
    BlockFactory,
    EstateFactory,
    HomeFactory,
    PatchFactory,
)

pytestmark = pytest.mark.django_db


def _home_fields(estate, **overrides):
    fields = {
        "uprn": " 100071230001 ",
        "address_line_1": "4 Harden Road",
        "address_line_2": "",
        "town": "Walsall",
        "postcode": "ws27ab",
        "estate": estate,
        "block": None,
        "patch": None,
        "tenure": Tenure.GENERAL_NEEDS,
        "bedrooms": 3,
    }
    fields.update(overrides)
    return fields


def _last_event(instance):
    return AuditEvent.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).first()


def test_home_create_normalises_and_follows_the_estate_patch(officer, estate):
    home = services.home_create(actor=officer, **_home_fields(estate))

    home.refresh_from_db()
    assert home.uprn == "100071230001"
    assert home.postcode == "WS2 7AB"
    assert home.patch_id == estate.patch_id
    assert "ws2 7ab" in home.search_text
    assert "ws27ab" in home.search_text
    assert "100071230001" in home.search_text
    event = _last_event(home)
    assert event.action == "create"
    assert event.actor == officer
    assert event.object_label == "100071230001"
    assert event.changes["postcode"] == [None, "WS2 7AB"]
    assert event.changes["patch_id"] == [None, estate.patch_id]


def test_home_create_keeps_a_given_patch_for_a_loose_home(officer, estate, team):
    own_patch = PatchFactory(team=team, officer=officer)
    home = services.home_create(actor=officer, **_home_fields(estate, patch=own_patch))
    assert home.patch == own_patch


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("uprn", "12AB", "Enter a UPRN of 1 to 12 digits."),
        ("uprn", "1234567890123", "Enter a UPRN of 1 to 12 digits."),
        ("postcode", "WS2", "Enter a real UK postcode, like NG5 1AB."),
        ("address_line_1", "  ", "Enter the first line of the address."),
        ("bedrooms", 16, "Enter a number of bedrooms from 0 to 15."),
        ("tenure", "council", "Choose a tenure."),
    ],
)
def test_home_create_refuses_bad_input(officer, estate, field, value, message):
    with pytest.raises(ValidationError) as exc:
        services.home_create(actor=officer, **_home_fields(estate, **{field: value}))
    assert exc.value.message_dict[field] == [message]
    assert not Home.objects.exists()
    assert not AuditEvent.objects.exists()


def test_home_create_refuses_a_duplicate_uprn(officer, home):
    with pytest.raises(ValidationError) as exc:
        services.home_create(actor=officer, **_home_fields(home.estate, uprn=home.uprn))
    assert exc.value.message_dict["uprn"] == ["A home with this UPRN already exists."]


def test_home_create_refuses_a_block_of_another_estate(officer, estate, other_estate):
    block = BlockFactory(estate=other_estate)
    with pytest.raises(ValidationError) as exc:
        services.home_create(actor=officer, **_home_fields(estate, block=block))
    assert "block" in exc.value.message_dict


def test_home_create_refuses_unknown_fields(officer, estate):
    with pytest.raises(TypeError):
        services.home_create(actor=officer, colour="red", **_home_fields(estate))


def test_home_update_records_before_and_after(officer, home):
    updated = services.home_update(
        actor=officer, home=home, bedrooms=4, address_line_1="12a Beechdale Road"
    )

    assert updated.bedrooms == 4
    assert updated.search_text.startswith("12a beechdale road")
    event = _last_event(home)
    assert event.action == "update"
    assert event.changes == {
        "address_line_1": ["12 Beechdale Road", "12a Beechdale Road"],
        "bedrooms": [2, 4],
    }


def test_home_update_can_keep_its_own_uprn(officer, home):
    updated = services.home_update(actor=officer, home=home, uprn=home.uprn, bedrooms=1)
    assert updated.bedrooms == 1


def test_home_update_refuses_another_homes_uprn(officer, home, other_home):
    with pytest.raises(ValidationError) as exc:
        services.home_update(actor=officer, home=home, uprn=other_home.uprn)
    assert exc.value.message_dict["uprn"] == ["A home with this UPRN already exists."]
    home.refresh_from_db()
    assert home.uprn == "100071234567"


def test_moving_estate_without_a_patch_moves_to_the_new_estates_patch(officer, home, other_estate):
    updated = services.home_update(actor=officer, home=home, estate=other_estate)
    assert updated.patch_id == other_estate.patch_id


def test_a_loose_home_keeps_its_own_patch_when_other_details_change(officer, estate, team):
    own_patch = PatchFactory(team=team)
    home = HomeFactory(estate=estate, patch=own_patch)
    updated = services.home_update(actor=officer, home=home, bedrooms=1)
    assert updated.patch == own_patch
    # Clearing the patch puts the home back on its estate's patch.
    updated = services.home_update(actor=officer, home=home, patch=None)
    assert updated.patch_id == estate.patch_id


def test_estate_create_and_audit(manager, office, patch):
    estate = services.estate_create(
        actor=manager,
        name=" Harden Estate ",
        kind="estate",
        office=office,
        patch=patch,
        inspection_frequency_days=28,
    )
    assert estate.name == "Harden Estate"
    assert _last_event(estate).changes["name"] == [None, "Harden Estate"]


def test_estate_create_refuses_a_patch_of_another_office(manager, office, other_patch):
    with pytest.raises(ValidationError) as exc:
        services.estate_create(
            actor=manager, name="Harden", kind="estate", office=office, patch=other_patch
        )
    assert "patch" in exc.value.message_dict


def test_estate_create_refuses_a_duplicate_name(manager, office, estate):
    with pytest.raises(ValidationError) as exc:
        services.estate_create(actor=manager, name="beechdale estate", kind="estate", office=office)
    assert exc.value.message_dict["name"] == ["An estate or scheme with this name already exists."]


def test_moving_an_estate_to_another_patch_moves_the_homes_that_follow_it(
    manager, team, estate, home
):
    loose = HomeFactory(estate=estate, patch=PatchFactory(team=team))
    new_patch = PatchFactory(team=team)

    services.estate_update(actor=manager, estate=estate, patch=new_patch)

    home.refresh_from_db()
    loose.refresh_from_db()
    assert home.patch == new_patch
    assert loose.patch != new_patch
    assert _last_event(estate).changes["patch_id"] == [estate.patch_id, new_patch.pk]


def test_block_create_update_and_audit(manager, estate):
    block = services.block_create(actor=manager, estate=estate, name="Ash House")
    renamed = services.block_update(actor=manager, block=block, name="Ash Court")

    assert renamed.name == "Ash Court"
    assert _last_event(block).changes == {"name": ["Ash House", "Ash Court"]}


def test_block_names_are_unique_on_an_estate(manager, estate):
    BlockFactory(estate=estate, name="Ash House")
    with pytest.raises(ValidationError):
        services.block_create(actor=manager, estate=estate, name="ash house")
    # The same name on another estate is fine.
    assert services.block_create(actor=manager, estate=EstateFactory(), name="Ash House")
