"""Reads for the community pages, each a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from doorstep.accounts.models import User
from doorstep.accounts.roles import READ_ONLY_ROLES, Role
from doorstep.community.calendar import Day, grid_bounds, month_grid
from doorstep.community.models import Champion, Event, EventPhoto, EventTask, SignUp
from doorstep.core.working_days import LONDON
from doorstep.people.models import Vulnerability, VulnerabilityFlag


class When:
    UPCOMING = "upcoming"
    PAST = "past"
    ALL = "all"
    choices = [(UPCOMING, "Coming up"), (PAST, "Past"), (ALL, "All")]


def events_list(*, when: str = When.UPCOMING, now: dt.datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    events = Event.objects.select_related("office", "estate", "organiser").annotate(
        sign_up_count=Count("sign_ups", distinct=True)
    )
    if when == When.UPCOMING:
        return events.filter(starts_at__gte=now - dt.timedelta(hours=12)).order_by("starts_at")
    if when == When.PAST:
        return events.filter(starts_at__lt=now).order_by("-starts_at")
    return events.order_by("-starts_at")


def event_get(*, pk: int) -> Event:
    queryset = Event.objects.select_related("office", "estate", "organiser").prefetch_related(
        Prefetch("champions", queryset=Champion.objects.select_related("person", "estate")),
        Prefetch("tasks", queryset=EventTask.objects.select_related("owner")),
        Prefetch("photos", queryset=EventPhoto.objects.order_by("created_at", "id")),
    )
    return get_object_or_404(queryset, pk=pk)


def older_person_q() -> Exists:
    """The resident has a current older_person flag (not special-category data: fine to show;
    no other flag is read here)."""
    return Exists(
        VulnerabilityFlag.objects.filter(
            person_id=OuterRef("person_id"),
            code=Vulnerability.OLDER_PERSON,
            end_date__isnull=True,
        )
    )


def sign_ups_for(*, event: Event, older_only: bool = False) -> QuerySet[SignUp]:
    sign_ups = (
        SignUp.objects.filter(event=event)
        .select_related("person")
        .annotate(older_person=older_person_q())
        .order_by("person__last_name", "person__first_name", "id")
    )
    if older_only:
        sign_ups = sign_ups.filter(older_person=True)
    return sign_ups


def sign_up_get(*, event: Event, pk: int) -> SignUp:
    return get_object_or_404(SignUp.objects.select_related("person"), event=event, pk=pk)


def task_get(*, event: Event, pk: int) -> EventTask:
    return get_object_or_404(EventTask, event=event, pk=pk)


def photo_get(*, event: Event, pk: int) -> EventPhoto:
    return get_object_or_404(EventPhoto, event=event, pk=pk)


def champions_list() -> QuerySet[Champion]:
    return (
        Champion.objects.filter(ended_on__isnull=True)
        .select_related("person", "estate")
        .annotate(event_count=Count("events"))
        .order_by("person__last_name", "person__first_name", "id")
    )


def current_champions() -> QuerySet[Champion]:
    return Champion.objects.filter(ended_on__isnull=True).select_related("person", "estate")


def staff_choices() -> QuerySet[User]:
    working = [role for role in Role.values if role not in READ_ONLY_ROLES]
    return (
        User.objects.filter(is_active=True, groups__name__in=working)
        .distinct()
        .order_by("full_name")
    )


def month_calendar(*, first: dt.date, today: dt.date) -> list[list[Day]]:
    """The month's weeks (Monday to Sunday) with each day's events: one query."""
    start, end = grid_bounds(first)
    after = dt.datetime.combine(start, dt.time.min, tzinfo=LONDON)
    before = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=LONDON)
    by_day: defaultdict[dt.date, list[Any]] = defaultdict(list)
    for event in Event.objects.filter(starts_at__gte=after, starts_at__lt=before).order_by(
        "starts_at", "id"
    ):
        by_day[event.starts_at.astimezone(LONDON).date()].append(event)
    return month_grid(first, today, by_day)
