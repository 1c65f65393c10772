"""Reports pages: the Tenant Satisfaction Measures (with drill-down and downloads) and the
dashboard (charts with their tables and a CSV of each). Thin: parse, check, call a selector."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.reports import charts, dashboard, exports, selectors, tsm
from doorstep.reports.forms import DashboardFilterForm, YearForm
from doorstep.reports.permissions import can_read_reports, can_see_dashboard

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPORTS_REFUSED = "Reports are for team leaders and housing services managers."


def _download(content: bytes, *, filename: str, kind: str) -> HttpResponse:
    content_type = XLSX if kind == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


def _year(year: int) -> tsm.ReportingYear:
    try:
        return tsm.parse_year(str(year))
    except tsm.BadYear:
        raise Http404("No such reporting year.") from None


# --- Tenant Satisfaction Measures ------------------------------------------------------------


def tsm_report(request: AuthedHttpRequest) -> HttpResponse:
    require(can_read_reports(request.user), REPORTS_REFUSED)
    form = YearForm(request.GET or None, today=timezone.localdate())
    context: dict[str, Any] = {"form": form}
    if not request.GET or form.is_valid():
        year = form.cleaned_data["year"] if request.GET else tsm.year_containing(form.today)
        context["page"] = selectors.tsm_page(year=year)
        context["year"] = year
    return render(request, "reports/tsm_report.html", context)


def tsm_download(request: AuthedHttpRequest, year: int, kind: str) -> HttpResponse:
    require(can_read_reports(request.user), REPORTS_REFUSED)
    if kind not in ("csv", "xlsx"):
        raise Http404("Download as csv or xlsx.")
    reporting_year = _year(year)
    page = selectors.tsm_page(year=reporting_year)
    rows = exports.tsm_rows(page)
    name = f"tenant-satisfaction-measures-{reporting_year.year}"
    if kind == "xlsx":
        content = exports.to_xlsx("Measures", exports.TSM_COLUMNS, rows)
    else:
        content = exports.to_csv(exports.TSM_COLUMNS, rows)
    return _download(content, filename=name, kind=kind)


def tsm_records(request: AuthedHttpRequest, year: int, code: str) -> HttpResponse:
    require(can_read_reports(request.user), REPORTS_REFUSED)
    reporting_year = _year(year)
    found = selectors.drill(user=request.user, year=reporting_year, code=code)
    if found is None:
        raise Http404("No such measure.")
    context = paginate(request, found.records)
    rows = selectors.drill_rows(
        user=request.user, drill=found, records=list(context["page_obj"].object_list)
    )
    context.update({"drill": found, "rows": rows, "year": reporting_year})
    return render(request, "reports/tsm_records.html", context)


# --- dashboard -------------------------------------------------------------------------------


def _dashboard_form(request: AuthedHttpRequest) -> DashboardFilterForm:
    require(can_see_dashboard(request.user), REPORTS_REFUSED)
    scope = dashboard.scope_for(request.user)
    return DashboardFilterForm(request.GET, scope=scope, today=timezone.localdate())


def dashboard_page(request: AuthedHttpRequest) -> HttpResponse:
    form = _dashboard_form(request)
    context: dict[str, Any] = {"form": form, "scope": form.scope}
    if form.is_valid() and not form.scope.is_empty:
        filters = form.filters()
        found = dashboard.all_charts(filters)
        context["filters"] = filters
        context["charts"] = [(data, charts.bar_chart(data)) for data in found]
        context["query"] = request.GET.urlencode()
    return render(request, "reports/dashboard.html", context)


def dashboard_csv(request: AuthedHttpRequest, key: str) -> HttpResponse:
    if key not in dashboard.CHART_KEYS:
        raise Http404("No such chart.")
    form = _dashboard_form(request)
    if not form.is_valid():
        return HttpResponse(
            "Check the filters: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = dashboard.chart(key, form.filters())
    content = exports.to_csv(data.columns, data.table_rows())
    return _download(content, filename=f"dashboard-{key}-{timezone.localdate()}", kind="csv")
