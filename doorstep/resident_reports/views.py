"""The public report page (no sign-in) and the staff pages for reports from residents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.resident_reports import selectors, services, spam
from doorstep.resident_reports.forms import DETAILS, DealtWithForm, ReportForm
from doorstep.resident_reports.models import ReportStatus
from doorstep.resident_reports.permissions import (
    can_act_on_report,
    can_read_reports,
    can_see_reporter,
)

SESSION_KEY = "resident_report_reference"
CANNOT_READ = "Your role does not include reports from residents."

# --- public -----------------------------------------------------------------------------------


def _client_ip(request: HttpRequest) -> str:
    # The proxy in front of gunicorn must pass the resident's address as REMOTE_ADDR.
    return str(request.META.get("REMOTE_ADDR", ""))


def _with_fresh_token(form: ReportForm) -> None:
    """Shown again with a new token, so the resident can send it once they have checked it."""
    data = QueryDict(mutable=True)
    data.update(form.data)
    data["started"] = spam.form_token()
    form.data = data


@login_not_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, code: str = "") -> HttpResponse:
    """Report fly-tipping, anti-social behaviour or a communal repair, in confidence."""
    place = selectors.estate_for_code(code) if code else None
    unknown_place = bool(code) and place is None
    if request.method == "POST":
        ip = _client_ip(request)
        if spam.is_limited(ip):
            response = render(request, "resident_reports/too_many.html", status=429)
            response["Retry-After"] = str(spam.RATE_WINDOW)
            return response
        form = ReportForm(request.POST, request.FILES, place=place)
        if form.is_valid():
            data = form.cleaned_data
            problem = spam.check(honeypot=data["website"], token=data["started"])
            if problem:
                spam.note_attempt(ip)
                form.add_error(None, problem)
                _with_fresh_token(form)
            else:
                try:
                    made = services.report_submit(
                        kind=data["kind"],
                        description=data["description"],
                        estate=data["estate_obj"],
                        block=data["block_obj"],
                        location=data["location"],
                        postcode=data["postcode"],
                        photo=data["photo"],
                        anonymous=data["contact"] != DETAILS,
                        name=data["name"],
                        phone=data["phone"],
                        email=data["email"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    spam.note_attempt(ip)
                    # The reference travels in the session, so the address stays plain.
                    request.session[SESSION_KEY] = made.reference
                    return redirect("resident_reports:report_thanks")
    else:
        initial: dict[str, Any] = {"started": spam.form_token()}
        if place is not None:
            initial["estate"] = place.pk
        form = ReportForm(initial=initial, place=place)
    return render(
        request,
        "resident_reports/report_form.html",
        {"form": form, "place": place, "unknown_place": unknown_place},
    )


@login_not_required
@require_GET
def report_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "resident_reports/report_thanks.html",
        {"reference": request.session.get(SESSION_KEY)},
    )


# --- staff ------------------------------------------------------------------------------------


@require_GET
def report_list(request: AuthedHttpRequest) -> HttpResponse:
    require(can_read_reports(request.user), CANNOT_READ)
    show = request.GET.get("show", selectors.Show.MINE)
    if show not in {value for value, _ in selectors.Show.choices}:
        show = selectors.Show.MINE
    reports = selectors.reports_for(user=request.user, show=show)
    context = {
        "show": show,
        "tabs": [
            {"value": value, "label": label, "current": value == show}
            for value, label in selectors.Show.choices
        ],
        **paginate(request, reports),
    }
    return render(request, "resident_reports/report_list.html", context)


@require_GET
def report_detail(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    require(can_read_reports(request.user), CANNOT_READ)
    made = selectors.report_get(reference=reference)
    return render(
        request,
        "resident_reports/report_detail.html",
        {
            "report": made,
            "can_act": can_act_on_report(request.user, made) and made.status == ReportStatus.NEW,
            "can_open_case": made.kind in services.CASE_TYPE_FOR_KIND,
            "can_see_reporter": can_see_reporter(request.user, made),
            "form": DealtWithForm(),
        },
    )


@require_GET
def report_reporter(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    """Who made the report: only for those allowed, and every view is audited."""
    made = selectors.report_get(reference=reference)
    details = services.reporter_viewed(actor=request.user, report=made)
    return render(request, "resident_reports/reporter.html", {"report": made, "reporter": details})


@require_GET
def report_photo(request: AuthedHttpRequest, reference: str) -> FileResponse:
    """The report's photo, to staff only; never from a public media address."""
    require(can_read_reports(request.user), CANNOT_READ)
    made = selectors.report_get(reference=reference)
    if not made.photo:
        raise Http404("This report has no photo.")
    response = FileResponse(
        made.photo.open("rb"), content_type=made.photo_type, as_attachment=False
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def report_open_case(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    made = selectors.report_get(reference=reference)
    try:
        case = services.report_open_case(actor=request.user, report=made)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(made.get_absolute_url())
    messages.success(request, f"Case {case.reference} opened from report {made.reference}.")
    return redirect(case.get_absolute_url())


@require_POST
def report_dealt_with(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    made = selectors.report_get(reference=reference)
    form = DealtWithForm(request.POST)
    if form.is_valid():
        try:
            services.report_dealt_with(
                actor=request.user, report=made, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Report {made.reference} marked as dealt with.")
    else:
        messages.error(request, " ".join(str(error) for error in form.errors.get("outcome", [])))
    return redirect(made.get_absolute_url())
