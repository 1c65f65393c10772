"""Two people editing one home, estate or block: the second save is refused, nothing lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import second_save_refused
from doorstep.places.models import Block

pytestmark = pytest.mark.django_db


def test_home_edited_twice_the_second_sees_a_conflict(officer, home):
    url = reverse("places:home_edit", args=[home.pk])

    response = second_save_refused(
        url,
        first=(officer, {"address_line_2": "Flat A"}),
        second=(officer, {"address_line_2": "Flat B"}),
    )

    html = response.content.decode()
    assert "Flat A" in html and "Flat B" in html  # both versions shown
    home.refresh_from_db()
    assert home.address_line_2 == "Flat A"


def test_estate_edited_twice_the_second_sees_a_conflict(manager, home):
    estate = home.estate
    url = reverse("places:estate_edit", args=[estate.pk])

    second_save_refused(
        url,
        first=(manager, {"name": "Beechdale North"}),
        second=(manager, {"name": "Beechdale South"}),
    )

    estate.refresh_from_db()
    assert estate.name == "Beechdale North"


def test_block_renamed_twice_the_second_sees_a_conflict(manager, home):
    block = Block.objects.create(estate=home.estate, name="Cedar Court")
    url = reverse("places:block_edit", args=[block.pk])

    second_save_refused(
        url, first=(manager, {"name": "Cedar House"}), second=(manager, {"name": "Cedar Tower"})
    )

    block.refresh_from_db()
    assert block.name == "Cedar House"
