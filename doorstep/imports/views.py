"""The Imports page for housing services managers. Thin: rules live in services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.imports import selectors, services
from doorstep.imports.forms import KIND_LABELS, UploadForm
from doorstep.imports.models import ImportRun, RunStatus
from doorstep.imports.permissions import can_import

PROBLEMS_PER_PAGE = 50


@require_http_methods(["GET", "POST"])
def run_list(request: AuthedHttpRequest) -> HttpResponse:
    """Upload a file to check, and the history of imports."""
    require(can_import(request.user), services.REFUSED)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.start_upload(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect(run.get_absolute_url())
    context = {"form": form, "kind_labels": KIND_LABELS, **paginate(request, selectors.runs())}
    return render(request, "imports/run_list.html", context)


def run_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """A run: its progress, or its problems (paginated), or "Import these N rows"."""
    require(can_import(request.user), services.REFUSED)
    run = selectors.run_get(pk=pk)
    context = {
        "run": run,
        "kind_label": KIND_LABELS.get(run.kind, run.kind),
        "rows_written": services.write_progress(run),
        "statuses": RunStatus,
        **paginate(request, selectors.problems_of(run), per_page=PROBLEMS_PER_PAGE),
    }
    return render(request, "imports/run_detail.html", context)


def run_progress(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The progress panel alone, polled by htmx while the worker checks or imports; once the
    work is done it asks the browser to reload the page to show the outcome."""
    require(can_import(request.user), services.REFUSED)
    run = selectors.run_get(pk=pk)
    if not run.running:
        if not request.headers.get("HX-Request"):
            return redirect(run.get_absolute_url())
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    context = {
        "run": run,
        "rows_written": services.write_progress(run),
        "statuses": RunStatus,
    }
    return render(request, "imports/partials/progress.html", context)


@require_POST
def run_confirm(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """ "Import these N rows"."""
    require(can_import(request.user), services.REFUSED)
    run: ImportRun = selectors.run_get(pk=pk)
    try:
        run = services.confirm_import(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(run.get_absolute_url())
    if run.status == RunStatus.IMPORTED:
        messages.success(request, f"Imported {run.rows:,} rows of {run.kind}.")
    return redirect(run.get_absolute_url())
