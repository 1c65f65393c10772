"""Two people editing one home, estate or block: the second save is refused, nothing lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved a change to this record"


def _initial(client, url):
    form = client.get(url).context["form"]
    return {
        name: (value.pk if hasattr(value, "pk") else value)
        for name, value in form.initial.items()
        if value is not None
    }


def test_home_edited_twice_the_second_sees_a_conflict(client, officer, home):
    client.force_login(officer)
    url = reverse("places:home_edit", args=[home.pk])
    first, second = _initial(client, url), _initial(client, url)
    assert first["version"]
    first["address_line_2"] = "Flat A"
    assert client.post(url, first).status_code == 302
    second["address_line_2"] = "Flat B"
    response = client.post(url, second)
    html = response.content.decode()
    assert response.status_code == 200 and CONFLICT in html
    assert "Flat A" in html and "Flat B" in html  # both versions shown
    home.refresh_from_db()
    assert home.address_line_2 == "Flat A"


def test_estate_edited_twice_the_second_sees_a_conflict(client, manager, home):
    estate = home.estate
    client.force_login(manager)
    url = reverse("places:estate_edit", args=[estate.pk])
    first, second = _initial(client, url), _initial(client, url)
    first["name"] = "Beechdale North"
    assert client.post(url, first).status_code == 302
    second["name"] = "Beechdale South"
    response = client.post(url, second)
    assert response.status_code == 200 and CONFLICT in response.content.decode()
    estate.refresh_from_db()
    assert estate.name == "Beechdale North"


def test_block_renamed_twice_the_second_sees_a_conflict(client, manager, home):
    from doorstep.places.models import Block

    block = Block.objects.create(estate=home.estate, name="Cedar Court")
    client.force_login(manager)
    url = reverse("places:block_edit", args=[block.pk])
    first, second = _initial(client, url), _initial(client, url)
    first["name"] = "Cedar House"
    assert client.post(url, first).status_code == 302
    second["name"] = "Cedar Tower"
    response = client.post(url, second)
    assert response.status_code == 200 and CONFLICT in response.content.decode()
    block.refresh_from_db()
    assert block.name == "Cedar House"
