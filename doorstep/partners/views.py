"""Agency directory pages. Thin: parse, check permission, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from doorstep.core.concurrency import version_initial
from doorstep.core.http import AuthedHttpRequest, service_form
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.partners import selectors, services
from doorstep.partners.forms import AgencyContactForm, AgencyForm, AgencySearchForm
from doorstep.partners.permissions import can_manage_directory


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
    return service_form(
        request,
        form=AgencyForm(request.POST or None),
        save=lambda data: services.agency_create(actor=request.user, **data),
        message=lambda agency: f"{agency.name} added to the directory",
        redirect_to=lambda agency: reverse("partners:agency_detail", kwargs={"pk": agency.pk}),
        page="partners/agency_form.html",
        context={"agency": None},
    )


@require_http_methods(["GET", "POST"])
def agency_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_directory(request.user), services.REFUSED)
    agency = selectors.agency_get(pk=pk)
    initial = {
        field: getattr(agency, field) for field in AgencyForm.base_fields if field != "version"
    }
    form = AgencyForm(request.POST or None, initial={**initial, **version_initial(agency)})
    return service_form(
        request,
        form=form,
        save=lambda data: services.agency_update(
            actor=request.user, agency=agency, expected_version=form.expected_version, **data
        ),
        message="Agency details saved",
        redirect_to=reverse("partners:agency_detail", kwargs={"pk": agency.pk}),
        page="partners/agency_form.html",
        context={"agency": agency},
    )


@require_http_methods(["GET", "POST"])
def contact_add(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_directory(request.user), services.REFUSED)
    agency = selectors.agency_get(pk=pk)
    return service_form(
        request,
        form=AgencyContactForm(request.POST or None),
        save=lambda data: services.agency_contact_add(actor=request.user, agency=agency, **data),
        message="Contact added",
        redirect_to=reverse("partners:agency_detail", kwargs={"pk": agency.pk}),
        page="partners/contact_form.html",
        context={"agency": agency},
    )


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
