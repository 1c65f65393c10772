"""Two managers recording one candidate's decision: the second save is refused with both
versions shown and the first stands. Interviewers' scores are each their own, so two panel
members scoring one candidate never conflict."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import (
    opened,
    save_again,
    second_manager,
    second_save_refused,
    signed_in,
)
from doorstep.recruitment.models import Score

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_manager(office, team):
    user = second_manager(team)
    office.managers.add(user)
    return user


def test_two_managers_decide_one_candidate_and_the_second_sees_a_conflict(
    manager, other_manager, vacancy, candidates
):
    candidate = candidates[0]
    url = reverse("recruitment:decision", args=[vacancy.pk, candidate.pk])

    response = second_save_refused(
        url,
        first=(manager, {"decision": "appoint"}),
        second=(other_manager, {"decision": "reject", "reason": "Less experience"}),
    )

    assert [(row.label, row.theirs, row.yours) for row in response.context["conflict_rows"]] == [
        ("Decision", "Appoint", "Reject"),
        ("Reason", "(blank)", "Less experience"),
    ]
    assert "Less experience" in response.content.decode()
    candidate.refresh_from_db()
    assert (candidate.decision, candidate.decision_reason) == ("appoint", "")
    save_again(response)
    candidate.refresh_from_db()
    assert candidate.decision == "reject"


def test_two_interviewers_scoring_one_candidate_do_not_block_each_other(
    manager, team_leader, vacancy, criteria, candidates, slots
):
    url = reverse("recruitment:score", args=[vacancy.pk, candidates[0].pk])
    mine, theirs = signed_in(manager, team_leader)
    opened_mine, opened_theirs = opened(mine, url), opened(theirs, url)
    assert "version" not in opened_mine  # each interviewer's scores are their own records
    first = {**opened_mine, f"score_{criteria[0].pk}": "8"}
    second = {**opened_theirs, f"score_{criteria[0].pk}": "6"}
    assert mine.post(url, first).status_code == 302
    assert theirs.post(url, second).status_code == 302
    saved = dict(Score.objects.values_list("panel_member__email", "score"))
    assert saved == {"manager@doorstep.test": 8, "team.leader@doorstep.test": 6}
