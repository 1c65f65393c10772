from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from doorstep.accounts.roles import Role
from doorstep.duplicates.models import DuplicateCandidate, MergeRecord


def can_review_duplicates(user: Any) -> bool:
    """Team leaders and managers review possible duplicates and merge people."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER))
    )


def candidates_for(*, user: Any) -> QuerySet[DuplicateCandidate]:
    if not can_review_duplicates(user):
        return DuplicateCandidate.objects.none()
    return DuplicateCandidate.objects.select_related("person_a", "person_b").order_by(
        "-score", "person_a_id", "person_b_id"
    )


def merges_for(*, user: Any) -> QuerySet[MergeRecord]:
    if not can_review_duplicates(user):
        return MergeRecord.objects.none()
    return MergeRecord.objects.select_related("merged_by", "undone_by").order_by(
        "-created_at", "-id"
    )


def linked_record_counts(*, person: Any) -> list[tuple[str, int]]:
    """How many records of each kind point at `person` (to help choose which record to keep).
    One count per kind of link, whatever the number of rows."""
    from doorstep.duplicates.merging import DERIVED, person_links

    counts: dict[str, int] = {}
    for model, field in person_links():
        if model._meta.label_lower in DERIVED:
            continue
        n = model._base_manager.filter(**{field.attname: person.pk}).count()
        if n:
            label = str(model._meta.verbose_name_plural)
            counts[label] = counts.get(label, 0) + n
    return sorted(counts.items())
