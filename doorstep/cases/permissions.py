"""Who may see, edit and restrict a case (DOMAIN.md §1, §6).

A case that is not restricted can be read by every signed-in member of staff. A restricted case
(safeguarding, domestic abuse, or marked restricted by a team leader) can be read only by its
case team — the lead officer, the owners of its actions and the case's team leader — and by
safeguarding leads and managers of the case's office. Everyone else sees that a restricted case
exists and whom to ask, nothing more.

Editing needs reading, and then one of: leading the case, owning one of its actions, leading
its team, managing its office, looking after its patch, being the safeguarding lead for a
restricted case, or (for ASB and neighbour disputes) being an ASB officer of its office, or (for
fly-tipping) an estates officer of its office. Data protection officers never edit.

`visible_case_q` is the same rule as a query filter, for lists, search and exports.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models import Case as Case_

from doorstep.accounts.roles import Role
from doorstep.cases.models import ALWAYS_RESTRICTED, Case, CaseAction, CaseStatus, CaseType
from doorstep.core.permissions import can_edit_patch, is_read_only

ASB_OFFICER_TYPES = frozenset({CaseType.ASB, CaseType.NEIGHBOUR_DISPUTE})
# Estates officers work fly-tipping cases across their office (DOMAIN.md §1).
ESTATES_OFFICER_TYPES = frozenset({CaseType.FLY_TIPPING})


def _is_super(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and bool(getattr(user, "is_active", True))


def managed_office_ids(user: Any) -> frozenset[int]:
    """Offices `user` manages as a housing services manager (one query, cached on the user)."""
    cached: frozenset[int] | None = getattr(user, "_managed_office_ids", None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    if _signed_in(user) and user.has_role(Role.HOUSING_SERVICES_MANAGER):
        ids = frozenset(user.managed_offices.values_list("id", flat=True))
    user._managed_office_ids = ids
    return ids


def case_office_id(case: Case) -> int | None:
    """The office a case belongs to: its team's, else its patch's team's."""
    if case.team_id is not None:
        return case.team.office_id  # type: ignore[union-attr]
    if case.patch_id is not None:
        return case.patch.team.office_id  # type: ignore[union-attr]
    return None


def action_owner_ids(case: Case) -> frozenset[int]:
    """Owners of the case's actions, done or not: they are on the case team (one query,
    cached on the case; selectors may set `_action_owner_ids` themselves)."""
    cached: frozenset[int] | None = getattr(case, "_action_owner_ids", None)
    if cached is None:
        cached = frozenset(
            CaseAction.objects.filter(case_id=case.pk).values_list("owner_id", flat=True)
        )
        case._action_owner_ids = cached  # type: ignore[attr-defined]
    return cached


def _leads_case_team(user: Any, case: Case) -> bool:
    if case.team_id is None:
        return False
    if case.team.leader_id == user.pk:  # type: ignore[union-attr]
        return True
    return user.has_role(Role.TEAM_LEADER) and user.team_id == case.team_id


def _manages_case_office(user: Any, case: Case) -> bool:
    if not user.has_role(Role.HOUSING_SERVICES_MANAGER):
        return False
    office_id = case_office_id(case)
    return office_id is not None and office_id in managed_office_ids(user)


def on_case_team(user: Any, case: Case) -> bool:
    """The lead officer, an action owner or the case's team leader."""
    return (
        case.lead_officer_id == user.pk
        or _leads_case_team(user, case)
        or user.pk in action_owner_ids(case)
    )


def sees_every_restricted_case(user: Any) -> bool:
    return _is_super(user) or (_signed_in(user) and user.has_role(Role.SAFEGUARDING_LEAD))


def can_see_case(user: Any, case: Case) -> bool:
    """May `user` read the case's details (summary, people, place, timeline)?

    Selectors that annotate `can_see` and `can_see_for` (the user's id; see
    `annotate_visibility`) save the per-case queries.
    """
    if not _signed_in(user):
        return False
    if getattr(case, "can_see_for", None) == user.pk:
        return bool(case.can_see)  # type: ignore[attr-defined]
    if not case.restricted or sees_every_restricted_case(user):
        return True
    return on_case_team(user, case) or _manages_case_office(user, case)


def visible_case_q(user: Any, prefix: str = "") -> Q:
    """`can_see_case` as a filter on Case (or, with `prefix` like "case__", on a relation).
    An empty Q means every case."""
    if sees_every_restricted_case(user):
        return Q()
    if not _signed_in(user):
        return Q(pk__in=[])
    owns_action = Exists(
        CaseAction.objects.filter(case_id=OuterRef(f"{prefix}pk"), owner_id=user.pk)
    )
    q = (
        Q(**{f"{prefix}restricted": False})
        | Q(**{f"{prefix}lead_officer_id": user.pk})
        | Q(**{f"{prefix}team__leader_id": user.pk})
        | Q(owns_action)
    )
    if user.has_role(Role.TEAM_LEADER) and user.team_id:
        q |= Q(**{f"{prefix}team_id": user.team_id})
    offices = managed_office_ids(user)
    if offices:
        q |= Q(**{f"{prefix}team__office_id__in": offices}) | Q(
            **{f"{prefix}team__isnull": True, f"{prefix}patch__team__office_id__in": offices}
        )
    return q


def annotate_visibility(queryset: QuerySet[Case], user: Any) -> QuerySet[Case]:
    """Cases with `can_see` (may `user` read it?) worked out by the database."""
    q = visible_case_q(user)
    return queryset.annotate(
        can_see=Case_(When(q, then=Value(True)), default=Value(False), output_field=BooleanField())
        if q
        else Value(True, output_field=BooleanField()),
        can_see_for=Value(user.pk, output_field=IntegerField()),
    )


def can_edit_case(user: Any, case: Case) -> bool:
    """May `user` change the case: notes, people, actions, status, costs, photos?"""
    if not _signed_in(user) or is_read_only(user):
        return False
    if _is_super(user):
        return True
    if not can_see_case(user, case):
        return False
    if on_case_team(user, case) or _manages_case_office(user, case):
        return True
    if case.restricted and user.has_role(Role.SAFEGUARDING_LEAD):
        return True
    if case.patch_id is not None and can_edit_patch(user, case.patch_id):
        return True
    if (case.case_type in ASB_OFFICER_TYPES and user.has_role(Role.ASB_OFFICER)) or (
        case.case_type in ESTATES_OFFICER_TYPES and user.has_role(Role.ESTATES_OFFICER)
    ):
        office_id = case_office_id(case)
        user_office = user.team.office_id if user.team_id else None
        return office_id is not None and office_id == user_office
    return False


def is_team_leader_or_manager(user: Any) -> bool:
    return _is_super(user) or user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER)


def can_restrict(user: Any, case: Case) -> bool:
    """Marking a case restricted, or lifting it: a team leader or manager who may edit the
    case. Safeguarding and domestic-abuse cases are always restricted: never lifted."""
    return is_team_leader_or_manager(user) and can_edit_case(user, case)


def can_lift_restriction(user: Any, case: Case) -> bool:
    return case.case_type not in ALWAYS_RESTRICTED and can_restrict(user, case)


def can_reopen(user: Any, case: Case) -> bool:
    """Only a team leader or manager reopens a closed case."""
    return (
        case.status == CaseStatus.CLOSED
        and is_team_leader_or_manager(user)
        and can_edit_case(user, case)
    )


def restricted_label(case: Case) -> str:
    """What someone who may not see a restricted case is told: that it exists, whom to ask."""
    return f"Restricted case — ask {who_to_ask(case)}"


def who_to_ask(case: Case) -> str:
    if case.lead_officer_id is not None:
        return case.lead_officer.full_name  # type: ignore[union-attr]
    if case.team_id is not None and case.team.leader_id is not None:  # type: ignore[union-attr]
        return case.team.leader.full_name  # type: ignore[union-attr]
    return "a safeguarding lead"
