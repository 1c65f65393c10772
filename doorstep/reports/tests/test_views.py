"""The Tenant Satisfaction Measures page, its drill-down and downloads: who may see them, what
they show, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from doorstep.core.models import AuditEvent
from doorstep.core.navigation import nav_items_for
from doorstep.reports import exports
from doorstep.reports.tests.factories import add_homes, asb_case, at, completed_repair

pytestmark = pytest.mark.django_db

TSM = reverse("reports:tsm_report")


def records(code: str, year: int = 2025) -> str:
    return reverse("reports:tsm_records", args=[year, code])


@pytest.fixture(autouse=True)
def _in_2026():
    with time_machine.travel(at(2026, 5, 12, 10, 0), tick=False):
        yield


@pytest.fixture
def landlord(team, other_team, officer, other_officer):
    add_homes(400, created_at=at(2020, 1, 1, 9, 0))
    add_homes(10, tenure="temporary", created_at=at(2020, 1, 1, 9, 0))
    # 2025/26: four ASB cases (one a hate incident, one restricted on Nottingham's team).
    asb_case(opened_on=dt.date(2025, 5, 1), lead_officer=officer, team=team)
    asb_case(opened_on=dt.date(2025, 6, 1), hate=True, lead_officer=officer, team=team)
    asb_case(opened_on=dt.date(2025, 7, 1), lead_officer=officer, team=team)
    hidden = asb_case(
        opened_on=dt.date(2025, 8, 1),
        lead_officer=other_officer,
        team=other_team,
        restricted=True,
        summary="Threats from a neighbour's partner",
    )
    # 2024/25: two ASB cases.
    asb_case(opened_on=dt.date(2024, 9, 1), lead_officer=officer, team=team)
    asb_case(opened_on=dt.date(2024, 10, 1), lead_officer=officer, team=team)
    return hidden


# --- who may see -----------------------------------------------------------------------------


def test_officers_and_the_dpo_cannot_see_reports(client, officer, dpo, landlord):
    for user in (officer, dpo):
        client.force_login(user)
        assert client.get(TSM).status_code == 403
        assert client.get(records("NM01_1")).status_code == 403
        url = reverse("reports:tsm_download", args=[2025, "xlsx"])
        assert client.get(url).status_code == 403


def test_a_manager_sees_this_year_and_last_with_the_change_in_words(client, manager, landlord):
    client.force_login(manager)
    response = client.get(TSM, {"year": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2025/26" in html and "2024/25" in html
    # NM01(1): 4 per 400 = 10.00; last year 2 per 400 = 5.00.
    assert "10.00" in html and "5.00" in html
    assert "Up 5.00 per 1,000 homes from 5.00 in 2024/25" in html
    assert "4 ASB cases opened per 400 relevant homes" in html
    # Nothing to count for repairs: no figure, not a zero.
    assert "No figure this year or in 2024/25" in html
    assert records("NM01_1") in html


def test_the_page_defaults_to_the_current_reporting_year(client, team_leader, landlord):
    client.force_login(team_leader)
    response = client.get(TSM)
    assert response.status_code == 200
    assert "2026/27" in response.content.decode()  # 12 May 2026 is in 2026/27


def test_a_bad_year_is_an_error_naming_the_field(client, manager):
    client.force_login(manager)
    response = client.get(TSM, {"year": "26/27"})
    assert response.status_code == 200
    assert response.context["form"].errors["year"][0].startswith("The year must be")
    assert "There is a problem" in response.content.decode()
    assert "page" not in response.context


# --- drill-down ------------------------------------------------------------------------------


def test_nm01_drill_down_lists_the_cases_with_restricted_ones_as_stubs(
    client, team_leader, landlord
):
    client.force_login(team_leader)
    response = client.get(records("NM01_1"))
    assert response.status_code == 200
    html = response.content.decode()
    rows = response.context["rows"]
    assert len(rows) == 4
    stub = next(r for r in rows if not r.visible)
    assert stub.reference == landlord.reference
    assert "Restricted case — ask Priya Shah" in html
    assert "Threats from a neighbour" not in html
    assert landlord.get_absolute_url() not in html
    assert "4 records" in html


def test_a_restricted_case_the_reader_may_see_is_listed_and_audited(
    client, safeguarding_lead, manager, landlord
):
    # The manager manages Walsall only: Nottingham's restricted case is a stub for them too.
    client.force_login(manager)
    assert [r.visible for r in client.get(records("NM01_1")).context["rows"]].count(False) == 1
    # A superuser sees every restricted case; the showing is audited.
    manager.is_superuser = True
    manager.save()
    client.force_login(manager)
    rows = client.get(records("NM01_1")).context["rows"]
    assert all(r.visible for r in rows)
    assert AuditEvent.objects.filter(
        object_label=landlord.reference, action="view", actor=manager
    ).exists()


def test_nm01_2_lists_only_hate_incidents(client, manager, landlord):
    client.force_login(manager)
    rows = client.get(records("NM01_2")).context["rows"]
    assert len(rows) == 1 and rows[0].cells[2] == "Yes"


def test_rp02_drill_down_marks_each_repair(client, manager, home):
    completed_repair(priority="urgent", reported_at=at(2025, 6, 2, 9, 0),
                     completed_at=at(2025, 6, 3, 9, 0), home=home)  # fmt: skip
    completed_repair(priority="routine", reported_at=at(2025, 6, 2, 9, 0),
                     completed_at=at(2025, 9, 3, 9, 0), home=home)  # fmt: skip
    client.force_login(manager)
    response = client.get(records("RP02_1"))
    assert [r.met for r in response.context["rows"]] == [True, False]
    assert "12 Beechdale Road" in response.content.decode()


def test_unknown_measure_or_year_is_404(client, manager):
    client.force_login(manager)
    assert client.get(records("NM99_1")).status_code == 404
    assert client.get(records("NM01_1", year=1850)).status_code == 404
    assert client.get(reverse("reports:tsm_download", args=[2025, "pdf"])).status_code == 404


def test_drill_down_is_paginated_with_a_fixed_number_of_queries(
    client, manager, team, officer, django_assert_max_num_queries
):
    add_homes(10, created_at=at(2020, 1, 1, 9, 0))
    client.force_login(manager)

    def add_cases(n: int) -> None:
        for day in range(n):
            asb_case(opened_on=dt.date(2025, 4, 1) + dt.timedelta(days=day), lead_officer=officer,
                     team=team, restricted=day % 3 == 0)  # fmt: skip

    add_cases(3)
    client.get(records("NM01_1"))  # warm the session and permission caches
    with django_assert_max_num_queries(14) as few:
        client.get(records("NM01_1"))
    add_cases(60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(records("NM01_1"))
    assert response.context["page_obj"].has_next()
    assert len(response.context["rows"]) == len(response.context["page_obj"].object_list)
    assert response.context["page_obj"].paginator.count == 63


# --- downloads -------------------------------------------------------------------------------


def test_xlsx_download_has_the_figures(client, manager, landlord):
    client.force_login(manager)
    response = client.get(reverse("reports:tsm_download", args=[2025, "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="tenant-satisfaction-measures-2025.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(exports.TSM_COLUMNS)
    assert rows[1][:4] == ("relevant_homes", "Relevant homes on 31 March", "2025/26", 400)
    nm01 = next(r for r in rows if r[0] == "NM01_1")
    assert nm01[3] == 10 and nm01[4] == 4 and nm01[5] == 400 and nm01[7] == 5
    rp02 = next(r for r in rows if r[0] == "RP02_1")
    assert rp02[3] is None


def test_csv_download_has_the_figures(client, manager, landlord):
    client.force_login(manager)
    response = client.get(reverse("reports:tsm_download", args=[2025, "csv"]))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(exports.TSM_COLUMNS)
    assert "NM01_1,Anti-social behaviour cases per 1,000 homes" not in text  # quoted: has a comma
    assert '"Anti-social behaviour cases per 1,000 homes",2025/26,10.00,4,400' in text


def test_exports_never_write_a_formula():
    rows = [['=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)", "safe"]]
    csv_text = exports.to_csv(["a", "b", "c", "d", "e"], rows).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and ",'+1,'-2,'@SUM(A1),safe" in csv_text
    sheet = load_workbook(io.BytesIO(exports.to_xlsx("x", ["a"] * 5, rows))).active
    values = next(sheet.iter_rows(min_row=2, values_only=True))
    assert values == ('\'=HYPERLINK("http://evil")', "'+1", "'-2", "'@SUM(A1)", "safe")


def test_reports_and_dashboard_are_in_the_nav_for_leads_and_managers(
    client, officer, team_leader, manager
):
    for user, shown in ((officer, False), (team_leader, True), (manager, True)):
        client.force_login(user)
        # Every area the user may reach: on the bar or on the "More" index.
        labels = [item.label for item in nav_items_for(user=user, path="/")]
        assert ("Reports" in labels, "Dashboard" in labels) == (shown, shown)
