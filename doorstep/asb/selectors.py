"""Reads for ASB and neighbour-dispute cases and the ASB Case Review (Community Trigger).

Every function here uses a fixed number of queries, whatever the number of rows. The trigger
counts are done in the database with the window and thresholds of trigger.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case as DbCase
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.asb import trigger
from doorstep.asb.models import (
    AsbDetails,
    AsbToolUse,
    IncidentReport,
    MediationReferral,
    VictimRiskAssessment,
)
from doorstep.cases.models import Case, CaseType
from doorstep.cases.registry import panel_detail, panel_rows

ASB_TYPES = (CaseType.ASB, CaseType.NEIGHBOUR_DISPUTE)


def asb_case_get(*, reference: str, case_types: tuple[str, ...] = ASB_TYPES) -> Case:
    """The ASB or neighbour-dispute case with `reference`, with its place, or 404.
    Callers check `can_see_case` / `can_edit_case`."""
    case = (
        Case.objects.select_related(
            "home__block",
            "home__estate",
            "block__estate",
            "estate",
            "lead_officer",
            "team",
            "patch__team",
        )
        .filter(reference=reference, case_type__in=case_types)
        .first()
    )
    if case is None:
        raise Http404("No such ASB or neighbour dispute case.")
    return case


def mediation_referral_get(*, case: Case, pk: int) -> MediationReferral:
    referral = MediationReferral.objects.filter(case=case, pk=pk).first()
    if referral is None:
        raise Http404("No such mediation referral on this case.")
    return referral


@dataclass
class PanelData:
    details: AsbDetails | None
    incidents: list[IncidentReport]
    tools: list[AsbToolUse]
    assessments: list[VictimRiskAssessment]
    mediation: list[MediationReferral]


def details_query(case: Any) -> QuerySet[AsbDetails]:
    return AsbDetails.objects.filter(case=case)


def incidents_query(case: Any) -> QuerySet[IncidentReport]:
    """The case's incident reports, each with its reporter's Community Trigger count on
    today's date (`reporter_asb_cases`: different ASB cases they reported on in the window),
    so the case page's warnings need no query of their own."""
    in_window = (
        _window_reports(timezone.localdate())
        .filter(reporter_id=OuterRef("reporter_id"))
        .order_by()
        .values("reporter_id")
        .annotate(n=Count("case_id", distinct=True))
        .values("n")
    )
    return (
        IncidentReport.objects.filter(case=case)
        .select_related("reporter", "recorded_by")
        .annotate(reporter_asb_cases=Subquery(in_window, output_field=IntegerField()))
    )


def tools_query(case: Any) -> QuerySet[AsbToolUse]:
    return AsbToolUse.objects.filter(case=case).select_related("recorded_by")


def assessments_query(case: Any) -> QuerySet[VictimRiskAssessment]:
    return VictimRiskAssessment.objects.filter(case=case).select_related("victim", "assessed_by")


def mediation_query(case: Any) -> QuerySet[MediationReferral]:
    return MediationReferral.objects.filter(case=case)


# What the panel reads (registered with it in apps.py): the case page asks whether each has
# rows with the case itself, and reads only those that do.
PANEL_ROWS = {
    "asb_incidents": incidents_query,
    "asb_tools": tools_query,
    "asb_assessments": assessments_query,
    "asb_mediation": mediation_query,
}


def panel_data(*, case: Case) -> PanelData:
    """Everything the case page's ASB panel shows: four queries at most — the details (ASB
    cases only, none when loaded with the case), incidents, tools, risk assessments and
    mediation (neighbour disputes only); none for a list the case page found empty."""
    is_asb = case.case_type == CaseType.ASB
    return PanelData(
        details=panel_detail(case, "asb_details", details_query(case)) if is_asb else None,
        incidents=panel_rows(case, "asb_incidents", incidents_query(case)),
        tools=panel_rows(case, "asb_tools", tools_query(case)),
        assessments=panel_rows(case, "asb_assessments", assessments_query(case)),
        mediation=[] if is_asb else panel_rows(case, "asb_mediation", mediation_query(case)),
    )


def panel_facts() -> dict[str, Any]:
    """Columns on the case page's case row: the Community Trigger count of the case's place
    on today's date, for a block and for an estate's homes in no block (see `case_warnings`)."""
    place_block = DbCase(When(home__isnull=False, then=F("home__block_id")), default=F("block_id"))
    place_estate = DbCase(
        When(home__isnull=False, then=F("home__estate_id")), default=F("estate_id")
    )
    reports = _window_reports(timezone.localdate()).order_by()
    block = (
        reports.filter(about_block_id=OuterRef("asb_place_block"))
        .values("about_block_id")
        .annotate(n=Count("reporter_id", distinct=True))
        .values("n")
    )
    estate = (
        reports.filter(about_block__isnull=True, about_estate_id=OuterRef("asb_place_estate"))
        .values("about_estate_id")
        .annotate(n=Count("reporter_id", distinct=True))
        .values("n")
    )
    # The place's ids first: the counts below refer to them.
    return {
        "asb_place_block": place_block,
        "asb_place_estate": place_estate,
        "asb_block_reporters": DbCase(
            When(case_type=CaseType.ASB, then=Subquery(block, output_field=IntegerField())),
            default=None,
            output_field=IntegerField(),
        ),
        "asb_estate_reporters": DbCase(
            When(case_type=CaseType.ASB, then=Subquery(estate, output_field=IntegerField())),
            default=None,
            output_field=IntegerField(),
        ),
    }


# --- the Community Trigger -------------------------------------------------------------------


def _window_reports(on: dt.date) -> QuerySet[IncidentReport]:
    """ASB incident reports in the window on `on` (trigger.window)."""
    start, end = trigger.window(on)
    return IncidentReport.objects.filter(
        case__case_type=CaseType.ASB, reported_on__gt=start, reported_on__lte=end
    )


def person_case_count(*, person: Any, on: dt.date) -> int:
    """Different ASB cases `person` reported on in the window: one query."""
    return (
        _window_reports(on)
        .filter(reporter=person)
        .aggregate(n=Count("case_id", distinct=True))["n"]
        or 0
    )


def _place_count(
    *, on: dt.date, block_id: int | None = None, estate_id: int | None = None
) -> tuple[str, int]:
    """(name, different reporters) of the block, or of the estate's homes in no block (the
    place rule), in the window on `on`. One query; ("", 0) when nobody reported."""
    reports = _window_reports(on)
    if block_id is not None:
        reports, name = reports.filter(about_block_id=block_id), "about_block__name"
    elif estate_id is not None:
        reports = reports.filter(about_block__isnull=True, about_estate_id=estate_id)
        name = "about_estate__name"
    else:
        return "", 0
    row = reports.values(name).annotate(n=Count("reporter_id", distinct=True)).order_by().first()
    return (row[name], row["n"]) if row else ("", 0)


def place_reporter_count(*, on: dt.date, block: Any = None, estate: Any = None) -> int:
    """Different people who reported ASB about the block, or about the estate's homes that are
    in no block, in the window: one query."""
    return _place_count(
        on=on,
        block_id=block.pk if block is not None else None,
        estate_id=estate.pk if estate is not None and block is None else None,
    )[1]


def person_warning(*, person: Any, on: dt.date) -> str | None:
    """The warning for a person's page, or None: one query."""
    return trigger.person_message(person.full_name, person_case_count(person=person, on=on))


def place_warning(
    *, on: dt.date, block_id: int | None = None, estate_id: int | None = None
) -> str | None:
    """The warning for a place (a block; an estate, for its homes in no block), or None. A
    home's place is its block, else its estate. One query."""
    name, count = _place_count(on=on, block_id=block_id, estate_id=estate_id)
    return trigger.place_message(name, count)


def _case_place_ids(case: Case) -> tuple[int | None, int | None]:
    """(block id, estate id) of the place a case's reports count against; one query at most."""
    if case.home_id is not None:
        if Case.home.is_cached(case) and case.home is not None:
            return case.home.block_id, case.home.estate_id
        from doorstep.places.models import Home

        row = Home.objects.filter(pk=case.home_id).values("block_id", "estate_id").first()
        return (row["block_id"], row["estate_id"]) if row else (None, None)
    return case.block_id, case.estate_id


def case_warnings(*, case: Case, on: dt.date) -> list[str]:
    """Warnings for an ASB case's page: for each person who reported on it, and for its place.
    Three queries at most; none when the case page loaded the case (`panel_facts`) and its
    incident reports (`incidents_query`) for today."""
    if case.case_type != CaseType.ASB:
        return []
    if on == timezone.localdate() and hasattr(case, "asb_block_reporters"):
        return _loaded_case_warnings(case)
    on_this_case = IncidentReport.objects.filter(case=case).values("reporter_id")
    people = (
        _window_reports(on)
        .filter(reporter_id__in=on_this_case)
        .values("reporter_id", "reporter__first_name", "reporter__last_name")
        .annotate(n=Count("case_id", distinct=True))
        .order_by("reporter__last_name", "reporter__first_name", "reporter_id")
    )
    messages = []
    for row in people:
        name = f"{row['reporter__first_name']} {row['reporter__last_name']}".strip()
        message = trigger.person_message(name, row["n"])
        if message:
            messages.append(message)
    block_id, estate_id = _case_place_ids(case)
    message = place_warning(on=on, block_id=block_id, estate_id=estate_id)
    if message:
        messages.append(message)
    return messages


def _loaded_case_warnings(case: Case) -> list[str]:
    """`case_warnings` for today from what the case page loaded: the same people, order and
    place as the queries there."""
    reporters = {
        report.reporter_id: report
        for report in panel_rows(case, "asb_incidents", incidents_query(case))
        if report.reporter_asb_cases
    }
    messages = []
    for report in sorted(
        reporters.values(),
        key=lambda r: (r.reporter.last_name, r.reporter.first_name, r.reporter_id),
    ):
        name = f"{report.reporter.first_name} {report.reporter.last_name}".strip()
        message = trigger.person_message(name, report.reporter_asb_cases)
        if message:
            messages.append(message)
    block_id, estate_id = _case_place_ids(case)
    name, count = "", 0
    if block_id is not None:
        block = case.home.block if case.home_id is not None else case.block  # type: ignore[union-attr]
        name, count = block.name, case.asb_block_reporters or 0  # type: ignore[union-attr,attr-defined]
    elif estate_id is not None:
        estate = case.home.estate if case.home_id is not None else case.estate  # type: ignore[union-attr]
        name, count = estate.name, case.asb_estate_reporters or 0  # type: ignore[union-attr,attr-defined]
    message = trigger.place_message(name, count) if count else None
    if message:
        messages.append(message)
    return messages


@dataclass(frozen=True)
class PersonTrigger:
    person_id: int
    reference: str
    name: str
    cases: int

    @property
    def level(self) -> trigger.Level:
        return trigger.person_level(self.cases)

    @property
    def url(self) -> str:
        return reverse("people:person_detail", args=[self.reference])


@dataclass(frozen=True)
class PlaceTrigger:
    kind: str  # "block" or "estate"
    place_id: int
    name: str
    estate_name: str
    reporters: int

    @property
    def level(self) -> trigger.Level:
        return trigger.place_level(self.reporters)

    @property
    def url(self) -> str:
        return reverse(f"places:{self.kind}_detail", args=[self.place_id])


@dataclass
class Triggers:
    on: dt.date
    people: list[PersonTrigger] = field(default_factory=list)
    places: list[PlaceTrigger] = field(default_factory=list)


def triggers_on(
    *, on: dt.date, office_ids: frozenset[int] | None = None, include_warnings: bool = False
) -> Triggers:
    """People and places meeting the threshold on `on` (and, with `include_warnings`, those at
    the warning level), people sorted by reference and places by name. Three queries.

    `office_ids` limits the list to places in those offices and to people who reported about
    a place in them (their count still takes in every report); None means the whole landlord.
    """
    person_min = trigger.PERSON_WARNING if include_warnings else trigger.PERSON_THRESHOLD
    place_min = trigger.PLACE_WARNING if include_warnings else trigger.PLACE_THRESHOLD
    reports = _window_reports(on)

    people_q = reports
    if office_ids is not None:
        in_offices = reports.filter(
            Q(about_estate__office_id__in=office_ids)
            | Q(case__team__office_id__in=office_ids)
            | Q(case__patch__team__office_id__in=office_ids)
        ).values("reporter_id")
        people_q = people_q.filter(reporter_id__in=in_offices)
    people = [
        PersonTrigger(
            person_id=row["reporter_id"],
            reference=row["reporter__reference"],
            name=f"{row['reporter__first_name']} {row['reporter__last_name']}".strip(),
            cases=row["n"],
        )
        for row in people_q.values(
            "reporter_id", "reporter__reference", "reporter__first_name", "reporter__last_name"
        )
        .annotate(n=Count("case_id", distinct=True))
        .filter(n__gte=person_min)
        .order_by("reporter__reference")
    ]

    blocks_q = reports.filter(about_block__isnull=False)
    estates_q = reports.filter(about_block__isnull=True, about_estate__isnull=False)
    if office_ids is not None:
        blocks_q = blocks_q.filter(about_block__estate__office_id__in=office_ids)
        estates_q = estates_q.filter(about_estate__office_id__in=office_ids)
    places = [
        PlaceTrigger(
            kind="block",
            place_id=row["about_block_id"],
            name=row["about_block__name"],
            estate_name=row["about_block__estate__name"],
            reporters=row["n"],
        )
        for row in blocks_q.values(
            "about_block_id", "about_block__name", "about_block__estate__name"
        )
        .annotate(n=Count("reporter_id", distinct=True))
        .filter(n__gte=place_min)
        .order_by()
    ]
    places += [
        PlaceTrigger(
            kind="estate",
            place_id=row["about_estate_id"],
            name=row["about_estate__name"],
            estate_name=row["about_estate__name"],
            reporters=row["n"],
        )
        for row in estates_q.values("about_estate_id", "about_estate__name")
        .annotate(n=Count("reporter_id", distinct=True))
        .filter(n__gte=place_min)
        .order_by()
    ]
    places.sort(key=lambda p: (p.name, p.estate_name, p.kind, p.place_id))
    return Triggers(on=on, people=people, places=places)


TRIGGER_LIST_ROLES = (Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER, Role.ASB_OFFICER)


def can_see_trigger_list(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or user.has_role(*TRIGGER_LIST_ROLES)


def offices_of(user: Any) -> frozenset[int] | None:
    """Offices whose triggers `user` sees on the list page: their team's office and the
    offices they manage (None: every office, for a superuser). One query."""
    if getattr(user, "is_superuser", False):
        return None
    from doorstep.places.models import Office

    query = Q(managers=user)
    if user.team_id:
        query |= Q(teams__id=user.team_id)
    return frozenset(Office.objects.filter(query).values_list("id", flat=True).distinct())


def _place_detail(place: PlaceTrigger) -> str:
    if place.kind == "block":
        return f"Block on {place.estate_name}"
    return "Estate (its homes in no block)"


@dataclass(frozen=True)
class TriggerRow:
    """One line of the managers' list: a person or a place."""

    kind: str  # "person", "block" or "estate"
    label: str
    detail: str
    url: str
    count: int
    count_label: str
    level: trigger.Level


def trigger_rows(*, user: Any, on: dt.date) -> list[TriggerRow]:
    """The managers' list for `user` on `on`: those meeting the threshold first, then those at
    the warning level; people before places; by name. Four queries."""
    found = triggers_on(on=on, office_ids=offices_of(user), include_warnings=True)
    rows = [
        TriggerRow(
            kind="person",
            label=p.name,
            detail=p.reference,
            url=p.url,
            count=p.cases,
            count_label=f"{p.cases} ASB case{'s' if p.cases != 1 else ''} reported",
            level=p.level,
        )
        for p in found.people
    ] + [
        TriggerRow(
            kind=p.kind,
            label=p.name,
            detail=_place_detail(p),
            url=p.url,
            count=p.reporters,
            count_label=f"{p.reporters} different people reported",
            level=p.level,
        )
        for p in found.places
    ]
    rows.sort(key=lambda r: (r.level is not trigger.Level.MET, r.kind != "person", r.label.lower()))
    return rows


# --- ASB officer catch-up ---------------------------------------------------------------------


@dataclass(frozen=True)
class CatchUpRow:
    case: Case
    last_activity: dt.datetime | None
    next_action: Any  # CaseAction | None
    open_actions: int


def catch_up_patches(*, user: Any) -> QuerySet[Any]:
    """Patches the user can go through at a catch-up: every patch in their offices."""
    from doorstep.places.models import Patch

    patches = Patch.objects.select_related("officer", "team__office").order_by("name")
    if user.is_superuser:
        return patches
    office_ids = set(user.managed_offices.values_list("id", flat=True))
    if user.team_id:
        office_ids.add(user.team.office_id)
    return patches.filter(team__office_id__in=office_ids)


def catch_up_rows(*, user: Any, patch: Any) -> list[CatchUpRow]:
    """Open ASB and neighbour-dispute cases on a patch, for the neighbourhood officer and the
    ASB officer to go through together: last activity, next action, risk. Restricted cases the
    user cannot see are left out (the catch-up is a shared screen). Three queries."""
    from django.db.models import Max, Prefetch

    from doorstep.cases.models import CaseAction, CaseStatus
    from doorstep.cases.permissions import visible_case_q

    undone = CaseAction.objects.filter(done_at__isnull=True).select_related("owner")
    cases = (
        Case.objects.filter(
            visible_case_q(user),
            patch=patch,
            case_type__in=ASB_TYPES,
        )
        .exclude(status=CaseStatus.CLOSED)
        .select_related("lead_officer", "home", "block", "estate")
        .annotate(last_activity=Max("events__at"))
        .prefetch_related(
            Prefetch("actions", queryset=undone.order_by("due_on", "id"), to_attr="open_actions")
        )
        .order_by("opened_on", "id")
    )
    rows = []
    for case in cases:
        actions = case.open_actions
        rows.append(
            CatchUpRow(
                case=case,
                last_activity=case.last_activity,
                next_action=actions[0] if actions else None,
                open_actions=len(actions),
            )
        )
    # High risk first: the risk codes don't sort by severity, so order here.
    severity = {"high": 0, "medium": 1, "standard": 2}
    rows.sort(key=lambda row: (severity.get(row.case.risk_level, 3), row.case.opened_on))
    return rows
