"""The same-day clock of DOMAIN.md §4: a safeguarding referral is sent on the day the concern
was recorded, by the end of that day in Europe/London."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from doorstep.core.working_days import end_of_day, local_date


def referral_due_at(concern_recorded_at: dt.datetime) -> dt.datetime:
    """23:59:59 London time on the day the concern was recorded."""
    return end_of_day(local_date(concern_recorded_at))


@dataclass(frozen=True)
class ReferralClock:
    state: str  # "due", "overdue", "sent_on_time" or "sent_late"
    label: str
    due_at: dt.datetime
    remaining: dt.timedelta | None  # time left, while due

    @property
    def is_overdue(self) -> bool:
        return self.state == "overdue"

    @property
    def final_hour(self) -> bool:
        """Due within the hour: the page refreshes its clock each minute until midnight. Only
        then, so an open page cannot keep a session alive for hours."""
        return self.remaining is not None and self.remaining <= dt.timedelta(hours=1)

    @property
    def tag_colour(self) -> str:
        return {
            "due": "yellow",
            "overdue": "red",
            "sent_on_time": "green",
            "sent_late": "orange",
        }[self.state]

    @property
    def remaining_text(self) -> str:
        if self.remaining is None:
            return ""
        minutes = max(int(self.remaining.total_seconds() // 60), 0)
        hours, minutes = divmod(minutes, 60)
        if hours:
            return f"{_count(hours, 'hour')} {_count(minutes, 'minute')}"
        return _count(minutes, "minute")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def clock_for(referral: Any, now: dt.datetime) -> ReferralClock:
    due_at = referral.due_at
    if referral.sent_at is not None:
        if referral.sent_at > due_at:
            return ReferralClock("sent_late", "Sent late", due_at, None)
        return ReferralClock("sent_on_time", "Sent on time", due_at, None)
    if now > due_at:
        return ReferralClock("overdue", "Overdue: not sent", due_at, None)
    return ReferralClock("due", "To send today", due_at, due_at - now)
