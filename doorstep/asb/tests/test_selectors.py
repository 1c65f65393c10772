"""The Community Trigger counted in the database, and the panel's reads."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from doorstep.asb import selectors, trigger
from doorstep.asb.tests.factories import AsbCaseFactory, DisputeCaseFactory, report
from doorstep.asb.trigger import Report
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import BlockFactory, EstateFactory, HomeFactory

D = dt.date
ON = D(2026, 9, 15)
INSIDE = D(2026, 6, 1)


@pytest.fixture
def block(estate):
    return BlockFactory(name="Alder House", estate=estate)


@pytest.fixture
def block_home(block):
    return HomeFactory(estate=block.estate, block=block)


# --- people ----------------------------------------------------------------------------------


def test_three_reports_on_one_case_do_not_meet_the_threshold(person, home):
    case = AsbCaseFactory(home=home)
    for day in (D(2026, 6, 1), D(2026, 6, 8), D(2026, 6, 15)):
        report(case=case, reporter=person, on=day)
    assert selectors.person_case_count(person=person, on=ON) == 1
    assert selectors.person_warning(person=person, on=ON) is None
    assert selectors.triggers_on(on=ON).people == []


def test_three_reports_on_three_cases_meet_the_threshold(person, home):
    for _ in range(3):
        report(case=AsbCaseFactory(home=home), reporter=person, on=INSIDE)
    assert selectors.person_case_count(person=person, on=ON) == 3
    assert selectors.person_warning(person=person, on=ON) == (
        "ASB Case Review: Edna Thompson has reported 3 ASB cases in six months and meets the "
        "threshold: offer an ASB Case Review."
    )
    [found] = selectors.triggers_on(on=ON).people
    assert (found.reference, found.cases) == ("P000001", 3)


def test_two_cases_give_the_warning(person, home):
    for _ in range(2):
        report(case=AsbCaseFactory(home=home), reporter=person, on=INSIDE)
    assert selectors.person_warning(person=person, on=ON) == (
        "ASB Case Review: Edna Thompson has reported 2 ASB cases in six months "
        "(the threshold is 3)."
    )
    assert selectors.triggers_on(on=ON).people == []
    assert [p.cases for p in selectors.triggers_on(on=ON, include_warnings=True).people] == [2]


def test_window_edges_in_the_database(person, home):
    on = D(2026, 8, 31)
    report(case=AsbCaseFactory(home=home), reporter=person, on=D(2026, 2, 28))  # out (clamped)
    report(case=AsbCaseFactory(home=home), reporter=person, on=D(2026, 3, 1))  # in
    report(case=AsbCaseFactory(home=home), reporter=person, on=on)  # T: in
    report(case=AsbCaseFactory(home=home), reporter=person, on=D(2026, 9, 1))  # after T: out
    assert selectors.person_case_count(person=person, on=on) == 2
    # On 1 September the report of 1 March is exactly six months back: out; 1 September: in.
    assert selectors.person_case_count(person=person, on=D(2026, 9, 1)) == 2
    assert selectors.person_case_count(person=person, on=D(2026, 3, 1)) == 2  # 28 Feb, 1 Mar


def test_neighbour_dispute_reports_do_not_count(person, home):
    for _ in range(3):
        report(case=DisputeCaseFactory(home=home), reporter=person, on=INSIDE)
    assert selectors.person_case_count(person=person, on=ON) == 0


# --- places ----------------------------------------------------------------------------------


def test_five_different_people_at_a_block_meet_the_threshold(block, block_home):
    case = AsbCaseFactory(home=block_home)
    for _ in range(5):
        report(case=case, reporter=PersonFactory(), on=INSIDE)
    assert selectors.place_warning(on=ON, block_id=block.pk) == (
        "ASB Case Review: 5 different people have reported ASB at Alder House in six months "
        "and it meets the threshold: offer an ASB Case Review."
    )
    [place] = selectors.triggers_on(on=ON).places
    assert (place.kind, place.name, place.reporters) == ("block", "Alder House", 5)


def test_four_people_at_a_block_give_the_warning(block, block_home):
    case = AsbCaseFactory(home=block_home)
    for _ in range(4):
        report(case=case, reporter=PersonFactory(), on=INSIDE)
    assert selectors.place_warning(on=ON, block_id=block.pk) == (
        "ASB Case Review: 4 different people have reported ASB at Alder House in six months "
        "(the threshold is 5)."
    )
    assert selectors.triggers_on(on=ON).places == []


def test_one_person_reporting_five_times_is_one_reporter(block, block_home, person):
    for _ in range(5):
        report(case=AsbCaseFactory(home=block_home), reporter=person, on=INSIDE)
    assert selectors.place_reporter_count(on=ON, block=block) == 1


def test_homes_in_no_block_count_at_the_estate_and_block_homes_do_not(
    estate, block, block_home, home
):
    for _ in range(5):
        report(case=AsbCaseFactory(home=home), reporter=PersonFactory(), on=INSIDE)
    for _ in range(3):
        report(case=AsbCaseFactory(home=block_home), reporter=PersonFactory(), on=INSIDE)
    assert selectors.place_reporter_count(on=ON, estate=estate) == 5
    assert selectors.place_reporter_count(on=ON, block=block) == 3
    # A home's place is its block if it has one, else its estate.
    assert "at Beechdale Estate" in selectors.place_warning(
        on=ON, block_id=home.block_id, estate_id=home.estate_id
    )
    assert (
        selectors.place_warning(on=ON, block_id=block_home.block_id, estate_id=block_home.estate_id)
        is None
    )
    [place] = selectors.triggers_on(on=ON).places
    assert (place.kind, place.name) == ("estate", "Beechdale Estate")


def test_a_case_about_an_estate_counts_at_the_estate(estate):
    case = AsbCaseFactory(estate=estate, home=None)
    for _ in range(5):
        report(case=case, reporter=PersonFactory(), on=INSIDE)
    assert selectors.place_reporter_count(on=ON, estate=estate) == 5


def test_lists_are_sorted_by_reference_and_name(office):
    names = ["Cedar Court", "Alder House", "Beech Tower"]
    estate = EstateFactory(name="Zeta Estate", office=office)
    for name in names:
        home = HomeFactory(estate=estate, block=BlockFactory(name=name, estate=estate))
        for _ in range(5):
            report(case=AsbCaseFactory(home=home), reporter=PersonFactory(), on=INSIDE)
    for ref in ["P900003", "P900001", "P900002"]:
        someone = PersonFactory(reference=ref)
        for _ in range(3):
            report(case=AsbCaseFactory(), reporter=someone, on=INSIDE)
    found = selectors.triggers_on(on=ON)
    assert [p.reference for p in found.people] == ["P900001", "P900002", "P900003"]
    assert [p.name for p in found.places] == ["Alder House", "Beech Tower", "Cedar Court"]


def test_office_scoping(estate, other_estate, person, other_person, home, other_home):
    for _ in range(3):
        report(case=AsbCaseFactory(home=home), reporter=person, on=INSIDE)
        report(case=AsbCaseFactory(home=other_home), reporter=other_person, on=INSIDE)
    walsall = selectors.triggers_on(on=ON, office_ids=frozenset({estate.office_id}))
    assert [p.reference for p in walsall.people] == ["P000001"]
    everyone = selectors.triggers_on(on=ON)
    assert [p.reference for p in everyone.people] == ["P000001", "P000002"]


def test_database_counts_agree_with_the_pure_rule(office):
    rng = random.Random(4)
    estates = [EstateFactory(office=office) for _ in range(2)]
    blocks = [BlockFactory(estate=estates[0]), BlockFactory(estate=estates[1])]
    homes = [
        HomeFactory(estate=estates[0], block=blocks[0]),
        HomeFactory(estate=estates[1], block=blocks[1]),
        HomeFactory(estate=estates[0]),
        HomeFactory(estate=estates[1]),
    ]
    people = [PersonFactory() for _ in range(8)]
    cases = [AsbCaseFactory(home=rng.choice(homes)) for _ in range(10)]
    rows = []
    for _ in range(120):
        case = rng.choice(cases)
        made = report(
            case=case,
            reporter=rng.choice(people),
            on=D(2026, 1, 1) + dt.timedelta(days=rng.randrange(300)),
        )
        rows.append(
            Report(
                reporter_id=made.reporter_id,
                case_id=made.case_id,
                reported_on=made.reported_on,
                block_id=made.about_block_id,
                estate_id=made.about_estate_id,
            )
        )
    for on in (D(2026, 4, 30), D(2026, 8, 31), ON):
        expected_people = trigger.person_counts(rows, on)
        expected_places = trigger.place_counts(rows, on)
        found = selectors.triggers_on(on=on, include_warnings=True)
        assert {p.person_id: p.cases for p in found.people} == {
            k: v for k, v in expected_people.items() if v >= trigger.PERSON_WARNING
        }
        assert {(p.kind, p.place_id): p.reporters for p in found.places} == {
            k: v for k, v in expected_places.items() if v >= trigger.PLACE_WARNING
        }
        for person in people:
            assert selectors.person_case_count(person=person, on=on) == expected_people.get(
                person.pk, 0
            )


# --- case warnings ---------------------------------------------------------------------------


def test_case_warnings_for_its_reporters_and_its_place(block, block_home, person):
    case = AsbCaseFactory(home=block_home)
    report(case=case, reporter=person, on=INSIDE)
    report(case=AsbCaseFactory(home=block_home), reporter=person, on=INSIDE)
    for _ in range(3):
        report(case=case, reporter=PersonFactory(), on=INSIDE)
    warnings = selectors.case_warnings(case=case, on=ON)
    assert warnings == [
        "ASB Case Review: Edna Thompson has reported 2 ASB cases in six months "
        "(the threshold is 3).",
        "ASB Case Review: 4 different people have reported ASB at Alder House in six months "
        "(the threshold is 5).",
    ]


def test_no_case_warnings_on_a_neighbour_dispute(home, person):
    case = DisputeCaseFactory(home=home)
    assert selectors.case_warnings(case=case, on=ON) == []


# --- query counts ----------------------------------------------------------------------------


def test_trigger_queries_do_not_grow_with_rows(
    office, block, block_home, home, django_assert_max_num_queries
):
    people = [PersonFactory() for _ in range(12)]
    for i, someone in enumerate(people):
        for j in range(3):
            report(
                case=AsbCaseFactory(home=block_home if (i + j) % 2 else home),
                reporter=someone,
                on=INSIDE,
            )
    with django_assert_max_num_queries(3):
        found = selectors.triggers_on(on=ON, include_warnings=True)
    assert len(found.people) == 12
    assert len(found.places) == 2
    with django_assert_max_num_queries(1):
        selectors.person_warning(person=people[0], on=ON)
    with django_assert_max_num_queries(1):
        assert selectors.place_warning(on=ON, block_id=block.pk)
    case = AsbCaseFactory(home=block_home)
    for someone in people:
        report(case=case, reporter=someone, on=INSIDE)
    with django_assert_max_num_queries(3):
        warnings = selectors.case_warnings(case=case, on=ON)
    assert len(warnings) == 13


def test_panel_data_queries_are_fixed(home, person, django_assert_max_num_queries):
    case = AsbCaseFactory(home=home)
    for _ in range(20):
        report(case=case, reporter=PersonFactory(), on=INSIDE)
    with django_assert_max_num_queries(5):
        data = selectors.panel_data(case=case)
        names = [r.reporter.full_name for r in data.incidents]
    assert len(names) == 20
