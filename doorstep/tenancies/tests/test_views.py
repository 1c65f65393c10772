import datetime as dt

import pytest
from django.urls import reverse

from doorstep.core.models import AuditEvent
from doorstep.people.tests.factories import FlagFactory, PersonFactory
from doorstep.places.models import Tenure
from doorstep.places.tests.factories import HomeFactory
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyType
from doorstep.tenancies.tests.factories import TenancyFactory, TenancyMemberFactory

pytestmark = pytest.mark.django_db

SIGN_IN = "/accounts/sign-in/"


@pytest.fixture
def tenancy(person):
    return person.tenancies.get()


@pytest.fixture
def empty_home(estate):
    return HomeFactory(estate=estate, address_line_1="9 Harden Road")


def _new_tenancy(**overrides):
    data = {
        "tenancy_type": "starter",
        "start_date": "2026-01-05",
        "end_date": "",
        "tenants": "P000201",
        "members": "",
    }
    data.update(overrides)
    return data


def test_signed_out_users_are_sent_to_sign_in(client, tenancy, home):
    for url in [
        reverse("tenancies:tenancy_detail", args=[tenancy.reference]),
        reverse("tenancies:tenancy_create", args=[home.pk]),
        reverse("tenancies:tenancy_end", args=[tenancy.reference]),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SIGN_IN)


@pytest.mark.parametrize("who", ["officer", "other_officer", "dpo"])
def test_any_signed_in_officer_reads_a_tenancy(client, request, tenancy, person, who):
    member = TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER)
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("tenancies:tenancy_detail", args=[tenancy.reference]))

    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("people:person_detail", args=[person.reference]) in content
    assert reverse("people:person_detail", args=[member.person.reference]) in content
    assert reverse("places:home_detail", args=[tenancy.home_id]) in content
    assert "Temporary accommodation placement" not in content
    end_url = reverse("tenancies:tenancy_end", args=[tenancy.reference])
    assert (end_url in content) is (who == "officer")


def test_a_placement_is_tagged_as_temporary_accommodation(client, officer, estate):
    home = HomeFactory(estate=estate, tenure=Tenure.TEMPORARY)
    placement = TenancyFactory(home=home, tenancy_type=TenancyType.LICENCE)
    TenancyMemberFactory(tenancy=placement)
    client.force_login(officer)
    response = client.get(reverse("tenancies:tenancy_detail", args=[placement.reference]))
    assert b"Temporary accommodation placement" in response.content


def test_tenancy_page_shows_special_arrangements(client, officer, tenancy, person):
    FlagFactory(person=person, code="hearing_impairment")
    client.force_login(officer)
    response = client.get(reverse("tenancies:tenancy_detail", args=[tenancy.reference]))
    assert b"Contact by text or email, not by phone" in response.content


def test_unknown_tenancy_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("tenancies:tenancy_detail", args=["NOPE"])).status_code == 404


def test_tenancy_page_queries_do_not_grow(client, officer, tenancy, django_assert_max_num_queries):
    for _ in range(10):
        member = TenancyMemberFactory(tenancy=tenancy, role=MemberRole.MEMBER)
        FlagFactory(person=member.person, code="shielding")
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("tenancies:tenancy_detail", args=[tenancy.reference]))
    assert response.content.count(b"Doorstep or phone contact only") == 10


@pytest.mark.parametrize("who", ["officer", "team_leader", "manager"])
def test_the_patch_team_records_a_tenancy(client, request, empty_home, who):
    tenant = PersonFactory(reference="P000201")
    client.force_login(request.getfixturevalue(who))
    url = reverse("tenancies:tenancy_create", args=[empty_home.pk])
    assert client.get(url).status_code == 200

    response = client.post(url, _new_tenancy())

    tenancy = Tenancy.objects.get(home=empty_home)
    assert response.status_code == 302
    assert response["Location"] == reverse("tenancies:tenancy_detail", args=[tenancy.reference])
    assert list(tenancy.people.all()) == [tenant]
    assert AuditEvent.objects.filter(object_type="tenancies.tenancy", action="create").exists()


def test_record_tenancy_shows_field_errors(client, officer, empty_home):
    PersonFactory(reference="P000201")
    client.force_login(officer)
    response = client.post(
        reverse("tenancies:tenancy_create", args=[empty_home.pk]),
        _new_tenancy(tenancy_type="licence", end_date="2025-12-31"),
    )
    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"A licence is a temporary accommodation placement" in response.content
    assert b"The end date must be the same as or after the start date." in response.content
    assert not Tenancy.objects.filter(home=empty_home).exists()


def test_record_tenancy_over_a_current_one_is_refused_on_the_form(client, officer, home, person):
    PersonFactory(reference="P000201")
    client.force_login(officer)
    response = client.post(reverse("tenancies:tenancy_create", args=[home.pk]), _new_tenancy())
    assert response.status_code == 200
    assert b"runs over these dates" in response.content
    assert Tenancy.objects.filter(home=home).count() == 1


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_cannot_record_a_tenancy(client, request, empty_home, who):
    PersonFactory(reference="P000201")
    client.force_login(request.getfixturevalue(who))
    url = reverse("tenancies:tenancy_create", args=[empty_home.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _new_tenancy()).status_code == 403
    assert not Tenancy.objects.filter(home=empty_home).exists()


def test_officer_ends_a_tenancy(client, officer, tenancy):
    client.force_login(officer)
    url = reverse("tenancies:tenancy_end", args=[tenancy.reference])
    assert client.get(url).status_code == 200

    response = client.post(url, {"end_date": "2026-03-31"})

    assert response.status_code == 302
    tenancy.refresh_from_db()
    assert tenancy.end_date == dt.date(2026, 3, 31)
    event = AuditEvent.objects.get(object_type="tenancies.tenancy", action="update")
    assert event.actor == officer
    assert event.changes == {"end_date": [None, "2026-03-31"]}


def test_ending_before_the_start_is_refused_on_the_form(client, officer, tenancy):
    client.force_login(officer)
    response = client.post(
        reverse("tenancies:tenancy_end", args=[tenancy.reference]), {"end_date": "2015-03-31"}
    )
    assert response.status_code == 200
    assert b"The end date must be the same as or after the start date." in response.content
    tenancy.refresh_from_db()
    assert tenancy.end_date is None


def test_an_ended_tenancy_cannot_be_ended_again(client, officer, home):
    ended = TenancyFactory(home=home, end_date=dt.date(2020, 1, 1))
    client.force_login(officer)
    url = reverse("tenancies:tenancy_end", args=[ended.reference])
    response = client.post(url, {"end_date": "2021-01-01"})
    assert response.status_code == 302
    ended.refresh_from_db()
    assert ended.end_date == dt.date(2020, 1, 1)


@pytest.mark.parametrize("who", ["other_officer", "dpo"])
def test_others_cannot_end_a_tenancy(client, request, tenancy, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("tenancies:tenancy_end", args=[tenancy.reference])
    assert client.get(url).status_code == 403
    assert client.post(url, {"end_date": "2026-03-31"}).status_code == 403
    tenancy.refresh_from_db()
    assert tenancy.end_date is None
