"""Case list, export, opening a case, the case page and its forms.

Thin views: parse, call a service or selector, render. A restricted case the user may not see
answers with a page saying it exists and whom to ask (status 403), nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from doorstep.cases import exports, selectors, services
from doorstep.cases.filters import CaseFilter, Scope
from doorstep.cases.forms import (
    ActionForm,
    AttachmentForm,
    CaseEditForm,
    CaseOpenForm,
    CostForm,
    LinkForm,
    NoteForm,
    PartyForm,
    ReviewForm,
    SatisfactionForm,
    TransitionForm,
)
from doorstep.cases.models import Case, CaseStatus, PartyRole
from doorstep.cases.permissions import (
    can_edit_case,
    can_restrict,
    can_see_case,
    restricted_label,
)
from doorstep.contacts.models import Contact
from doorstep.core.concurrency import version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest, safe_next_url, service_form
from doorstep.core.pagination import seek_paginate
from doorstep.core.permissions import can_take_calls, require
from doorstep.people.arrangements import arrangements_for

EXPORT_LIMIT = 10_000
CANNOT_EDIT = services.CANNOT_EDIT


# --- helpers ---------------------------------------------------------------------------------


def _restricted(request: AuthedHttpRequest, case: Case) -> HttpResponse:
    return render(
        request,
        "cases/case_restricted.html",
        {"case": case, "restricted_text": restricted_label(case)},
        status=403,
    )


def _case(request: AuthedHttpRequest, reference: str) -> Case:
    """The case, or PermissionDenied when it is restricted from this user."""
    case = selectors.case_get(reference=reference)
    if not can_see_case(request.user, case):
        raise PermissionDenied(restricted_label(case))
    return case


def _editable_case(request: AuthedHttpRequest, reference: str) -> Case:
    case = _case(request, reference)
    require(can_edit_case(request.user, case), CANNOT_EDIT)
    return case


def _case_form(
    request: AuthedHttpRequest,
    *,
    case: Case,
    form: Form,
    title: str,
    submit: str,
    url_name: str,
    handle: Callable[[dict[str, Any]], Any],
    success: str,
) -> HttpResponse:
    """A form about one case, a page of its own (`service_form`): back to the case, or to a
    safe `?next=`, when saved."""
    action = reverse(f"cases:{url_name}", args=[case.reference])
    back = safe_next_url(request, "")
    if back:
        # Keep a safe ?next= (e.g. the ASB catch-up page) on the form's own address.
        action = f"{action}?{urlencode({'next': back})}"
    return service_form(
        request,
        form=form,
        save=handle,
        message=success,
        redirect_to=safe_next_url(request, case.get_absolute_url()),
        page="cases/form_page.html",
        title=title,
        context={
            "case": case,
            "submit": submit,
            "action": action,
            "multipart": form.is_multipart(),
        },
    )


# --- list and export -------------------------------------------------------------------------


def _tabs(request: AuthedHttpRequest, current: str) -> list[dict[str, Any]]:
    tabs = []
    for value, label in Scope.choices:
        params = request.GET.copy()
        params["show"] = value
        for name in ("page", "after", "before"):
            params.pop(name, None)
        tabs.append({"label": label, "url": f"?{params.urlencode()}", "current": value == current})
    return tabs


def case_list(request: AuthedHttpRequest) -> HttpResponse:
    filterset = CaseFilter(request.GET, user=request.user)
    filterset.form.is_valid()
    show = filterset.form.cleaned_data.get("show") or Scope.MINE
    cases = selectors.cases_for(user=request.user, filters=request.GET)
    keys = selectors.case_keys_for(user=request.user, filters=request.GET)
    # Keyset pages (deferred join when opened by number): page 5,000 costs what page 1 does.
    page = seek_paginate(request, cases, keys=keys, field="opened_on")
    rows = selectors.rows_for(user=request.user, cases=page["page_obj"].object_list)
    params = request.GET.copy()
    for name in ("page", "after", "before"):
        params.pop(name, None)
    context = {
        "form": filterset.form,
        "tabs": _tabs(request, show),
        "show": show,
        "rows": rows,
        "today": timezone.localdate(),
        "export_query": params.urlencode(),
        "can_open": can_take_calls(request.user),
        **page,
    }
    template = "cases/partials/case_table.html" if request.htmx else "cases/case_list.html"
    return render(request, template, context)


def case_export(request: AuthedHttpRequest) -> HttpResponse:
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "xlsx"):
        return HttpResponse("Choose an export format: csv or xlsx.", status=400)
    cases = selectors.cases_for(user=request.user, filters=request.GET)[:EXPORT_LIMIT]
    rows = selectors.rows_for(user=request.user, cases=cases, what="case list export")
    params = {
        k: v for k, v in request.GET.items() if k not in ("format", "page", "after", "before")
    }
    services.case_list_exported(actor=request.user, rows=len(rows), kind=kind, filters=params)
    stamp = timezone.localdate().isoformat()
    if kind == "xlsx":
        response = HttpResponse(
            exports.to_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(exports.to_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.{kind}"'
    return response


# --- opening ---------------------------------------------------------------------------------


def _open_prefill(request: AuthedHttpRequest) -> tuple[dict[str, Any], Contact | None]:
    initial: dict[str, Any] = {}
    contact: Contact | None = None
    contact_pk = request.GET.get("contact", "")
    if contact_pk.isdigit():
        contact = selectors.contact_find(pk=int(contact_pk))
    if contact is not None:
        initial["contact"] = contact.pk
        initial["summary"] = contact.summary[: services.SUMMARY_MAX]
        if contact.person_id:
            initial["person"] = contact.person.reference  # type: ignore[union-attr]
        if contact.home_id:
            initial["home"] = contact.home_id
    if request.GET.get("person"):
        initial["person"] = request.GET["person"][:20]
    if request.GET.get("home", "").isdigit():
        initial["home"] = request.GET["home"]
    if request.GET.get("role") in PartyRole.values:
        initial["role"] = request.GET["role"]
    return initial, contact


def case_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_take_calls(request.user), "Only officers who take calls can open a case.")
    if request.method == "POST":
        form = CaseOpenForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            person, home = data["person_obj"], data["home_obj"]
            contact = data["contact_obj"]
            if home is None and person is not None:
                home = selectors.current_home_of(person=person)
            kwargs: dict[str, Any] = {
                "actor": request.user,
                "case_type": data["case_type"],
                "summary": data["summary"],
                "opened_on": data["opened_on"],
                "home": home,
                "lead_officer": data["lead_officer"],
                "parties": [(person, data["role"])] if person is not None else [],
                "risk_level": data["risk_level"],
                "restricted": data["restricted"],
            }
            try:
                if contact is not None:
                    case = services.case_open_from_contact(contact=contact, **kwargs)
                else:
                    case = services.case_open(**kwargs)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Case {case.reference} opened.")
                return redirect(case.get_absolute_url())
    else:
        initial, _ = _open_prefill(request)
        form = CaseOpenForm(initial=initial)
    return render(
        request,
        "cases/case_open.html",
        {
            "form": form,
            "arrangements": arrangements_for(form.prefilled_person)
            if form.prefilled_person
            else [],
        },
    )


# --- the case page ---------------------------------------------------------------------------


def case_detail(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_page_get(reference=reference)
    if not can_see_case(request.user, case):
        return _restricted(request, case)
    page = selectors.case_page(user=request.user, case=case)
    contact_params = f"case={case.reference}&next={case.get_absolute_url()}"
    if case.home_id:
        contact_params += f"&home={case.home_id}"
    elif page.parties:
        contact_params += f"&person={page.parties[0].party.person.reference}"
    return render(
        request,
        "cases/case_detail.html",
        {
            "page": page,
            "case": case,
            "can_take_calls": can_take_calls(request.user),
            "contact_query": contact_params,
            "CLOSED": CaseStatus.CLOSED,
        },
    )


def case_edit(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    initial = {
        "summary": case.summary,
        "lead_officer": case.lead_officer_id,
        "risk_level": case.risk_level,
        **version_initial(case),
    }
    form = CaseEditForm(request.POST if request.method == "POST" else None, initial=initial)

    def handle(data: dict[str, Any]) -> None:
        services.case_update(
            actor=request.user,
            case=case,
            summary=data["summary"],
            lead_officer=data["lead_officer"],
            expected_version=form.expected_version,
        )
        if data["risk_level"] != case.risk_level:
            services.case_set_risk(
                actor=request.user,
                case=case,
                risk_level=data["risk_level"],
                reason=data["risk_reason"],
            )

    return _case_form(
        request,
        case=case,
        form=form,
        title="Change case details",
        submit="Save changes",
        url_name="case_edit",
        handle=handle,
        success="Case details saved.",
    )


def case_transition(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    transitions = [
        (status, CaseStatus(status).label)
        for status in services.allowed_transitions(user=request.user, case=case)
    ]
    require(bool(transitions), "Only a team leader or manager can reopen a closed case.")
    form = TransitionForm(
        request.POST if request.method == "POST" else None, transitions=transitions
    )
    return _case_form(
        request,
        case=case,
        form=form,
        title="Reopen the case" if case.status == CaseStatus.CLOSED else "Change the status",
        submit="Save status",
        url_name="case_transition",
        handle=lambda data: services.case_transition(
            actor=request.user,
            case=case,
            to_status=data["to_status"],
            closure_reason=data["closure_reason"],
            closed_on=data["closed_on"],
        ),
        success="Status changed.",
    )


def case_note(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    form = NoteForm(request.POST if request.method == "POST" else None)
    return _case_form(
        request,
        case=case,
        form=form,
        title="Add a note",
        submit="Add to the timeline",
        url_name="case_note",
        handle=lambda data: services.case_note_add(
            actor=request.user, case=case, text=data["text"], kind=data["kind"]
        ),
        success="Added to the timeline.",
    )


def case_party_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    form = PartyForm(request.POST if request.method == "POST" else None)
    return _case_form(
        request,
        case=case,
        form=form,
        title="Add a person to the case",
        submit="Add person",
        url_name="case_party_add",
        handle=lambda data: services.case_party_add(
            actor=request.user,
            case=case,
            person=data["person"],
            role=data["role"],
            note=data["note"],
        ),
        success="Person added to the case.",
    )


@require_POST
def case_party_remove(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _editable_case(request, reference)
    party = selectors.party_get(case=case, pk=pk)
    try:
        services.case_party_remove(actor=request.user, case=case, party=party)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Person taken off the case.")
    return redirect(case.get_absolute_url())


def case_action_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial={"owner": case.lead_officer_id},
    )
    return _case_form(
        request,
        case=case,
        form=form,
        title="Add an action",
        submit="Add action",
        url_name="case_action_add",
        handle=lambda data: services.case_action_add(
            actor=request.user,
            case=case,
            title=data["title"],
            owner=data["owner"],
            due_on=data["due_on"],
        ),
        success="Action added.",
    )


@require_POST
def action_done(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _editable_case(request, reference)
    action = selectors.action_get(case=case, pk=pk)
    services.case_action_done(actor=request.user, case=case, action=action)
    messages.success(request, f"Action marked as done: {action.title}.")
    return redirect(safe_next_url(request, case.get_absolute_url()))


def case_review(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        initial={"next_review_on": case.next_review_on},
    )

    def handle(data: dict[str, Any]) -> None:
        if data["note"]:
            services.case_review_done(
                actor=request.user,
                case=case,
                note=data["note"],
                next_review_on=data["next_review_on"],
            )
        else:
            services.case_review_schedule(
                actor=request.user, case=case, next_review_on=data["next_review_on"]
            )

    return _case_form(
        request,
        case=case,
        form=form,
        title="Review the case",
        submit="Save review",
        url_name="case_review",
        handle=handle,
        success="Review saved.",
    )


def case_cost_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    form = CostForm(request.POST if request.method == "POST" else None)
    return _case_form(
        request,
        case=case,
        form=form,
        title="Add a cost",
        submit="Add cost",
        url_name="case_cost_add",
        handle=lambda data: services.case_cost_add(
            actor=request.user,
            case=case,
            kind=data["kind"],
            incurred_on=data["incurred_on"],
            amount=data["amount"],
            hours=data["hours"],
            note=data["note"],
        ),
        success="Cost added.",
    )


def case_attachment_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    form = AttachmentForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    return _case_form(
        request,
        case=case,
        form=form,
        title="Add a photo",
        submit="Upload photo",
        url_name="case_attachment_add",
        handle=lambda data: services.case_attachment_add(
            actor=request.user, case=case, uploaded_file=data["file"], caption=data["caption"]
        ),
        success="Photo added.",
    )


def case_attachment(request: AuthedHttpRequest, reference: str, pk: int) -> FileResponse:
    """Serve a photo to someone who may see the case; never from a public media URL."""
    case = _case(request, reference)
    attachment = selectors.attachment_get(user=request.user, case=case, pk=pk)
    response = FileResponse(
        attachment.file.open("rb"), content_type=attachment.content_type, as_attachment=False
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def case_link(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    form = LinkForm(request.POST if request.method == "POST" else None)
    return _case_form(
        request,
        case=case,
        form=form,
        title="Link another case",
        submit="Link case",
        url_name="case_link",
        handle=lambda data: services.case_link(
            actor=request.user, case=case, other=data["reference"]
        ),
        success="Cases linked.",
    )


@require_POST
def case_unlink(request: AuthedHttpRequest, reference: str, other: str) -> HttpResponse:
    case = _editable_case(request, reference)
    other_case = selectors.case_get(reference=other)
    try:
        services.case_unlink(actor=request.user, case=case, other=other_case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Unlinked from {other_case.reference}.")
    return redirect(case.get_absolute_url())


def case_satisfaction(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _editable_case(request, reference)
    if case.status != CaseStatus.CLOSED:
        messages.error(request, "Satisfaction is asked for once the case is closed.")
        return redirect(case.get_absolute_url())
    form = SatisfactionForm(
        request.POST if request.method == "POST" else None,
        initial={"satisfaction": case.satisfaction, "method": case.satisfaction_method},
    )
    return _case_form(
        request,
        case=case,
        form=form,
        title="Record the reporter's satisfaction",
        submit="Save",
        url_name="case_satisfaction",
        handle=lambda data: services.case_satisfaction_record(
            actor=request.user,
            case=case,
            satisfaction=data["satisfaction"],
            method=data["method"],
        ),
        success="Satisfaction recorded.",
    )


@require_POST
def case_restrict(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    require(can_restrict(request.user, case), "Only a team leader or manager can restrict a case.")
    restricted = request.POST.get("restricted") == "1"
    try:
        services.case_restrict(actor=request.user, case=case, restricted=restricted)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Case restricted." if restricted else "Restriction lifted.")
    return redirect(case.get_absolute_url())
