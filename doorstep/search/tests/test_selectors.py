import datetime as dt

import pytest
import time_machine

from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.places.tests.factories import HomeFactory
from doorstep.search.selectors import search
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db


def people_found(user, query, **kwargs):
    results = search(user=user, query=query, **kwargs)
    return [result.person.reference for result in results.sections[0].results]


def homes_found(user, query, **kwargs):
    results = search(user=user, query=query, **kwargs)
    return [home.pk for home in results.sections[1].results]


@pytest.fixture
def crowd(db):
    """Other people with names near and far from Thompson, born on other days."""
    names = [
        ("Alan", "Smith"),
        ("Edna", "Smith"),
        ("Ray", "Johnson"),
        ("Sam", "Thomas"),
        ("Ann", "Wilson"),
        ("Joe", "Robinson"),
        ("Mary", "Castle"),
    ]
    return [
        PersonFactory(first_name=first, last_name=last, date_of_birth=dt.date(1980, 1, 1))
        for first, last in names
    ]


@pytest.mark.parametrize("typed", ["Thompson", "thompson", "Tompson", "Thomsen", "Thomson"])
def test_a_misspelt_surname_still_finds_the_person(officer, person, crowd, typed):
    assert "P000001" in people_found(officer, typed)


def test_smyth_finds_smith_but_not_unrelated_names(officer, crowd):
    found = people_found(officer, "Smyth")
    smiths = {p.reference for p in crowd if p.last_name == "Smith"}
    assert set(found) == smiths


def test_first_name_and_surname_together_leave_out_others_with_the_same_first_name(
    officer, person, crowd
):
    found = people_found(officer, "Edna Tompson")
    assert found[0] == "P000001"
    edna_smith = next(p for p in crowd if p.first_name == "Edna")
    assert edna_smith.reference not in found


def test_the_exact_name_is_ranked_first(officer, person, crowd):
    PersonFactory(first_name="Edna", last_name="Thomson", reference="P000010")
    PersonFactory(first_name="Edna", last_name="Tompson", reference="P000011")
    PersonFactory(first_name="Bill", last_name="Thompsonn", reference="P000012")
    assert people_found(officer, "Edna Thompson")[0] == "P000001"
    assert people_found(officer, "Thomson")[0] == "P000010"
    assert people_found(officer, "Edna Tompson")[0] == "P000011"


def test_part_of_a_name_finds_the_person(officer, person, crowd):
    assert "P000001" in people_found(officer, "thom")
    assert "P000001" in people_found(officer, "Mrs Thompson")


def test_a_two_letter_query_matches_the_start_of_a_name(officer, person, crowd):
    assert "P000001" in people_found(officer, "ed")


def test_reference_finds_exactly_that_person(officer, person, crowd):
    assert people_found(officer, "P000001") == ["P000001"]
    assert people_found(officer, "p000001") == ["P000001"]


@pytest.mark.parametrize("typed", ["01922 123456", "+441922123456", "(01922) 123-456"])
def test_phone_in_national_or_international_format(officer, person, crowd, typed):
    assert people_found(officer, typed) == ["P000001"]


def test_second_phone_number_is_searched_too(officer, crowd):
    someone = PersonFactory(phone="", phone_other="+447700900456")
    assert people_found(officer, "07700 900456") == [someone.reference]


@pytest.mark.parametrize("typed", ["17/05/1950", "1950-05-17", "17 May 1950"])
def test_date_of_birth_in_three_formats(officer, person, crowd, typed):
    assert people_found(officer, typed) == ["P000001"]


@pytest.fixture
def street(estate):
    """Homes on Beechdale Road and one on another street and postcode."""
    return {
        number: HomeFactory(
            estate=estate, address_line_1=f"{number} Beechdale Road", uprn=f"10007123{number:04d}"
        )
        for number in (1, 2, 10, 112)
    } | {
        "elsewhere": HomeFactory(
            estate=estate,
            address_line_1="7 Dudley Street",
            postcode="WV1 3AA",
            town="Wolverhampton",
            uprn="200000000001",
        )
    }


@pytest.mark.parametrize("typed", ["ws27ab", "WS2 7AB", "ws2 7ab", " WS27AB "])
def test_postcode_in_any_case_and_spacing_finds_homes_in_address_order(
    officer, home, street, typed
):
    found = homes_found(officer, typed)
    expected = [street[1].pk, street[2].pk, street[10].pk, home.pk, street[112].pk]
    assert found == expected


def test_an_outward_code_finds_the_homes_in_it(officer, home, street):
    assert homes_found(officer, "WV1") == [street["elsewhere"].pk]
    assert len(homes_found(officer, "ws2")) == 5


def test_uprn_finds_exactly_that_home(officer, home, street):
    assert homes_found(officer, "100071234567") == [home.pk]
    assert people_found(officer, "100071234567") == []


def test_address_words_find_homes_with_the_exact_number_first(officer, home, street):
    found = homes_found(officer, "12 Beechdale Road")
    assert found[0] == home.pk
    assert street[112].pk not in found
    assert street["elsewhere"].pk not in found
    assert homes_found(officer, "dudley st") == [street["elsewhere"].pk]
    assert set(homes_found(officer, "beechdail road")) == {home.pk} | {
        street[n].pk for n in (1, 2, 10, 112)
    }


def test_the_exact_number_is_found_on_a_road_with_more_homes_than_candidates(officer, estate):
    homes = [
        HomeFactory(estate=estate, address_line_1=f"{number} Long Meadow Road")
        for number in range(1, 231)
    ]
    assert homes_found(officer, "12 Long Meadow Road")[0] == homes[11].pk
    assert homes_found(officer, "229 long meadow rd")[0] == homes[228].pk


def test_no_match_finds_nothing(officer, person, home):
    results = search(user=officer, query="Zebedee Quarrington")
    assert results.searched
    assert results.total == 0


def test_short_query_is_not_searched(officer, person):
    results = search(user=officer, query="T")
    assert not results.searched
    assert results.message == "Enter at least 2 characters to search."


@time_machine.travel(dt.datetime(2025, 5, 16, 12, tzinfo=dt.UTC), tick=False)
def test_person_result_shows_current_home_age_and_arrangements_only(officer, person, home):
    FlagFactory(person=person, code="risk_to_staff")
    FlagFactory(person=person, code="mental_health", note="Sensitive detail")
    result = search(user=officer, query="P000001").sections[0].results[0]
    assert result.home == home
    assert result.age == 74  # born 17 May 1950: 75 tomorrow
    assert [a.code for a in result.arrangements] == ["two_officer"]


def test_a_former_home_is_not_the_current_address(officer, estate):
    someone = PersonFactory(last_name="Quigley")
    old_home = HomeFactory(estate=estate)
    TenancyMemberFactory(
        person=someone,
        tenancy=TenancyFactory(
            home=old_home, start_date=dt.date(2010, 1, 1), end_date=dt.date(2014, 1, 1)
        ),
    )
    result = search(user=officer, query="Quigley").sections[0].results[0]
    assert result.home is None


def test_results_are_capped_and_the_rest_paged_by_kind(officer):
    PersonFactory.create_batch(30, last_name="Thompson")
    first = search(user=officer, query="Thompson", limit=25).sections[0]
    assert (len(first.results), first.total, first.more) == (25, 30, True)
    paged = search(user=officer, query="Thompson", limit=25, kind="people", page=2)
    assert [section.kind for section in paged.sections] == ["people"]
    assert len(paged.sections[0].results) == 5
    seen = {r.person.pk for r in first.results} | {r.person.pk for r in paged.sections[0].results}
    assert len(seen) == 30
