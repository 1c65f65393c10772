"""The case list's pages: keyset (seek) links, pages by number, filters and exports."""

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorstep.cases.tests.factories import CaseActionFactory, CaseFactory

pytestmark = pytest.mark.django_db

URL = reverse("cases:case_list")
REF = re.compile(r'href="/cases/([A-Z]+-\d{4}-\d{6})/"')


@pytest.fixture
def small_pages(settings):
    settings.DOORSTEP_PAGE_SIZE = 4


@pytest.fixture
def tied_cases(officer, home, team):
    """15 cases on only four opening days: most pages start and end in the middle of a tie."""
    today = timezone.localdate()
    return [
        CaseFactory(
            home=home, lead_officer=officer, team=team, opened_on=today - dt.timedelta(n % 4)
        )
        for n in range(15)
    ]


def _newest_first(cases):
    return [c.reference for c in sorted(cases, key=lambda c: (c.opened_on, c.pk), reverse=True)]


def _link(html, rel):
    found = re.search(rf'href="\?([^"]*)" rel="{rel}"', html)
    return unescape(found.group(1)) if found else None


def _walk(client, query, rel):
    """Follow the rel=next (or prev) links from `query`; the references on each page."""
    pages = []
    while query is not None:
        html = client.get(f"{URL}?{query}").content.decode()
        pages.append((REF.findall(html), re.search(r"Page (\d+) of (\d+)", html).groups()))
        query = _link(html, rel)
    return pages


def test_next_links_visit_every_case_once_in_order_across_ties(
    client, officer, small_pages, tied_cases
):
    client.force_login(officer)
    pages = _walk(client, "show=all", "next")
    assert [where for _, where in pages] == [(str(n), "4") for n in range(1, 5)]
    seen = [ref for refs, _ in pages for ref in refs]
    assert seen == _newest_first(tied_cases)  # none skipped, none repeated, ties by id


def test_previous_links_come_back_through_the_same_pages(client, officer, small_pages, tied_cases):
    client.force_login(officer)
    forward = _walk(client, "show=all", "next")
    last_query = None
    html = client.get(f"{URL}?show=all").content.decode()
    while (nxt := _link(html, "next")) is not None:
        last_query = nxt
        html = client.get(f"{URL}?{nxt}").content.decode()
    backward = _walk(client, last_query, "prev")
    assert backward == forward[::-1]


def test_a_page_by_number_shows_the_same_rows_as_the_links(
    client, officer, small_pages, tied_cases
):
    client.force_login(officer)
    forward = _walk(client, "show=all", "next")
    for number, (refs, _) in enumerate(forward, start=1):
        html = client.get(URL, {"show": "all", "page": number}).content.decode()
        assert REF.findall(html) == refs


def test_a_bad_cursor_or_page_falls_back_to_a_page_by_number(
    client, officer, small_pages, tied_cases
):
    client.force_login(officer)
    first = REF.findall(client.get(URL, {"show": "all"}).content.decode())
    second = REF.findall(client.get(URL, {"show": "all", "page": 2}).content.decode())
    for bad in ({"after": "yesterday.x", "page": 2}, {"before": "2026-13-01.5", "page": 2}):
        assert REF.findall(client.get(URL, {"show": "all", **bad}).content.decode()) == second
    assert REF.findall(client.get(URL, {"show": "all", "page": "x"}).content.decode()) == first
    assert client.get(URL, {"show": "all", "page": 999}).status_code == 200


def test_deep_pages_cost_the_queries_of_page_one(
    client, officer, small_pages, tied_cases, django_assert_max_num_queries
):
    client.force_login(officer)
    with CaptureQueriesContext(connection) as first:
        html = client.get(URL, {"show": "all"}).content.decode()
    nxt = _link(html, "next")
    # A page reached by a link is a seek (no more queries than page 1); a page by number
    # adds one narrow query for its ids.
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(f"{URL}?{nxt}")
    with CaptureQueriesContext(connection) as by_number:
        client.get(URL, {"show": "all", "page": 4})
    assert len(by_number.captured_queries) == len(first.captured_queries) + 1
    ids_query = [q["sql"] for q in by_number.captured_queries if "OFFSET" in q["sql"]]
    assert len(ids_query) == 1 and "LEFT OUTER JOIN" not in ids_query[0]


def test_seek_pages_keep_the_team_open_and_overdue_filters(
    client, team_leader, officer, home, team, small_pages
):
    today = timezone.localdate()
    overdue = []
    for n in range(10):
        case = CaseFactory(
            home=home, lead_officer=officer, team=team, opened_on=today - dt.timedelta(n % 2)
        )
        if n % 3:
            CaseActionFactory(case=case, owner=officer, due_on=today - dt.timedelta(days=1))
            overdue.append(case)
    CaseFactory(home=home, lead_officer=officer, team=team, status="closed", closed_on=today)
    client.force_login(team_leader)
    pages = _walk(client, "show=team&status=open&overdue=on", "next")
    assert [ref for refs, _ in pages for ref in refs] == _newest_first(overdue)
    html = client.get(URL, {"show": "team", "status": "open", "overdue": "on"}).content.decode()
    assert "show=team&status=open&overdue=on&after=" in _link(html, "next")


def test_export_from_a_later_page_is_the_whole_filtered_list(
    client, officer, small_pages, tied_cases
):
    client.force_login(officer)
    html = client.get(URL, {"show": "all"}).content.decode()
    nxt = _link(html, "next")
    html = client.get(f"{URL}?{nxt}").content.decode()
    export = re.search(r'href="(/cases/export/\?[^"]*format=csv)"', html).group(1)
    assert "after=" not in export and "page=" not in export
    body = client.get(unescape(export)).content.decode("utf-8-sig")
    refs = [row[0] for row in csv.reader(io.StringIO(body))][1:]
    assert sorted(refs) == sorted(c.reference for c in tied_cases)
