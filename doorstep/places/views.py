"""Pages for homes, estates and blocks. Thin: parse, check permission, call a selector or a
service, render. Every signed-in officer reads; editing follows doorstep.core.permissions and
doorstep.places.permissions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from doorstep.core.concurrency import ConflictRow, EditConflict, show_conflict
from doorstep.core.http import AuthedHttpRequest
from doorstep.core.pagination import paginate
from doorstep.core.permissions import can_edit_home, require
from doorstep.places import selectors, services
from doorstep.places.forms import BlockForm, EstateFilterForm, EstateForm, HomeFilterForm, HomeForm
from doorstep.places.permissions import (
    can_add_estates,
    can_add_homes,
    can_edit_block,
    can_edit_estate,
    can_place_home_on,
    offices_run_by,
)

NOT_YOUR_PATCH = "You can only add or move homes onto patches you look after."


def _apply(form: Any, exc: ValidationError) -> None:
    """Show a service's ValidationError (by field, where it names one) on the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


# Homes


def home_list(request: AuthedHttpRequest) -> HttpResponse:
    form = HomeFilterForm(request.GET or None, choices=selectors.home_filter_choices())
    homes = selectors.homes_list(user=request.user, filters=form.filters())
    context = {
        "form": form,
        "can_add_homes": can_add_homes(request.user),
        **paginate(request, homes),
    }
    template = "places/partials/home_results.html" if request.htmx else "places/home_list.html"
    return render(request, template, context)


def home_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    page = selectors.home_page(user=request.user, home_id=pk, today=timezone.localdate())
    return render(request, "places/home_detail.html", {"page": page, "home": page.home})


def home_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_add_homes(request.user), "You cannot add homes.")
    if request.method == "POST":
        form = HomeForm(request.POST)
        if form.is_valid():
            if not can_place_home_on(request.user, form.resolved_patch_id()):
                form.add_error("estate", NOT_YOUR_PATCH)
            else:
                try:
                    home = services.home_create(actor=request.user, **form.cleaned_data)
                except ValidationError as exc:
                    _apply(form, exc)
                else:
                    messages.success(request, f"Home added: UPRN {home.uprn}.")
                    return redirect(home)
    else:
        form = HomeForm(initial={k: v for k, v in request.GET.items() if k in ("estate", "block")})
    return render(request, "places/home_form.html", {"form": form, "home": None})


def home_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    home = selectors.get_home(home_id=pk)
    conflict_rows: list[ConflictRow] = []
    require(can_edit_home(request.user, home), "You can only change homes on your patches.")
    if request.method == "POST":
        form = HomeForm(request.POST, instance=home)
        if form.is_valid():
            if not can_place_home_on(request.user, form.resolved_patch_id()):
                form.add_error("estate", NOT_YOUR_PATCH)
            else:
                try:
                    home = services.home_update(
                        actor=request.user,
                        home=home,
                        expected_version=form.expected_version,
                        **form.cleaned_data,
                    )
                except EditConflict as conflict:
                    conflict_rows = show_conflict(form, conflict)
                except ValidationError as exc:
                    _apply(form, exc)
                else:
                    messages.success(request, "Home details saved.")
                    return redirect(home)
    else:
        form = HomeForm(instance=home)
    return render(
        request,
        "places/home_form.html",
        {"form": form, "home": home, "conflict_rows": conflict_rows},
    )


# Estates and schemes


def estate_list(request: AuthedHttpRequest) -> HttpResponse:
    form = EstateFilterForm(request.GET or None)
    estates = selectors.estates_list(user=request.user, filters=form.filters())
    context = {
        "form": form,
        "can_add_estates": can_add_estates(request.user),
        **paginate(request, estates),
    }
    return render(request, "places/estate_list.html", context)


def estate_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    page = selectors.estate_page(user=request.user, estate_id=pk)
    context = {"page": page, **paginate(request, page.homes)}
    template = "places/partials/place_homes.html" if request.htmx else "places/estate_detail.html"
    return render(request, template, context)


def estate_create(request: AuthedHttpRequest) -> HttpResponse:
    require(can_add_estates(request.user), "Only team leaders and managers add estates.")
    office_ids = offices_run_by(request.user)
    form = EstateForm(request.POST or None, office_ids=office_ids)
    if request.method == "POST" and form.is_valid():
        try:
            estate = services.estate_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"{estate.name} added.")
            return redirect(estate)
    return render(request, "places/estate_form.html", {"form": form, "estate": None})


def estate_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    estate = selectors.get_estate(estate_id=pk)
    require(
        can_edit_estate(request.user, estate),
        "Only team leaders and managers of this office change its estates.",
    )
    form = EstateForm(
        request.POST or None, office_ids=offices_run_by(request.user), instance=estate
    )
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            estate = services.estate_update(
                actor=request.user,
                estate=estate,
                expected_version=form.expected_version,
                **form.cleaned_data,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"{estate.name} saved.")
            return redirect(estate)
    return render(
        request,
        "places/estate_form.html",
        {"form": form, "estate": estate, "conflict_rows": conflict_rows},
    )


# Blocks


def block_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    page = selectors.block_page(user=request.user, block_id=pk)
    context = {"page": page, **paginate(request, page.homes)}
    template = "places/partials/place_homes.html" if request.htmx else "places/block_detail.html"
    return render(request, template, context)


def block_create(request: AuthedHttpRequest, estate_pk: int) -> HttpResponse:
    estate = selectors.get_estate(estate_id=estate_pk)
    require(
        can_edit_estate(request.user, estate),
        "Only team leaders and managers of this office add blocks.",
    )
    form = BlockForm(request.POST or None, estate=estate)
    if request.method == "POST" and form.is_valid():
        try:
            block = services.block_create(
                actor=request.user, estate=estate, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Block {block.name} added.")
            return redirect(block)
    return render(
        request, "places/block_form.html", {"form": form, "estate": estate, "the_block": None}
    )


def block_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    block = selectors.get_block(block_id=pk)
    require(
        can_edit_block(request.user, block),
        "Only team leaders and managers of this office change its blocks.",
    )
    form = BlockForm(request.POST or None, estate=block.estate, instance=block)
    conflict_rows: list[ConflictRow] = []
    if request.method == "POST" and form.is_valid():
        try:
            block = services.block_update(
                actor=request.user,
                block=block,
                name=form.cleaned_data["name"],
                expected_version=form.expected_version,
            )
        except EditConflict as conflict:
            conflict_rows = show_conflict(form, conflict)
        except ValidationError as exc:
            _apply(form, exc)
        else:
            messages.success(request, f"Block {block.name} saved.")
            return redirect(block)
    return render(
        request,
        "places/block_form.html",
        {
            "form": form,
            "estate": block.estate,
            "the_block": block,
            "conflict_rows": conflict_rows,
        },
    )
