"""The Clutter Image Rating rules of DOMAIN.md §6 (fixed): pure functions, no database.

Each room (living room, kitchen, bedroom) is matched to the nearest of the nine Clutter Image
Rating pictures. The case rating is the highest room. Bands:

- 1-3: no hoarding concern;
- 4-6: hoarding — agree a support plan with the resident within 10 working days of the rating;
- 7-9: high risk — at once, a referral to fire and rescue for a home fire safety visit and a
  safeguarding consideration; the case risk rises to high.

"At once" is not a working-day clock in DOMAIN.md §4, so the two high-risk actions are due by
the end of the next working day after the rating date: soon enough to be urgent on My day, and
never due on a weekend or bank holiday when no one could act on them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from doorstep.core.working_days import add_working_days

LOWEST = 1
HIGHEST = 9
SCALE = range(LOWEST, HIGHEST + 1)

# What each of the nine pictures shows, in an officer's words (hint text on the form).
PICTURES: dict[int, str] = {
    1: "clear: floor and surfaces visible, room used as intended",
    2: "tidy: a few things out, nothing on the floor",
    3: "some clutter: surfaces busy, floor mostly clear",
    4: "clutter on the floor and furniture; the room is harder to use",
    5: "clutter covers much of the floor; narrow paths",
    6: "clutter knee to waist high; parts of the room cannot be used",
    7: "clutter blocks doors or windows; the room can barely be used",
    8: "room filled almost to the ceiling; only narrow paths through",
    9: "room filled completely; it cannot be entered",
}

SUPPORT_PLAN_WORKING_DAYS = 10
HIGH_RISK_WORKING_DAYS = 1  # "at once": by the end of the next working day (see above)

SUPPORT_PLAN = "Agree a support plan with the resident"
FIRE_SAFETY_REFERRAL = "Refer to fire and rescue for a home fire safety visit"
SAFEGUARDING_CONSIDERATION = "Consider a safeguarding referral"


class Band(StrEnum):
    NO_CONCERN = "no_concern"
    HOARDING = "hoarding"
    HIGH_RISK = "high_risk"


BAND_TEXT: dict[Band, str] = {
    Band.NO_CONCERN: "No hoarding concern",
    Band.HOARDING: "Hoarding: agree a support plan within 10 working days",
    Band.HIGH_RISK: "High risk",
}
# Short labels for tags and the chart, never the only signal (the text says the band too).
BAND_SHORT: dict[Band, str] = {
    Band.NO_CONCERN: "No concern",
    Band.HOARDING: "Hoarding",
    Band.HIGH_RISK: "High risk",
}


@dataclass(frozen=True)
class DueAction:
    title: str
    due_on: dt.date


def check_score(score: int) -> int:
    if isinstance(score, bool) or not isinstance(score, int) or score not in SCALE:
        raise ValueError(f"A Clutter Image Rating is a whole number from {LOWEST} to {HIGHEST}.")
    return score


def case_rating(*, living_room: int, kitchen: int, bedroom: int) -> int:
    """The case rating: the highest of the three rooms."""
    return max(check_score(living_room), check_score(kitchen), check_score(bedroom))


def band_for(rating: int) -> Band:
    check_score(rating)
    if rating <= 3:
        return Band.NO_CONCERN
    if rating <= 6:
        return Band.HOARDING
    return Band.HIGH_RISK


def band_text(rating: int) -> str:
    return BAND_TEXT[band_for(rating)]


def actions_for(*, rating: int, rated_on: dt.date) -> list[DueAction]:
    """The case actions a rating creates at once, with their due dates."""
    band = band_for(rating)
    if band is Band.HOARDING:
        return [DueAction(SUPPORT_PLAN, add_working_days(rated_on, SUPPORT_PLAN_WORKING_DAYS))]
    if band is Band.HIGH_RISK:
        due = add_working_days(rated_on, HIGH_RISK_WORKING_DAYS)
        return [DueAction(FIRE_SAFETY_REFERRAL, due), DueAction(SAFEGUARDING_CONSIDERATION, due)]
    return []


def raises_risk_to_high(rating: int) -> bool:
    return band_for(rating) is Band.HIGH_RISK
