import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from doorstep.cases.models import CaseAction, CaseEvent, CaseStatus, CaseType, RiskLevel
from doorstep.core.models import AuditEvent
from doorstep.hoarding import services
from doorstep.hoarding.models import ClutterRating, HomeCondition
from doorstep.hoarding.tests.conftest import FRI_18_DEC_2026
from doorstep.hoarding.tests.factories import HoardingCaseFactory

pytestmark = pytest.mark.django_db

SUPPORT_PLAN = "Agree a support plan with the resident"
FIRE = "Refer to fire and rescue for a home fire safety visit"
SAFEGUARDING = "Consider a safeguarding referral"


def rate(case, actor, living_room, kitchen=1, bedroom=1, rated_on=FRI_18_DEC_2026, **kwargs):
    return services.clutter_rating_add(
        actor=actor,
        case=case,
        rated_on=rated_on,
        living_room=living_room,
        kitchen=kitchen,
        bedroom=bedroom,
        **kwargs,
    )


def open_actions(case):
    return list(
        CaseAction.objects.filter(case=case, done_at__isnull=True)
        .order_by("title")
        .values_list("title", "due_on", "owner_id")
    )


@pytest.fixture(autouse=True)
def _on_18_december_2026():
    with time_machine.travel(dt.datetime(2026, 12, 18, 11, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_no_concern_rating_is_kept_and_sets_nothing(hoarding_case, officer):
    result = rate(hoarding_case, officer, 3, 2, 1)
    assert result.rating.case_rating == 3
    assert result.actions == [] and result.risk_raised is False
    assert open_actions(hoarding_case) == []
    hoarding_case.refresh_from_db()
    assert hoarding_case.risk_level == RiskLevel.STANDARD


def test_case_rating_is_the_highest_room(hoarding_case, officer):
    result = rate(hoarding_case, officer, 2, 6, 3)
    assert result.rating.case_rating == 6
    assert result.rating.band_text == "Hoarding: agree a support plan within 10 working days"


@pytest.mark.parametrize("score", [4, 6])
def test_hoarding_band_adds_a_support_plan_for_the_lead_officer_across_christmas(
    hoarding_case, officer, team_leader, score
):
    # Rated by the team leader: the action is still the lead officer's.
    result = rate(hoarding_case, team_leader, 1, 1, score)
    assert open_actions(hoarding_case) == [(SUPPORT_PLAN, dt.date(2027, 1, 6), officer.pk)]
    assert [a.title for a in result.actions] == [SUPPORT_PLAN]
    hoarding_case.refresh_from_db()
    assert hoarding_case.risk_level == RiskLevel.STANDARD


@pytest.mark.parametrize("score", [7, 9])
def test_high_risk_adds_both_actions_next_working_day_and_raises_risk(
    hoarding_case, officer, score
):
    result = rate(hoarding_case, officer, score, 2, 2)
    monday = dt.date(2026, 12, 21)
    assert open_actions(hoarding_case) == [
        (SAFEGUARDING, monday, officer.pk),
        (FIRE, monday, officer.pk),
    ]
    assert result.risk_raised is True
    hoarding_case.refresh_from_db()
    assert hoarding_case.risk_level == RiskLevel.HIGH


def test_a_second_rating_in_the_same_band_adds_no_duplicate_actions(hoarding_case, officer):
    rate(hoarding_case, officer, 8)
    again = rate(hoarding_case, officer, 9)
    assert again.actions == [] and again.risk_raised is False
    assert len(open_actions(hoarding_case)) == 2
    rate(hoarding_case, officer, 8)
    assert [t for t, _, _ in open_actions(hoarding_case)] == [SAFEGUARDING, FIRE]


def test_a_done_action_is_set_again_by_a_later_rating_in_the_band(hoarding_case, officer):
    rate(hoarding_case, officer, 5)
    CaseAction.objects.filter(case=hoarding_case).update(done_at=dt.datetime.now(dt.UTC))
    result = rate(hoarding_case, officer, 5)
    assert [a.title for a in result.actions] == [SUPPORT_PLAN]
    assert CaseAction.objects.filter(case=hoarding_case, title=SUPPORT_PLAN).count() == 2


def test_rising_from_hoarding_to_high_risk_keeps_the_plan_and_adds_the_high_risk_actions(
    hoarding_case, officer
):
    rate(hoarding_case, officer, 5, rated_on=dt.date(2026, 12, 1))
    rate(hoarding_case, officer, 8)
    assert [t for t, _, _ in open_actions(hoarding_case)] == [SUPPORT_PLAN, SAFEGUARDING, FIRE]


def test_every_rating_is_kept_so_the_trend_shows(hoarding_case, officer):
    for day, score in [(1, 3), (8, 5), (15, 8)]:
        rate(hoarding_case, officer, score, rated_on=dt.date(2026, 12, day))
    ratings = ClutterRating.objects.filter(case=hoarding_case).order_by("rated_on")
    assert [r.case_rating for r in ratings] == [3, 5, 8]


def test_an_older_rating_entered_late_joins_the_trend_but_sets_nothing(hoarding_case, officer):
    rate(hoarding_case, officer, 2, rated_on=dt.date(2026, 12, 10))
    late = rate(hoarding_case, officer, 8, rated_on=dt.date(2026, 11, 2))
    assert late.is_latest is False and late.actions == [] and late.risk_raised is False
    assert open_actions(hoarding_case) == []
    assert ClutterRating.objects.filter(case=hoarding_case).count() == 2


def test_an_already_high_risk_case_is_not_raised_again(hoarding_case, officer):
    hoarding_case.risk_level = RiskLevel.HIGH
    hoarding_case.save()
    assert rate(hoarding_case, officer, 8).risk_raised is False


def test_with_no_lead_officer_the_officer_who_rated_owns_the_actions(home, officer):
    case = HoardingCaseFactory(home=home, lead_officer=None)
    rate(case, officer, 5)
    assert open_actions(case) == [(SUPPORT_PLAN, dt.date(2027, 1, 6), officer.pk)]


def test_a_rating_is_audited_and_on_the_case_timeline(hoarding_case, officer):
    result = rate(hoarding_case, officer, 8, 3, 2)
    audit = AuditEvent.objects.get(
        object_type="hoarding.clutterrating", object_id=str(result.rating.pk)
    )
    assert audit.actor == officer and audit.changes["living_room"] == [None, 8]
    assert CaseEvent.objects.filter(
        case=hoarding_case,
        text__startswith="Clutter Image Rating 8 on 18 Dec 2026 (High risk): living room 8",
    ).exists()


@pytest.mark.parametrize(
    ("scores", "field"),
    [((0, 1, 1), "living_room"), ((1, 10, 1), "kitchen"), ((1, 1, None), "bedroom")],
)
def test_scores_off_the_scale_are_refused_by_room(hoarding_case, officer, scores, field):
    with pytest.raises(ValidationError) as exc:
        rate(hoarding_case, officer, *scores)
    assert field in exc.value.message_dict
    assert ClutterRating.objects.count() == 0


def test_a_rating_date_in_the_future_is_refused(hoarding_case, officer):
    with pytest.raises(ValidationError) as exc:
        rate(hoarding_case, officer, 5, rated_on=dt.date(2026, 12, 19))
    assert exc.value.message_dict == {
        "rated_on": ["The date the rooms were rated cannot be in the future."]
    }


def test_closed_cases_and_other_case_types_take_no_rating(home, officer):
    closed = HoardingCaseFactory(
        home=home, lead_officer=officer, status=CaseStatus.CLOSED, closed_on=dt.date(2026, 6, 1)
    )
    asb = HoardingCaseFactory(home=home, lead_officer=officer, case_type=CaseType.ASB)
    for case in (closed, asb):
        with pytest.raises(ValidationError):
            rate(case, officer, 5)
    assert ClutterRating.objects.count() == 0
    assert CaseAction.objects.count() == 0


# --- self-neglect -----------------------------------------------------------------------------


def assess(case, actor, **kwargs):
    values = {
        "assessed_on": FRI_18_DEC_2026,
        "condition_of_home": HomeCondition.POOR,
        "risks_to_person": "Not eating; no heating on.",
        "risks_to_neighbours": "Rubbish on the landing.",
        "multi_agency_meeting_needed": True,
    }
    values.update(kwargs)
    return services.self_neglect_assessment_add(actor=actor, case=case, **values)


def test_assessment_in_a_scheme_says_neighbours_may_be_at_risk(scheme_case, officer):
    assessment = assess(scheme_case, officer)
    assert assessment.home_in_scheme is True
    assert assessment.multi_agency_meeting_needed is True
    assert AuditEvent.objects.filter(
        object_type="hoarding.selfneglectassessment", object_id=str(assessment.pk)
    ).exists()
    assert CaseEvent.objects.filter(
        case=scheme_case, text__contains="multi-agency meeting needed"
    ).exists()


def test_assessment_on_a_general_estate_is_not_in_a_scheme(self_neglect_case, officer):
    assert assess(self_neglect_case, officer).home_in_scheme is False


def test_assessment_needs_the_risks_to_the_person_a_condition_and_a_past_date(
    self_neglect_case, officer
):
    cases = [
        ({"risks_to_person": "  "}, "risks_to_person"),
        ({"condition_of_home": "filthy"}, "condition_of_home"),
        ({"assessed_on": dt.date(2026, 12, 19)}, "assessed_on"),
        ({"note": "x" * 2001}, "note"),
    ]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as exc:
            assess(self_neglect_case, officer, **kwargs)
        assert field in exc.value.message_dict


def test_a_hoarding_case_takes_no_self_neglect_assessment(hoarding_case, officer):
    with pytest.raises(ValidationError):
        assess(hoarding_case, officer)


def test_a_late_rating_whose_due_date_has_passed_is_due_today(hoarding_case, officer):
    # Rated on Mon 30 Nov, recorded on Fri 18 Dec: the support plan was due Mon 14 Dec, so the
    # action is due at once (today), not silently in the past.
    rate(hoarding_case, officer, 5, rated_on=dt.date(2026, 11, 30))
    assert open_actions(hoarding_case) == [(SUPPORT_PLAN, FRI_18_DEC_2026, officer.pk)]


def test_when_the_lead_officer_has_left_the_officer_who_rated_owns_the_actions(
    hoarding_case, officer, team_leader
):
    officer.is_active = False
    officer.save()
    rate(hoarding_case, team_leader, 8)
    assert {owner for _, _, owner in open_actions(hoarding_case)} == {team_leader.pk}


def test_raising_the_risk_says_why_on_the_timeline(hoarding_case, officer):
    rate(hoarding_case, officer, 9)
    assert CaseEvent.objects.filter(
        case=hoarding_case,
        text="Risk level changed from Standard to High. Clutter Image Rating 9: high risk.",
    ).exists()
