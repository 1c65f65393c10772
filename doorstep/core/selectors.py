from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from doorstep.accounts.roles import Role
from doorstep.core.models import AuditEvent


def can_search_audit(user: Any) -> bool:
    return bool(user.is_superuser or user.has_role(Role.DATA_PROTECTION_OFFICER))


def audit_events(*, filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("actor")
    if filters.get("actor"):
        events = events.filter(actor__email__icontains=filters["actor"])
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("object_type"):
        events = events.filter(object_type=filters["object_type"])
    if filters.get("reference"):
        events = events.filter(object_label=filters["reference"])
    if filters.get("person_id"):
        events = events.filter(person_id=filters["person_id"])
    if filters.get("date_from"):
        events = events.filter(at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        events = events.filter(at__date__lte=filters["date_to"])
    return events
