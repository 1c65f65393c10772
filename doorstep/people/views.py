"""People pages. Thin: parse, check permission, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm, model_to_dict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from doorstep.core.audit import record_view
from doorstep.core.concurrency import (
    ConflictRow,
    EditConflict,
    show_conflict,
    version_initial,
)
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import (
    can_edit_person,
    can_read_special_category,
    can_take_calls,
    require,
)
from doorstep.people import selectors, services
from doorstep.people.arrangements import arrangements_for
from doorstep.people.forms import (
    ConsentForm,
    EmergencyContactForm,
    EqualityForm,
    FlagEndForm,
    FlagForm,
    FlagReviewForm,
    PersonFilterForm,
    PersonForm,
)
from doorstep.people.models import SPECIAL_CATEGORY_FLAGS, Person

EDIT_REFUSED = "Only officers for this person's patch can change their record."
SPECIAL_REFUSED = "Your role cannot see special-category information. Ask a team leader."


def _editable_person(request: AuthedHttpRequest, reference: str) -> Person:
    person = selectors.person_get(reference=reference)
    require(can_edit_person(request.user, person), EDIT_REFUSED)
    return person


def _apply_errors(form: BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form, against the field it names where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for message in error.messages:
            form.add_error(None, message)


def person_list(request: AuthedHttpRequest) -> HttpResponse:
    form = PersonFilterForm(
        request.GET or None, flag_choices=selectors.flag_choices_for(request.user)
    )
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    people = selectors.people_list(user=request.user, filters=filters)
    context: dict[str, Any] = {"form": form, **paginate(request, people)}
    page = context["page_obj"]
    page.object_list = list(page.object_list)
    for person in page.object_list:
        # Special arrangements are for safety, so they show whatever the role.
        person.arrangements = arrangements_for(person)
    shown_code = filters.get("flag") or ""
    context["shown_code"] = shown_code
    if shown_code in SPECIAL_CATEGORY_FLAGS:
        # Listing people by a health flag discloses it for each person on the page.
        services.special_category_list_viewed(
            actor=request.user,
            people=page.object_list,
            what=f"vulnerability flag in people list ({shown_code})",
        )
    template = "people/partials/person_results.html" if request.htmx else "people/person_list.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def person_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_take_calls(request.user), "Your role cannot add people.")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"Person {person.reference} added")
            return redirect("people:person_detail", reference=person.reference)
    return render(request, "people/person_form.html", {"form": form, "person": None})


def person_detail(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    person = selectors.person_get(reference=reference)
    page = selectors.person_page(user=request.user, person=person)
    if page.special_category_shown:
        record_view(actor=request.user, instance=person, what="vulnerability flags")
    return render(
        request,
        "people/person_detail.html",
        {"page": page, "person": person, "arrangements": page.arrangements},
    )


@require_http_methods(["GET", "POST"])
def person_edit(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    person = _editable_person(request, reference)
    form = PersonForm(
        request.POST or None,
        initial={
            **model_to_dict(person, fields=PersonForm.Meta.fields),
            **version_initial(person),
        },
    )
    conflict: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                actor=request.user,
                person=person,
                expected_version=form.expected_version,
                **form.cleaned_data,
            )
        except EditConflict as error:
            conflict = show_conflict(form, error)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Details saved")
            return redirect("people:person_detail", reference=person.reference)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "person": person, "conflict_rows": conflict},
    )


# Flags ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def flag_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    person = _editable_person(request, reference)
    today = timezone.localdate()
    form = FlagForm(
        request.POST or None,
        person=person,
        choices=selectors.flag_choices_for(request.user),
        initial={"start_date": today, "review_date": services.add_months(today, 6)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Flag added")
            return redirect("people:person_detail", reference=person.reference)
    return render(request, "people/flag_form.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
def flag_review(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    person = _editable_person(request, reference)
    flag = selectors.flag_get(user=request.user, person=person, pk=pk)
    form = FlagReviewForm(
        request.POST or None,
        initial={"review_date": services.add_months(timezone.localdate(), 6)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_review(actor=request.user, flag=flag, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Review recorded")
            return redirect("people:person_detail", reference=person.reference)
    if request.method == "GET" and flag.is_special_category:
        record_view(actor=request.user, instance=person, what="vulnerability flag review")
    return render(
        request,
        "people/flag_review.html",
        {
            "form": form,
            "person": person,
            "flag": flag,
            "reviews": selectors.flag_reviews_of(flag=flag),
        },
    )


@require_POST
def flag_reviewed(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    """One click from My day: reviewed, nothing changed; next review in six months."""
    person = _editable_person(request, reference)
    flag = selectors.flag_get(user=request.user, person=person, pk=pk)
    try:
        review = services.flag_reviewed_no_change(
            actor=request.user, flag=flag, today=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"Review recorded; next review {review.next_review_date:%d/%m/%Y}"
        )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("myday:my_day")


@require_http_methods(["GET", "POST"])
def flag_end(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    person = _editable_person(request, reference)
    flag = selectors.flag_get(user=request.user, person=person, pk=pk)
    form = FlagEndForm(request.POST or None, flag=flag, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_end(actor=request.user, flag=flag, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Flag ended")
            return redirect("people:person_detail", reference=person.reference)
    return render(request, "people/flag_end.html", {"form": form, "person": person, "flag": flag})


# Emergency contacts -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def emergency_contact_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    person = _editable_person(request, reference)
    form = EmergencyContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.emergency_contact_add(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, "Emergency contact added")
        return redirect("people:person_detail", reference=person.reference)
    return render(
        request,
        "people/emergency_contact_form.html",
        {"form": form, "person": person, "contact": None},
    )


@require_http_methods(["GET", "POST"])
def emergency_contact_edit(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    person = _editable_person(request, reference)
    contact = selectors.emergency_contact_get(person=person, pk=pk)
    form = EmergencyContactForm(
        request.POST or None,
        initial=model_to_dict(contact, fields=["name", "relationship", "phone", "note"]),
    )
    if request.method == "POST" and form.is_valid():
        services.emergency_contact_update(actor=request.user, contact=contact, **form.cleaned_data)
        messages.success(request, "Emergency contact saved")
        return redirect("people:person_detail", reference=person.reference)
    return render(
        request,
        "people/emergency_contact_form.html",
        {"form": form, "person": person, "contact": contact},
    )


@require_POST
def emergency_contact_remove(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    person = _editable_person(request, reference)
    contact = selectors.emergency_contact_get(person=person, pk=pk)
    services.emergency_contact_remove(actor=request.user, contact=contact)
    messages.success(request, "Emergency contact removed")
    return redirect("people:person_detail", reference=person.reference)


# Consent to share ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def consent_add(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    person = _editable_person(request, reference)
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "Consent recorded")
            return redirect("people:person_detail", reference=person.reference)
    return render(request, "people/consent_form.html", {"form": form, "person": person})


@require_POST
def consent_withdraw(request: AuthedHttpRequest, reference: str, pk: int) -> HttpResponse:
    person = _editable_person(request, reference)
    consent = selectors.consent_get(person=person, pk=pk)
    try:
        services.consent_withdraw(
            actor=request.user, consent=consent, withdrawn_on=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Consent withdrawn")
    return redirect("people:person_detail", reference=person.reference)


# Equality information -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def equality(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    """Equality monitoring: special-category, so only permitted roles, and every view audited."""
    person = selectors.person_get(reference=reference)
    require(can_read_special_category(request.user), SPECIAL_REFUSED)
    can_edit = can_edit_person(request.user, person)
    info = selectors.equality_of(person=person)
    if request.method == "POST":
        require(can_edit, EDIT_REFUSED)
    initial = model_to_dict(info, fields=list(EqualityForm.Meta.fields)) if info else {}
    form = EqualityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.equality_save(actor=request.user, person=person, **form.cleaned_data)
        messages.success(request, "Equality information saved")
        return redirect("people:person_detail", reference=person.reference)
    if request.method == "GET":
        record_view(actor=request.user, instance=person, what="equality information")
    return render(
        request,
        "people/equality.html",
        {"form": form, "person": person, "info": info, "can_edit": can_edit},
    )
