"""The victim risk assessment for ASB and neighbour-dispute cases: nine yes/no questions and a
pure scoring function giving standard, medium or high.

How the level is worked out (shown on the form too):
- The score is the number of "yes" answers (0 to 9).
- **High** when the score is 6 or more, or when there has been violence or a threat of
  violence and the victim is vulnerable or fears for their safety.
- **Medium** when the score is 3 to 5, or when there has been violence or a threat of
  violence, or the victim believes it is motivated by hate.
- **Standard** otherwise.
Violence and hate lift the level on their own because those are the cases where delay does
the most harm, whatever else the victim says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from doorstep.cases.models import RiskLevel

# (field name, question as asked), in the order the form asks them.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("repeat_victim", "Has the victim been targeted before (a repeat victim)?"),
    (
        "vulnerable",
        "Is the victim vulnerable (for example age, disability, mental health, isolation)?",
    ),
    ("fear_for_safety", "Is the victim afraid for their own or their family's safety?"),
    ("threats_or_violence", "Has there been violence, or a threat of violence?"),
    ("hate_motivated", "Does the victim believe it is motivated by hate?"),
    ("health_impact", "Is it affecting the victim's physical or mental health?"),
    ("children_in_household", "Are there children in the household who are affected?"),
    ("considering_moving", "Is the victim thinking of moving, or staying away from home?"),
    ("no_support", "Is the victim without support from family, friends or other services?"),
)
QUESTION_FIELDS: tuple[str, ...] = tuple(name for name, _ in QUESTIONS)

HIGH_SCORE = 6
MEDIUM_SCORE = 3


@dataclass(frozen=True)
class RiskResult:
    score: int
    level: RiskLevel


def score_answers(answers: Mapping[str, bool]) -> RiskResult:
    """Score a full set of answers (every field in QUESTION_FIELDS) to a risk level."""
    missing = [name for name in QUESTION_FIELDS if name not in answers]
    if missing:
        raise ValueError(f"Missing answers: {', '.join(missing)}")
    yes = {name for name in QUESTION_FIELDS if answers[name]}
    score = len(yes)
    violence = "threats_or_violence" in yes
    if score >= HIGH_SCORE or (violence and yes & {"vulnerable", "fear_for_safety"}):
        level = RiskLevel.HIGH
    elif score >= MEDIUM_SCORE or violence or "hate_motivated" in yes:
        level = RiskLevel.MEDIUM
    else:
        level = RiskLevel.STANDARD
    return RiskResult(score=score, level=level)


RISK_ORDER = {RiskLevel.STANDARD: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


def higher(a: str, b: str) -> bool:
    """Whether risk level `a` is higher than `b`."""
    return RISK_ORDER[RiskLevel(a)] > RISK_ORDER[RiskLevel(b)]
