"""Tenancy pages. Any signed-in officer reads; recording or ending a tenancy follows the
home's patch (doorstep.core.permissions.can_edit_home)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict, version_initial
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.permissions import can_edit_home, require
from doorstep.places.selectors import get_home
from doorstep.tenancies import selectors, services
from doorstep.tenancies.forms import TenancyEndForm, TenancyForm

CANNOT_EDIT = "You can only record tenancies for homes on your patches."


def _apply(form: TenancyForm | TenancyEndForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def tenancy_detail(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    page = selectors.tenancy_page(
        user=request.user, reference=reference, today=timezone.localdate()
    )
    return render(request, "tenancies/tenancy_detail.html", {"page": page})


def tenancy_create(request: AuthedHttpRequest, home_pk: int) -> HttpResponse:
    home = get_home(home_id=home_pk)
    require(can_edit_home(request.user, home), CANNOT_EDIT)
    form = TenancyForm(request.POST or None, home=home)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tenancy = services.tenancy_create(
                actor=request.user,
                home=home,
                tenancy_type=data["tenancy_type"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                tenants=data["tenants"],
                members=data["members"],
            )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Tenancy {tenancy.reference} recorded.")
            return redirect(tenancy)
    return render(request, "tenancies/tenancy_form.html", {"form": form, "home": home})


def tenancy_end(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    tenancy = selectors.get_tenancy(reference=reference)
    require(can_edit_home(request.user, tenancy.home), CANNOT_EDIT)
    form = TenancyEndForm(request.POST or None, tenancy=tenancy, initial=version_initial(tenancy))
    # A form opened before someone else ended the tenancy carries that version: it goes on to
    # the service, so the officer sees the end date saved beside theirs, not just a redirect.
    if tenancy.end_date is not None and not request.POST.get("version"):
        messages.info(request, f"Tenancy {tenancy.reference} has already ended.")
        return redirect(tenancy)
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            tenancy = services.tenancy_end(
                actor=request.user,
                tenancy=tenancy,
                end_date=form.cleaned_data["end_date"],
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Tenancy {tenancy.reference} ended.")
            return redirect(tenancy)
    return render(
        request,
        "tenancies/tenancy_end.html",
        {"form": form, "tenancy": tenancy, "conflict_rows": conflict_rows},
    )
