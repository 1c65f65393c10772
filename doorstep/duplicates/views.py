from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.duplicates import selectors, services
from doorstep.duplicates.forms import ReviewForm
from doorstep.duplicates.tasks import refresh_duplicate_candidates
from doorstep.people.arrangements import arrangements_for

REFUSED = "Only team leaders and managers review possible duplicates."


def candidate_list(request: AuthedHttpRequest) -> HttpResponse:
    require(selectors.can_review_duplicates(request.user), REFUSED)
    candidates = selectors.candidates_for(user=request.user)
    return render(request, "duplicates/candidate_list.html", paginate(request, candidates))


@require_POST
def candidate_refresh(request: AuthedHttpRequest) -> HttpResponse:
    require(selectors.can_review_duplicates(request.user), REFUSED)
    refresh_duplicate_candidates.enqueue()
    messages.success(request, "Looking for duplicates again. Refresh the page in a minute.")
    return redirect("duplicates:candidate_list")


def candidate_review(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(selectors.can_review_duplicates(request.user), REFUSED)
    candidate = get_object_or_404(selectors.candidates_for(user=request.user), pk=pk)
    people = (candidate.person_a, candidate.person_b)
    form = ReviewForm(request.POST if request.method == "POST" else None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "different":
                services.not_duplicates(actor=request.user, person_a=people[0], person_b=people[1])
                messages.success(request, "Noted: these are different people.")
                return redirect("duplicates:candidate_list")
            survivor = next(p for p in people if str(p.pk) == form.cleaned_data["survivor"])
            merged = next(p for p in people if p.pk != survivor.pk)
            record = services.people_merge(actor=request.user, survivor=survivor, merged=merged)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"{record.merged_reference} merged into {record.survivor_reference}. "
                "You can undo this from the list of merges.",
            )
            return redirect(survivor)
    return render(
        request,
        "duplicates/candidate_review.html",
        {
            "candidate": candidate,
            "people": [
                (p, arrangements_for(p), selectors.linked_record_counts(person=p)) for p in people
            ],
            "form": form,
        },
    )


def merge_list(request: AuthedHttpRequest) -> HttpResponse:
    require(selectors.can_review_duplicates(request.user), REFUSED)
    return render(
        request,
        "duplicates/merge_list.html",
        paginate(request, selectors.merges_for(user=request.user)),
    )


def merge_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(selectors.can_review_duplicates(request.user), REFUSED)
    record = get_object_or_404(selectors.merges_for(user=request.user), pk=pk)
    counts: dict[tuple[str, str], int] = {}
    for model, kind in record.items.values_list("model", "kind"):
        counts[(model, kind)] = counts.get((model, kind), 0) + 1
    return render(
        request,
        "duplicates/merge_detail.html",
        {"record": record, "counts": sorted((m, k, n) for (m, k), n in counts.items())},
    )


@require_POST
def merge_undo(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    require(selectors.can_review_duplicates(request.user), REFUSED)
    record = get_object_or_404(selectors.merges_for(user=request.user), pk=pk)
    try:
        person = services.merge_undo(actor=request.user, record=record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("duplicates:merge_detail", pk=record.pk)
    messages.success(request, f"Merge undone: {person.reference} is back with their records.")
    return redirect(person)
