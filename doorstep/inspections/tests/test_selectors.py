import pytest

from doorstep.cases.models import CaseType
from doorstep.cases.services import case_open
from doorstep.inspections import services
from doorstep.inspections.models import Result
from doorstep.inspections.panel import case_panel_context
from doorstep.inspections.selectors import place_choices, place_from_choice
from doorstep.inspections.tests.conftest import answer_all
from doorstep.places.models import Estate
from doorstep.places.tests.factories import BlockFactory

pytestmark = pytest.mark.django_db


def test_place_choices_offer_each_estate_and_its_blocks(estate, other_estate):
    BlockFactory(estate=estate, name="Lapwing House")
    BlockFactory(estate=estate, name="Kestrel House")
    choices = place_choices(estates=Estate.objects.filter(pk=estate.pk))
    assert [label for _, label in choices] == [
        "Beechdale Estate (whole estate)",
        "Kestrel House, Beechdale Estate",
        "Lapwing House, Beechdale Estate",
    ]
    value = choices[1][0]
    found_estate, block = place_from_choice(value)
    assert (found_estate, block.name) == (estate, "Kestrel House")
    assert place_from_choice(f"e{estate.pk}") == (estate, None)


def test_the_case_panel_finds_the_item_in_one_query(
    inspection, estates_officer, officer, home, django_assert_num_queries
):
    answers = answer_all(inspection, estates_officer, [Result.FAIL] + [Result.PASS] * 8)
    services.inspection_complete(actor=estates_officer, inspection=inspection)
    raised = services.answer_raise_case(
        actor=estates_officer, answer=answers[0], case_type=CaseType.ASB
    )
    other = case_open(actor=officer, case_type=CaseType.ASB, summary="Noise.", home=home)
    with django_assert_num_queries(1):
        linked = case_panel_context(user=officer, case=raised)["inspection_answers"]
        assert linked[0].inspection.place_name == "Beechdale Estate"
        assert linked[0].inspection.inspector.full_name == "Dave Lloyd"
    with django_assert_num_queries(1):
        assert case_panel_context(user=officer, case=other) == {"inspection_answers": []}
