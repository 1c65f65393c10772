"""Safeguarding referral pages. Thin: parse, check permission, call a service or selector,
render. Every page showing a referral records the view in the audit log."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doorstep.core.concurrency import version_initial
from doorstep.core.http import AuthedHttpRequest, safe_next_url, service_form
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.partners.models import AgencyKind
from doorstep.partners.selectors import default_agency
from doorstep.people.arrangements import arrangements_for
from doorstep.people.selectors import person_get
from doorstep.safeguarding import selectors, services
from doorstep.safeguarding.clock import clock_for
from doorstep.safeguarding.forms import OutcomeForm, ReferralForm, guess_adult_or_child
from doorstep.safeguarding.models import AdultOrChild
from doorstep.safeguarding.pdf import referral_pdf_bytes
from doorstep.safeguarding.permissions import (
    can_edit_referral,
    can_list_referrals,
    can_make_referral,
)

LIST_REFUSED = "The list of referrals is for safeguarding leads and managers."


def _person_for_form(request: AuthedHttpRequest) -> Any:
    require(can_make_referral(request.user), services.MAKE_REFUSED)
    reference = request.GET.get("person", "").strip()
    if not reference:
        raise Http404("Make a referral from the person's page.")
    return person_get(reference=reference)


def _form_url(person: Any) -> str:
    return f"{reverse('safeguarding:referral_create')}?{urlencode({'person': person.reference})}"


@require_http_methods(["GET", "POST"])
def referral_create(request: AuthedHttpRequest) -> HttpResponse:
    person = _person_for_form(request)
    now = timezone.now()
    can_open_case = services.case_opener() is not None
    guess = guess_adult_or_child(person, timezone.localdate())
    agency = default_agency(
        kind=AgencyKind.CHILDRENS_SERVICES
        if guess == AdultOrChild.CHILD
        else AgencyKind.ADULT_SOCIAL_CARE
    )
    initial = ReferralForm.initial_for(person=person, now=now, agency=agency)
    draft = selectors.referral_draft_for(user=request.user, person=person)
    if request.method == "POST" and request.POST.get("action") == "draft":
        # "Save as draft" without JavaScript: keep what is there and come back to it.
        services.referral_draft_save(actor=request.user, person=person, answers=request.POST)
        messages.success(request, "Draft saved. Only you can see it; it is kept for 30 days.")
        return redirect(_form_url(person))
    if draft is not None and request.method == "GET":
        initial.update(draft.answers)
    form = ReferralForm(request.POST or None, can_open_case=can_open_case, initial=initial)
    return service_form(
        request,
        form=form,
        save=lambda _: services.referral_make(
            actor=request.user, person=person, **form.service_arguments()
        ),
        message=lambda referral: (
            f"Referral {referral.reference} recorded. Send it to {referral.agency.name} "
            "today, then mark it as sent."
        ),
        redirect_to=lambda referral: reverse(
            "safeguarding:referral_detail", kwargs={"reference": referral.reference}
        ),
        page="safeguarding/referral_form.html",
        context=lambda: {
            "person": person,
            "arrangements": arrangements_for(person),
            "draft": draft,
            "draft_url": f"{reverse('safeguarding:referral_draft')}?"
            f"{urlencode({'person': person.reference})}",
        },
    )


@require_POST
def referral_draft(request: AuthedHttpRequest) -> HttpResponse:
    """Save the draft as the officer types (htmx, on each change): answers with a status line."""
    person = _person_for_form(request)
    draft = services.referral_draft_save(actor=request.user, person=person, answers=request.POST)
    if not request.htmx:
        return redirect(_form_url(person))
    return render(request, "safeguarding/partials/draft_status.html", {"draft": draft})


@require_POST
def referral_draft_discard(request: AuthedHttpRequest) -> HttpResponse:
    """ "Start again": throw the draft away and show an empty form."""
    person = _person_for_form(request)
    services.referral_draft_discard(actor=request.user, person=person)
    messages.success(request, "Draft deleted.")
    return redirect(_form_url(person))


def referral_detail(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    referral = selectors.referral_get(user=request.user, reference=reference)
    services.referral_viewed(actor=request.user, referral=referral, what="safeguarding referral")
    return render(
        request,
        "safeguarding/referral_detail.html",
        {
            "referral": referral,
            "person": referral.person,
            "clock": clock_for(referral, timezone.now()),
            "can_edit": can_edit_referral(request.user, referral),
            "outcome_form": OutcomeForm(
                initial={
                    "agency_reference": referral.agency_reference,
                    "outcome": referral.outcome,
                    "outcome_on": referral.outcome_on,
                }
            ),
        },
    )


@require_GET
def referral_clock(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    """The same-day clock alone, refreshed by htmx. Shows no detail of the concern, so it is
    not a view of the referral for the audit log."""
    referral = selectors.referral_get(user=request.user, reference=reference)
    return render(
        request,
        "safeguarding/partials/clock.html",
        {"referral": referral, "clock": clock_for(referral, timezone.now())},
    )


@require_POST
def referral_mark_sent(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    referral = selectors.referral_get(user=request.user, reference=reference)
    require(can_edit_referral(request.user, referral), services.EDIT_REFUSED)
    try:
        referral = services.referral_mark_sent(actor=request.user, referral=referral)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        clock = clock_for(referral, timezone.now())
        messages.success(
            request, f"Referral {referral.reference} marked as sent ({clock.label.lower()})"
        )
    return redirect(safe_next_url(request, referral.get_absolute_url()))


@require_http_methods(["GET", "POST"])
def referral_outcome(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    referral = selectors.referral_get(user=request.user, reference=reference)
    require(can_edit_referral(request.user, referral), services.EDIT_REFUSED)
    form = OutcomeForm(
        request.POST or None,
        initial={
            "agency_reference": referral.agency_reference,
            "outcome": referral.outcome,
            "outcome_on": referral.outcome_on,
            **version_initial(referral),
        },
    )
    if request.method == "GET":
        services.referral_viewed(
            actor=request.user, referral=referral, what="safeguarding referral outcome"
        )
    return service_form(
        request,
        form=form,
        save=lambda data: services.referral_record_outcome(
            actor=request.user,
            referral=referral,
            expected_version=form.expected_version,
            **data,
        ),
        message="Agency's reply recorded",
        redirect_to=reverse(
            "safeguarding:referral_detail", kwargs={"reference": referral.reference}
        ),
        page="safeguarding/outcome_form.html",
        context={"referral": referral},
    )


@require_GET
def referral_pdf(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    referral = selectors.referral_get(user=request.user, reference=reference)
    services.referral_viewed(
        actor=request.user, referral=referral, what="safeguarding referral form (PDF)"
    )
    pdf = referral_pdf_bytes(
        referral,
        landlord=getattr(settings, "DOORSTEP_LANDLORD_NAME", "") or settings.DOORSTEP_NAME,
        printed_by=request.user,
        now=timezone.now(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    # The reference, never a name, in the file name (it lands in downloads folders and logs).
    response["Content-Disposition"] = f'inline; filename="{referral.reference}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


def referral_list(request: AuthedHttpRequest) -> HttpResponse:
    require(can_list_referrals(request.user), LIST_REFUSED)
    show = request.GET.get("show", "")
    if show not in {value for value, _ in selectors.ReferralFilter.choices}:
        show = selectors.ReferralFilter.ALL
    now = timezone.now()
    referrals = selectors.referral_list(user=request.user, show=show, now=now)
    context: dict[str, Any] = {"show": show, "now": now, **paginate(request, referrals)}
    page = context["page_obj"]
    page.object_list = list(page.object_list)
    for referral in page.object_list:
        referral.clock = clock_for(referral, now)
    services.referrals_list_viewed(
        actor=request.user, referrals=page.object_list, what="safeguarding referrals list"
    )
    context["tabs"] = [
        {"value": value, "label": label, "current": value == show}
        for value, label in selectors.ReferralFilter.choices
    ]
    return render(request, "safeguarding/referral_list.html", context)
