import pytest

from doorstep.places.models import Home
from doorstep.search import registry
from doorstep.search.query import Shape
from doorstep.search.searchers import load_homes
from doorstep.search.selectors import search

pytestmark = pytest.mark.django_db


def find_by_estate_reference(*, user, query):
    # A stand-in for a later app's kind (cases by reference): homes on estate "EST123".
    if query.shape != Shape.REFERENCE:
        return []
    return list(Home.objects.filter(estate__name=query.reference).values_list("id", flat=True))


@pytest.fixture
def extra_kind():
    searcher = registry.Searcher(
        kind="estate_homes",
        label="Estate homes",
        template="search/partials/homes.html",
        find=find_by_estate_reference,
        load=load_homes,
        order=5,
    )
    registry.register(searcher)
    yield searcher
    registry._searchers.pop(searcher.kind)


def test_people_and_homes_are_registered_in_that_order():
    assert [s.kind for s in registry.searchers()][:2] == ["people", "homes"]


def test_a_registered_kind_is_searched_and_shown_without_changing_the_view(
    client, officer, estate, home, extra_kind
):
    estate.name = "EST123"
    estate.save()
    results = search(user=officer, query="est123")
    assert [section.kind for section in results.sections] == [
        "estate_homes",
        "people",
        "homes",
        "cases",
    ]
    assert [h.pk for h in results.sections[0].results] == [home.pk]

    client.force_login(officer)
    page = client.get("/search", {"q": "EST123"}).content.decode()
    assert "Estate homes (1)" in page
    assert "12 Beechdale Road" in page


def test_an_unknown_kind_searches_everything(officer, person):
    results = search(user=officer, query="Thompson", kind="nonsense")
    assert results.kind == ""
    assert [section.kind for section in results.sections] == ["people", "homes", "cases"]
