"""Two people changing one welfare-call programme: the second save is refused with both
versions shown (patches included), and the first save stands."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved a change to this record"


def opened(client, url):
    """The form's fields as a browser would post them back unchanged."""
    form = client.get(url).context["form"]
    return {name: form[name].value() for name in form.fields if form[name].value() is not None}


def test_two_people_change_one_programme_and_the_second_sees_a_conflict(
    team_leader, manager, programme, patch, other_patch
):
    url = reverse("welfare:programme_edit", args=[programme.pk])
    mine, theirs = Client(), Client()
    mine.force_login(team_leader)
    theirs.force_login(manager)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, url)
    assert opened_mine["version"]

    first = {**opened_mine, "frequency_days": "7", "patches": [patch.pk]}
    assert mine.post(url, first).status_code == 302
    second = {**opened_theirs, "frequency_days": "28", "patches": [other_patch.pk, patch.pk]}
    response = theirs.post(url, second)

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    rows = {row.label: (row.theirs, row.yours) for row in response.context["conflict_rows"]}
    assert rows["How often to call, in days"] == ("7", "28")
    theirs_patches, yours_patches = rows["Patches (any of)"]
    assert patch.name in theirs_patches and other_patch.name not in theirs_patches
    assert patch.name in yours_patches and other_patch.name in yours_patches
    assert set(rows) == {"How often to call, in days", "Patches (any of)"}
    programme.refresh_from_db()
    assert programme.frequency_days == 7
    assert list(programme.patches.all()) == [patch]
    # Saving again against the version now shown is deliberate, and goes through.
    again = {**second, "version": response.context["form"].data["version"]}
    assert theirs.post(url, again).status_code == 302
    programme.refresh_from_db()
    assert programme.frequency_days == 28
