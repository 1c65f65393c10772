import pytest
from django.urls import reverse

from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.places.tests.factories import HomeFactory
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db

URL = "/search"


def test_the_url_is_exactly_search():
    assert reverse("search:search") == URL


def test_signed_out_visitors_are_sent_to_sign_in(client, person):
    response = client.get(URL, {"q": "Thompson"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_an_officer_finds_a_person_on_another_patch(client, officer, other_person):
    client.force_login(officer)
    response = client.get(URL, {"q": "Castel"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ray Castle" in page
    assert reverse("people:person_detail", args=["P000002"]) in page
    assert "3 Bestwood Park Drive" in page


def test_read_only_roles_can_search_too(client, dpo, person):
    client.force_login(dpo)
    response = client.get(URL, {"q": "Thompson"})
    assert response.status_code == 200
    assert "Edna Thompson" in response.content.decode()


def test_a_single_result_is_shown_as_a_list_not_a_redirect(client, officer, person):
    client.force_login(officer)
    response = client.get(URL, {"q": "P000001"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "People (1)" in page
    assert "Homes (0)" in page
    assert "No homes found." in page


def test_person_result_shows_reference_birth_address_and_arrangements_not_flags(
    client, officer, person, home
):
    FlagFactory(person=person, code="risk_to_staff")
    FlagFactory(person=person, code="mental_health", note="Sees the crisis team weekly")
    client.force_login(officer)
    page = client.get(URL, {"q": "Thompson"}).content.decode()
    assert "P000001" in page
    assert "Born 17 May 1950" in page
    assert "12 Beechdale Road" in page
    assert reverse("places:home_detail", args=[home.pk]) in page
    assert "Two-officer visit only, never lone working" in page
    assert "Mental health" not in page
    assert "crisis team" not in page


def test_homes_found_by_postcode_link_to_the_home(client, officer, home):
    client.force_login(officer)
    page = client.get(URL, {"q": "ws27ab"}).content.decode()
    assert "Homes (1)" in page
    assert reverse("places:home_detail", args=[home.pk]) in page
    assert "100071234567" in page


def test_the_query_stays_in_the_header_search_box(client, officer, person):
    client.force_login(officer)
    response = client.get(URL, {"q": "  Edna   Thompson "})
    assert response.context["search_query"] == "Edna Thompson"
    assert 'value="Edna Thompson"' in response.content.decode()


def test_no_results_says_so_with_tips(client, officer, person):
    client.force_login(officer)
    page = client.get(URL, {"q": "Zebedee Quarrington"}).content.decode()
    assert "No results found" in page
    assert "check the spelling" in page


@pytest.mark.parametrize("typed", ["", "T"])
def test_a_short_query_asks_for_two_characters(client, officer, person, typed):
    client.force_login(officer)
    response = client.get(URL, {"q": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter at least 2 characters to search." in page
    assert "Edna Thompson" not in page


def test_an_over_long_query_is_shortened_with_a_message(client, officer, person):
    client.force_login(officer)
    response = client.get(URL, {"q": "Thompson " + "x" * 200})
    assert response.status_code == 200
    assert "only the first 100 characters were used" in response.content.decode()
    assert len(response.context["search_query"]) <= 100


def test_many_matches_are_capped_with_a_link_to_see_them_all(client, officer):
    PersonFactory.create_batch(30, last_name="Thompson")
    client.force_login(officer)
    page = client.get(URL, {"q": "Thompson"}).content.decode()
    assert "Showing the best 25 of 30 people" in page
    assert "q=Thompson&amp;kind=people" in page
    all_people = client.get(URL, {"q": "Thompson", "kind": "people", "page": 2})
    assert len(all_people.context["results"].sections[0].results) == 5
    assert "Page 2 of 2" in all_people.content.decode()


def test_htmx_request_gets_just_the_results(client, officer, person):
    client.force_login(officer)
    response = client.get(URL, {"q": "Thompson"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "Edna Thompson" in page
    assert "<html" not in page


def test_query_count_does_not_grow_with_the_number_of_matches(
    client, officer, estate, django_assert_max_num_queries
):
    for number in range(50):
        home = HomeFactory(estate=estate, address_line_1=f"{number + 1} Thompson Close")
        someone = PersonFactory(last_name="Thompson")
        TenancyMemberFactory(tenancy=TenancyFactory(home=home), person=someone)
        FlagFactory(person=someone, code="shielding")
    client.force_login(officer)
    # Session, user, groups and session save; per kind a candidate query (on PostgreSQL with
    # its similarity threshold set in a savepoint) and a fixed number of loads.
    with django_assert_max_num_queries(18):
        response = client.get(URL, {"q": "Thompson"})
    page = response.content.decode()
    assert "People (50)" in page
    assert "Homes (50)" in page
    assert page.count("Doorstep or phone contact only") == 25


def test_someone_without_a_birth_date_or_home_is_still_listed(client, officer):
    PersonFactory(first_name="Robert", last_name="Quayle", preferred_name="Bob", date_of_birth=None)
    client.force_login(officer)
    page = client.get(URL, {"q": "Quayle"}).content.decode()
    assert "Robert Quayle" in page
    assert "(known as Bob)" in page
    assert "No current home with us" in page
    assert "Born" not in page
