import pytest
from django.urls import reverse

from doorstep.core.navigation import nav_items_for
from doorstep.duplicates import services
from doorstep.duplicates.models import DuplicateCandidate, MergeRecord, NotDuplicate
from doorstep.people.models import Person
from doorstep.people.tests.factories import FlagFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twin(home):
    return PersonFactory(
        first_name="Edna", last_name="Thomson", reference="P000099", phone="+441922123456"
    )


@pytest.fixture
def candidate(person, twin):
    return DuplicateCandidate.objects.create(
        person_a=person, person_b=twin, score=90, reasons=["names 98% alike", "same phone number"]
    )


@pytest.mark.parametrize("who", ["officer", "dpo", "safeguarding_lead"])
def test_refused_to_other_roles(client, request, who, candidate, team_leader, person, twin):
    record = services.people_merge(actor=team_leader, survivor=person, merged=twin)
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("duplicates:candidate_list"),
        reverse("duplicates:merge_list"),
        reverse("duplicates:merge_detail", args=[record.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("duplicates:candidate_refresh")).status_code == 403
    assert client.post(reverse("duplicates:merge_undo", args=[record.pk])).status_code == 403


@pytest.mark.parametrize("who", ["officer", "dpo"])
def test_review_refused_to_other_roles(client, request, who, candidate):
    client.force_login(request.getfixturevalue(who))
    url = reverse("duplicates:candidate_review", args=[candidate.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"decision": "different"}).status_code == 403
    assert not NotDuplicate.objects.exists()


@pytest.mark.parametrize("who", ["team_leader", "manager"])
def test_team_leaders_and_managers_see_the_list(client, request, who, candidate):
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(reverse("duplicates:candidate_list"))
    assert response.status_code == 200
    assert "P000099" in response.content.decode()
    assert "Possible duplicates" in [item.label for item in nav_items_for(user=user, path="/")]


def test_the_list_is_paginated_with_a_flat_query_count(
    client, team_leader, django_assert_max_num_queries
):
    for _ in range(30):
        a, b = PersonFactory(), PersonFactory()
        a, b = (a, b) if a.pk < b.pk else (b, a)
        DuplicateCandidate.objects.create(person_a=a, person_b=b, score=70, reasons=["x"])
    client.force_login(team_leader)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("duplicates:candidate_list"))
    assert len(response.context["page_obj"]) == 25
    assert response.context["page_obj"].paginator.num_pages == 2


def test_review_shows_both_people_and_their_arrangements(client, team_leader, candidate, twin):
    FlagFactory(person=twin, code="risk_to_staff")
    client.force_login(team_leader)
    response = client.get(reverse("duplicates:candidate_review", args=[candidate.pk]))
    page = response.content.decode()
    assert "P000001" in page and "P000099" in page
    assert "Two-officer visit only" in page


def test_not_duplicates_from_the_page(client, team_leader, candidate, person, twin):
    client.force_login(team_leader)
    response = client.post(
        reverse("duplicates:candidate_review", args=[candidate.pk]), {"decision": "different"}
    )
    assert response.status_code == 302
    assert NotDuplicate.objects.filter(person_a=person, person_b=twin).exists()
    assert not DuplicateCandidate.objects.exists()


def test_merge_needs_a_survivor(client, team_leader, candidate):
    client.force_login(team_leader)
    response = client.post(
        reverse("duplicates:candidate_review", args=[candidate.pk]), {"decision": "merge"}
    )
    assert response.status_code == 200
    assert "Select which record to keep" in str(response.context["form"].errors["survivor"])
    response = client.post(reverse("duplicates:candidate_review", args=[candidate.pk]), {})
    assert "Select whether these are the same person" in str(
        response.context["form"].errors["decision"]
    )


def test_merge_and_undo_from_the_pages(client, team_leader, candidate, person, twin):
    client.force_login(team_leader)
    response = client.post(
        reverse("duplicates:candidate_review", args=[candidate.pk]),
        {"decision": "merge", "survivor": str(person.pk)},
    )
    assert response.status_code == 302
    assert response.url == person.get_absolute_url()
    assert not Person.objects.filter(pk=twin.pk).exists()
    record = MergeRecord.objects.get()
    response = client.get(reverse("duplicates:merge_detail", args=[record.pk]))
    assert "Undo this merge" in response.content.decode()
    assert client.get(reverse("duplicates:merge_list")).status_code == 200
    response = client.post(reverse("duplicates:merge_undo", args=[record.pk]))
    assert response.status_code == 302
    assert Person.objects.filter(pk=twin.pk, reference="P000099").exists()


def test_refresh_runs_the_finder(client, manager, person, twin):
    client.force_login(manager)
    response = client.post(reverse("duplicates:candidate_refresh"))
    assert response.status_code == 302
    assert DuplicateCandidate.objects.filter(person_a=person, person_b=twin).exists()
