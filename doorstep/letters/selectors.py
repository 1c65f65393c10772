"""Reads for letters: templates, the households of a place, and letter runs.

Each uses a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from doorstep.core.permissions import editable_patch_ids
from doorstep.letters.addressing import Household
from doorstep.letters.models import (
    LetterRun,
    LetterRunItem,
    LetterTemplate,
    TemplateKind,
)
from doorstep.people.models import Person
from doorstep.places.models import Block, Estate, Home
from doorstep.tenancies.models import MemberRole, Tenancy, TenancyMember

# --- templates -------------------------------------------------------------------------------


def templates_list(
    *, kind: str | None = None, include_archived: bool = False
) -> QuerySet[LetterTemplate]:
    templates = LetterTemplate.objects.select_related("updated_by")
    if kind:
        templates = templates.filter(kind=kind)
    if not include_archived:
        templates = templates.filter(archived=False)
    return templates.order_by("kind", "name")


def template_get(*, pk: int) -> LetterTemplate:
    return get_object_or_404(LetterTemplate.objects.select_related("updated_by"), pk=pk)


def letter_templates() -> QuerySet[LetterTemplate]:
    return templates_list(kind=TemplateKind.LETTER)


def sign_templates() -> QuerySet[LetterTemplate]:
    return templates_list(kind=TemplateKind.SIGN)


# --- places and people -----------------------------------------------------------------------


def estate_get(*, pk: int) -> Estate:
    return get_object_or_404(Estate.objects.select_related("office", "patch__officer"), pk=pk)


def block_get(*, pk: int) -> Block:
    return get_object_or_404(
        Block.objects.select_related("estate__office", "estate__patch__officer"), pk=pk
    )


def person_get(*, reference: str) -> Person:
    return get_object_or_404(Person, reference=reference)


def home_find(*, uprn: str) -> Home | None:
    return (
        Home.objects.select_related(
            "estate__office", "block", "patch__officer", "estate__patch__officer"
        )
        .filter(uprn=(uprn or "").strip())
        .first()
    )


def _current(today: dt.date) -> Q:
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


def _tenants(tenancy: Tenancy) -> list[Person]:
    members = list(tenancy.members.all())
    tenants = [m.person for m in members if m.role == MemberRole.TENANT]
    return tenants or [m.person for m in members]


def _walk_order(home: Home) -> tuple[Any, ...]:
    """Block, then address with numbers in number order (Flat 2 before Flat 10): the order an
    officer delivers by hand."""
    words = re.split(r"(\d+)", home.address_line_1.lower())
    key = tuple((0, int(word), "") if word.isdigit() else (1, 0, word) for word in words)
    return (home.block.name if home.block_id else "", key, home.pk)  # type: ignore[union-attr]


def households_of_place(
    *, block: Block | None = None, estate: Estate | None = None, today: dt.date
) -> list[Household]:
    """Every home in the block (or on the estate), in address order, with its current
    tenancy's tenants, lead tenant first; an empty home has none (three queries)."""
    if block is not None:
        homes = Home.objects.filter(block=block)
    elif estate is not None:
        homes = Home.objects.filter(estate=estate)
    else:
        raise ValueError("A block or an estate is needed.")
    members = TenancyMember.objects.select_related("person").order_by("id")
    current = (
        Tenancy.objects.filter(_current(today))
        .order_by("-start_date", "-id")
        .prefetch_related(Prefetch("members", queryset=members))
    )
    homes = homes.select_related(
        "estate__office", "block", "patch__officer", "estate__patch__officer"
    ).prefetch_related(Prefetch("tenancies", queryset=current, to_attr="current_tenancies"))
    households = []
    for home in sorted(homes, key=_walk_order):
        tenancies = home.current_tenancies
        households.append(
            Household(home=home, people=tuple(_tenants(tenancies[0]) if tenancies else ()))
        )
    return households


def household_count(*, block: Block | None = None, estate: Estate | None = None) -> int:
    homes = (
        Home.objects.filter(block=block)
        if block is not None
        else Home.objects.filter(estate=estate)
    )
    return homes.count()


def home_of_person(*, person: Person, today: dt.date) -> Home | None:
    """The home of the person's current tenancy (the latest, if more than one)."""
    member = (
        TenancyMember.objects.filter(
            person=person, tenancy__in=Tenancy.objects.filter(_current(today))
        )
        .select_related(
            "tenancy__home__estate__office",
            "tenancy__home__block",
            "tenancy__home__patch__officer",
            "tenancy__home__estate__patch__officer",
        )
        .order_by("-tenancy__start_date", "-id")
        .first()
    )
    return member.tenancy.home if member is not None else None


def household_of_home(*, home: Home, today: dt.date) -> Household:
    tenancy = (
        Tenancy.objects.filter(_current(today), home=home)
        .order_by("-start_date", "-id")
        .prefetch_related(
            Prefetch(
                "members", queryset=TenancyMember.objects.select_related("person").order_by("id")
            )
        )
        .first()
    )
    return Household(home=home, people=tuple(_tenants(tenancy)) if tenancy is not None else ())


# --- runs ------------------------------------------------------------------------------------


def _run_rows(runs: QuerySet[LetterRun]) -> QuerySet[LetterRun]:
    return runs.select_related(
        "template", "created_by", "person", "block__estate", "estate", "case"
    )


def runs_for(*, user: Any) -> QuerySet[LetterRun]:
    """Runs the user started, and runs on the patches they look after, newest first."""
    runs = LetterRun.objects.all()
    if not user.is_superuser:
        runs = runs.filter(Q(created_by_id=user.pk) | Q(patch_id__in=editable_patch_ids(user)))
    return _run_rows(runs).order_by("-created_at", "-id")


def case_runs_query(case: Any) -> QuerySet[LetterRun]:
    """Letter runs sent from the case (the case page asks whether there are any)."""
    return LetterRun.objects.filter(case=case)


def runs_for_case(*, case: Any) -> list[LetterRun]:
    """The latest ten runs sent from the case: one query, none when the case page found none."""
    from doorstep.cases.registry import panel_rows

    latest = _run_rows(case_runs_query(case)).order_by("-created_at", "-id")[:10]
    return panel_rows(case, "letter_runs", latest)


def run_get(*, pk: int) -> LetterRun:
    try:
        return _run_rows(LetterRun.objects.select_related("office", "patch")).get(pk=pk)
    except LetterRun.DoesNotExist as exc:
        raise Http404("No letter run has that number.") from exc


def run_items(*, run: LetterRun) -> QuerySet[LetterRunItem]:
    return run.items.select_related("home", "person").order_by("position")
