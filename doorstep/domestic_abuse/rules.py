"""The domestic abuse risk assessment (DOMAIN.md §6): DASH-style questions and the pure rule
that turns the answers into a risk level. No database.

The questions are our own plain-English wording, asked of the victim, in the spirit of the
SafeLives Domestic Abuse, Stalking and Harassment and Honour Based Violence (DASH) Risk
Identification Checklist. Each is answered yes, no or not known; only "yes" counts.

How the level is worked out (SafeLives, "Dash risk checklist quick start guidance" and the
MARAC referral criteria, which name three routes to high risk):
- **Visible high risk**: 14 or more "yes" answers (HIGH_YES_COUNT) — SafeLives' threshold for a
  MARAC referral.
- **Potential escalation**: 3 or more police call-outs for domestic abuse in the past 12 months
  (ESCALATION_POLICE_CALLOUTS) — SafeLives: "it is common practice to start with 3 or more
  police callouts in a 12-month period", to be reviewed against local volumes.
- **Professional judgement**: the officer may raise the level (never lower it), giving the
  reason: what the victim says, or what the officer sees, can outweigh a low count.
- **Medium**: 10 to 13 "yes" answers (MEDIUM_YES_COUNT) — identifiable indicators of risk of
  serious harm, below the MARAC threshold.
- **Standard**: fewer than 10.
A high level means a referral to the MARAC (multi-agency risk assessment conference).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from doorstep.cases.models import RiskLevel
from doorstep.core.working_days import add_working_days, is_working_day

HIGH_YES_COUNT = 14  # SafeLives: 14 or more ticks is "visible high risk", refer to MARAC
MEDIUM_YES_COUNT = 10  # 10-13: medium
ESCALATION_POLICE_CALLOUTS = 3  # SafeLives: 3+ police call-outs in 12 months, escalation

YES = "yes"
NO = "no"
NOT_KNOWN = "not_known"
ANSWERS = ((YES, "Yes"), (NO, "No"), (NOT_KNOWN, "Not known"))

# (code, question as asked of the victim), in the order the form asks them.
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("current_injury", "Were you hurt in what happened this time?"),
    ("very_frightened", "Are you very frightened?"),
    ("afraid_of_harm", "Are you afraid they will hurt you again, or worse?"),
    ("isolated", "Do they stop you seeing family or friends, or cut you off from them?"),
    ("low_or_suicidal", "Are you feeling very low, or thinking about taking your own life?"),
    ("separation", "Have you split up, or tried to split up, with them in the last year?"),
    ("child_contact", "Are there arguments about them seeing the children?"),
    (
        "stalking",
        "Do they keep calling, texting, following you or turning up where you are?",
    ),
    ("pregnant", "Are you pregnant, or have you had a baby in the last 18 months?"),
    ("children_in_home", "Are there children, or other people who depend on you, at home?"),
    ("children_hurt", "Have they ever hurt the children, or anyone who depends on you?"),
    ("children_threatened", "Have they ever threatened to hurt or kill the children?"),
    ("getting_worse", "Is the abuse happening more often, or getting worse?"),
    ("controlling", "Do they try to control everything you do, or are they very jealous?"),
    ("weapon", "Have they ever used a weapon or an object to hurt you?"),
    ("threats_to_kill", "Have they ever threatened to kill you or someone else?"),
    ("strangulation", "Have they ever tried to strangle, choke, suffocate or drown you?"),
    ("sexual_abuse", "Do they do or say sexual things that hurt you or make you feel bad?"),
    ("hurt_others", "Have they hurt anyone else: another partner, relatives, children?"),
    ("animals", "Have they ever hurt or threatened to hurt a pet or other animal?"),
    ("money", "Do they control your money, or are there money problems between you?"),
    ("drink_or_drugs", "Have they had problems with drink or drugs in the last year?"),
    ("mental_health", "Have they had mental health problems in the last year?"),
    ("their_suicide", "Have they ever threatened or tried to take their own life?"),
    (
        "breached_orders",
        "Have they broken bail, an injunction or an agreement about seeing you or the children?",
    ),
    (
        "criminal_history",
        "Do you know of them being in trouble with the police, for abuse or violence?",
    ),
    ("others_afraid", "Is there anyone else you are afraid of, or who has threatened you?"),
)
QUESTION_CODES: tuple[str, ...] = tuple(code for code, _ in QUESTIONS)

_ORDER = {RiskLevel.STANDARD: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


def higher(a: str, b: str) -> bool:
    """Whether risk level `a` is higher than `b`."""
    return _ORDER[RiskLevel(a)] > _ORDER[RiskLevel(b)]


def level_from_count(yes_count: int) -> RiskLevel:
    if yes_count >= HIGH_YES_COUNT:
        return RiskLevel.HIGH
    if yes_count >= MEDIUM_YES_COUNT:
        return RiskLevel.MEDIUM
    return RiskLevel.STANDARD


class AssessmentError(ValueError):
    """The answers or the judgement cannot be scored; `field` names what to correct."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class DashResult:
    yes_count: int
    scored_level: RiskLevel  # from the count alone
    escalation: bool
    judgement_level: RiskLevel | None
    level: RiskLevel  # what the case's risk becomes

    @property
    def needs_marac(self) -> bool:
        return self.level == RiskLevel.HIGH

    @property
    def reasons(self) -> list[str]:
        """Why the level is what it is, in an officer's words."""
        found = [f"{self.yes_count} of {len(QUESTIONS)} answered yes"]
        if self.escalation:
            found.append(f"{ESCALATION_POLICE_CALLOUTS} or more police call-outs in 12 months")
        if self.judgement_level is not None:
            found.append(f"raised to {self.judgement_level.label.lower()} by judgement")
        return found


def assess(
    *,
    answers: Mapping[str, str],
    police_callouts: int,
    judgement_level: str = "",
    judgement_reason: str = "",
) -> DashResult:
    """Score a full set of answers (every code in QUESTION_CODES: yes / no / not_known), the
    number of police call-outs in the past 12 months and the officer's professional judgement
    (a level higher than the answers and call-outs give, with a reason, or none)."""
    missing = [code for code in QUESTION_CODES if answers.get(code) not in (YES, NO, NOT_KNOWN)]
    if missing:
        raise AssessmentError(missing[0], f"Answer every question ({len(missing)} not answered).")
    if police_callouts is None or police_callouts < 0:
        raise AssessmentError("police_callouts", "Enter the number of police call-outs, 0 or more.")
    yes_count = sum(1 for code in QUESTION_CODES if answers[code] == YES)
    scored = level_from_count(yes_count)
    escalation = police_callouts >= ESCALATION_POLICE_CALLOUTS
    level = RiskLevel.HIGH if escalation else scored
    judgement: RiskLevel | None = None
    if judgement_level:
        if judgement_level not in RiskLevel.values:
            raise AssessmentError("judgement_level", "Choose the level from the list.")
        if not higher(judgement_level, level):
            raise AssessmentError(
                "judgement_level",
                f"The assessment already gives {level.label.lower()} risk. Professional judgement "
                "can raise the level, never lower it.",
            )
        if not (judgement_reason or "").strip():
            raise AssessmentError(
                "judgement_reason", "Give the reason for raising the level by judgement."
            )
        judgement = RiskLevel(judgement_level)
        level = judgement
    return DashResult(
        yes_count=yes_count,
        scored_level=scored,
        escalation=escalation,
        judgement_level=judgement,
        level=level,
    )


def marac_due_on(today: dt.date) -> dt.date:
    """ "Refer to MARAC" is due the same working day: today when it is one, else the next."""
    return today if is_working_day(today) else add_working_days(today, 1)


def marac_needed(
    *, latest_level: str | None, latest_assessed_on: dt.date | None, referred_on: list[dt.date]
) -> bool:
    """A MARAC referral is needed while the latest assessment is high and no referral has been
    made on or after the day it was assessed."""
    if latest_level != RiskLevel.HIGH or latest_assessed_on is None:
        return False
    return not any(day >= latest_assessed_on for day in referred_on)
