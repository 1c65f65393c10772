from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict, version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.dataprotection import selectors, services
from doorstep.dataprotection.forms import RequestFilterForm, RequestForm, RequestUpdateForm
from doorstep.dataprotection.models import SubjectAccessRequest
from doorstep.dataprotection.tasks import generate_sar_export

REFUSED = "Only the data protection officer keeps the subject access register."


def _get(request: AuthedHttpRequest, pk: int) -> SubjectAccessRequest:
    require(selectors.can_manage_sar(request.user), REFUSED)
    return get_object_or_404(selectors.requests_for(user=request.user, filters={}), pk=pk)


def request_list(request: AuthedHttpRequest) -> HttpResponse:
    require(selectors.can_manage_sar(request.user), REFUSED)
    form = RequestFilterForm(request.GET or {"status": "open"})
    filters = form.cleaned_data if form.is_valid() else {"status": "open"}
    requests = selectors.requests_for(user=request.user, filters=filters)
    return render(
        request,
        "dataprotection/request_list.html",
        {"form": form, "today": timezone.localdate(), **paginate(request, requests)},
    )


def request_create(request: AuthedHttpRequest) -> HttpResponse:
    require(selectors.can_manage_sar(request.user), REFUSED)
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sar = services.request_create(
                actor=request.user,
                person=data["person_reference"],
                received_on=data["received_on"],
                requester=data["requester"],
                identity_checked=data["identity_checked"],
                identity_checked_on=data["identity_checked_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Request {sar.reference} logged, due {sar.due_on:%-d %B %Y}."
            )
            return redirect(sar)
    return render(request, "dataprotection/request_form.html", {"form": form})


def request_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    sar = _get(request, pk)
    initial = {
        "identity_checked": sar.identity_checked,
        "identity_checked_on": sar.identity_checked_on,
        "extension_months": sar.extension_months,
        "extension_reason": sar.extension_reason,
        "status": sar.status,
        "completed_on": sar.completed_on,
        **version_initial(sar),
    }
    form = RequestUpdateForm(request.POST if request.method == "POST" else None, initial=initial)
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            sar = services.request_update(
                actor=request.user,
                request=sar,
                expected_version=form.expected_version,
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Request {sar.reference} saved.")
            return redirect(sar)
    return render(
        request,
        "dataprotection/request_detail.html",
        {
            "sar": sar,
            "form": form,
            "conflict_rows": conflict_rows,
            "overdue": sar.is_overdue_on(timezone.localdate()),
        },
    )


@require_POST
def request_export(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    sar = _get(request, pk)
    services.export_queue(actor=request.user, request=sar)
    # The worker builds the archive; with the immediate backend (tests) it is ready now.
    generate_sar_export.enqueue(sar.pk, request.user.pk)
    messages.success(
        request,
        "The export is being prepared. Refresh this page in a minute to download it.",
    )
    return redirect(sar)


def request_download(request: AuthedHttpRequest, pk: int) -> FileResponse:
    sar = _get(request, pk)
    if not sar.export_file:
        raise Http404("No export has been generated for this request yet.")
    services.export_download(actor=request.user, request=sar)
    return FileResponse(
        sar.export_file.open("rb"),
        as_attachment=True,
        filename=f"{sar.reference}-{sar.person.reference}.zip",
        content_type="application/zip",
    )
