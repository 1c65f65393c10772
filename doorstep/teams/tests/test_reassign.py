"""The pure split rule of "move a colleague"."""

import pytest

from doorstep.teams.reassign import PATCH_KIND, WorkItem, plan_moves

ANNA, BEN, CARA = 101, 102, 103


def items():
    return [
        WorkItem(PATCH_KIND, 1, "Beechdale patch", patch_id=1),
        WorkItem(PATCH_KIND, 2, "Goscote patch", patch_id=2),
        WorkItem("case_lead", 10, "ASB-1", patch_id=1),
        WorkItem("case_lead", 11, "ASB-2", patch_id=2),
        WorkItem("case_lead", 12, "ASB-3", patch_id=None),
        WorkItem("case_lead", 13, "ASB-4", patch_id=99),  # someone else's patch
        WorkItem("callbacks", 20, "Call-back 20"),
        WorkItem("callbacks", 21, "Call-back 21"),
        WorkItem("callbacks", 22, "Call-back 22"),
    ]


def test_all_to_one_gives_everything_to_the_one_colleague():
    plan = plan_moves(items=items(), receivers=[ANNA], rule="all_to_one")
    assert set(plan.assignments.values()) == {ANNA}
    assert len(plan.assignments) == 9


def test_all_to_one_needs_exactly_one_colleague():
    with pytest.raises(ValueError, match="exactly one"):
        plan_moves(items=items(), receivers=[ANNA, BEN], rule="all_to_one")


def test_no_colleague_is_refused():
    with pytest.raises(ValueError, match="at least one"):
        plan_moves(items=items(), receivers=[], rule="round_robin")


def test_round_robin_deals_each_kind_in_turn_by_id():
    plan = plan_moves(items=items(), receivers=[ANNA, BEN], rule="round_robin")
    assert [plan.assignments[("callbacks", i)] for i in (20, 21, 22)] == [ANNA, BEN, ANNA]
    assert [plan.assignments[("case_lead", i)] for i in (10, 11, 12, 13)] == [
        ANNA,
        BEN,
        ANNA,
        BEN,
    ]
    assert [plan.assignments[(PATCH_KIND, i)] for i in (1, 2)] == [ANNA, BEN]


def test_by_patch_each_patch_to_one_colleague_and_its_work_follows():
    plan = plan_moves(
        items=items(), receivers=[ANNA, BEN, CARA], rule="by_patch", patch_receivers={1: CARA}
    )
    assert plan.patch_receivers == {1: CARA, 2: BEN}
    assert plan.assignments[(PATCH_KIND, 1)] == CARA
    assert plan.assignments[("case_lead", 10)] == CARA  # on Beechdale, follows it
    assert plan.assignments[(PATCH_KIND, 2)] == BEN
    assert plan.assignments[("case_lead", 11)] == BEN  # on Goscote
    # Work on no patch of theirs is dealt in turn.
    assert [plan.assignments[("case_lead", i)] for i in (12, 13)] == [ANNA, BEN]
    assert [plan.assignments[("callbacks", i)] for i in (20, 21, 22)] == [ANNA, BEN, CARA]


def test_by_patch_refuses_a_patch_given_to_someone_not_chosen():
    with pytest.raises(ValueError, match="Each patch"):
        plan_moves(items=items(), receivers=[ANNA], rule="by_patch", patch_receivers={1: BEN})


def test_the_fingerprint_changes_when_the_plan_does():
    one = plan_moves(items=items(), receivers=[ANNA, BEN], rule="round_robin")
    same = plan_moves(items=items(), receivers=[ANNA, BEN], rule="round_robin")
    other = plan_moves(items=items()[:-1], receivers=[ANNA, BEN], rule="round_robin")
    assert one.fingerprint() == same.fingerprint()
    assert one.fingerprint() != other.fingerprint()
