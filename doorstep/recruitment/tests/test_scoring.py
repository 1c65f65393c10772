"""Totals and ranking, checked against numbers worked by hand."""

from fractions import Fraction

from doorstep.recruitment.scoring import CriterionSpec, rank_candidates, sheet_total

# Interview: weight 40, out of 10. Written test: weight 60, out of 5.
INTERVIEW = CriterionSpec(id=1, weight=40, max_score=10)
TEST = CriterionSpec(id=2, weight=60, max_score=5)
CRITERIA = [INTERVIEW, TEST]
PANEL_A, PANEL_B = 7, 8
XAVIER, YASMIN, ZOE, WILL = 1, 2, 3, 4


def test_one_sheet_by_hand():
    # 8/10 x 40 = 32; 4/5 x 60 = 48; 80 of 100.
    assert sheet_total({1: 8, 2: 4}, CRITERIA) == 80
    # Weights need not sum to 100: 3/4 of weight 1 and 1/2 of weight 3 -> (0.75 + 1.5) / 4.
    odd = [CriterionSpec(1, 1, 4), CriterionSpec(2, 3, 2)]
    assert sheet_total({1: 3, 2: 1}, odd) == Fraction(225, 4)  # 56.25


def test_an_incomplete_sheet_has_no_total():
    assert sheet_total({1: 8}, CRITERIA) is None


def test_ranking_averages_the_panel_and_ranks_ties_equal():
    sheets = {
        # A: 32 + 48 = 80; B: 24 + 60 = 84; mean 82.
        XAVIER: {PANEL_A: {1: 8, 2: 4}, PANEL_B: {1: 6, 2: 5}},
        # A: 40 + 36 = 76; B: 40 + 48 = 88; mean 82: a tie with Xavier.
        YASMIN: {PANEL_A: {1: 10, 2: 3}, PANEL_B: {1: 10, 2: 4}},
        # A: 20 + 24 = 44; B did not finish the sheet, so only A counts.
        ZOE: {PANEL_A: {1: 5, 2: 2}, PANEL_B: {1: 9}},
        # Will was not scored.
    }
    results = rank_candidates(
        sheets=sheets, criteria=CRITERIA, candidate_ids=[XAVIER, YASMIN, ZOE, WILL]
    )
    by_id = {r.candidate_id: r for r in results}
    assert by_id[XAVIER].total == 82
    assert by_id[YASMIN].total == 82
    assert (by_id[XAVIER].rank, by_id[YASMIN].rank) == (1, 1)
    assert (by_id[ZOE].total, by_id[ZOE].rank, by_id[ZOE].markers) == (44, 3, 1)
    assert (by_id[WILL].total, by_id[WILL].rank) == (None, None)
    assert [r.candidate_id for r in results][-1] == WILL
    assert by_id[XAVIER].total_display == "82.0"


def test_a_higher_total_ranks_first_whatever_the_id_order():
    # (0.81 + 2) / 3 = 93.67 against (0.80 + 2) / 3 = 93.33.
    criteria = [CriterionSpec(1, 1, 100), CriterionSpec(2, 2, 3)]
    sheets = {1: {9: {1: 80, 2: 3}}, 2: {9: {1: 81, 2: 3}}}
    results = rank_candidates(sheets=sheets, criteria=criteria, candidate_ids=[1, 2])
    assert [(r.candidate_id, r.rank) for r in results] == [(2, 1), (1, 2)]
