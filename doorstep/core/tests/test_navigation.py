import pytest

from doorstep.core.navigation import nav_items_for

pytestmark = pytest.mark.django_db


def labels(user):
    return [item.label for item in nav_items_for(user=user, path="/")]


def test_officers_see_the_working_pages_but_not_management_ones(officer):
    assert labels(officer)[:4] == ["My day", "Duty desk", "Call-backs", "Cases"]
    assert "Team board" not in labels(officer)
    assert "Safeguarding" not in labels(officer)
    assert "Audit log" not in labels(officer)


def test_managers_see_case_reviews_safeguarding_and_the_team_board(manager):
    assert {"ASB case reviews", "Safeguarding", "Team board"} <= set(labels(manager))


def test_the_dpo_sees_the_audit_log(dpo):
    assert "Audit log" in labels(dpo)


def test_the_current_page_is_marked(officer):
    items = nav_items_for(user=officer, path="/cases/")
    assert [item.label for item in items if item.current] == ["Cases"]
