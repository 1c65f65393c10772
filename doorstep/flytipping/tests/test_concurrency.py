"""Two officers editing one case's fly-tipping details: the second sees a conflict with both
versions side by side, and nothing the first saved is overwritten."""

from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.tests.conflicts import second_save_conflicts
from doorstep.flytipping.models import FlyTipping

pytestmark = pytest.mark.django_db

WHERE = {"location_kind": "communal_area", "waste": ["black_bags"]}

# name: (first officer's data, second officer's data, values shown, {field: first's value})
CASES = {
    "details_edit": (
        {**WHERE, "where_exactly": "By the garages"},
        {**WHERE, "where_exactly": "Behind the shops"},
        ("By the garages", "Behind the shops"),
        {"where_exactly": "By the garages"},
    ),
    "perpetrator": (
        {"status": "identified", "person": "{person}"},
        {"status": "not_identified"},
        ("{person}", "No, not identified"),
        {"perpetrator_status": "identified"},
    ),
    "removal": (
        {"arranged_on": "2026-03-03"},
        {"arranged_on": "2026-03-05"},
        ("3 Mar 2026", "5 Mar 2026"),
        {"removal_arranged_on": "2026-03-03"},
    ),
    "recharge": (
        {"status": "raised", "amount": "120.00", "recharge_to": "Mr K Doyle"},
        {"status": "raised", "amount": "90.00", "recharge_to": "Mr K Doyle"},
        ("120.00", "90.00"),
        {"recharge_amount": "120.00"},
    ),
    "signage": (
        {"put_up_on": "2026-03-10", "where": "Bin store door"},
        {"put_up_on": "2026-03-10", "where": "By the garages"},
        ("Bin store door", "By the garages"),
        {"signage_where": "Bin store door"},
    ),
}


def _filled(data, person):
    def fill(value):
        return value.format(person=person.reference) if isinstance(value, str) else value

    if isinstance(data, dict):
        return {key: fill(value) for key, value in data.items()}
    return tuple(fill(value) for value in data)


@pytest.mark.parametrize("name", CASES)
def test_the_second_of_two_officers_sees_a_conflict_and_the_first_save_stands(
    client, case, details, officer, team_leader, person, name
):
    first, second, shown, kept = CASES[name]
    extra = {"estate": case.block.estate_id, "block": case.block_id}
    if name == "details_edit":
        first, second = {**first, **extra}, {**second, **extra}
    second_save_conflicts(
        client,
        reverse(f"flytipping:{name}", args=[case.reference]),
        first=(officer, _filled(first, person)),
        second=(team_leader, _filled(second, person)),
        shown=_filled(shown, person),
    )
    saved = FlyTipping.objects.get(pk=details.pk)
    for field, value in kept.items():
        assert str(getattr(saved, field)) == value


def test_details_recorded_by_someone_else_after_the_form_opened_are_not_overwritten(
    client, case, officer, team_leader
):
    extra = {"estate": case.block.estate_id, "block": case.block_id}
    second_save_conflicts(
        client,
        reverse("flytipping:details_edit", args=[case.reference]),
        first=(officer, {**WHERE, **extra, "where_exactly": "By the garages"}),
        second=(team_leader, {**WHERE, **extra, "where_exactly": "Behind the shops"}),
        shown=("By the garages", "Behind the shops"),
    )
    assert FlyTipping.objects.get(case=case).where_exactly == "By the garages"
