"""The manager's side in a real browser: (a) a team leader moves a colleague's work — preview,
apply, and sees it moved; (b) a manager scores two candidates, submits and sees the ranking.
axe runs on every page visited and the browser console stays clean."""

import datetime as dt

import pytest
from django.utils import timezone

from doorstep.cases.tests.factories import CaseFactory
from doorstep.contacts.models import CallBack
from doorstep.contacts.tests.factories import CallBackFactory
from doorstep.recruitment import services as recruitment
from doorstep.recruitment.models import CriterionKind
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_team_leader_moves_a_colleagues_work(page, team_leader, officer, patch, home, password):
    from doorstep.accounts.roles import Role
    from doorstep.accounts.tests.factories import UserFactory

    colleague = UserFactory(
        email="lee.brown@doorstep.test",
        full_name="Lee Brown",
        team=officer.team,
        roles=[Role.NEIGHBOURHOOD_OFFICER],
    )
    case = CaseFactory(lead_officer=officer, home=home, patch=patch)
    callback = CallBackFactory(for_officer=officer, home=home)

    sign_in(page, team_leader.email, password)
    page.goto("/teams/")
    page.get_by_role("heading", level=1, name="Team check-in").wait_for()
    check_axe(page)
    page.get_by_role("link", name="Caseload per officer").click()
    page.get_by_role("heading", level=1, name="Caseload").wait_for()
    check_axe(page)
    page.get_by_role("link", name="Move work of Jan Kennedy").click()
    page.get_by_role("heading", level=1, name="Move a colleague's work").wait_for()
    check_axe(page)

    page.get_by_label("Lee Brown").check()
    page.get_by_label("All to one colleague").check()
    page.get_by_role("button", name="Preview what will move").click()
    page.get_by_role("heading", level=2, name="What will move from Jan Kennedy").wait_for()
    check_axe(page)
    assert page.get_by_role("link", name=f"{case.reference}: Anti-social behaviour").count() == 1
    assert page.get_by_text("Beechdale patch").count() >= 1
    case.refresh_from_db()
    assert case.lead_officer == officer  # the preview moves nothing

    page.get_by_role("button", name="Move the work").click()
    page.get_by_role("heading", level=1, name="Work moved from Jan Kennedy").wait_for()
    check_axe(page)
    page.get_by_text("3 items of Jan Kennedy's work moved").wait_for()
    case.refresh_from_db()
    patch.refresh_from_db()
    assert case.lead_officer == colleague
    assert CallBack.objects.get(pk=callback.pk).for_officer == colleague
    assert patch.officer == colleague
    rows = page.locator("table").last.locator("tbody tr")
    assert rows.count() == 3
    assert "Lee Brown" in rows.first.inner_text()
    assert page.console_errors == []


def test_manager_scores_two_candidates_and_sees_the_ranking(
    page, manager, team_leader, office, password
):
    vacancy = recruitment.vacancy_create(
        actor=manager,
        title="Lettings Advisor",
        office=office,
        closing_date=timezone.localdate() - dt.timedelta(days=3),
    )
    recruitment.criterion_add(
        actor=manager,
        vacancy=vacancy,
        name="Customer service",
        kind=CriterionKind.INTERVIEW,
        weight=40,
        max_score=10,
    )
    recruitment.criterion_add(
        actor=manager,
        vacancy=vacancy,
        name="Letter-writing test",
        kind=CriterionKind.TEST,
        weight=60,
        max_score=5,
    )
    start = timezone.now() + dt.timedelta(hours=1)
    for i, (name, email) in enumerate(
        [("Hannah Ellis", "hannah@example.com"), ("Owen Pritchard", "owen@example.com")]
    ):
        candidate = recruitment.candidate_add(
            actor=manager, vacancy=vacancy, full_name=name, email=email
        )
        recruitment.slot_add(
            actor=manager,
            vacancy=vacancy,
            candidate=candidate,
            starts_at=start + dt.timedelta(minutes=40 * i),
            panel=[manager],
            location="Interview room 2",
        )

    sign_in(page, manager.email, password)
    # Recruitment is on the "More" index, not the bar.
    page.locator("nav.ds-nav").get_by_role("link", name="More services").click()
    page.get_by_role("heading", level=1, name="All services").wait_for()
    check_axe(page)
    page.locator("main").get_by_role("link", name="Recruitment").click()
    page.get_by_role("heading", level=1, name="Recruitment").wait_for()
    check_axe(page)
    page.get_by_role("link", name="Lettings Advisor").click()
    page.get_by_role("heading", level=1, name="Lettings Advisor").wait_for()
    check_axe(page)
    assert page.get_by_text("Total of 100").count() == 0

    for name, (service, letter) in (("Hannah Ellis", ("7", "4")), ("Owen Pritchard", ("9", "5"))):
        page.get_by_role("link", name=f"Score {name}").click()
        page.get_by_role("heading", level=1, name=f"Your scores for {name}").wait_for()
        check_axe(page)
        if name == "Hannah Ellis":
            # A score above the top of the scale is refused, naming the criterion.
            page.get_by_label("Customer service (0 to 10)").fill("12")
            page.get_by_role("button", name="Save scores").click()
            page.locator(".govuk-error-summary").wait_for()
            check_axe(page)
            assert page.get_by_text("Customer service: enter a score from 0 to 10.").count() >= 1
        page.get_by_label("Customer service (0 to 10)").fill(service)
        page.get_by_label("Letter-writing test (0 to 5)").fill(letter)
        page.get_by_role("button", name="Save scores").click()
        page.get_by_text(f"2 of 2 scores saved for {name}.").wait_for()

    page.get_by_role("button", name="Submit my scores").click()
    page.get_by_role("heading", level=2, name="Ranking").wait_for()
    check_axe(page)
    # Owen: 9/10 x 40 + 5/5 x 60 = 96. Hannah: 7/10 x 40 + 4/5 x 60 = 76.
    ranking = page.get_by_role("list", name="Candidates by total score")
    assert ranking.inner_text().splitlines() == [
        "Owen Pritchard: 96.0 (rank 1, 1 panel member)",
        "Hannah Ellis: 76.0 (rank 2, 1 panel member)",
    ]
    assert page.console_errors == []
