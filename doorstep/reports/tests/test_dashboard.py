"""The dashboard: every chart's figures on hand-made data, the scope of each role, the filters,
the SVG (role="img", title, description, patterns and labels) with its table, the CSV of each
chart, and a fixed number of queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory
from doorstep.contacts.tests.factories import CallBackFactory
from doorstep.inspections.tests.factories import InspectionFactory
from doorstep.places.tests.factories import PatchFactory
from doorstep.reports import charts, dashboard
from doorstep.reports.tests.factories import at, complaint_stage, completed_repair
from doorstep.welfare.tests.factories import CallFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("reports:dashboard")
NOW = at(2026, 5, 12, 10, 0)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def work(team, other_team, officer, other_officer, patch, estate, home, other_home, other_estate):
    """Walsall: two open ASB cases and a hoarding case for Jan Kennedy, one closed case; an
    overdue action and an overdue call-back. Nottingham: one open case (never in Walsall's
    figures)."""
    CaseFactory(lead_officer=officer, home=home, opened_on=dt.date(2026, 1, 10))
    CaseFactory(lead_officer=officer, home=home, opened_on=dt.date(2026, 3, 3))
    hoarding = CaseFactory(lead_officer=officer, home=home, case_type="hoarding",
                           opened_on=dt.date(2026, 3, 20))  # fmt: skip
    CaseFactory(lead_officer=officer, home=home, opened_on=dt.date(2025, 9, 1),
                status="closed", closed_on=dt.date(2026, 3, 25))  # fmt: skip
    CaseFactory(lead_officer=other_officer, home=other_home, opened_on=dt.date(2026, 3, 4))
    CaseActionFactory(case=hoarding, owner=officer, due_on=dt.date(2026, 5, 1))
    CaseActionFactory(case=hoarding, owner=officer, due_on=dt.date(2026, 6, 1))  # not yet due
    CallBackFactory(for_officer=officer, due_at=at(2026, 5, 11, 17, 0))
    CallBackFactory(for_officer=other_officer, due_at=at(2026, 5, 11, 17, 0))
    # Repairs on the Walsall patch completed in the last year: 3 routine (2 within), 1 emergency.
    for days, hours in ((3, 0), (5, 0), (60, 0)):
        completed_repair(priority="routine", reported_at=at(2026, 2, 2, 9, 0),
                         completed_at=at(2026, 2, 2, 9, 0) + dt.timedelta(days=days, hours=hours),
                         home=home)  # fmt: skip
    completed_repair(priority="emergency", reported_at=at(2026, 2, 2, 9, 0),
                     completed_at=at(2026, 2, 2, 15, 0), home=home)  # fmt: skip
    completed_repair(priority="routine", reported_at=at(2026, 2, 2, 9, 0),
                     completed_at=at(2026, 2, 3, 9, 0), home=other_home)  # fmt: skip
    # Inspections of Beechdale Estate: 80.0 and 95.0 -> average 87.5.
    InspectionFactory(estate=estate, score=Decimal("80.0"), inspected_on=dt.date(2026, 4, 1))
    InspectionFactory(estate=estate, score=Decimal("95.0"), inspected_on=dt.date(2026, 4, 29))
    InspectionFactory(estate=other_estate, score=Decimal("10.0"), inspected_on=dt.date(2026, 4, 1))
    # A welfare programme of the Walsall team: 3 calls, 2 people reached.
    programme = ProgrammeFactory(team=team, name="Older residents living alone")
    first = CallFactory(programme=programme, called_at=at(2026, 4, 1, 10, 0), outcome="spoke_ok")
    CallFactory(programme=programme, person=first.person, called_at=at(2026, 4, 15, 10, 0),
                outcome="concern")  # fmt: skip
    CallFactory(programme=programme, called_at=at(2026, 4, 15, 11, 0), outcome="no_answer")
    CallFactory(programme=ProgrammeFactory(team=other_team), called_at=at(2026, 4, 1, 10, 0))
    # Complaints on Walsall's cases: stage 1 responded on time and late.
    on_time = complaint_stage(received_on=dt.date(2026, 3, 2), acknowledged_on=dt.date(2026, 3, 3),
                              responded_on=dt.date(2026, 3, 10))  # fmt: skip
    late = complaint_stage(received_on=dt.date(2026, 3, 2), acknowledged_on=dt.date(2026, 3, 3),
                           responded_on=dt.date(2026, 4, 30))  # fmt: skip
    for stage in (on_time, late):
        stage.case.team = team
        stage.case.save()


def walsall(team_leader) -> dashboard.Filters:
    scope = dashboard.scope_for(team_leader)
    return dashboard.filters_for(scope, start=dt.date(2025, 5, 1), end=dt.date(2026, 5, 12))


def rows(data: dashboard.ChartData) -> dict[str, list]:
    return {label: values for label, values in data.rows}


def test_each_chart_counts_the_team_only(team_leader, work):
    filters = walsall(team_leader)
    caseload = dashboard.caseload(filters)
    # The two complaints are open cases of the team with no lead officer.
    assert caseload.series == ["Anti-social behaviour", "Hoarding", "Complaint"]
    assert rows(caseload) == {"Jan Kennedy": [2, 1, 0], "No lead officer": [0, 0, 2]}
    assert caseload.table_rows()[0] == ["Jan Kennedy", 2, 1, 0, 3]

    overdue = dashboard.overdue(filters, now=NOW)
    assert rows(overdue) == {"Jan Kennedy": [1, 1]}

    by_month = rows(dashboard.cases_by_month(filters))
    months = list(by_month)
    assert (months[0], months[-1], len(months)) == ("May 2025", "May 2026", 13)
    assert by_month["Jan 2026"] == [1, 0]
    # Opened: hoarding, ASB and the two complaints; closed: one ASB case.
    assert by_month["Mar 2026"] == [4, 1]
    assert by_month["Sep 2025"] == [1, 0]

    # Three calls to two people; one of them was reached (twice), the other did not answer.
    assert rows(dashboard.welfare(filters)) == {"Older residents living alone": [1, 1, 1, 0, 1]}
    assert rows(dashboard.inspections(filters)) == {"Beechdale Estate": [Decimal("87.5"), 2]}
    repairs = rows(dashboard.repairs(filters))
    # Routine within 20 working days: 3 and 5 days yes, 60 days no -> 2 of 3 = 66.7%.
    assert repairs == {"Emergency": [Decimal("100.0"), 1, 1], "Routine": [Decimal("66.7"), 2, 3]}
    assert rows(dashboard.complaints(filters)) == {"Stage 1": [Decimal("50.0"), 1, 2]}


def test_a_date_range_and_a_patch_narrow_the_charts(team_leader, team, work):
    scope = dashboard.scope_for(team_leader)
    april = dashboard.filters_for(scope, start=dt.date(2026, 4, 2), end=dt.date(2026, 4, 30))
    assert rows(dashboard.welfare(april)) == {"Older residents living alone": [0, 1, 1, 0, 1]}
    # Only the routine repair completed on 3 April (60 days, late) is in April.
    assert rows(dashboard.repairs(april)) == {"Routine": [Decimal("0.0"), 0, 1]}
    empty_patch = PatchFactory(name="Caldmore", team=team)
    scope = dashboard.scope_for(team_leader)
    on_patch = dashboard.filters_for(
        scope, start=dt.date(2025, 5, 1), end=dt.date(2026, 5, 12), patch_id=empty_patch.pk
    )
    assert dashboard.caseload(on_patch).rows == []
    assert dashboard.inspections(on_patch).rows == []


def test_scope_team_leader_their_teams_manager_their_offices(
    team_leader, manager, team, other_team, other_office
):
    assert [t.pk for t in dashboard.scope_for(team_leader).teams] == [team.pk]
    assert [t.pk for t in dashboard.scope_for(manager).teams] == [team.pk]
    other_office.managers.add(manager)
    assert {t.pk for t in dashboard.scope_for(manager).teams} == {team.pk, other_team.pk}


def test_the_chart_reads_without_colour():
    data = dashboard.ChartData(
        key="k",
        title="Open cases",
        category="Officer",
        series=["ASB", "Hoarding"],
        rows=[("Jan Kennedy", [2, 1]), ("Priya Shah", [0, 4])],
        stacked=True,
    )
    chart = charts.bar_chart(data)
    assert [p.kind for p in chart.patterns] == ["solid", "stripes"]
    assert [item.label for item in chart.legend] == ["ASB", "Hoarding"]
    assert [v.text for row in chart.rows for v in row.values] == ["3", "4"]
    assert chart.description == (
        "Open cases. Jan Kennedy: ASB 2, Hoarding 1; Priya Shah: ASB 0, Hoarding 4."
    )
    assert charts.nice_max(4) == 5 and charts.nice_max(13) == 20 and charts.nice_max(0) == 1
    # Priya's bar is 4/5 of the plot; Jan's segments 2/5 and 1/5.
    width = charts.WIDTH - charts.RIGHT_MARGIN - charts.LABEL_WIDTH
    assert [s.width for s in chart.rows[0].segments] == [width * 2 / 5, width / 5]


# --- the page --------------------------------------------------------------------------------


def test_team_leader_sees_the_dashboard_with_charts_and_tables(client, team_leader, work):
    client.force_login(team_leader)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 7
    assert html.count("<desc id=") == 7
    assert 'id="table-caseload"' in html and "Jan Kennedy" in html
    assert "Priya Shah" not in html  # Nottingham's officer
    assert reverse("reports:dashboard_csv", args=["caseload"]) in html
    assert 'fill="url(#caseload-pattern-1)"' in html


@pytest.mark.parametrize("who", ["officer", "dpo", "safeguarding_lead"])
def test_others_are_refused(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(reverse("reports:dashboard_csv", args=["caseload"])).status_code == 403


def test_a_manager_cannot_choose_an_office_they_do_not_manage(client, manager, other_office):
    client.force_login(manager)
    response = client.get(DASHBOARD, {"office": other_office.pk})
    assert response.status_code == 200
    assert "office" in response.context["form"].errors
    assert "charts" not in response.context
    csv_response = client.get(
        reverse("reports:dashboard_csv", args=["caseload"]), {"office": other_office.pk}
    )
    assert csv_response.status_code == 400


def test_bad_dates_name_the_field(client, team_leader):
    client.force_login(team_leader)
    errors = (
        client.get(DASHBOARD, {"date_from": "2026-05-01", "date_to": "2026-04-01"})
        .context["form"]
        .errors
    )
    assert errors["date_to"] == ["The end date must be on or after the start date"]
    errors = client.get(DASHBOARD, {"date_from": "1 May"}).context["form"].errors
    assert errors["date_from"][0].startswith("Enter a real date")
    errors = client.get(DASHBOARD, {"date_from": "2020-01-01"}).context["form"].errors
    assert errors["date_to"] == ["Choose a period of at most three years"]


def test_each_chart_downloads_as_csv(client, team_leader, work):
    client.force_login(team_leader)
    response = client.get(
        reverse("reports:dashboard_csv", args=["repairs"]),
        {"date_from": "2025-05-01", "date_to": "2026-05-12"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines == [
        ["Priority", "Within target (%)", "Within target", "Completed"],
        ["Emergency", "100.0", "1", "1"],
        ["Routine", "66.7", "2", "3"],
    ]
    for key in dashboard.CHART_KEYS:
        assert client.get(reverse("reports:dashboard_csv", args=[key])).status_code == 200
    assert client.get(reverse("reports:dashboard_csv", args=["nope"])).status_code == 404


def test_the_page_is_a_fixed_number_of_queries(
    client, team_leader, team, officer, home, work, django_assert_max_num_queries
):
    client.force_login(team_leader)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(20) as few:
        client.get(DASHBOARD)
    for day in range(30):
        case = CaseFactory(lead_officer=officer, home=home,
                           opened_on=dt.date(2025, 6, 1) + dt.timedelta(days=day * 9))  # fmt: skip
        CaseActionFactory(case=case, owner=officer, due_on=dt.date(2026, 1, 1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(DASHBOARD)
    assert rows(response.context["charts"][0][0])["Jan Kennedy"][0] == 32
