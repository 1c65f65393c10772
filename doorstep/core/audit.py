"""Recording changes and sensitive views in the audit log.

Services call these themselves, so pages, imports, commands and the API are audited alike.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from doorstep.core.models import AuditAction, AuditEvent

_SKIP_FIELDS = {"created_at", "updated_at", "search_text", "name_key", "password"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of a record, JSON-ready, for before/after comparison."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in _SKIP_FIELDS:
            continue
        values[field.attname] = _plain(getattr(instance, field.attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    keys = set(before) | set(after)
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


def _label(instance: models.Model) -> str:
    # A reference, never a name: the audit table is searched by the DPO but its rows are
    # also shown in lists, so keep labels to references and ids.
    for attr in ("reference", "uprn", "tenancy_ref"):
        value = getattr(instance, attr, None)
        if value:
            return str(value)
    return f"#{instance.pk}"


def _person_id(instance: models.Model, person_id: int | None) -> int | None:
    if person_id is not None:
        return person_id
    if instance._meta.label == "people.Person":
        return int(instance.pk)
    value = getattr(instance, "person_id", None)
    return int(value) if value else None


def record_change(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    before: dict[str, Any] | None = None,
    person_id: int | None = None,
    source: str = "web",
) -> AuditEvent:
    """Write one audit row for a create, update or delete of `instance`."""
    after = snapshot(instance) if action != AuditAction.DELETE else {}
    changes: dict[str, list[Any]] = diff(before or {}, after)
    if getattr(instance, "AUDIT_REDACT_VALUES", False):
        # Special-category answers: record which fields changed, not what they say.
        changes = {key: ["(withheld)", "(withheld)"] for key in changes}
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_label=_label(instance),
        changes=changes,
        person_id=_person_id(instance, person_id),
        source=source,
    )


def record_view(
    *,
    actor: Any,
    instance: models.Model,
    what: str,
    person_id: int | None = None,
    source: str = "web",
) -> AuditEvent:
    """Write one audit row saying `actor` saw sensitive data (`what`) on `instance`."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=AuditAction.VIEW,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_label=_label(instance),
        changes={"viewed": what},
        person_id=_person_id(instance, person_id),
        source=source,
    )
