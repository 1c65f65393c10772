"""Two managers changing one letter template: the second save is refused with both versions
shown, and the first save stands (the live template never silently loses a change)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.letters.models import LetterTemplate

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved a change to this record"


def opened(client, url):
    """The form's fields as a browser would post them back unchanged."""
    form = client.get(url).context["form"]
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


def test_two_managers_change_one_template_and_the_second_sees_a_conflict(manager, team):
    other_manager = UserFactory(
        email="second.manager@doorstep.test",
        full_name="Priya Shah",
        team=team,
        roles=[Role.HOUSING_SERVICES_MANAGER],
    )
    template = LetterTemplate.objects.create(
        name="Bin day change", subject="Your bin day is changing", body="From next week."
    )
    url = reverse("letters:template_edit", args=[template.pk])
    mine, theirs = Client(), Client()
    mine.force_login(manager)
    theirs.force_login(other_manager)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, url)
    assert opened_mine["version"]

    assert mine.post(url, {**opened_mine, "body": "From Monday 4 May."}).status_code == 302
    second = {**opened_theirs, "body": "From Tuesday 5 May."}
    response = theirs.post(url, second)

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("From Monday 4 May.", "From Tuesday 5 May.")
    ]
    assert "Saving makes version 3" in html  # counted from the version saved now
    template.refresh_from_db()
    assert (template.body, template.version) == ("From Monday 4 May.", 2)
    again = {**second, "version": response.context["form"].data["version"]}
    assert theirs.post(url, again).status_code == 302
    template.refresh_from_db()
    assert (template.body, template.version) == ("From Tuesday 5 May.", 3)
