from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from doorstep.accounts.roles import Role
from doorstep.dataprotection.models import RequestStatus, SubjectAccessRequest

OPEN = (RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS)


def can_manage_sar(user: Any) -> bool:
    """The register and exports are the data protection officer's."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or user.has_role(Role.DATA_PROTECTION_OFFICER))
    )


def requests_for(*, user: Any, filters: dict[str, Any]) -> QuerySet[SubjectAccessRequest]:
    if not can_manage_sar(user):
        return SubjectAccessRequest.objects.none()
    requests = SubjectAccessRequest.objects.select_related("person")
    status = filters.get("status")
    if status == "open":
        requests = requests.filter(status__in=OPEN)
    elif status:
        requests = requests.filter(status=status)
    return requests.order_by("due_on", "pk")


def requests_overdue(*, today: dt.date) -> QuerySet[SubjectAccessRequest]:
    return SubjectAccessRequest.objects.filter(status__in=OPEN, due_on__lt=today).order_by(
        "due_on", "pk"
    )
