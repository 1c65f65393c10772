import datetime as dt

import pytest

from doorstep.duplicates import matching
from doorstep.duplicates.matching import PersonKeys, candidate_pairs, find_candidates, score_pair

DOB = dt.date(1950, 5, 17)


def keys(pk, first, last, dob=None, *phones):
    return PersonKeys(pk, first, last, dob, frozenset(phones))


def test_the_same_name_and_date_of_birth_scores_80():
    score, reasons = score_pair(keys(1, "Edna", "Thompson", DOB), keys(2, "Edna", "Thompson", DOB))
    assert score == 80
    assert reasons == ["same name", "same date of birth"]


def test_a_misspelt_name_with_the_same_date_of_birth_and_phone_scores_high():
    score, reasons = score_pair(
        keys(1, "Edna", "Thompson", DOB, "+441922123456"),
        keys(2, "Edna", "Thomson", DOB, "+441922123456"),
    )
    assert score >= 95
    assert "same phone number" in reasons


def test_first_and_last_names_the_wrong_way_round_still_match():
    score, _ = score_pair(keys(1, "Kaur", "Amrit", DOB), keys(2, "Amrit", "Kaur", DOB))
    assert score == 80


def test_the_same_name_alone_is_not_enough():
    score, _ = score_pair(keys(1, "John", "Smith"), keys(2, "John", "Smith"))
    assert score == 50 < matching.THRESHOLD


def test_different_people_sharing_a_birthday_score_low():
    score, _ = score_pair(keys(1, "Edna", "Thompson", DOB), keys(2, "Raj", "Patel", DOB))
    assert score < matching.THRESHOLD


def test_only_people_sharing_a_block_are_compared():
    people = [
        keys(1, "Edna", "Thompson", DOB),
        keys(2, "Edna", "Thomson", None),  # same phonetic surname and first name
        keys(3, "Raj", "Patel", dt.date(1980, 1, 1), "+447700900001"),
        keys(4, "Raj", "Pattel", dt.date(1981, 1, 1), "+447700900001"),  # shared phone
        keys(5, "Mary", "Jones", dt.date(1990, 2, 2)),
    ]
    assert candidate_pairs(people) == {(1, 2), (3, 4)}


def test_blocks_never_grow_quadratic(monkeypatch):
    monkeypatch.setattr(matching, "MAX_BLOCK", 10)
    # 50 people sharing a placeholder date of birth, otherwise unrelated.
    people = [keys(i, f"Name{i}", "", DOB) for i in range(50)]
    assert candidate_pairs(people) == set()


def test_find_candidates_skips_pairs_decided_different_and_sorts_best_first():
    people = [
        keys(1, "Edna", "Thompson", DOB, "+441922123456"),
        keys(2, "Edna", "Thomson", DOB, "+441922123456"),
        keys(3, "Ray", "Castle", DOB),
        keys(4, "Ray", "Castle", DOB),
    ]
    found = find_candidates(people)
    assert [(a, b) for a, b, _s, _r in found] == [(1, 2), (3, 4)]
    assert [(a, b) for a, b, _s, _r in find_candidates(people, exclude={(1, 2)})] == [(3, 4)]


@pytest.mark.parametrize("n", [2000])
def test_a_large_population_is_fast(n):
    import time

    people = [
        keys(i, f"First{i % 300}", f"Last{i}", dt.date(1940 + i % 60, 1 + i % 12, 1 + i % 28))
        for i in range(n)
    ]
    started = time.perf_counter()
    find_candidates(people)
    assert time.perf_counter() - started < 5
