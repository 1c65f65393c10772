"""Moving every record from one person to another, generically, and back again.

Every foreign key to Person is found from `Person._meta` (hidden relations included), so a
model added by a later app is moved without changing this module; a test fails if any model
with such a key is not handled.

A row that cannot move because the survivor already has the same (a second membership of the
same tenancy, the same role on the same case, a second open flag of the same kind, a second
set of equality answers) is **removed**, and all its values kept on the merge so undo puts it
back with the same id. A conflicting row that other rows depend on (a flag with reviews) is not
removed: the merge is refused with a message saying what to sort out first.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from doorstep.core.audit import _plain

# Derived rows: deleted for both people at a merge (the finder recomputes them).
DERIVED = frozenset({"duplicates.duplicatecandidate"})


def _person() -> type[models.Model]:
    from doorstep.people.models import Person

    return Person


def person_links() -> Iterator[tuple[type[models.Model], models.ForeignKey[Any, Any]]]:
    """(model, foreign key) for every foreign key or one-to-one field pointing at Person,
    including hidden ones (`related_name="+"`) and auto-created many-to-many tables."""
    for rel in _person()._meta.get_fields(include_hidden=True):
        if not isinstance(rel, models.ForeignObjectRel) or rel.many_to_many:
            continue
        field = rel.field
        if isinstance(field, models.ForeignKey):
            yield rel.related_model, field


def full_snapshot(instance: models.Model) -> dict[str, Any]:
    """Every concrete field (search keys included), JSON-ready, by attname."""
    return {f.attname: _plain(getattr(instance, f.attname)) for f in instance._meta.concrete_fields}


def restore(model: type[models.Model], values: dict[str, Any]) -> models.Model:
    """Insert a row again with the same id and values (timestamps included)."""
    typed = {}
    for f in model._meta.concrete_fields:
        if f.attname in values:
            raw = values[f.attname]
            typed[f.attname] = f.to_python(raw) if raw is not None and not f.is_relation else raw
    instance = model(**typed)
    instance.save(force_insert=True)
    stamps = {
        name: typed[name]
        for name in ("created_at", "updated_at")
        if name in typed and any(f.name == name for f in model._meta.concrete_fields)
    }
    if stamps:
        model._base_manager.filter(pk=instance.pk).update(**stamps)
    return instance


def _unique_sets(
    model: type[models.Model], field: models.Field[Any, Any]
) -> list[tuple[tuple[str, ...], models.Q | None]]:
    sets: list[tuple[tuple[str, ...], models.Q | None]] = []
    if field.unique:
        sets.append(((field.name,), None))
    for together in model._meta.unique_together:
        if field.name in together:
            sets.append((tuple(together), None))
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field.name in (
            constraint.fields or ()
        ):
            sets.append((tuple(constraint.fields), constraint.condition))
    return sets


def would_conflict(row: models.Model, field: models.ForeignKey[Any, Any], survivor_id: int) -> bool:
    """Would pointing `row.field` at the survivor break a unique rule, or make a row name the
    survivor twice (a pair of people that became one)?"""
    model = type(row)
    manager = model._base_manager
    for other in model._meta.concrete_fields:
        if (
            other is not field
            and isinstance(other, models.ForeignKey)
            and other.related_model is _person()
            and getattr(row, other.attname) == survivor_id
        ):
            return True
    for fields, condition in _unique_sets(model, field):
        if condition is not None and not manager.filter(condition, pk=row.pk).exists():
            continue
        lookup: dict[str, Any] = {}
        for name in fields:
            f = model._meta.get_field(name)
            lookup[f.attname] = survivor_id if name == field.name else getattr(row, f.attname)  # type: ignore[union-attr]
        clash = manager.filter(**lookup).exclude(pk=row.pk)
        if condition is not None:
            clash = clash.filter(condition)
        if clash.exists():
            return True
    return False


def has_dependents(row: models.Model) -> bool:
    for rel in row._meta.get_fields(include_hidden=True):
        if not isinstance(rel, models.ForeignObjectRel) or rel.many_to_many:
            continue
        if rel.related_model._base_manager.filter(**{rel.field.name: row.pk}).exists():
            return True
    return any(getattr(row, f.name).exists() for f in row._meta.many_to_many)


def conflict_refusal(row: models.Model) -> ValidationError:
    return ValidationError(
        f"Both people have a {row._meta.verbose_name} that cannot be combined automatically "
        f"(it has records of its own). Sort it out on the person's page, then merge."
    )
