"""Reads for the shared case core. Each uses a fixed number of queries whatever the rows.

Restricted cases a user may not see still appear in lists, search and exports — as a row
saying a restricted case exists and whom to ask, with no summary, people or place
(`CaseRow`). Every restricted case a user *may* see, when shown, is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case as DbCase
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from doorstep.cases.models import (
    REFERENCE_PREFIX,
    Case,
    CaseAction,
    CaseAttachment,
    CaseCost,
    CaseEvent,
    CaseParty,
    CaseStatus,
    EventKind,
)
from doorstep.cases.permissions import (
    annotate_visibility,
    can_edit_case,
    can_lift_restriction,
    can_reopen,
    can_restrict,
    can_see_case,
    who_to_ask,
)
from doorstep.cases.registry import (
    CasePanel,
    has_rows_attr,
    panel_rows,
    panels_for,
    warnings,
)
from doorstep.core.audit import record_view
from doorstep.core.models import AuditAction, AuditEvent
from doorstep.people.arrangements import (
    Arrangement,
    arrangements_with_codes,
    open_flag_codes,
)

TIMELINE_LENGTH = 50
RESTRICTED_ROW = "Restricted case — ask {who}"


# --- lists -----------------------------------------------------------------------------------


def _list_rows(queryset: QuerySet[Case], *, user: Any, today: dt.date) -> QuerySet[Case]:
    """Cases with what a list row shows, in one query: place, people on the case team,
    visibility, overdue action count and the next action's due date."""
    undone = CaseAction.objects.filter(case_id=OuterRef("pk"), done_at__isnull=True)
    overdue = (
        undone.filter(due_on__lt=today)
        .order_by()
        .values("case_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    next_action = undone.order_by("due_on", "id").values("due_on")[:1]
    return annotate_visibility(
        queryset.select_related(
            "lead_officer",
            "team",
            "team__leader",
            "home",
            "block",
            "block__estate",
            "estate",
            "patch",
        ),
        user,
    ).annotate(
        overdue_actions=Coalesce(Subquery(overdue, output_field=IntegerField()), 0),
        next_action_on=Subquery(next_action),
    )


def cases_for(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Case]:
    """Cases in a list for `user` (mine, team, patch or all) filtered by type, status, risk
    and overdue actions (see `doorstep.cases.filters.CaseFilter`), newest first.

    Every case is in the list, restricted ones too: a row the user may not see shows only
    that it exists and whom to ask (see `rows_for`). Filters on what such a row hides (risk,
    overdue actions) leave those cases out, so the filter cannot tell what the row may not.
    """
    return _list_rows(
        case_keys_for(user=user, filters=filters), user=user, today=timezone.localdate()
    )


def case_keys_for(*, user: Any, filters: dict[str, Any] | None = None) -> QuerySet[Case]:
    """The cases of `cases_for`, filtered and ordered, without what a row shows: narrow enough
    for the list to find a page's ids from the (opened_on, id) index alone."""
    from doorstep.cases.filters import CaseFilter

    base = Case.objects.order_by("-opened_on", "-id")
    return CaseFilter(filters or {}, queryset=base, user=user).qs


def with_parties(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Cases with their people in roles (one more query whatever the rows)."""
    parties = CaseParty.objects.select_related("person").order_by("role", "id")
    return cases.prefetch_related(Prefetch("parties", queryset=parties))


def case_rows(*, user: Any) -> QuerySet[Case]:
    """Every case with what a list row shows (see `_list_rows`) and its people, for the API.
    Restricted cases are included: `rows_for` hides what the user may not see."""
    return with_parties(_list_rows(Case.objects.all(), user=user, today=timezone.localdate()))


@dataclass(frozen=True)
class CaseRow:
    """One case in a list, search result or export. `case` is None when the user may not
    see it: then only the reference, type and whom to ask are known."""

    reference: str
    case_type: str
    case_type_label: str
    restricted: bool
    case: Case | None
    ask: str = ""
    overdue_actions: int = 0
    next_action_on: dt.date | None = None

    @property
    def can_see(self) -> bool:
        return self.case is not None

    @property
    def restricted_text(self) -> str:
        return RESTRICTED_ROW.format(who=self.ask)

    @property
    def place(self) -> str:
        return place_of(self.case) if self.case is not None else ""


def place_of(case: Case) -> str:
    if case.home_id is not None:
        return case.home.short_address  # type: ignore[union-attr]
    if case.block_id is not None:
        return str(case.block)
    if case.estate_id is not None:
        return case.estate.name  # type: ignore[union-attr]
    return ""


def rows_for(
    *, user: Any, cases: Iterable[Case], what: str = "case in a list", source: str = "web"
) -> list[CaseRow]:
    """Rows for cases annotated by `cases_for` (or `_list_rows`), hiding what the user may not
    see, and auditing (one query) every restricted case the user does see."""
    rows: list[CaseRow] = []
    seen_restricted: list[Case] = []
    for case in cases:
        visible = can_see_case(user, case)
        if visible and case.restricted:
            seen_restricted.append(case)
        rows.append(
            CaseRow(
                reference=case.reference,
                case_type=case.case_type,
                case_type_label=case.get_case_type_display(),
                restricted=case.restricted,
                case=case if visible else None,
                ask="" if visible else who_to_ask(case),
                overdue_actions=getattr(case, "overdue_actions", 0) if visible else 0,
                next_action_on=getattr(case, "next_action_on", None) if visible else None,
            )
        )
    audit_restricted_views(user=user, cases=seen_restricted, what=what, source=source)
    return rows


def audit_restricted_views(
    *, user: Any, cases: Sequence[Case], what: str, source: str = "web"
) -> None:
    """One audit row per restricted case shown to `user` — the rows `record_view` writes,
    in one query for a whole list."""
    if not cases:
        return
    actor = user if getattr(user, "pk", None) else None
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=actor,
                action=AuditAction.VIEW,
                object_type=case._meta.label_lower,
                object_id=str(case.pk),
                object_label=case.reference,
                changes={"viewed": what},
                source=source,
            )
            for case in cases
        ]
    )


def case_by_reference(*, reference: str) -> Case | None:
    """A case by its exact reference (any case: callers check what the user may see)."""
    reference = (reference or "").strip().upper()
    if not reference:
        return None
    return (
        Case.objects.select_related("lead_officer", "team", "team__leader")
        .filter(reference=reference)
        .first()
    )


def cases_by_reference(*, user: Any, exact: str, prefix: str, limit: int) -> list[int]:
    """Ids of cases whose reference is `exact` or starts with `prefix`, the exact match first
    (search). Restricted cases are included: their rows say only whom to ask."""
    found = (
        Case.objects.filter(Q(reference=exact) | Q(reference__startswith=prefix))
        .annotate(is_exact=DbCase(When(reference=exact, then=Value(0)), default=Value(1)))
        .order_by("is_exact", "reference")
        .values_list("id", flat=True)[:limit]
    )
    return list(found)


def case_rows_by_ids(*, user: Any, ids: Sequence[int], what: str) -> list[CaseRow]:
    """Rows for `ids`, in that order (search results): one query and one audit insert."""
    today = timezone.localdate()
    by_id = {
        case.pk: case
        for case in _list_rows(Case.objects.filter(id__in=list(ids)), user=user, today=today)
    }
    return rows_for(user=user, cases=[by_id[pk] for pk in ids if pk in by_id], what=what)


def contact_find(*, pk: int) -> Any:
    """A logged contact to open a case from (any officer may read contacts), or None."""
    from doorstep.contacts.models import Contact

    return Contact.objects.select_related("person", "home").filter(pk=pk).first()


def current_home_of(*, person: Any) -> Any:
    """The home of the person's current tenancy, if any: where their case is."""
    from doorstep.tenancies.models import TenancyMember

    today = timezone.localdate()
    member = (
        TenancyMember.objects.filter(person=person, tenancy__start_date__lte=today)
        .exclude(tenancy__end_date__lt=today)
        .select_related("tenancy__home")
        .order_by("-tenancy__start_date", "id")
        .first()
    )
    return member.tenancy.home if member is not None else None


# --- one case --------------------------------------------------------------------------------


def case_get(*, reference: str) -> Case:
    """The case with what its header and permissions need (one query); 404 if none."""
    return get_object_or_404(
        Case.objects.select_related(
            "lead_officer",
            "team",
            "team__leader",
            "team__office",
            "home",
            "home__estate",
            "block",
            "block__estate",
            "estate",
            "patch",
            "patch__team",
        ),
        reference=(reference or "").strip().upper(),
    )


# The case page's own lists that are often empty: asked with the case, read only when there.
CORE_ROWS = {
    "case_costs": lambda case: CaseCost.objects.filter(case=case).select_related("recorded_by"),
    "case_attachments": lambda case: CaseAttachment.objects.filter(case=case).select_related(
        "uploaded_by"
    ),
    "case_linked": lambda case: Case.linked_cases.through.objects.filter(from_case=case),
}


def case_page_get(*, reference: str) -> Case:
    """The case for its page, in one query: what `case_get` loads, the home's block, and for
    the panels of the case's type (known from the reference's prefix) the one-to-one records
    they declare (`details`), their `facts` columns and, for every list the page or a panel
    shows (`rows`), whether it has any row — so that empty lists cost no query. Only this
    type's panels: every join more costs the database time to plan the query. A case whose
    type does not match its prefix is loaded all the same, and its panels query as usual.
    404 if none."""
    reference = (reference or "").strip().upper()
    case_type = _TYPE_OF_PREFIX.get(reference.split("-", 1)[0])
    related = [
        "lead_officer",
        "team",
        "team__leader",
        "team__office",
        "home",
        "home__estate",
        "home__block",
        "home__block__estate",
        "block",
        "block__estate",
        "estate",
        "patch",
        "patch__team",
    ]
    checks: dict[str, Any] = {
        has_rows_attr(name): Exists(query(OuterRef("pk"))) for name, query in CORE_ROWS.items()
    }
    facts: dict[str, Any] = {}
    for panel in panels_for(case_type) if case_type else []:
        related.extend(path for path in panel.details if path not in related)
        for name, query in panel.rows.items():
            checks[has_rows_attr(name)] = Exists(query(OuterRef("pk")))
        if panel.facts is not None:
            facts.update(panel.facts())
    case = get_object_or_404(
        Case.objects.select_related(*related).annotate(**facts, **checks), reference=reference
    )
    if case.case_type != case_type:
        # Not what the prefix said: forget what was asked for the other type's panels.
        for name in checks:
            if name.removeprefix("has_") not in CORE_ROWS:
                delattr(case, name)
    return case


_TYPE_OF_PREFIX = {prefix: case_type for case_type, prefix in REFERENCE_PREFIX.items()}


def action_get(*, case: Case, pk: int) -> CaseAction:
    return get_object_or_404(CaseAction.objects.select_related("owner"), case=case, pk=pk)


def party_get(*, case: Case, pk: int) -> CaseParty:
    return get_object_or_404(CaseParty.objects.select_related("person"), case=case, pk=pk)


def attachment_get(*, user: Any, case: Case, pk: int) -> CaseAttachment:
    """A photo of the case, only for someone who may see the case (audited when restricted)."""
    if not can_see_case(user, case):
        raise PermissionDenied("This case is restricted.")
    attachment = get_object_or_404(CaseAttachment, case=case, pk=pk)
    if case.restricted:
        record_view(actor=user, instance=case, what="photo")
    return attachment


@dataclass(frozen=True)
class PartyRow:
    party: CaseParty
    arrangements: list[Arrangement]


@dataclass(frozen=True)
class TimelineItem:
    at: dt.datetime
    kind: str
    kind_label: str
    text: str
    by: str
    is_contact: bool = False


@dataclass(frozen=True)
class PanelRender:
    panel: CasePanel
    context: dict[str, Any]


@dataclass
class CasePage:
    case: Case
    place: str
    parties: list[PartyRow]
    timeline: list[TimelineItem]
    more_timeline: bool
    open_actions: list[CaseAction]
    done_actions: int
    costs: list[CaseCost]
    costs_total: Decimal
    attachments: list[CaseAttachment]
    linked: list[CaseRow]
    panels: list[PanelRender]
    warnings: list[str]
    today: dt.date
    can_edit: bool = False
    can_restrict: bool = False
    can_lift_restriction: bool = False
    can_reopen: bool = False
    transitions: list[tuple[str, str]] = field(default_factory=list)


def _timeline_rows(queryset: QuerySet[Any], source: int, **columns: Any) -> QuerySet[Any]:
    """One side of the timeline's UNION: the newest TIMELINE_LENGTH + 1 rows of `queryset`,
    as the same named columns in the same order."""
    newest = queryset.order_by(f"-{columns['t_at'].name}", "-id").values("pk")
    return (
        queryset.model.objects.filter(pk__in=newest[: TIMELINE_LENGTH + 1])
        .annotate(t_source=Value(source, output_field=IntegerField()), t_id=F("id"), **columns)
        .order_by()
        .values("t_at", "t_source", "t_id", *[name for name in columns if name != "t_at"])
    )


def _timeline(case: Case) -> tuple[list[TimelineItem], bool]:
    """Case events and contacts linked to the case, newest first: one UNION query."""
    from doorstep.contacts.models import Channel, Contact

    blank = Value("", output_field=CharField())
    events = _timeline_rows(
        CaseEvent.objects.filter(case=case),
        0,
        t_at=F("at"),
        t_kind=F("kind"),
        t_text=F("text"),
        t_by=F("by__full_name"),
        t_channel=blank,
        t_direction=blank,
        t_person=Value(None, output_field=IntegerField()),
        t_first=blank,
        t_last=blank,
    )
    contacts = _timeline_rows(
        Contact.objects.filter(case=case),
        1,
        t_at=F("happened_at"),
        t_kind=Value("contact", output_field=CharField()),
        t_text=F("summary"),
        t_by=F("logged_by__full_name"),
        t_channel=F("channel"),
        t_direction=F("direction"),
        t_person=F("person_id"),
        t_first=F("person__first_name"),
        t_last=F("person__last_name"),
    )
    # Events before contacts at the same moment, each newest first, as before.
    rows = list(events.union(contacts, all=True).order_by("-t_at", "t_source", "-t_id"))
    kinds = dict(EventKind.choices)
    channels = dict(Channel.choices)
    items = []
    for row in rows[:TIMELINE_LENGTH]:
        if row["t_source"] == 0:
            items.append(
                TimelineItem(
                    at=row["t_at"],
                    kind=row["t_kind"],
                    kind_label=kinds.get(row["t_kind"], row["t_kind"]),
                    text=row["t_text"],
                    by=row["t_by"] or "",
                )
            )
            continue
        person = (
            f"{row['t_first'] or ''} {row['t_last'] or ''}".strip()
            if row["t_person"] is not None
            else "the resident"
        )
        items.append(
            TimelineItem(
                at=row["t_at"],
                kind="contact",
                kind_label=(
                    f"{channels.get(row['t_channel'], row['t_channel'])} "
                    f"{'from' if row['t_direction'] == 'inbound' else 'to'} {person}"
                ),
                text=row["t_text"],
                by=row["t_by"] or "",
                is_contact=True,
            )
        )
    return items, len(rows) > TIMELINE_LENGTH


def case_page(*, user: Any, case: Case) -> CasePage:
    """Everything on the case page in a fixed number of queries, registered type panels
    included. With a case from `case_page_get`, lists that are empty cost no query. Refuses a
    restricted case the user may not see; audits every view of a restricted case."""
    from doorstep.cases.services import allowed_transitions
    from doorstep.core.permissions import load_permissions

    # The user's roles, team, patches and offices in one query, for every check below.
    load_permissions(user)
    if not can_see_case(user, case):
        raise PermissionDenied("This case is restricted.")
    if case.restricted:
        record_view(actor=user, instance=case, what="case page")
    today = timezone.localdate()
    # The people's open flag codes come with the rows: one query whatever the parties.
    parties = list(
        CaseParty.objects.filter(case=case)
        .select_related("person")
        .annotate(person_flag_codes=open_flag_codes())
    )
    actions = list(CaseAction.objects.filter(case=case).select_related("owner"))
    # The owners of every action are on the case team; the permission checks read this.
    case._action_owner_ids = frozenset(a.owner_id for a in actions)  # type: ignore[attr-defined]
    costs = panel_rows(case, "case_costs", CORE_ROWS["case_costs"](case))
    linked = panel_rows(
        case,
        "case_linked",
        _list_rows(case.linked_cases.all(), user=user, today=today).order_by("reference"),
    )
    timeline, more = _timeline(case)
    can_edit = can_edit_case(user, case)
    return CasePage(
        case=case,
        place=place_of(case),
        parties=[
            PartyRow(party=p, arrangements=arrangements_with_codes(p.person, p.person_flag_codes))
            for p in parties
        ],
        timeline=timeline,
        more_timeline=more,
        open_actions=[a for a in actions if a.done_at is None],
        done_actions=sum(1 for a in actions if a.done_at is not None),
        costs=costs,
        costs_total=sum((c.amount for c in costs), Decimal("0")),
        attachments=panel_rows(case, "case_attachments", CORE_ROWS["case_attachments"](case)),
        linked=rows_for(user=user, cases=linked, what="linked case"),
        panels=[
            PanelRender(panel=panel, context=panel.context(user=user, case=case))
            for panel in panels_for(case.case_type)
        ],
        warnings=[text for warning in warnings() for text in warning(user=user, case=case)],
        today=today,
        can_edit=can_edit,
        can_restrict=can_restrict(user, case),
        can_lift_restriction=can_lift_restriction(user, case),
        can_reopen=can_reopen(user, case),
        transitions=[
            (status, CaseStatus(status).label)
            for status in allowed_transitions(user=user, case=case)
        ],
    )
