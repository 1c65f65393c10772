"""Estate inspection pages: the schedule, the phone-first inspection form (each answer saved
as it is given, by htmx, and the whole form also posts without JavaScript), the completed
inspection with its failed items, the printable report, a place's history, the checklist."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict, version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.inspections import rules, selectors, services
from doorstep.inspections.forms import (
    ChecklistItemForm,
    RaiseCaseForm,
    RaiseRepairForm,
    ScheduleForm,
    answer_data,
    inspector_choices,
)
from doorstep.inspections.models import Inspection, InspectionAnswer, Result
from doorstep.inspections.pdf import report_pdf_bytes
from doorstep.inspections.permissions import (
    CANNOT_EDIT_CHECKLIST,
    CANNOT_INSPECT,
    CANNOT_SCHEDULE,
    can_edit_checklist,
    can_inspect,
    can_manage_schedules,
)
from doorstep.places.models import Estate
from doorstep.places.permissions import offices_run_by
from doorstep.repairs.permissions import can_raise_for

# --- schedules -------------------------------------------------------------------------------


@require_GET
def schedule_list(request: AuthedHttpRequest) -> HttpResponse:
    show = request.GET.get("show", "")
    if show not in {value for value, _ in selectors.ScheduleFilter.choices}:
        show = selectors.ScheduleFilter.ALL
    today = timezone.localdate()
    schedules = selectors.schedule_list(user=request.user, show=show, today=today)
    context: dict[str, Any] = {"show": show, "today": today, **paginate(request, schedules)}
    page = context["page_obj"]
    page.object_list = list(page.object_list)
    for schedule in page.object_list:
        schedule.can_inspect = can_inspect(request.user, schedule.estate)
        schedule.can_change = can_manage_schedules(request.user, schedule.estate)
        schedule.overdue = schedule.next_due_on < today
    context.update(
        tabs=[
            {"value": value, "label": label, "current": value == show}
            for value, label in selectors.ScheduleFilter.choices
        ],
        can_schedule=can_manage_schedules(request.user),
        can_edit_checklist=can_edit_checklist(request.user),
    )
    return render(request, "inspections/schedule_list.html", context)


def _schedule_form(request: AuthedHttpRequest, *, creating: bool, **kwargs: Any) -> ScheduleForm:
    offices = offices_run_by(request.user)
    places = (
        selectors.place_choices(estates=Estate.objects.filter(office_id__in=offices))
        if creating
        else None
    )
    return ScheduleForm(
        request.POST if request.method == "POST" else None,
        places=places,
        inspectors=inspector_choices(office_ids=offices),
        **kwargs,
    )


@require_http_methods(["GET", "POST"])
def schedule_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_manage_schedules(request.user), CANNOT_SCHEDULE)
    form = _schedule_form(
        request,
        creating=True,
        initial={
            "frequency_weeks": rules.DEFAULT_FREQUENCY_WEEKS,
            "starts_on": timezone.localdate(),
            "place": request.GET.get("place", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        estate, block = selectors.place_from_choice(data["place"])
        try:
            schedule = services.schedule_create(
                actor=request.user,
                estate=estate,
                block=block,
                inspector=data["inspector"],
                frequency_weeks=data["frequency_weeks"],
                starts_on=data["starts_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"{schedule.place_name} scheduled every {schedule.frequency_weeks} weeks; "
                f"next due {schedule.next_due_on:%-d %b %Y}.",
            )
            return redirect("inspections:schedule_list")
    return render(request, "inspections/schedule_form.html", {"form": form, "schedule": None})


@require_http_methods(["GET", "POST"])
def schedule_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    schedule = selectors.schedule_get(pk=pk)
    require(can_manage_schedules(request.user, schedule.estate), CANNOT_SCHEDULE)
    if not schedule.active:
        raise Http404("This schedule has stopped.")
    form = _schedule_form(
        request,
        creating=False,
        initial={
            "inspector": schedule.inspector_id,
            "frequency_weeks": schedule.frequency_weeks,
            "starts_on": schedule.starts_on,
            **version_initial(schedule),
        },
    )
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.schedule_update(
                actor=request.user,
                schedule=schedule,
                inspector=data["inspector"],
                frequency_weeks=data["frequency_weeks"],
                starts_on=data["starts_on"],
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Schedule for {schedule.place_name} changed; "
                f"next due {schedule.next_due_on:%-d %b %Y}.",
            )
            return redirect("inspections:schedule_list")
    return render(
        request,
        "inspections/schedule_form.html",
        {"form": form, "schedule": schedule, "conflict_rows": conflict_rows},
    )


@require_POST
def schedule_stop(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    schedule = selectors.schedule_get(pk=pk)
    services.schedule_stop(actor=request.user, schedule=schedule)
    messages.success(request, f"Inspections of {schedule.place_name} are no longer scheduled.")
    return redirect("inspections:schedule_list")


# --- starting --------------------------------------------------------------------------------


def _started(request: AuthedHttpRequest, estate: Any, block: Any) -> HttpResponse:
    require(can_inspect(request.user, estate), CANNOT_INSPECT)
    try:
        inspection = services.inspection_start(actor=request.user, estate=estate, block=block)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("inspections:schedule_list")
    return redirect(inspection)


@require_POST
def schedule_start(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Start (or carry on with) the inspection a schedule is due: one tap from My day."""
    schedule = selectors.schedule_get(pk=pk)
    return _started(request, schedule.estate, schedule.block)


@require_POST
def inspection_start(request: AuthedHttpRequest) -> HttpResponse:
    estate, block = selectors.place_from_choice(request.POST.get("place", ""))
    return _started(request, estate, block)


@require_POST
def fly_tipping_start(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    """Start (or carry on with) the inspection a fly-tipping case asked for: one tap from the
    case page or the estates officer's My day."""
    case = selectors.fly_tipping_case_get(user=request.user, reference=reference)
    try:
        inspection = services.inspection_start_for_fly_tipping(actor=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(case)
    return redirect(inspection)


# --- the inspection --------------------------------------------------------------------------


def _field_errors(answer: InspectionAnswer, exc: ValidationError) -> dict[str, str]:
    """A service's refusal for one answer, keyed by that card's field names."""
    if hasattr(exc, "error_dict"):
        return {
            f"{answer.prefix}-{field}": " ".join(messages_)
            for field, messages_ in exc.message_dict.items()
        }
    return {f"{answer.prefix}-result": " ".join(exc.messages)}


def _anchor(key: str) -> str:
    """The id an error summary link points at: the first radio for a result."""
    return f"{key}-pass" if key.endswith("-result") else key


def _progress(answers: list[InspectionAnswer]) -> dict[str, Any]:
    passes = sum(1 for a in answers if a.result == Result.PASS)
    fails = sum(1 for a in answers if a.result == Result.FAIL)
    return {
        "answered": sum(1 for a in answers if a.result),
        "total": len(answers),
        "score_so_far": rules.score_text(rules.score(passes=passes, fails=fails)),
    }


def _inspection_page(
    request: AuthedHttpRequest,
    inspection: Inspection,
    answers: list[InspectionAnswer],
    *,
    errors: dict[str, str] | None = None,
    raise_errors: dict[int, RaiseCaseForm] | None = None,
    repair_errors: dict[int, RaiseRepairForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    editable = can_inspect(request.user, inspection.estate)
    can_raise = editable and inspection.is_completed
    place = {"block": inspection.block} if inspection.block else {"estate": inspection.estate}
    for answer in answers:
        answer.repair_form = (repair_errors or {}).get(answer.pk) or RaiseRepairForm(  # type: ignore[attr-defined]
            prefix=answer.prefix, initial={"priority": answer.item.repair_priority}
        )
        answer.errors = {  # type: ignore[attr-defined]
            key.removeprefix(f"{answer.prefix}-"): message
            for key, message in errors.items()
            if key.startswith(f"{answer.prefix}-")
        }
        answer.raise_form = (raise_errors or {}).get(answer.pk) or RaiseCaseForm(  # type: ignore[attr-defined]
            prefix=answer.prefix,
            initial={"case_type": answer.follow_up if answer.follow_up != "repair" else ""},
        )
    context = {
        "inspection": inspection,
        "answers": answers,
        "errors": [{"href": f"#{_anchor(key)}", "text": text} for key, text in errors.items()],
        "can_edit": editable and not inspection.is_completed,
        "can_raise": can_raise,
        "can_raise_repair": can_raise and can_raise_for(request.user, **place),
        "failed": [a for a in answers if a.is_failed],
        "results": Result.choices,
        **_progress(answers),
    }
    template = (
        "inspections/inspection_detail.html"
        if inspection.is_completed or not editable
        else "inspections/inspection_form.html"
    )
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def inspection_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """GET: the form (in progress) or the record (completed). POST: the whole form, for
    phones without JavaScript or a final save: every card's answer, then (with
    action=complete) completion."""
    inspection = selectors.inspection_get(pk=pk)
    answers = selectors.answers_of(inspection)
    if request.method == "GET":
        return _inspection_page(request, inspection, answers)
    require(can_inspect(request.user, inspection.estate), CANNOT_INSPECT)
    if inspection.is_completed:
        messages.info(request, services.COMPLETED)
        return redirect(inspection)
    errors: dict[str, str] = {}
    # The whole form is the autosave's fallback without JavaScript: each answer is saved as
    # the card would save it, last answer wins, so no version check (see answer_save).
    for answer in answers:
        try:
            services.answer_record(
                actor=request.user,
                answer=answer,
                **answer_data(answer, request.POST, request.FILES),
            )
        except ValidationError as exc:
            errors.update(_field_errors(answer, exc))
    if not errors and request.POST.get("action") == "complete":
        try:
            services.inspection_complete(actor=request.user, inspection=inspection)
        except ValidationError as exc:
            errors.update({key: " ".join(value) for key, value in exc.message_dict.items()})
        else:
            messages.success(
                request,
                f"Inspection of {inspection.place_name} complete. Score: {inspection.score_text}.",
            )
            return redirect(inspection)
    if errors:
        return _inspection_page(
            request, inspection, selectors.answers_of(inspection), errors=errors
        )
    messages.success(request, "Answers saved. You can carry on later from My day or the schedule.")
    return redirect(inspection)


@require_POST
def answer_save(request: AuthedHttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    """Save one card (htmx, on every change) and return it as the server now has it. A refused
    value comes back as 400 with the card showing the message."""
    # No edit conflict here on purpose: each card saves one item's answer as it is given, so
    # two inspectors answering the same item is last answer wins (the audit log keeps both).
    # The API's If-Match on answers is for clients that want the whole inspection's version.
    inspection = selectors.inspection_get(pk=pk)
    answer = selectors.answer_get(inspection=inspection, pk=answer_pk)
    require(can_inspect(request.user, inspection.estate), CANNOT_INSPECT)
    errors: dict[str, str] = {}
    try:
        services.answer_record(
            actor=request.user, answer=answer, **answer_data(answer, request.POST, request.FILES)
        )
    except ValidationError as exc:
        errors = _field_errors(answer, exc)
        answer.refresh_from_db()
        answer.inspection = inspection
    if not request.htmx and not errors:
        return redirect(inspection)
    answer.errors = {  # type: ignore[attr-defined]
        key.removeprefix(f"{answer.prefix}-"): message for key, message in errors.items()
    }
    answers = selectors.answers_of(inspection)
    context = {
        "inspection": inspection,
        "answer": answer,
        "can_edit": True,
        "saved": not errors,
        "oob": True,
        "results": Result.choices,
        **_progress(answers),
    }
    return render(
        request, "inspections/partials/answer_card.html", context, status=400 if errors else 200
    )


@require_GET
def answer_photo(request: AuthedHttpRequest, pk: int, answer_pk: int) -> FileResponse:
    """Serve an item's photo to signed-in staff; never from a public media URL."""
    inspection = selectors.inspection_get(pk=pk)
    answer = selectors.answer_get(inspection=inspection, pk=answer_pk)
    if not answer.photo:
        raise Http404("No photo on this item.")
    response = FileResponse(
        answer.photo.open("rb"), content_type=answer.photo_content_type, as_attachment=False
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def answer_raise_case(request: AuthedHttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(pk=pk)
    answer = selectors.answer_get(inspection=inspection, pk=answer_pk)
    require(can_inspect(request.user, inspection.estate), CANNOT_INSPECT)
    form = RaiseCaseForm(request.POST, prefix=answer.prefix)
    if form.is_valid():
        try:
            case = services.answer_raise_case(
                actor=request.user, answer=answer, case_type=form.cleaned_data["case_type"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Case {case.reference} opened from “{answer.item_text}”.",
            )
            return redirect(f"{inspection.get_absolute_url()}#{answer.prefix}")
    errors = {
        f"{answer.prefix}-case_type": " ".join(
            str(message) for errs in form.errors.values() for message in errs
        )
    }
    return _inspection_page(
        request,
        inspection,
        selectors.answers_of(inspection),
        errors=errors,
        raise_errors={answer.pk: form},
        status=400,
    )


@require_POST
def answer_raise_repair(request: AuthedHttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    """Raise a communal repair from a failed item (the priority chosen on its card)."""
    inspection = selectors.inspection_get(pk=pk)
    answer = selectors.answer_get(inspection=inspection, pk=answer_pk)
    require(can_inspect(request.user, inspection.estate), CANNOT_INSPECT)
    form = RaiseRepairForm(request.POST, prefix=answer.prefix)
    if form.is_valid():
        try:
            repair = services.answer_raise_repair(
                actor=request.user, answer=answer, priority=form.cleaned_data["priority"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Repair {repair.reference} raised from “{answer.item_text}”: "
                f"{repair.get_priority_display().lower()}, on your My day.",
            )
            return redirect(f"{inspection.get_absolute_url()}#{answer.prefix}")
    errors = {
        f"{answer.prefix}-priority": " ".join(
            str(message) for errs in form.errors.values() for message in errs
        )
    }
    return _inspection_page(
        request,
        inspection,
        selectors.answers_of(inspection),
        errors=errors,
        repair_errors={answer.pk: form},
        status=400,
    )


@require_GET
def inspection_pdf(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(pk=pk)
    pdf = report_pdf_bytes(
        inspection,
        selectors.answers_of(inspection),
        landlord=getattr(settings, "DOORSTEP_LANDLORD_NAME", "") or settings.DOORSTEP_NAME,
        printed_by=request.user,
        now=timezone.now(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    # An id, never a name or address, in the file name.
    response["Content-Disposition"] = f'inline; filename="inspection-{inspection.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# --- history ---------------------------------------------------------------------------------


def _history(request: AuthedHttpRequest, history: selectors.PlaceHistory) -> HttpResponse:
    context = {
        "history": history,
        "can_inspect": can_inspect(request.user, history.estate),
        "can_schedule": can_manage_schedules(request.user, history.estate),
        "place_value": f"b{history.block.pk}" if history.block else f"e{history.estate.pk}",
        **paginate(request, history.inspections),
    }
    return render(request, "inspections/place_history.html", context)


@require_GET
def estate_history(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _history(request, selectors.place_history(estate_id=pk))


@require_GET
def block_history(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    return _history(request, selectors.place_history(block_id=pk))


# --- the checklist ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def checklist(request: AuthedHttpRequest) -> HttpResponse:
    """The checklist: read by all; a manager adds items here."""
    editable = can_edit_checklist(request.user)
    form = ChecklistItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        require(editable, CANNOT_EDIT_CHECKLIST)
        if form.is_valid():
            try:
                item = services.checklist_item_add(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"“{item.text}” added to the checklist.")
                return redirect("inspections:checklist")
    items = selectors.checklist()
    return render(
        request,
        "inspections/checklist.html",
        {
            "items": items,
            "active_count": sum(1 for item in items if item.active),
            "form": form,
            "can_edit": editable,
        },
    )


@require_http_methods(["GET", "POST"])
def checklist_item_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(can_edit_checklist(request.user), CANNOT_EDIT_CHECKLIST)
    item = selectors.checklist_item_get(pk=pk)
    form = ChecklistItemForm(
        request.POST if request.method == "POST" else None,
        initial={
            "text": item.text,
            "hint": item.hint,
            "follow_up": item.follow_up,
            "repair_priority": item.repair_priority,
            **version_initial(item),
        },
    )
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_item_update(
                actor=request.user,
                item=item,
                expected_version=form.expected_version,
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Checklist item changed to “{item.text}”.")
            return redirect("inspections:checklist")
    return render(
        request,
        "inspections/checklist_item_form.html",
        {"form": form, "item": item, "conflict_rows": conflict_rows},
    )


@require_POST
def checklist_item_move(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.checklist_item_get(pk=pk)
    try:
        services.checklist_item_move(
            actor=request.user, item=item, direction=request.POST.get("direction", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("inspections:checklist") + f"#item-{item.pk}")


@require_POST
def checklist_item_retire(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.checklist_item_get(pk=pk)
    retire = request.POST.get("active") != "yes"
    services.checklist_item_set_active(actor=request.user, item=item, active=not retire)
    if retire:
        messages.success(
            request, f"“{item.text}” retired. Past inspections keep it; new ones leave it out."
        )
    else:
        messages.success(request, f"“{item.text}” is back on the checklist.")
    return redirect("inspections:checklist")
