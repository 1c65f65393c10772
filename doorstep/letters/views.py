"""Letters and signs pages. Thin: parse, check permission, call a service or selector, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict, version_initial
from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.core.validators import UPRN_RE
from doorstep.letters import addressing, merge, selectors, services
from doorstep.letters.addressing import Household
from doorstep.letters.compose import compose_sign, office_of, sender_block
from doorstep.letters.forms import SendForm, SignForm, TemplateForm, WhoForm
from doorstep.letters.models import LetterRun, LetterTemplate, RunStatus, TemplateKind
from doorstep.letters.pdf import letters_pdf, qr_data_uri, sign_pdf
from doorstep.letters.permissions import (
    can_manage_templates,
    can_see_run,
    can_send_to_person,
    can_send_to_place,
    can_use_letters,
)
from doorstep.resident_reports.selectors import public_base_url

NOT_FOR_YOU = "Your role does not include letters."
PERSON_REFUSED = services.PERSON_REFUSED
PLACE_REFUSED = services.PLACE_REFUSED


def _require_letters(request: AuthedHttpRequest) -> None:
    require(can_use_letters(request.user), NOT_FOR_YOU)


# --- runs ------------------------------------------------------------------------------------


@require_GET
def run_list(request: AuthedHttpRequest) -> HttpResponse:
    _require_letters(request)
    runs = selectors.runs_for(user=request.user)
    return render(
        request,
        "letters/run_list.html",
        {"can_manage": can_manage_templates(request.user), **paginate(request, runs)},
    )


def _run(request: AuthedHttpRequest, pk: int) -> LetterRun:
    _require_letters(request)
    run = selectors.run_get(pk=pk)
    require(can_see_run(request.user, run), "You cannot see this letter run.")
    return run


def _run_context(run: LetterRun) -> dict[str, Any]:
    return {
        "run": run,
        "stale": services.is_stale(run),
        "percent": int(100 * run.done / run.total) if run.total else 0,
        "RUNNING": RunStatus.RUNNING,
    }


@require_GET
def run_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    context = {**_run_context(run), **paginate(request, selectors.run_items(run=run), 50)}
    return render(request, "letters/run_detail.html", context)


@require_GET
def run_progress(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """The progress panel alone, polled by htmx every 2 seconds while the run is going."""
    run = _run(request, pk)
    return render(request, "letters/partials/run_progress.html", _run_context(run))


@require_GET
def run_pdf(request: AuthedHttpRequest, pk: int) -> FileResponse:
    run = _run(request, pk)
    if not run.pdf or run.status != RunStatus.DONE:
        raise Http404("There are no letters to print for this run.")
    services.pdf_viewed(actor=request.user, run=run)
    response = FileResponse(
        run.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=f"letter-run-{run.pk}.pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def run_resume(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    try:
        services.letter_run_resume(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Letter run started again. Letters already sent are skipped.")
    return redirect(run.get_absolute_url())


# --- sending ---------------------------------------------------------------------------------


def _target(data: Any) -> dict[str, Any]:
    """Who to write to, from ?person= / ?block= / ?estate= (and ?case=), or 404."""
    target: dict[str, Any] = {"person": None, "block": None, "estate": None, "case": None}
    if data.get("person"):
        target["person"] = selectors.person_get(reference=str(data["person"])[:20])
    elif str(data.get("block", "")).isdigit():
        target["block"] = selectors.block_get(pk=int(data["block"]))
    elif str(data.get("estate", "")).isdigit():
        target["estate"] = selectors.estate_get(pk=int(data["estate"]))
    else:
        raise Http404("Choose who to write to from a person's, a block's or an estate's page.")
    if data.get("case"):
        from doorstep.cases.selectors import case_get

        target["case"] = case_get(reference=str(data["case"])[:20])
    return target


def _households(target: dict[str, Any], today: dt.date) -> list[Household]:
    return services.households_for(
        person=target["person"], block=target["block"], estate=target["estate"], today=today
    )


@require_http_methods(["GET", "POST"])
def send(request: AuthedHttpRequest) -> HttpResponse:
    """Choose a letter, see it as the first household will, then send it to everyone."""
    _require_letters(request)
    source = request.POST if request.method == "POST" else request.GET
    target = _target(source)
    if target["person"] is not None:
        require(can_send_to_person(request.user, target["person"]), PERSON_REFUSED)
    else:
        estate = target["block"].estate if target["block"] is not None else target["estate"]
        require(can_send_to_place(request.user, estate), PLACE_REFUSED)
    initial = {
        "person": target["person"].reference if target["person"] else "",
        "block": target["block"].pk if target["block"] else None,
        "estate": target["estate"].pk if target["estate"] else None,
        "case": target["case"].reference if target["case"] else "",
    }
    form = SendForm(request.POST if request.method == "POST" else None, initial=initial)
    preview = None
    today = timezone.localdate()
    households = _households(target, today)
    base_url = public_base_url(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        template: LetterTemplate = data["template"]
        if request.POST.get("action") == "send":
            try:
                run = services.letter_run_start(
                    actor=request.user,
                    template=template,
                    base_url=base_url,
                    person=target["person"],
                    block=target["block"],
                    estate=target["estate"],
                    case=target["case"],
                    message=data["message"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if run.status == RunStatus.DONE:
                    messages.success(request, _done_message(run))
                return redirect(run.get_absolute_url())
        elif "message" in merge.used(template.subject + template.body) and not data["message"]:
            form.add_error("message", "Enter the message to go in the letter.")
        elif households:
            composed = services.letter_preview(
                actor=request.user,
                template=template,
                household=households[0],
                base_url=base_url,
                message=data["message"],
            )
            preview = {"composed": composed, "summary": addressing.summary(households)}
    place = target["block"] or target["estate"]
    return render(
        request,
        "letters/send.html",
        {
            "form": form,
            "target": target,
            "place": place,
            "summary": addressing.summary(households),
            "preview": preview,
        },
    )


def _done_message(run: LetterRun) -> str:
    if run.emailed:
        return "Letter sent by email and logged as a contact."
    return "Letter ready to print and logged as a contact."


# --- templates -------------------------------------------------------------------------------


@require_GET
def template_list(request: AuthedHttpRequest) -> HttpResponse:
    _require_letters(request)
    show_archived = request.GET.get("archived") == "1" and can_manage_templates(request.user)
    templates = selectors.templates_list(include_archived=show_archived)
    return render(
        request,
        "letters/template_list.html",
        {
            "templates": list(templates),
            "can_manage": can_manage_templates(request.user),
            "show_archived": show_archived,
        },
    )


def _fields_help(kind: str) -> list[tuple[str, str]]:
    return [(f"{{{{ {name} }}}}", help) for name, help in merge.fields_for(kind).items()]


@require_http_methods(["GET", "POST"])
def template_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_manage_templates(request.user), services.TEMPLATES_REFUSED)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Template “{template.name}” added. Preview it below.")
            return redirect(template.get_absolute_url())
    return render(
        request,
        "letters/template_form.html",
        {
            "form": form,
            "template": None,
            "letter_fields": _fields_help(TemplateKind.LETTER),
            "sign_fields": _fields_help(TemplateKind.SIGN),
        },
    )


@require_http_methods(["GET", "POST"])
def template_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(can_manage_templates(request.user), services.TEMPLATES_REFUSED)
    template = selectors.template_get(pk=pk)
    initial = {
        "name": template.name,
        "subject": template.subject,
        "body": template.body,
        **version_initial(template),
    }
    form = TemplateForm(request.POST or None, initial=initial, editing=True)
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            template = services.template_update(
                actor=request.user,
                template=template,
                expected_version=form.expected_version,
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
            template = selectors.template_get(pk=pk)  # "Saving makes version …" as it is now
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, f"Template “{template.name}” saved (version {template.version})."
            )
            return redirect(template.get_absolute_url())
    return render(
        request,
        "letters/template_form.html",
        {
            "form": form,
            "template": template,
            "letter_fields": _fields_help(template.kind)
            if template.kind == TemplateKind.LETTER
            else [],
            "sign_fields": _fields_help(TemplateKind.SIGN),
            "conflict_rows": conflict_rows,
        },
    )


@require_POST
def template_archive(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    template = selectors.template_get(pk=pk)
    archived = request.POST.get("archived") != "0"
    services.template_archive(actor=request.user, template=template, archived=archived)
    messages.success(
        request,
        f"Template “{template.name}” {'taken out of use' if archived else 'back in use'}.",
    )
    return redirect(template.get_absolute_url())


def _preview_household(who: str, today: dt.date) -> Household | None:
    """A person (by reference) written to at their home, or a home's household (by UPRN)."""
    who = (who or "").strip()
    if not who:
        return None
    if UPRN_RE.match(who):
        home = selectors.home_find(uprn=who)
        return selectors.household_of_home(home=home, today=today) if home else None
    from doorstep.people.models import Person

    person = Person.objects.filter(reference__iexact=who).first()
    if person is None:
        return None
    return Household(home=selectors.home_of_person(person=person, today=today), people=(person,))


def _template_preview(
    request: AuthedHttpRequest, template: LetterTemplate
) -> tuple[WhoForm, Any, Household | None]:
    form = WhoForm(request.GET or None)
    if template.kind != TemplateKind.LETTER or not form.is_valid() or not form.cleaned_data["who"]:
        return form, None, None
    household = _preview_household(form.cleaned_data["who"], timezone.localdate())
    if household is None:
        form.add_error("who", "No person or home matches that. Enter a person reference or a UPRN.")
        return form, None, None
    composed = services.letter_preview(
        actor=request.user,
        template=template,
        household=household,
        base_url=public_base_url(request),
        message="(Your message will go here.)",
    )
    return form, composed, household


@require_GET
def template_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    _require_letters(request)
    template = selectors.template_get(pk=pk)
    form, composed, _ = _template_preview(request, template)
    return render(
        request,
        "letters/template_detail.html",
        {
            "template": template,
            "form": form,
            "composed": composed,
            "can_manage": can_manage_templates(request.user),
            "fields": _fields_help(template.kind),
        },
    )


@require_GET
def template_preview_pdf(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    _require_letters(request)
    template = selectors.template_get(pk=pk)
    _, composed, household = _template_preview(request, template)
    if composed is None or household is None:
        raise Http404("Choose a person or a home to preview the letter for.")
    office = office_of(home=household.home, sender=request.user)
    pdf = letters_pdf(
        [composed.page],
        sender=sender_block(office=office),
        day=timezone.localdate(),
        title=f"Preview of {template.name}",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="letter-preview-{template.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- signs -----------------------------------------------------------------------------------


def _sign_for(request: AuthedHttpRequest, form: SignForm) -> Any:
    data = form.cleaned_data
    return compose_sign(
        template=data["template"],
        estate=data["estate"],
        block=data["block"],
        sender=request.user,
        day=timezone.localdate(),
        base_url=public_base_url(request),
    )


def _sign_form(request: AuthedHttpRequest) -> SignForm:
    data = request.GET.copy()
    block_id = data.get("block", "")
    if block_id.isdigit() and not data.get("estate"):
        data["estate"] = str(selectors.block_get(pk=int(block_id)).estate_id)
    estate_id = data.get("estate", "")
    estate = selectors.estate_get(pk=int(estate_id)) if estate_id.isdigit() else None
    return SignForm(data if data.get("template") else None, initial=data.dict(), estate=estate)


@require_GET
def sign(request: AuthedHttpRequest) -> HttpResponse:
    """Choose a sign for a place, see it with its QR code, and download it to print."""
    _require_letters(request)
    form = _sign_form(request)
    sign_preview = None
    if form.is_bound and form.is_valid():
        composed = _sign_for(request, form)
        sign_preview = {"composed": composed, "qr": qr_data_uri(composed.link)}
    return render(
        request,
        "letters/sign.html",
        {"form": form, "sign": sign_preview, "query": request.GET.urlencode()},
    )


@require_GET
def sign_download(request: AuthedHttpRequest) -> HttpResponse:
    _require_letters(request)
    form = _sign_form(request)
    if not form.is_bound or not form.is_valid():
        raise Http404("Choose a sign and a place.")
    composed = _sign_for(request, form)
    pdf = sign_pdf(
        headline=composed.headline,
        body=composed.body,
        link=composed.link,
        short_link=composed.short_link,
        place=composed.place,
        landlord=composed.landlord,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="sign-{form.cleaned_data["template"].pk}.pdf"'
    )
    return response
