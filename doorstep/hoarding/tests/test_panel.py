"""The panel the hoarding app adds to the shared case page."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from doorstep.accounts.tests.factories import UserFactory
from doorstep.cases.registry import panels_for
from doorstep.hoarding.panel import hoarding_panel_context
from doorstep.hoarding.tests.factories import ClutterRatingFactory, SelfNeglectAssessmentFactory

pytestmark = pytest.mark.django_db


def render_panel(user, case):
    (panel,) = [p for p in panels_for(case.case_type) if p.name == "hoarding"]
    context = panel.context(user=user, case=case)
    return render_to_string(panel.template, {"case": case, **context})


def test_the_panel_is_registered_for_hoarding_and_self_neglect_only():
    assert [p.name for p in panels_for("hoarding") if p.name == "hoarding"] == ["hoarding"]
    assert [p.name for p in panels_for("self_neglect") if p.name == "hoarding"] == ["hoarding"]
    assert not [p for p in panels_for("asb") if p.name == "hoarding"]


def test_panel_shows_the_latest_rating_chart_and_table(officer, hoarding_case):
    ClutterRatingFactory(case=hoarding_case, rated_on=dt.date(2026, 1, 5), living_room=3)
    ClutterRatingFactory(case=hoarding_case, rated_on=dt.date(2026, 3, 2), kitchen=5)
    ClutterRatingFactory(
        case=hoarding_case, rated_on=dt.date(2026, 6, 1), bedroom=8, note="Bed unreachable"
    )
    html = render_panel(officer, hoarding_case)
    # Latest rating and its band in words, not colour alone.
    latest = html[html.index('id="cir-latest"') : html.index("</dl>")]
    assert ">8</strong>" in latest and "High risk" in latest
    assert "Living room 3, kitchen 2, bedroom 8" in latest
    # The chart: an SVG image with a title and description, no script, no inline style.
    assert '<svg viewBox="0 0 640 300"' in html and 'role="img"' in html
    title = f"Clutter Image Rating trend for {hoarding_case.reference}"
    assert f'<title id="cir-trend-title">{title}</title>' in html
    assert "3 ratings from 5 Jan 2026 to 1 Jun 2026, rising from 3 to 8." in html
    assert len(re.findall(r"<circle ", html)) == 3
    assert "<script" not in html and 'style="' not in html
    # The same figures in a table, newest first.
    rows = re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>', html)
    assert rows == ["1 Jun 2026", "2 Mar 2026", "5 Jan 2026"]
    assert "Hoarding: agree a support plan within 10 working days" in html
    assert "No hoarding concern" in html
    # The lead officer may add one.
    assert "Add a Clutter Image Rating" in html and 'name="cir-living_room"' in html


def test_panel_without_ratings_says_so_and_others_get_no_form(other_officer, hoarding_case):
    html = render_panel(other_officer, hoarding_case)
    assert "No Clutter Image Rating yet." in html
    assert "<svg" not in html
    assert "Add a Clutter Image Rating" not in html and "<form" not in html


def test_self_neglect_panel_shows_assessments_and_the_scheme_warning(officer, scheme_case):
    SelfNeglectAssessmentFactory(
        case=scheme_case, home_in_scheme=True, risks_to_neighbours="Fire risk on the landing"
    )
    html = render_panel(officer, scheme_case)
    assert "Self-neglect assessments" in html
    assert "Neighbours in a scheme may be at risk" in html
    assert "Fire risk on the landing" in html
    assert "Poor: affecting health or safety" in html
    assert 'name="sn-risks_to_person"' in html
    # Two forms on one page: no clashing ids.
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_hoarding_panel_has_no_self_neglect_section(officer, hoarding_case):
    html = render_panel(officer, hoarding_case)
    assert "Self-neglect assessments" not in html


def _queries(user, case):
    # A fresh user each time, so the permission caches on the instance are re-read alike.
    fresh = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as ctx:
        html = render_panel(fresh, case)
    return len(ctx.captured_queries), html


def test_panel_queries_do_not_grow_with_20_ratings_and_assessments(officer, self_neglect_case):
    ClutterRatingFactory(case=self_neglect_case, rated_on=dt.date(2025, 1, 1))
    SelfNeglectAssessmentFactory(case=self_neglect_case)
    baseline, _ = _queries(officer, self_neglect_case)
    for day in range(19):
        ClutterRatingFactory(
            case=self_neglect_case,
            rated_on=dt.date(2025, 2, 1) + dt.timedelta(days=14 * day),
            living_room=1 + day % 9,
            rated_by=UserFactory(),
        )
        SelfNeglectAssessmentFactory(case=self_neglect_case, assessed_by=UserFactory())
    count, html = _queries(officer, self_neglect_case)
    assert len(re.findall(r"<circle ", html)) == 20
    assert count == baseline


def test_panel_with_20_ratings_stays_within_a_fixed_query_budget(
    officer, hoarding_case, django_assert_max_num_queries
):
    for day in range(20):
        ClutterRatingFactory(
            case=hoarding_case,
            rated_on=dt.date(2025, 1, 6) + dt.timedelta(days=7 * day),
            kitchen=1 + day % 9,
            rated_by=UserFactory(),
        )
    hoarding_panel_context(user=officer, case=hoarding_case)  # warm the user's permission caches
    # Ratings with their raters, and the edit check (the case page has the case's place).
    with django_assert_max_num_queries(4):
        render_panel(officer, hoarding_case)


# --- on the shared case page ------------------------------------------------------------------


def _case_page(client, case):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("cases:case_detail", args=[case.reference]))
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def test_the_case_page_shows_the_panel_and_its_queries_do_not_grow_with_20_ratings(
    client, officer, hoarding_case
):
    client.force_login(officer)
    ClutterRatingFactory(case=hoarding_case, rated_on=dt.date(2025, 1, 6), rated_by=officer)
    _, baseline = _case_page(client, hoarding_case)
    for week in range(1, 20):
        ClutterRatingFactory(
            case=hoarding_case,
            rated_on=dt.date(2025, 1, 6) + dt.timedelta(days=7 * week),
            living_room=1 + week % 9,
            rated_by=UserFactory(),
        )
    html, count = _case_page(client, hoarding_case)
    assert count == baseline
    assert '<h2 class="govuk-heading-m" id="cir-heading">Clutter Image Rating</h2>' in html
    assert len(re.findall(r"<circle ", html)) == 20
    assert len(re.findall(r'<th scope="row" class="govuk-table__header">\d', html)) >= 20
    assert 'action="/hoarding/' in html and 'name="csrfmiddlewaretoken"' in html
    assert 'style="' not in html
