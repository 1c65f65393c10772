"""Victim risk scoring (risk.py): the thresholds as documented."""

from __future__ import annotations

import pytest

from doorstep.asb import risk
from doorstep.cases.models import RiskLevel


def answers(*yes: str) -> dict[str, bool]:
    unknown = set(yes) - set(risk.QUESTION_FIELDS)
    assert not unknown, unknown
    return {name: name in yes for name in risk.QUESTION_FIELDS}


@pytest.mark.parametrize(
    ("yes", "score", "level"),
    [
        ((), 0, RiskLevel.STANDARD),
        (("repeat_victim", "health_impact"), 2, RiskLevel.STANDARD),
        (("repeat_victim", "health_impact", "children_in_household"), 3, RiskLevel.MEDIUM),
        (
            (
                "repeat_victim",
                "health_impact",
                "children_in_household",
                "considering_moving",
                "no_support",
            ),
            5,
            RiskLevel.MEDIUM,
        ),
        (
            (
                "repeat_victim",
                "health_impact",
                "children_in_household",
                "considering_moving",
                "no_support",
                "vulnerable",
            ),
            6,
            RiskLevel.HIGH,
        ),
        # Violence or hate alone lift the level to medium.
        (("threats_or_violence",), 1, RiskLevel.MEDIUM),
        (("hate_motivated",), 1, RiskLevel.MEDIUM),
        # Violence with a vulnerable or frightened victim is high at once.
        (("threats_or_violence", "vulnerable"), 2, RiskLevel.HIGH),
        (("threats_or_violence", "fear_for_safety"), 2, RiskLevel.HIGH),
        # Vulnerable and frightened without violence: standard on two points.
        (("vulnerable", "fear_for_safety"), 2, RiskLevel.STANDARD),
    ],
)
def test_score_answers(yes, score, level):
    result = risk.score_answers(answers(*yes))
    assert (result.score, result.level) == (score, level)


def test_every_answer_is_needed():
    partial = answers()
    del partial["no_support"]
    with pytest.raises(ValueError, match="no_support"):
        risk.score_answers(partial)


def test_higher():
    assert risk.higher("high", "medium")
    assert risk.higher("medium", "standard")
    assert not risk.higher("standard", "standard")
    assert not risk.higher("medium", "high")
