"""TA placement pages: the list with review dates, a placement's reviews, the review form."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.core.forms import add_service_errors
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import require
from doorstep.people.arrangements import arrangements_for
from doorstep.ta_reviews import selectors, services
from doorstep.ta_reviews.forms import PlacementFilterForm, ReviewForm
from doorstep.ta_reviews.permissions import can_read_review_details, can_record_review


@require_GET
def placement_list(request: AuthedHttpRequest) -> HttpResponse:
    form = PlacementFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    rows = selectors.placement_rows(
        user=request.user,
        today=today,
        show=data.get("show") or selectors.MINE,
        status=data.get("status") or selectors.ANY,
    )
    context = {"form": form, "today": today, **paginate(request, rows)}
    return render(request, "ta_reviews/placement_list.html", context)


def _details_context(request: AuthedHttpRequest, tenancy: object) -> dict[str, object]:
    reviews = selectors.reviews_of(tenancy=tenancy)  # type: ignore[arg-type]
    show = can_read_review_details(request.user)
    if show and reviews:
        services.reviews_viewed(actor=request.user, tenancy=tenancy)  # type: ignore[arg-type]
    return {"reviews": reviews, "show_details": show}


@require_GET
def placement_reviews(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    today = timezone.localdate()
    tenancy = selectors.placement_get(reference=reference, today=today)
    panel = selectors.review_panel(user=request.user, tenancy=tenancy, today=today)
    context = {"tenancy": tenancy, "panel": panel, "today": today}
    context.update(_details_context(request, tenancy))
    return render(request, "ta_reviews/placement_reviews.html", context)


@require_http_methods(["GET", "POST"])
def review_create(request: AuthedHttpRequest, reference: str) -> HttpResponse:
    today = timezone.localdate()
    tenancy = selectors.placement_get(reference=reference, today=today)
    require(can_record_review(request.user, tenancy), services.REFUSED)
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        initial={
            "reviewed_on": today,
            "method": "telephone",
            "next_review_on": services.clock_after(tenancy=tenancy, reviewed_on=today),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_record(
                actor=request.user, tenancy=tenancy, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Review recorded. Next review {review.next_review_on:%d/%m/%Y}.",
            )
            return redirect("ta_reviews:placement_reviews", reference=tenancy.reference)
    panel = selectors.review_panel(user=request.user, tenancy=tenancy, today=today)
    tenants = [m.person for m in tenancy.tenant_members]  # type: ignore[attr-defined]
    arrangements = list(dict.fromkeys(a for person in tenants for a in arrangements_for(person)))
    return render(
        request,
        "ta_reviews/review_form.html",
        {
            "form": form,
            "tenancy": tenancy,
            "panel": panel,
            "tenants": tenants,
            "arrangements": arrangements,
            "today": today,
        },
    )
