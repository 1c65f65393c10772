"""The domestic abuse risk rule: band edges, escalation, professional judgement, the MARAC
clock."""

import datetime as dt

import pytest

from doorstep.cases.models import RiskLevel
from doorstep.domestic_abuse import rules
from doorstep.domestic_abuse.tests.factories import answers

D = dt.date


def test_27_questions_each_with_its_own_code():
    assert len(rules.QUESTIONS) == 27
    assert len(set(rules.QUESTION_CODES)) == 27
    assert all(text.endswith("?") for _, text in rules.QUESTIONS)


@pytest.mark.parametrize(
    ("yes", "level"),
    [
        (0, RiskLevel.STANDARD),
        (9, RiskLevel.STANDARD),
        (10, RiskLevel.MEDIUM),
        (13, RiskLevel.MEDIUM),
        (14, RiskLevel.HIGH),
        (27, RiskLevel.HIGH),
    ],
)
def test_band_edges(yes, level):
    result = rules.assess(answers=answers(yes), police_callouts=0)
    assert (result.yes_count, result.scored_level, result.level) == (yes, level, level)
    assert result.needs_marac == (level == RiskLevel.HIGH)


def test_not_known_never_counts():
    result = rules.assess(answers=answers(9, not_known=18), police_callouts=0)
    assert (result.yes_count, result.level) == (9, RiskLevel.STANDARD)


@pytest.mark.parametrize(("callouts", "level"), [(2, RiskLevel.STANDARD), (3, RiskLevel.HIGH)])
def test_three_police_callouts_in_a_year_is_escalation_and_high(callouts, level):
    result = rules.assess(answers=answers(2), police_callouts=callouts)
    assert result.escalation == (callouts >= 3)
    assert result.level == level
    assert result.scored_level == RiskLevel.STANDARD


@pytest.mark.parametrize(
    ("yes", "judged", "level"),
    [
        (9, RiskLevel.MEDIUM, RiskLevel.MEDIUM),
        (9, RiskLevel.HIGH, RiskLevel.HIGH),
        (12, RiskLevel.HIGH, RiskLevel.HIGH),
    ],
)
def test_professional_judgement_raises(yes, judged, level):
    result = rules.assess(
        answers=answers(yes),
        police_callouts=0,
        judgement_level=judged,
        judgement_reason="She said he has bought a knife.",
    )
    assert (result.level, result.judgement_level) == (level, judged)
    assert "raised to" in result.reasons[-1]


@pytest.mark.parametrize(
    ("yes", "callouts", "judged"),
    [
        (14, 0, RiskLevel.MEDIUM),  # lower
        (14, 0, RiskLevel.STANDARD),  # lower
        (14, 0, RiskLevel.HIGH),  # already high
        (10, 0, RiskLevel.MEDIUM),  # the same
        (0, 3, RiskLevel.HIGH),  # escalation already makes it high
    ],
)
def test_professional_judgement_never_lowers(yes, callouts, judged):
    with pytest.raises(rules.AssessmentError) as exc:
        rules.assess(
            answers=answers(yes),
            police_callouts=callouts,
            judgement_level=judged,
            judgement_reason="Reason",
        )
    assert exc.value.field == "judgement_level"
    assert "never lower" in str(exc.value)


def test_judgement_needs_a_reason():
    with pytest.raises(rules.AssessmentError) as exc:
        rules.assess(answers=answers(1), police_callouts=0, judgement_level=RiskLevel.HIGH)
    assert exc.value.field == "judgement_reason"


def test_every_question_needs_an_answer():
    partial = answers(3)
    del partial["strangulation"]
    with pytest.raises(rules.AssessmentError) as exc:
        rules.assess(answers=partial, police_callouts=0)
    assert exc.value.field == "strangulation"
    with pytest.raises(rules.AssessmentError):
        rules.assess(answers={**answers(3), "weapon": "maybe"}, police_callouts=0)
    with pytest.raises(rules.AssessmentError) as exc:
        rules.assess(answers=answers(3), police_callouts=-1)
    assert exc.value.field == "police_callouts"


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (D(2026, 4, 2), D(2026, 4, 2)),  # Maundy Thursday: the same day
        (D(2026, 4, 3), D(2026, 4, 7)),  # Good Friday: after Easter Monday
        (D(2026, 4, 4), D(2026, 4, 7)),  # Saturday
        (D(2026, 9, 13), D(2026, 9, 14)),  # Sunday: Monday
    ],
)
def test_marac_referral_is_due_the_same_working_day(today, due):
    assert rules.marac_due_on(today) == due


def test_marac_needed_until_a_referral_on_or_after_the_latest_high_assessment():
    high = {"latest_level": RiskLevel.HIGH, "latest_assessed_on": D(2026, 3, 10)}
    assert rules.marac_needed(**high, referred_on=[])
    assert rules.marac_needed(**high, referred_on=[D(2026, 1, 5)])  # an older referral
    assert not rules.marac_needed(**high, referred_on=[D(2026, 3, 10)])
    assert not rules.marac_needed(
        latest_level=RiskLevel.MEDIUM, latest_assessed_on=D(2026, 3, 10), referred_on=[]
    )
    assert not rules.marac_needed(latest_level=None, latest_assessed_on=None, referred_on=[])
