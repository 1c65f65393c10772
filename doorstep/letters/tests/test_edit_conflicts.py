"""Two managers changing one letter template: the second save is refused with both versions
shown, and the first save stands (the live template never silently loses a change)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import save_again, second_manager, second_save_refused
from doorstep.letters.models import LetterTemplate

pytestmark = pytest.mark.django_db


def test_two_managers_change_one_template_and_the_second_sees_a_conflict(manager, team):
    other_manager = second_manager(team)
    template = LetterTemplate.objects.create(
        name="Bin day change", subject="Your bin day is changing", body="From next week."
    )
    url = reverse("letters:template_edit", args=[template.pk])

    response = second_save_refused(
        url,
        first=(manager, {"body": "From Monday 4 May."}),
        second=(other_manager, {"body": "From Tuesday 5 May."}),
    )

    assert [(row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("From Monday 4 May.", "From Tuesday 5 May.")
    ]
    # Counted from the version saved now.
    assert "Saving makes version 3" in response.content.decode()
    template.refresh_from_db()
    assert (template.body, template.version) == ("From Monday 4 May.", 2)
    save_again(response)
    template.refresh_from_db()
    assert (template.body, template.version) == ("From Tuesday 5 May.", 3)
