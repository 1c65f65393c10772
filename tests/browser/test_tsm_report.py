"""A manager reads the Tenant Satisfaction Measures in a real browser: chooses the year, drills
into NM01 (restricted cases shown as stubs), downloads the spreadsheet, and opens the
dashboard. axe runs on every page visited and the browser console stays clean."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from doorstep.reports.tests.factories import add_homes, asb_case, at
from tests.browser.conftest import check_axe, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_reads_drills_into_and_downloads_the_measures(
    page, manager, officer, other_officer, team, other_team, password
):
    add_homes(800, created_at=at(2020, 1, 1, 9, 0))
    asb_case(opened_on=dt.date(2025, 5, 6), lead_officer=officer, team=team)
    asb_case(opened_on=dt.date(2025, 9, 9), hate=True, lead_officer=officer, team=team)
    hidden = asb_case(
        opened_on=dt.date(2026, 1, 12),
        lead_officer=other_officer,
        team=other_team,
        restricted=True,
        summary="Threats from a neighbour's partner",
    )

    sign_in(page, manager.email, password)
    # Reports are on the "More" index, not the bar.
    page.locator("nav.ds-nav").get_by_role("link", name="More services").click()
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("heading", level=1, name="Tenant Satisfaction Measures").wait_for()
    check_axe(page)
    page.get_by_label("Reporting year starting in").fill("2025")
    page.get_by_role("button", name="Show the year").click()
    page.get_by_role("heading", level=1, name="Tenant Satisfaction Measures 2025/26").wait_for()
    check_axe(page)
    # NM01(1): 3 ASB cases per 800 homes = 3.75 per 1,000.
    nm01 = page.locator("#measure-NM01_1")
    assert "3.75" in nm01.inner_text()
    assert "3 ASB cases opened per 800 relevant homes" in nm01.inner_text()

    nm01.get_by_role("link", name="See the records").click()
    page.get_by_role("heading", level=1, name="NM01(1)").wait_for()
    check_axe(page)
    table = page.locator("#tsm-records").inner_text()
    assert "3 records" in page.locator("main").inner_text()
    assert hidden.reference in table
    assert "Restricted case — ask Priya Shah" in table
    assert "Threats from a neighbour" not in page.content()

    page.get_by_role("link", name="Back to the measures for 2025/26").click()
    page.get_by_role("heading", level=1, name="Tenant Satisfaction Measures 2025/26").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role(
            "link", name="Download the measures for 2025/26 as a spreadsheet (XLSX)"
        ).click()
    download = download_info.value
    assert download.suggested_filename == "tenant-satisfaction-measures-2025.xlsx"
    with open(download.path(), "rb") as saved:
        sheet = load_workbook(saved).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["relevant_homes"][3] == 800
    assert rows["NM01_1"][3] == 3.75 and rows["NM01_1"][4] == 3
    assert rows["NM01_2"][3] == 1.25  # 1 per 800 homes
    assert rows["RP02_1"][3] is None  # nothing to count

    page.locator("nav.ds-nav").get_by_role("link", name="More services").click()
    page.get_by_role("link", name="Dashboard", exact=True).click()
    page.get_by_role("heading", level=1, name="Dashboard").wait_for()
    page.get_by_role("heading", level=2, name="Open cases by lead officer and type").wait_for()
    check_axe(page)
    # Charts with something to show (caseload, cases by month) are drawn beside their tables;
    # the rest say there is nothing to show.
    assert page.locator('svg[role="img"]').count() == 2
    assert "Jan Kennedy" in page.locator("#table-caseload").inner_text()
    assert "Priya Shah" not in page.locator("#table-caseload").inner_text()
    assert page.console_errors == []
