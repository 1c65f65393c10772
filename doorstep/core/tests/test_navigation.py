import pytest
from django.urls import reverse

from doorstep.accounts.roles import Role
from doorstep.accounts.tests.factories import UserFactory
from doorstep.core.navigation import (
    AREAS,
    bar_items_for,
    index_sections_for,
    nav_items_for,
)

pytestmark = pytest.mark.django_db


def labels(user):
    return [item.label for item in nav_items_for(user=user, path="/")]


def bar(user, path="/"):
    return [item.label for item in bar_items_for(user=user, path=path)]


def index(user):
    return {
        section.heading: [item.label for item in section.items]
        for section in index_sections_for(user=user)
    }


def current(items):
    return [item.label for item in items if item.current]


# --- who sees what (unchanged by the bar and index) ------------------------------------------


def test_officers_see_the_working_pages_but_not_management_ones(officer):
    assert labels(officer)[:4] == ["My day", "Duty desk", "Call-backs", "Cases"]
    assert "Team board" not in labels(officer)
    assert "Safeguarding" not in labels(officer)
    assert "Audit log" not in labels(officer)
    assert "Move a colleague" not in labels(officer)


def test_managers_see_case_reviews_safeguarding_and_the_team_board(manager):
    assert {"ASB case reviews", "Safeguarding", "Team board", "Caseload", "Move a colleague"} <= (
        set(labels(manager))
    )


def test_the_dpo_sees_the_audit_log(dpo):
    assert "Audit log" in labels(dpo)


def test_the_current_page_is_marked(officer):
    items = nav_items_for(user=officer, path="/cases/")
    assert [item.label for item in items if item.current] == ["Cases"]


def test_only_the_closest_area_is_marked(team_leader):
    items = nav_items_for(user=team_leader, path=reverse("repairs:overdue_list"))
    assert current(items) == ["Overdue repairs"]


# --- the bar ---------------------------------------------------------------------------------


def test_the_bar_is_short_everyday_pages_then_more(officer, manager, dpo, team_leader):
    assert bar(officer) == ["My day", "Duty desk", "Call-backs", "Cases", "People", "Homes", "More"]
    for user in (officer, manager, dpo, team_leader):
        assert len(bar(user)) <= 9
        assert bar(user)[-1] == "More"
    assert len(labels(manager)) > len(bar(manager))


def test_the_bar_is_role_aware(team, dpo, manager, safeguarding_lead):
    estates = UserFactory(team=team, roles=[Role.ESTATES_OFFICER])
    asb = UserFactory(team=team, roles=[Role.ASB_OFFICER])
    assert {"Inspections", "Repairs"} <= set(bar(estates))
    assert "ASB catch-up" in bar(asb)
    assert "Audit log" in bar(dpo)
    assert "Team board" in bar(manager)
    assert "Safeguarding" in bar(safeguarding_lead)


def test_a_bar_page_is_marked_on_the_bar(officer):
    assert current(bar_items_for(user=officer, path="/cases/")) == ["Cases"]


def test_a_page_reached_through_the_index_marks_more(officer):
    assert current(bar_items_for(user=officer, path=reverse("welfare:programme_list"))) == ["More"]
    assert current(bar_items_for(user=officer, path=reverse("core:all_services"))) == ["More"]


def test_an_area_on_a_roles_bar_is_marked_there_not_on_more(team):
    estates = UserFactory(team=team, roles=[Role.ESTATES_OFFICER])
    assert current(bar_items_for(user=estates, path=reverse("repairs:repair_list"))) == ["Repairs"]
    # Overdue repairs is on the index for them.
    assert current(bar_items_for(user=estates, path=reverse("repairs:overdue_list"))) == ["More"]


# --- the index -------------------------------------------------------------------------------


def test_the_index_lists_every_other_area_under_headings(manager):
    sections = index(manager)
    assert list(sections)[:3] == ["Cases and complaints", "Estates", "Support"]
    assert sections["Estates"] == [
        "Estates",
        "Inspections",
        "Repairs",
        "Overdue repairs",
        "Awaab's Law breaches",
        "Letters",
        "Resident reports",
    ]
    assert sections["Support"] == [
        "Support",
        "Welfare calls",
        "TA reviews",
        "Meetings",
        "Agencies",
        "Community",
    ]
    assert sections["Team"] == ["Team check-in", "Caseload", "Move a colleague", "Recruitment"]
    assert sections["Anti-social behaviour"] == ["ASB catch-up", "ASB case reviews"]
    assert "Team board" not in sections["Team"]  # on a manager's bar


@pytest.mark.parametrize(
    "who", ["officer", "other_officer", "team_leader", "manager", "safeguarding_lead", "dpo"]
)
def test_the_bar_and_the_index_together_hold_every_area_the_user_sees(request, who):
    user = request.getfixturevalue(who)
    on_bar = [label for label in bar(user) if label != "More"]
    on_index = [label for items in index(user).values() for label in items]
    assert sorted(on_bar + on_index) == sorted(labels(user))
    assert not set(on_bar) & set(on_index)


def test_the_index_keeps_the_same_role_rules(officer, dpo):
    flat = [label for items in index(officer).values() for label in items]
    assert "Recruitment" not in flat and "Awaab's Law breaches" not in flat
    assert "Audit log" not in flat
    assert "Audit log" in bar(dpo)


def test_every_area_has_a_heading_and_a_working_url():
    for area in AREAS:
        assert area.heading and reverse(area.url_name)


# --- the pages -------------------------------------------------------------------------------


def test_the_index_page_lists_the_areas_and_marks_more(client, manager):
    client.force_login(manager)
    response = client.get(reverse("core:all_services"))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">All services</h1>' in page
    assert f'href="{reverse("hazards:breach_list")}"' in page
    assert f'href="{reverse("core:all_services")}" aria-current="page">More' in page


def test_the_index_page_needs_signing_in(client):
    response = client.get(reverse("core:all_services"))
    assert response.status_code == 302 and "/accounts/sign-in/" in response.url


def test_the_index_page_leaves_out_what_the_user_may_not_open(client, officer):
    client.force_login(officer)
    page = client.get(reverse("core:all_services")).content.decode()
    assert reverse("hazards:breach_list") not in page
    assert reverse("recruitment:vacancy_list") not in page
    assert reverse("welfare:programme_list") in page


def test_a_page_of_an_index_area_marks_more_in_the_bar(client, officer):
    client.force_login(officer)
    page = client.get(reverse("welfare:programme_list")).content.decode()
    assert f'href="{reverse("core:all_services")}" aria-current="page">More' in page
    assert page.count('aria-current="page"') >= 1
