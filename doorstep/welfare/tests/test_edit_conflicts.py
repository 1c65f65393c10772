"""Two people changing one welfare-call programme: the second save is refused with both
versions shown (patches included), and the first save stands."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import save_again, second_save_refused

pytestmark = pytest.mark.django_db


def test_two_people_change_one_programme_and_the_second_sees_a_conflict(
    team_leader, manager, programme, patch, other_patch
):
    url = reverse("welfare:programme_edit", args=[programme.pk])

    response = second_save_refused(
        url,
        first=(team_leader, {"frequency_days": "7", "patches": [patch.pk]}),
        second=(manager, {"frequency_days": "28", "patches": [other_patch.pk, patch.pk]}),
    )

    rows = {row.label: (row.theirs, row.yours) for row in response.context["conflict_rows"]}
    assert rows["How often to call, in days"] == ("7", "28")
    theirs_patches, yours_patches = rows["Patches (any of)"]
    assert patch.name in theirs_patches and other_patch.name not in theirs_patches
    assert patch.name in yours_patches and other_patch.name in yours_patches
    assert set(rows) == {"How often to call, in days", "Patches (any of)"}
    programme.refresh_from_db()
    assert programme.frequency_days == 7
    assert list(programme.patches.all()) == [patch]
    save_again(response)
    programme.refresh_from_db()
    assert programme.frequency_days == 28
