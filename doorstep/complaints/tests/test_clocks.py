"""The Complaint Handling Code clocks (DOMAIN.md §4), with every date worked out by hand.

England and Wales bank holidays used here: Good Friday 3 Apr 2026, Easter Monday 6 Apr 2026,
early May 4 May 2026, spring 25 May 2026, Christmas Fri 25 Dec 2026, Boxing Day Sat 26 Dec
2026 (substitute Mon 28 Dec 2026), New Year's Day Fri 1 Jan 2027.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from doorstep.complaints import clocks

D = dt.date
DEC_23 = D(2026, 12, 23)


@dataclass
class S:
    """A stage's dates, as the clocks see them."""

    stage: int = 1
    received_on: dt.date = DEC_23
    acknowledged_on: dt.date | None = None
    responded_on: dt.date | None = None
    extension_working_days: int = 0


# --- acknowledge -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stage", "received_on", "due", "why"),
    [
        # After Wed 23 Dec: Thu 24 (1); Fri 25 and Mon 28 bank holidays; Tue 29 (2), Wed 30
        # (3), Thu 31 (4); Fri 1 Jan bank holiday; Mon 4 Jan (5).
        (1, D(2026, 12, 23), D(2027, 1, 4), "Christmas and New Year"),
        # After Wed 1 Apr: Thu 2 (1); Good Friday and Easter Monday; Tue 7 (2) .. Fri 10 (5).
        (1, D(2026, 4, 1), D(2026, 4, 10), "Easter 2026"),
        # After Thu 2 Apr: Tue 7 (1), Wed 8, Thu 9, Fri 10, Mon 13 Apr (5).
        (2, D(2026, 4, 2), D(2026, 4, 13), "stage 2 across Easter 2026"),
        # Received on a Saturday: the day itself never counts; Mon 9 (1) .. Fri 13 Mar (5).
        (1, D(2026, 3, 7), D(2026, 3, 13), "received on a Saturday"),
        # Received on a Friday: Mon 9 (1) .. Fri 13 Mar (5) - the same due date.
        (1, D(2026, 3, 6), D(2026, 3, 13), "received on a Friday"),
        # Received on the spring bank holiday Mon 25 May: Tue 26 (1) .. Fri 29 (4), Mon 1 Jun.
        (1, D(2026, 5, 25), D(2026, 6, 1), "received on a bank holiday"),
    ],
)
def test_acknowledge_due_is_the_fifth_working_day_after_receipt(stage, received_on, due, why):
    assert clocks.acknowledge_due(stage=stage, received_on=received_on) == due, why


# --- respond ---------------------------------------------------------------------------------


def test_stage_1_response_is_due_ten_working_days_after_acknowledgement():
    # After Mon 4 Jan 2027: Tue 5 (1) .. Fri 8 (4), Mon 11 (5) .. Fri 15 (9), Mon 18 Jan (10).
    assert clocks.respond_due(stage=1, acknowledged_on=D(2027, 1, 4)) == D(2027, 1, 18)


def test_stage_1_response_with_the_full_ten_day_extension():
    # Ten more after Mon 18 Jan: Tue 19 (11) .. Fri 22 (14), Mon 25 (15) .. Fri 29 (19),
    # Mon 1 Feb 2027 (20).
    assert clocks.respond_due(
        stage=1, acknowledged_on=D(2027, 1, 4), extension_working_days=10
    ) == D(2027, 2, 1)


def test_stage_2_response_across_easter_is_twenty_working_days_after_acknowledgement():
    # After Tue 31 Mar 2026: Wed 1 Apr (1), Thu 2 (2); Good Friday, Easter Monday; Tue 7 (3)
    # .. Fri 10 (6); 13-17 (7-11); 20-24 (12-16); Mon 27 (17) .. Thu 30 Apr (20).
    assert clocks.respond_due(stage=2, acknowledged_on=D(2026, 3, 31)) == D(2026, 4, 30)


def test_stage_2_full_extension_crosses_two_may_bank_holidays():
    # Twenty more after Thu 30 Apr: Fri 1 May (21); Mon 4 May bank holiday; Tue 5 (22) ..
    # Fri 8 (25); 11-15 (26-30); 18-22 (31-35); Mon 25 May bank holiday; Tue 26 (36) ..
    # Fri 29 (39); Mon 1 Jun 2026 (40).
    assert clocks.respond_due(
        stage=2, acknowledged_on=D(2026, 3, 31), extension_working_days=20
    ) == D(2026, 6, 1)


def test_respond_clock_starts_from_a_late_acknowledgement_not_from_receipt():
    late = S(received_on=D(2027, 1, 4), acknowledged_on=D(2027, 1, 18))
    # After Mon 18 Jan: 19-22 (1-4), 25-29 (5-9), Mon 1 Feb (10).
    assert clocks.respond_by(late) == D(2027, 2, 1)


@pytest.mark.parametrize(("stage", "days"), [(1, 11), (2, 21), (1, -1), (2, -1)])
def test_extensions_over_the_cap_or_negative_are_refused(stage, days):
    with pytest.raises(ValueError, match="extension"):
        clocks.respond_due(stage=stage, acknowledged_on=D(2027, 1, 4), extension_working_days=days)


@pytest.mark.parametrize(("stage", "days"), [(1, 10), (2, 20), (1, 0)])
def test_extensions_at_the_cap_are_allowed(stage, days):
    assert clocks.respond_due(
        stage=stage, acknowledged_on=D(2027, 1, 4), extension_working_days=days
    )


def test_there_is_no_stage_3():
    with pytest.raises(ValueError, match="1 or 2"):
        clocks.acknowledge_due(stage=3, received_on=D(2027, 1, 4))


def test_no_respond_date_until_acknowledged():
    assert clocks.respond_by(S()) is None


# --- within the Code timescale (CH02) --------------------------------------------------------


def test_within_code_timescale_is_none_until_responded():
    assert clocks.within_code_timescale(S(acknowledged_on=D(2027, 1, 4))) is None


def test_a_response_on_the_due_day_is_within_the_code_timescale():
    stage = S(acknowledged_on=D(2027, 1, 4), responded_on=D(2027, 1, 18))
    assert clocks.within_code_timescale(stage) is True


def test_a_response_the_next_working_day_is_outside_the_code_timescale():
    stage = S(acknowledged_on=D(2027, 1, 4), responded_on=D(2027, 1, 19))
    assert clocks.within_code_timescale(stage) is False


def test_an_agreed_extension_counts_towards_the_code_timescale():
    stage = S(acknowledged_on=D(2027, 1, 4), responded_on=D(2027, 1, 19), extension_working_days=1)
    assert clocks.within_code_timescale(stage) is True


def test_stage_2_boundary_with_extension_across_may_bank_holidays():
    on_time = S(
        stage=2,
        received_on=D(2026, 3, 26),
        acknowledged_on=D(2026, 3, 31),
        responded_on=D(2026, 6, 1),
        extension_working_days=20,
    )
    assert clocks.within_code_timescale(on_time) is True
    on_time.responded_on = D(2026, 6, 2)
    assert clocks.within_code_timescale(on_time) is False


def test_acknowledged_in_time_at_the_boundary():
    assert clocks.acknowledged_in_time(S(acknowledged_on=D(2027, 1, 4))) is True
    assert clocks.acknowledged_in_time(S(acknowledged_on=D(2027, 1, 5))) is False
    assert clocks.acknowledged_in_time(S()) is None


# --- what the officer reads ------------------------------------------------------------------


def test_acknowledge_clock_counts_the_working_days_left():
    # Due Mon 4 Jan 2027; after Wed 30 Dec: Thu 31 Dec (1), Mon 4 Jan (2).
    clock = clocks.acknowledge_clock(S(), D(2026, 12, 30))
    assert clock.state == "due"
    assert clock.working_days == 2
    assert clock.text == "Acknowledge by Mon 4 Jan 2027 — 2 working days left"


def test_acknowledge_clock_on_the_due_day_says_due_today():
    clock = clocks.acknowledge_clock(S(), D(2027, 1, 4))
    assert clock.is_due_today
    assert clock.text == "Acknowledge by Mon 4 Jan 2027 — due today"


def test_acknowledge_clock_one_day_left_is_singular():
    # Thu 31 Dec 2026: Fri 1 Jan is a bank holiday, so only Mon 4 Jan is left.
    assert clocks.acknowledge_clock(S(), D(2026, 12, 31)).text.endswith("1 working day left")


def test_acknowledge_clock_overdue_counts_working_days_since_the_due_date():
    # Due Mon 4 Jan 2027; by Thu 7 Jan: Tue 5, Wed 6, Thu 7.
    clock = clocks.acknowledge_clock(S(), D(2027, 1, 7))
    assert clock.is_overdue
    assert clock.text == "Acknowledgement overdue by 3 working days (was due by Mon 4 Jan 2027)"


def test_overdue_on_the_weekend_after_a_friday_due_date():
    stage = S(received_on=D(2026, 3, 6))  # acknowledge by Fri 13 Mar 2026
    clock = clocks.acknowledge_clock(stage, D(2026, 3, 14))
    assert clock.is_overdue
    assert clock.text == "Acknowledgement overdue (was due by Fri 13 Mar 2026)"


def test_respond_clock_waits_for_the_acknowledgement():
    clock = clocks.respond_clock(S(), D(2026, 12, 30))
    assert clock.state == "waiting"
    assert clock.due_on is None
    assert "Acknowledge first" in clock.text
    assert "acknowledge by Mon 4 Jan 2027" in clock.text


def test_respond_clock_live_and_overdue_with_extension():
    stage = S(acknowledged_on=D(2027, 1, 4), extension_working_days=2)  # due Wed 20 Jan 2027
    assert clocks.respond_clock(stage, D(2027, 1, 18)).text == (
        "Respond by Wed 20 Jan 2027 — 2 working days left (includes an extension of 2 working days)"
    )
    # By Mon 25 Jan: Thu 21, Fri 22, Mon 25.
    assert clocks.respond_clock(stage, D(2027, 1, 25)).text.startswith(
        "Response overdue by 3 working days (was due by Wed 20 Jan 2027)"
    )


def test_done_clocks_say_whether_they_were_on_time():
    stage = S(acknowledged_on=D(2027, 1, 6), responded_on=D(2027, 1, 18))
    acknowledge, respond = clocks.stage_clocks(stage, D(2027, 2, 1))
    # Acknowledged Wed 6 Jan, two working days after Mon 4 Jan.
    assert acknowledge.on_time is False
    assert acknowledge.text == (
        "Acknowledged on Wed 6 Jan 2027, 2 working days late (was due by Mon 4 Jan 2027)"
    )
    # Respond by Wed 20 Jan (ten working days after Wed 6 Jan); responded Mon 18 Jan.
    assert respond.on_time is True
    assert respond.text == "Responded on Mon 18 Jan 2027, within the Code timescale"


def test_next_clock_moves_from_acknowledge_to_respond_to_nothing():
    stage = S()
    assert clocks.next_clock(stage, D(2026, 12, 30)).kind == "acknowledge"  # type: ignore[union-attr]
    stage.acknowledged_on = D(2026, 12, 30)
    assert clocks.next_clock(stage, D(2026, 12, 30)).kind == "respond"  # type: ignore[union-attr]
    stage.responded_on = D(2027, 1, 4)
    assert clocks.next_clock(stage, D(2027, 1, 4)) is None
