"""The manager's side of the demo: check-ins, priorities, the Lettings Advisor vacancy and the
community events."""

import pytest

from doorstep.community.models import Champion, Event, SignUp
from doorstep.demo import data
from doorstep.demo.tests.test_load_demo import TODAY, demo, frozen, load  # noqa: F401
from doorstep.places.models import Office
from doorstep.recruitment.models import Candidate, PanelSubmission, Score, Vacancy
from doorstep.recruitment.selectors import ranking
from doorstep.teams.models import CheckIn, Priority

pytestmark = pytest.mark.django_db


def test_the_manager_side_of_the_demo(demo):  # noqa: F811
    walsall = Office.objects.get(name="Walsall")
    kerry = CheckIn.objects.get(user__full_name=data.DEMO_OFFICER, date=TODAY)
    assert kerry.whereabouts == "on_visits"
    assert CheckIn.objects.filter(date=TODAY, whereabouts="absent").count() == 2
    assert Priority.objects.filter(team__office=walsall, date=TODAY).count() == 3

    vacancy = Vacancy.objects.get(title="Lettings Advisor", office=walsall)
    assert Candidate.objects.filter(vacancy=vacancy).count() == 4
    assert vacancy.criteria.count() == 5
    assert Score.objects.filter(candidate__vacancy=vacancy).count() == 4 * 5 * 2
    assert PanelSubmission.objects.get(vacancy=vacancy).panel_member.full_name == "Sandra Hughes"
    ranks = sorted(result.rank for result in ranking(vacancy=vacancy))
    assert ranks == [1, 2, 3, 4]

    assert Champion.objects.count() == 3
    titles = set(Event.objects.values_list("title", flat=True))
    assert {
        "Community garden afternoon with older residents",
        "Street party for the King's birthday",
        "Scarecrow competition",
    } <= titles
    garden = Event.objects.get(title="Community garden afternoon with older residents")
    older = SignUp.objects.filter(
        event=garden, person__flags__code="older_person", person__flags__end_date__isnull=True
    )
    assert older.count() >= 5
