"""Agency directory pages. Thin: parse, check permission, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from doorstep.core.concurrency import (
    ConflictRow,
    EditConflict,
    show_conflict,
    version_initial,
)
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.partners import selectors, services
from doorstep.partners.forms import AgencyContactForm, AgencyForm, AgencySearchForm
from doorstep.partners.permissions import can_manage_directory


def _apply_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form, against the field it names where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


def agency_list(request: AuthedHttpRequest) -> HttpResponse:
    form = AgencySearchForm(request.GET or None)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    agencies = selectors.agencies_list(q=filters.get("q", ""), kind=filters.get("kind", ""))
    context = {
        "form": form,
        "can_manage": can_manage_directory(request.user),
        **paginate(request, agencies),
    }
    template = (
        "partners/partials/agency_table.html" if request.htmx else "partners/agency_list.html"
    )
    return render(request, template, context)


def agency_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_get(pk=pk)
    return render(
        request,
        "partners/agency_detail.html",
        {
            "agency": agency,
            "contacts": list(agency.contacts.all()),
            "can_manage": can_manage_directory(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def agency_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_manage_directory(request.user), services.REFUSED)
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{agency.name} added to the directory")
            return redirect("partners:agency_detail", pk=agency.pk)
    return render(request, "partners/agency_form.html", {"form": form, "agency": None})


@require_http_methods(["GET", "POST"])
def agency_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_directory(request.user), services.REFUSED)
    agency = selectors.agency_get(pk=pk)
    initial = {
        field: getattr(agency, field) for field in AgencyForm.base_fields if field != "version"
    }
    form = AgencyForm(request.POST or None, initial={**initial, **version_initial(agency)})
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(
                actor=request.user,
                agency=agency,
                expected_version=form.expected_version,
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Agency details saved")
            return redirect("partners:agency_detail", pk=agency.pk)
    return render(
        request,
        "partners/agency_form.html",
        {"form": form, "agency": agency, "conflict_rows": conflict_rows},
    )


@require_http_methods(["GET", "POST"])
def contact_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_directory(request.user), services.REFUSED)
    agency = selectors.agency_get(pk=pk)
    form = AgencyContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_contact_add(actor=request.user, agency=agency, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Contact added")
            return redirect("partners:agency_detail", pk=agency.pk)
    return render(request, "partners/contact_form.html", {"form": form, "agency": agency})


@require_POST
def contact_remove(request: AuthedHttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    require(can_manage_directory(request.user), services.REFUSED)
    agency = selectors.agency_get(pk=pk)
    contact = selectors.agency_contact_get(agency=agency, pk=contact_pk)
    try:
        services.agency_contact_remove(actor=request.user, contact=contact)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Contact removed")
    return redirect("partners:agency_detail", pk=agency.pk)
