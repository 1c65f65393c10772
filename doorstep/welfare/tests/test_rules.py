"""The pure rules: when a call is due, and when two no-answers escalate."""

import datetime as dt

from doorstep.welfare.rules import PastCall, needs_escalation, next_call_due

START = dt.date(2026, 1, 5)


def due(**kwargs):
    return next_call_due(start_date=START, frequency_days=14, **kwargs)


def test_never_called_is_due_from_the_start_of_the_programme():
    assert due(last_completed_on=None) == START


def test_a_completed_call_makes_the_next_due_frequency_days_later():
    assert due(last_completed_on=dt.date(2026, 3, 2)) == dt.date(2026, 3, 16)


def test_a_no_answer_on_the_due_day_brings_the_person_back_the_next_day():
    assert due(
        last_completed_on=dt.date(2026, 3, 2),
        last_attempt_on=dt.date(2026, 3, 16),
        last_attempt_outcome="no_answer",
    ) == dt.date(2026, 3, 17)


def test_a_no_answer_never_resets_the_clock_to_a_whole_period():
    assert due(
        last_completed_on=None,
        last_attempt_on=dt.date(2026, 2, 1),
        last_attempt_outcome="no_answer",
    ) == dt.date(2026, 2, 2)


def test_an_early_no_answer_before_the_due_date_changes_nothing():
    assert due(
        last_completed_on=dt.date(2026, 3, 2),
        last_attempt_on=dt.date(2026, 3, 10),
        last_attempt_outcome="no_answer",
    ) == dt.date(2026, 3, 16)


def test_a_programme_that_has_not_started_is_not_due_before_its_start():
    assert due(last_completed_on=dt.date(2025, 12, 1)) == START


def calls(*outcomes, escalated=()):
    return [PastCall(outcome=o, escalated=i in escalated) for i, o in enumerate(outcomes)]


def test_two_no_answers_in_a_row_escalate():
    assert needs_escalation(calls("spoke_ok", "no_answer", "no_answer"))
    assert needs_escalation(calls("no_answer", "no_answer"))


def test_one_no_answer_does_not_escalate():
    assert not needs_escalation(calls("no_answer"))
    assert not needs_escalation(calls("spoke_ok", "no_answer"))


def test_no_answer_spoke_ok_no_answer_does_not_escalate():
    assert not needs_escalation(calls("no_answer", "spoke_ok", "no_answer"))


def test_a_declined_call_or_a_concern_also_breaks_the_run():
    assert not needs_escalation(calls("no_answer", "declined", "no_answer"))
    assert not needs_escalation(calls("no_answer", "concern", "no_answer"))


def test_a_third_no_answer_in_an_escalated_run_does_not_escalate_again():
    assert not needs_escalation(calls("no_answer", "no_answer", "no_answer", escalated={1}))


def test_a_new_run_after_the_person_was_reached_escalates_again():
    history = calls("no_answer", "no_answer", "spoke_ok", "no_answer", "no_answer", escalated={1})
    assert needs_escalation(history)
