"""Repair pages: the list with filters, the overdue list, raising a repair (from a home, a
block or estate, a contact or a case), the repair page with its status and completion forms
(in the modal with htmx, full pages without), and the contractors managers keep."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from doorstep.core.concurrency import (
    opened_before_a_change,
    version_initial,
)
from doorstep.core.forms import local_input
from doorstep.core.http import AuthedHttpRequest, service_form
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.repairs import selectors, services, targets
from doorstep.repairs.forms import (
    CompleteForm,
    ContractorForm,
    OverdueFilterForm,
    RepairFilterForm,
    RepairForm,
    StatusForm,
)
from doorstep.repairs.models import Repair
from doorstep.repairs.permissions import (
    can_edit_repair,
    can_manage_contractors,
    can_raise_for,
    can_see_overdue_list,
)

OVERDUE_REFUSED = "The overdue repairs list is for team leaders, managers and estates officers."


PAGE = "repairs/form_page.html"


def _rows(page_obj: Any, now: Any) -> None:
    for repair in page_obj.object_list:
        repair.overdue = targets.is_overdue(
            target_at=repair.target_at, is_open=repair.is_open, now=now
        )


# --- lists -----------------------------------------------------------------------------------


def _filters(form: RepairFilterForm | OverdueFilterForm) -> selectors.RepairFilters:
    data = form.cleaned_data if form.is_valid() else {}
    estate, contractor, office = data.get("estate"), data.get("contractor"), data.get("office")
    return selectors.RepairFilters(
        status=data.get("status", "open") if form.is_bound else "open",
        priority=data.get("priority") or "",
        overdue=bool(data.get("overdue")),
        estate_id=estate.pk if estate else None,
        office_id=office.pk if office else None,
        contractor_id=contractor.pk if contractor else None,
    )


def repair_list(request: AuthedHttpRequest) -> HttpResponse:
    form = RepairFilterForm(request.GET or None)
    now = timezone.now()
    repairs = selectors.repairs_list(user=request.user, filters=_filters(form), now=now)
    context: dict[str, Any] = {
        "form": form,
        "now": now,
        "can_see_overdue": can_see_overdue_list(request.user),
        "can_manage_contractors": can_manage_contractors(request.user),
        **paginate(request, repairs),
    }
    _rows(context["page_obj"], now)
    template = "repairs/partials/repair_table.html" if request.htmx else "repairs/repair_list.html"
    return render(request, template, context)


def overdue_list(request: AuthedHttpRequest) -> HttpResponse:
    require(can_see_overdue_list(request.user), OVERDUE_REFUSED)
    form = OverdueFilterForm(request.GET or None)
    now = timezone.now()
    filters = _filters(form)
    repairs = selectors.overdue_repairs(user=request.user, filters=filters, now=now)
    context: dict[str, Any] = {
        "form": form,
        "now": now,
        "overdue_page": True,
        **paginate(request, repairs),
    }
    _rows(context["page_obj"], now)
    template = "repairs/partials/repair_table.html" if request.htmx else "repairs/overdue_list.html"
    return render(request, template, context)


# --- raising a repair ------------------------------------------------------------------------


def repair_create(request: AuthedHttpRequest) -> HttpResponse:
    origin = selectors.origin_from(request.GET, user=request.user)
    if origin.has_place:
        require(
            can_raise_for(request.user, home=origin.home, block=origin.block, estate=origin.estate),
            services.CANNOT_RAISE,
        )
    needs_uprn = not origin.has_place
    if request.method == "POST":
        form = RepairForm(request.POST, needs_uprn=needs_uprn)
    else:
        form = RepairForm(
            initial=origin.initial(local_input(timezone.now())), needs_uprn=needs_uprn
        )
    query = urlencode(origin.query)
    return service_form(
        request,
        form=form,
        save=lambda data: services.repair_report(
            actor=request.user,
            priority=data["priority"],
            description=data["description"],
            reported_at=data["reported_at"],
            home=data.get("uprn") if needs_uprn else origin.home,
            block=origin.block,
            estate=origin.estate,
            owner=data["owner"],
            contractor=data["contractor"],
            source_contact=origin.contact,
            source_case=origin.case,
        ),
        message=lambda repair: (
            f"Repair {repair.reference} raised. Target: {services.format_moment(repair.target_at)}."
        ),
        redirect_to=lambda repair: repair.get_absolute_url(),
        page="repairs/repair_form.html",
        context={
            "origin": origin,
            "action": f"{reverse('repairs:repair_create')}{'?' + query if query else ''}",
            "cancel_url": origin.back_url or reverse("repairs:repair_list"),
        },
    )


# --- one repair ------------------------------------------------------------------------------


def repair_detail(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    repair = selectors.repair_get(reference=reference)
    now = timezone.now()
    context = {
        "repair": repair,
        "now": now,
        "overdue": targets.is_overdue(target_at=repair.target_at, is_open=repair.is_open, now=now),
        "can_edit": can_edit_repair(request.user, repair),
        "next_statuses": services.NEXT_STATUSES[repair.status],
    }
    return render(request, "repairs/repair_detail.html", context)


def _editable(request: AuthedHttpRequest, reference: str) -> Repair:
    repair = selectors.repair_get(reference=reference)
    require(can_edit_repair(request.user, repair), services.CANNOT_EDIT)
    # A form opened before someone else closed the repair is answered with the conflict.
    stale = request.method == "POST" and opened_before_a_change(request.POST, repair)
    if not repair.is_open and not stale:
        raise Http404(f"Repair {repair.reference} is {repair.get_status_display().lower()}.")
    return repair


def _repair_context(repair: Repair, url_name: str) -> dict[str, Any]:
    return {
        "repair": repair,
        "action": reverse(url_name, args=[repair.reference]),
        "cancel_url": repair.get_absolute_url(),
    }


def repair_status(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    repair = _editable(request, reference)
    if request.method == "POST":
        form = StatusForm(request.POST)
    else:
        form = StatusForm(initial={"contractor": repair.contractor_id, **version_initial(repair)})
    return service_form(
        request,
        form=form,
        save=lambda data: services.repair_set_status(
            actor=request.user,
            repair=repair,
            status=data["status"],
            contractor=data["contractor"],
            reason=data["reason"],
            expected_version=form.expected_version,
        ),
        message=lambda saved: f"Repair {saved.reference}: {saved.get_status_display().lower()}.",
        redirect_to=repair.get_absolute_url(),
        saved_as={"reason": "cancel_reason"},
        page=PAGE,
        partial="repairs/partials/status_form.html",
        title=f"Change the status of {repair.reference}",
        context=_repair_context(repair, "repairs:repair_status"),
    )


def _completed_message(repair: Repair) -> str:
    met = "within" if repair.within_target else "outside"
    return f"Repair {repair.reference} completed, {met} its target."


def repair_complete(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    repair = _editable(request, reference)
    if request.method == "POST":
        form = CompleteForm(request.POST)
    else:
        form = CompleteForm(
            initial={"completed_at": local_input(timezone.now()), **version_initial(repair)}
        )
    return service_form(
        request,
        form=form,
        save=lambda data: services.repair_complete(
            actor=request.user,
            repair=repair,
            completed_at=data["completed_at"],
            expected_version=form.expected_version,
        ),
        message=_completed_message,
        redirect_to=repair.get_absolute_url(),
        page=PAGE,
        partial="repairs/partials/complete_form.html",
        title=f"Record the completion of {repair.reference}",
        context=_repair_context(repair, "repairs:repair_complete"),
    )


# --- contractors -----------------------------------------------------------------------------


def contractor_list(request: AuthedHttpRequest) -> HttpResponse:
    context = {
        "can_manage": can_manage_contractors(request.user),
        **paginate(request, selectors.contractors()),
    }
    return render(request, "repairs/contractor_list.html", context)


def contractor_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_manage_contractors(request.user), services.CONTRACTORS_ONLY)
    return service_form(
        request,
        form=ContractorForm(request.POST or None),
        save=lambda data: services.contractor_create(
            actor=request.user,
            name=data["name"],
            trade=data["trade"],
            phone=data["phone"],
            email=data["email"],
        ),
        message=lambda contractor: f"{contractor.name} added.",
        redirect_to=reverse("repairs:contractor_list"),
        page="repairs/contractor_form.html",
        title="Add a contractor",
        context={"contractor": None},
    )


def contractor_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_contractors(request.user), services.CONTRACTORS_ONLY)
    contractor = selectors.contractor_get(pk=pk)
    initial = {
        "name": contractor.name,
        "trade": contractor.trade,
        "phone": contractor.phone,
        "email": contractor.email,
        "active": contractor.active,
        **version_initial(contractor),
    }
    form = ContractorForm(request.POST or None, initial=initial)
    return service_form(
        request,
        form=form,
        save=lambda data: services.contractor_update(
            actor=request.user,
            contractor=contractor,
            expected_version=form.expected_version,
            **data,
        ),
        message=lambda saved: f"{saved.name} saved.",
        redirect_to=reverse("repairs:contractor_list"),
        page="repairs/contractor_form.html",
        title=f"Change {contractor.name}",
        context={"contractor": contractor},
    )
