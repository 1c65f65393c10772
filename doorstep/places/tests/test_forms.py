import pytest

from doorstep.places.forms import BlockForm, EstateForm, HomeForm
from doorstep.places.tests.factories import BlockFactory, HomeFactory, PatchFactory

pytestmark = pytest.mark.django_db


def _home_data(estate, **overrides):
    data = {
        "uprn": "100071230001",
        "address_line_1": "4 Harden Road",
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


def test_home_form_normalises_the_postcode_and_uprn(estate):
    form = HomeForm(_home_data(estate, postcode="ng51ab", uprn=" 42 "))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postcode"] == "NG5 1AB"
    assert form.cleaned_data["uprn"] == "42"
    assert form.resolved_patch_id() == estate.patch_id


@pytest.mark.parametrize("uprn", ["", "12AB", "1234567890123", "12 34", "-5"])
def test_home_form_refuses_a_bad_uprn(estate, uprn):
    form = HomeForm(_home_data(estate, uprn=uprn))
    assert not form.is_valid()
    assert form.errors["uprn"] == ["Enter a UPRN of 1 to 12 digits."]


@pytest.mark.parametrize("postcode", ["WS2", "12345", "QQ1 1AA", "WS2 7ABC"])
def test_home_form_refuses_a_bad_postcode(estate, postcode):
    form = HomeForm(_home_data(estate, postcode=postcode))
    assert not form.is_valid()
    assert form.errors["postcode"] == ["Enter a real UK postcode, like NG5 1AB."]


def test_home_form_refuses_an_empty_postcode(estate):
    form = HomeForm(_home_data(estate, postcode=""))
    assert not form.is_valid()
    assert form.errors["postcode"] == ["Enter a postcode, like NG5 1AB."]


def test_home_form_refuses_a_duplicate_uprn(home):
    form = HomeForm(_home_data(home.estate, uprn=home.uprn))
    assert not form.is_valid()
    assert form.errors["uprn"] == ["A home with this UPRN already exists."]


def test_home_form_lets_a_home_keep_its_own_uprn(home):
    form = HomeForm(_home_data(home.estate, uprn=home.uprn), instance=home)
    assert form.is_valid(), form.errors


def test_home_form_refuses_a_block_of_another_estate(estate, other_estate):
    block = BlockFactory(estate=other_estate, name="Oak House")
    form = HomeForm(_home_data(estate, block=str(block.pk)))
    assert not form.is_valid()
    assert form.errors["block"] == ["Choose a block on Beechdale Estate, or 'Not in a block'."]


def test_home_form_accepts_a_block_of_its_estate(estate):
    block = BlockFactory(estate=estate)
    form = HomeForm(_home_data(estate, block=str(block.pk)))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("bedrooms", "message"),
    [
        ("16", "Enter a number of bedrooms from 0 to 15."),
        ("-1", "Enter a number of bedrooms from 0 to 15."),
        ("two", "Enter the number of bedrooms as a whole number, like 2."),
    ],
)
def test_home_form_refuses_bad_bedrooms(estate, bedrooms, message):
    form = HomeForm(_home_data(estate, bedrooms=bedrooms))
    assert not form.is_valid()
    assert form.errors["bedrooms"] == [message]


def test_home_form_names_every_missing_field(estate):
    form = HomeForm(
        {"uprn": "", "address_line_1": " ", "town": "", "postcode": "", "estate": "", "tenure": ""}
    )
    assert not form.is_valid()
    assert form.errors["address_line_1"] == ["Enter the first line of the address."]
    assert form.errors["town"] == ["Enter the town."]
    assert form.errors["estate"] == ["Choose the estate or scheme."]
    assert form.errors["tenure"] == ["Choose the tenure."]


def test_home_form_refuses_an_unknown_tenure(estate):
    form = HomeForm(_home_data(estate, tenure="council"))
    assert not form.is_valid()
    assert form.errors["tenure"] == ["Choose a tenure from the list."]


def test_edit_form_leaves_patch_blank_when_the_home_follows_its_estate(home, team):
    assert HomeForm(instance=home).initial["patch"] is None
    loose = HomeFactory(estate=home.estate, patch=PatchFactory(team=team))
    assert HomeForm(instance=loose).initial["patch"] == loose.patch_id


def _estate_data(office, **overrides):
    data = {
        "name": "Harden Estate",
        "kind": "estate",
        "office": str(office.pk),
        "patch": "",
        "inspection_frequency_days": "28",
    }
    data.update(overrides)
    return data


def test_estate_form_valid(office, patch):
    form = EstateForm(_estate_data(office, patch=str(patch.pk)), office_ids=frozenset({office.pk}))
    assert form.is_valid(), form.errors


def test_estate_form_refuses_a_duplicate_name(office, estate):
    form = EstateForm(_estate_data(office, name="BEECHDALE ESTATE"), office_ids={office.pk})
    assert not form.is_valid()
    assert form.errors["name"] == ["An estate or scheme with this name already exists."]


def test_estate_form_refuses_an_office_the_user_does_not_run(office, other_office):
    form = EstateForm(_estate_data(other_office), office_ids=frozenset({office.pk}))
    assert not form.is_valid()
    assert form.errors["office"] == ["Choose one of your offices."]


def test_estate_form_refuses_a_patch_of_another_office(office, other_office, other_patch):
    form = EstateForm(
        _estate_data(office, patch=str(other_patch.pk)),
        office_ids=frozenset({office.pk, other_office.pk}),
    )
    assert not form.is_valid()
    assert form.errors["patch"] == ["Choose a patch of a team in the Walsall office."]


@pytest.mark.parametrize("days", ["0", "366", "often"])
def test_estate_form_refuses_a_bad_inspection_frequency(office, days):
    form = EstateForm(
        _estate_data(office, inspection_frequency_days=days), office_ids=frozenset({office.pk})
    )
    assert not form.is_valid()
    assert "inspection_frequency_days" in form.errors


def test_block_form_refuses_a_duplicate_and_an_empty_name(estate):
    BlockFactory(estate=estate, name="Ash House")
    form = BlockForm({"name": "ash house"}, estate=estate)
    assert not form.is_valid()
    assert form.errors["name"] == ["Beechdale Estate already has a block with this name."]
    form = BlockForm({"name": ""}, estate=estate)
    assert not form.is_valid()
    assert form.errors["name"] == ["Enter the block's name."]
