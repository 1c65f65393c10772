"""Reads for welfare-call programmes: the cohort with its calls, the calls due for an officer,
the call screen and the coverage report. Each uses a fixed number of queries whatever the size
of the cohort."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404

from doorstep.core.permissions import can_read_special_category
from doorstep.core.working_days import LONDON, local_date
from doorstep.people.arrangements import Arrangement, arrangements_for
from doorstep.people.models import EmergencyContact, Person, VulnerabilityFlag
from doorstep.welfare import rules
from doorstep.welfare.cohort import cohort_people, current_memberships, rule_of
from doorstep.welfare.models import COMPLETED, REACHED, CallOutcome, WelfareCall, WelfareProgramme
from doorstep.welfare.permissions import can_read_call_notes, can_record_call

RECENT_CALLS = 10
OUTCOME_LABELS = dict(CallOutcome.choices)


def start_of_day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=LONDON)


def _flags() -> Prefetch[Any]:
    return Prefetch(
        "flags",
        queryset=VulnerabilityFlag.objects.filter(end_date__isnull=True),
        to_attr="current_flags",
    )


# --- programmes ------------------------------------------------------------------------------


def programmes_list(*, active_only: bool = False) -> QuerySet[WelfareProgramme]:
    """Every programme, for any member of staff to read (three queries with the page)."""
    programmes = WelfareProgramme.objects.select_related("team__office", "officer")
    if active_only:
        programmes = programmes.filter(active=True)
    return programmes.order_by("-active", "name", "id")


def programme_get(*, pk: int) -> WelfareProgramme:
    return get_object_or_404(
        WelfareProgramme.objects.select_related(
            "team__office", "team__leader", "officer"
        ).prefetch_related("patches", "estates"),
        pk=pk,
    )


def _calls(programme: WelfareProgramme) -> QuerySet[WelfareCall]:
    return WelfareCall.objects.filter(programme=programme, person_id=OuterRef("pk"))


def cohort_with_calls(*, programme: WelfareProgramme, today: dt.date) -> QuerySet[Person]:
    """The programme's cohort on `today`, each person with their last completed call and
    latest call of any outcome in this programme (`last_completed_at`, `last_attempt_at`,
    `last_outcome`). The programme's patches and estates must be prefetched."""
    latest = _calls(programme).order_by("-called_at", "-id")
    return cohort_people(rule=rule_of(programme), today=today).annotate(
        last_completed_at=Subquery(
            _calls(programme)
            .filter(outcome__in=COMPLETED)
            .order_by()
            .values("person_id")
            .annotate(at=Max("called_at"))
            .values("at")[:1]
        ),
        last_attempt_at=Subquery(latest.values("called_at")[:1]),
        last_outcome=Subquery(latest.values("outcome")[:1]),
    )


def due_on(programme: WelfareProgramme, person: Any) -> dt.date:
    """When the person's next call in the programme is due (rules.next_call_due), from the
    annotations of cohort_with_calls."""
    return rules.next_call_due(
        start_date=programme.start_date,
        frequency_days=programme.frequency_days,
        last_completed_on=local_date(person.last_completed_at)
        if person.last_completed_at
        else None,
        last_attempt_on=local_date(person.last_attempt_at) if person.last_attempt_at else None,
        last_attempt_outcome=person.last_outcome or "",
    )


def _due_filter(programme: WelfareProgramme, today: dt.date) -> Q:
    # In SQL, before rules.next_call_due settles the rest: never completed, or completed
    # at least `frequency_days` before today.
    latest_completed = start_of_day(today - dt.timedelta(days=programme.frequency_days - 1))
    return Q(last_completed_at__isnull=True) | Q(last_completed_at__lt=latest_completed)


@dataclass(frozen=True)
class DueCall:
    programme: WelfareProgramme
    person: Person
    due_on: dt.date
    overdue: bool
    last_outcome: str
    arrangements: list[Arrangement] = field(default_factory=list)


def programmes_for(*, user: Any, today: dt.date) -> QuerySet[WelfareProgramme]:
    """Active programmes whose calls may fall to `user`: assigned to them, or to each person's
    patch officer. No programme, no welfare calls."""
    return WelfareProgramme.objects.filter(
        Q(officer_id=user.pk) | Q(officer__isnull=True), active=True, start_date__lte=today
    )


def calls_due(*, user: Any, today: dt.date) -> list[DueCall]:
    """The welfare calls due for `user` by `today`: every due person in programmes assigned to
    them, and due people on their own patches in programmes for "each person's patch officer".

    Three queries for the programmes, then two per programme (cohort, flags), whatever the
    size of the cohorts."""
    programmes = list(
        programmes_for(user=user, today=today)
        .prefetch_related("patches", "estates")
        .order_by("name", "id")
    )
    due: list[DueCall] = []
    for programme in programmes:
        people = cohort_with_calls(programme=programme, today=today).filter(
            _due_filter(programme, today)
        )
        if programme.officer_id is None:
            people = people.filter(
                pk__in=current_memberships(today)
                .filter(tenancy__home__patch__officer_id=user.pk)
                .values("person_id")
            )
        person: Any
        for person in people.prefetch_related(_flags()):
            when = due_on(programme, person)
            if rules.is_due(due_on=when, today=today):
                due.append(
                    DueCall(
                        programme=programme,
                        person=person,
                        due_on=when,
                        overdue=when < today,
                        last_outcome=person.last_outcome or "",
                        arrangements=arrangements_for(person),
                    )
                )
    return due


@dataclass(frozen=True)
class CohortRow:
    person: Person
    due_on: dt.date
    last_outcome: str
    last_attempt_at: dt.datetime | None

    @property
    def last_outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.last_outcome, "")


def cohort_page_rows(*, programme: WelfareProgramme, people: list[Any]) -> list[CohortRow]:
    return [
        CohortRow(
            person=person,
            due_on=due_on(programme, person),
            last_outcome=person.last_outcome or "",
            last_attempt_at=person.last_attempt_at,
        )
        for person in people
    ]


# --- the call screen -------------------------------------------------------------------------


@dataclass
class CallScreen:
    programme: WelfareProgramme
    person: Person
    in_cohort: bool
    due_on: dt.date | None
    arrangements: list[Arrangement]
    flags: list[VulnerabilityFlag]
    restricted_flag_count: int
    emergency_contacts: list[EmergencyContact]
    recent_calls: list[WelfareCall]
    notes_shown: bool
    can_record: bool
    special_category_shown: bool
    home: Any = None


def call_screen(
    *, user: Any, programme: WelfareProgramme, person: Person, today: dt.date
) -> CallScreen:
    """What the officer needs on the phone: special arrangements, flags, numbers, emergency
    contacts, and the last calls in any programme (notes only for special-category readers)."""
    row: Any = (
        cohort_with_calls(programme=programme, today=today)
        .filter(pk=person.pk)
        .prefetch_related(_flags())
        .first()
    )
    if row is not None:
        current = row.current_flags
        when: dt.date | None = due_on(programme, row)
    else:
        current = list(VulnerabilityFlag.objects.filter(person=person, end_date__isnull=True))
        when = None
    person.current_flags = current  # type: ignore[attr-defined]
    reader = can_read_special_category(user)
    visible = [f for f in current if reader or not f.is_special_category]
    member = (
        current_memberships(today)
        .filter(person=person)
        .select_related("tenancy__home__patch")
        .order_by("-tenancy__start_date", "-tenancy_id")
        .first()
    )
    home = member.tenancy.home if member is not None else None
    patch_ids = {home.patch_id} if home is not None and home.patch_id else set()
    calls = list(
        WelfareCall.objects.filter(person=person)
        .select_related("programme", "called_by", "case", "escalation")
        .order_by("-called_at", "-id")[:RECENT_CALLS]
    )
    notes_shown = can_read_call_notes(user) and any(call.note for call in calls)
    return CallScreen(
        programme=programme,
        person=person,
        in_cohort=row is not None,
        due_on=when,
        arrangements=arrangements_for(person),
        flags=sorted(visible, key=lambda f: f.code),
        restricted_flag_count=len(current) - len(visible),
        emergency_contacts=list(EmergencyContact.objects.filter(person=person)),
        recent_calls=calls,
        notes_shown=notes_shown,
        can_record=can_record_call(user, programme, person, patch_ids=patch_ids),
        special_category_shown=any(f.is_special_category for f in visible),
        home=home,
    )


def call_get(*, pk: int, programme: WelfareProgramme) -> WelfareCall:
    return get_object_or_404(
        WelfareCall.objects.select_related("person", "programme", "contact", "case"),
        pk=pk,
        programme=programme,
    )


# --- coverage --------------------------------------------------------------------------------

REACHED_STATUS = "reached"
ATTEMPTED = "attempted"
NOT_CALLED = "not_called"
COVERAGE_STATUSES = [
    (REACHED_STATUS, "Reached"),
    (ATTEMPTED, "Tried, not reached"),
    (NOT_CALLED, "Not called"),
]


@dataclass(frozen=True)
class Coverage:
    start: dt.date
    end: dt.date
    total: int
    reached: int
    attempted: int
    not_called: int
    people: QuerySet[Person]

    @property
    def reached_percent(self) -> str:
        if not self.total:
            return "-"
        return f"{100 * self.reached / self.total:.0f}%"


def default_period(*, programme: WelfareProgramme, today: dt.date) -> tuple[dt.date, dt.date]:
    """The current period: the last `frequency_days` days, today included."""
    return today - dt.timedelta(days=programme.frequency_days - 1), today


def coverage(
    *,
    programme: WelfareProgramme,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    status: str = "",
) -> Coverage:
    """Who in today's cohort was reached (spoke_ok or concern) in the period, who was tried but
    not reached (no answer, declined), and who was not called. Two queries (counts, then the
    people), plus the page."""
    in_period = WelfareCall.objects.filter(
        programme=programme,
        person_id=OuterRef("pk"),
        called_at__gte=start_of_day(start),
        called_at__lt=start_of_day(end + dt.timedelta(days=1)),
    )
    people = cohort_people(rule=rule_of(programme), today=today).annotate(
        status=Case(
            When(Exists(in_period.filter(outcome__in=REACHED)), then=Value(REACHED_STATUS)),
            When(Exists(in_period), then=Value(ATTEMPTED)),
            default=Value(NOT_CALLED),
            output_field=CharField(),
        ),
        calls_in_period=Subquery(
            in_period.order_by().values("person_id").annotate(n=Count("id")).values("n")[:1]
        ),
        last_call_at=Subquery(in_period.order_by("-called_at").values("called_at")[:1]),
        last_call_outcome=Subquery(in_period.order_by("-called_at", "-id").values("outcome")[:1]),
    )
    counts = people.order_by().aggregate(
        total=Count("id"),
        reached=Count("id", filter=Q(status=REACHED_STATUS)),
        attempted=Count("id", filter=Q(status=ATTEMPTED)),
    )
    if status in dict(COVERAGE_STATUSES):
        people = people.filter(status=status)
    return Coverage(
        start=start,
        end=end,
        total=counts["total"],
        reached=counts["reached"],
        attempted=counts["attempted"],
        not_called=counts["total"] - counts["reached"] - counts["attempted"],
        people=people,
    )
