"""The forms behind the fly-tipping panel. They open in the base template's modal when asked
for by htmx and work as full pages without it; on success the officer is back on the case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms import Form
from django.http import HttpResponse
from django.urls import reverse

from doorstep.cases.models import Case
from doorstep.cases.permissions import can_edit_case, can_see_case, restricted_label
from doorstep.core.concurrency import SavedAs, version_initial
from doorstep.core.http import AuthedHttpRequest, service_form
from doorstep.core.permissions import require
from doorstep.flytipping import rules, selectors, services
from doorstep.flytipping.forms import (
    DetailsForm,
    InspectionForm,
    PerpetratorForm,
    RechargeForm,
    RemovalForm,
    SignageForm,
)
from doorstep.flytipping.models import FlyTipping, Perpetrator

CANNOT_EDIT = services.CANNOT_EDIT


def _case(request: AuthedHttpRequest, reference: str, *, allow_closed: bool = False) -> Case:
    case = selectors.fly_tipping_case(reference=reference)
    require(can_see_case(request.user, case), restricted_label(case))
    require(can_edit_case(request.user, case), CANNOT_EDIT)
    require(allow_closed or case.is_open, services.CLOSED)
    return case


def _details(case: Case) -> FlyTipping:
    details = selectors.details_for(case=case)
    require(details is not None, services.NO_DETAILS)
    assert details is not None
    return details


def _page(
    request: AuthedHttpRequest,
    *,
    case: Case,
    form: Form,
    title: str,
    submit: str,
    url_name: str,
    save: Callable[[dict[str, Any]], Any],
    message: str,
    extra: dict[str, Any] | None = None,
    saved_as: SavedAs | None = None,
) -> HttpResponse:
    """A form about the fly-tipping on `case` (`service_form`): back to the case when saved.
    `saved_as` names the details' own field for a form field named otherwise."""
    return service_form(
        request,
        form=form,
        save=save,
        message=message,
        redirect_to=case.get_absolute_url(),
        saved_as=saved_as,
        page="flytipping/form_page.html",
        partial="flytipping/partials/form.html",
        title=title,
        context={
            "case": case,
            "submit": submit,
            "action": reverse(f"flytipping:{url_name}", args=[case.reference]),
            "cancel_url": case.get_absolute_url(),
            **(extra or {}),
        },
    )


#: The version of details not yet recorded: saving conflicts if someone records them first.
NEW = {"version": "new"}


def _data(request: AuthedHttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def details_edit(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    details = selectors.details_for(case=case)
    if details is not None:
        initial: dict[str, Any] = {
            "location_kind": details.location_kind,
            "estate": details.estate_id,
            "block": details.block_id,
            "where_exactly": details.where_exactly,
            "waste": details.waste,
            "waste_description": details.waste_description,
            **version_initial(details),
        }
    else:
        estate, block = selectors.estate_of(case), selectors.block_of(case)
        initial = {
            "estate": estate.pk if estate else None,
            "block": block.pk if block else None,
            "location_kind": "block" if block else None,
            **NEW,
        }
    estate = details.estate if details is not None else selectors.estate_of(case)
    form = DetailsForm(
        _data(request), initial=initial, office_id=estate.office_id if estate else None
    )
    return _page(
        request,
        case=case,
        form=form,
        title="Where the fly-tipping is and what was dumped",
        submit="Save",
        url_name="details_edit",
        save=lambda data: services.fly_tipping_details_save(
            actor=request.user,
            case=case,
            location_kind=data["location_kind"],
            estate=data["estate"],
            block=data["block"],
            where_exactly=data["where_exactly"],
            waste=data["waste"],
            waste_description=data["waste_description"],
            expected_version=form.expected_version,
        ),
        message="Fly-tipping details saved.",
    )


def inspection_request(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    details = _details(case)
    form = InspectionForm(_data(request))
    officers = list(selectors.estates_officers())
    default = selectors.default_estates_officer(estate=details.estate, officers=officers)
    if default is not None and request.method != "POST":
        form = InspectionForm(initial={"officer": default.pk})
    return _page(
        request,
        case=case,
        form=form,
        title="Ask the estates team to inspect",
        submit="Ask for an inspection",
        url_name="inspection_request",
        save=lambda data: services.fly_tipping_request_inspection(
            actor=request.user, case=case, officer=data["officer"]
        ),
        message="Inspection asked for: it is on the estates officer's My day.",
        extra={
            "intro": (
                f"The estates officer gets an action to inspect {services.place_label(details)}, "
                f"due within {rules.INSPECTION_WORKING_DAYS} working days, on their My day."
            )
        },
    )


def perpetrator(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    details = _details(case)
    initial = {
        "status": details.perpetrator_status or None,
        "person": details.perpetrator.reference if details.perpetrator else "",
        **version_initial(details),
    }
    form = PerpetratorForm(_data(request), initial=initial)
    return _page(
        request,
        case=case,
        form=form,
        title="Who dumped it",
        submit="Save",
        url_name="perpetrator",
        save=lambda data: services.fly_tipping_perpetrator_record(
            actor=request.user,
            case=case,
            status=data["status"],
            person=data["person_obj"] if data["status"] == Perpetrator.IDENTIFIED else None,
            expected_version=form.expected_version,
        ),
        message="Perpetrator recorded.",
        saved_as={
            "status": "perpetrator_status",
            "person": lambda d: d.perpetrator.reference if d.perpetrator else "",
        },
    )


def removal(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    details = _details(case)
    initial = {
        "arranged_on": details.removal_arranged_on,
        "removed_on": details.removed_on,
        "removed_by": details.removed_by,
        **version_initial(details),
    }
    form = RemovalForm(_data(request), initial=initial)
    return _page(
        request,
        case=case,
        form=form,
        title="Removal of the rubbish",
        submit="Save",
        url_name="removal",
        save=lambda data: services.fly_tipping_removal_record(
            actor=request.user,
            case=case,
            arranged_on=data["arranged_on"],
            removed_on=data["removed_on"],
            removed_by=data["removed_by"],
            expected_version=form.expected_version,
        ),
        message="Removal recorded.",
        saved_as={"arranged_on": "removal_arranged_on"},
    )


def recharge(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference, allow_closed=True)
    details = _details(case)
    initial = {
        "status": details.recharge_status,
        "amount": details.recharge_amount,
        "recharge_to": details.recharge_to
        or (details.perpetrator.full_name if details.perpetrator else ""),
        **version_initial(details),
    }
    form = RechargeForm(_data(request), initial=initial)
    return _page(
        request,
        case=case,
        form=form,
        title="Recharge of the removal cost",
        submit="Save",
        url_name="recharge",
        save=lambda data: services.fly_tipping_recharge_record(
            actor=request.user,
            case=case,
            status=data["status"],
            amount=data["amount"],
            recharge_to=data["recharge_to"],
            expected_version=form.expected_version,
        ),
        message="Recharge recorded.",
        saved_as={"status": "recharge_status", "amount": "recharge_amount"},
    )


def signage(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    details = _details(case)
    initial = {
        "put_up_on": details.signage_on,
        "where": details.signage_where,
        **version_initial(details),
    }
    form = SignageForm(_data(request), initial=initial)
    return _page(
        request,
        case=case,
        form=form,
        title="Signs put up",
        submit="Save",
        url_name="signage",
        save=lambda data: services.fly_tipping_signage_record(
            actor=request.user,
            case=case,
            put_up_on=data["put_up_on"],
            where=data["where"],
            expected_version=form.expected_version,
        ),
        message="Signs recorded.",
        saved_as={"put_up_on": "signage_on", "where": "signage_where"},
    )
