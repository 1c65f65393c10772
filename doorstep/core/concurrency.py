"""Optimistic concurrency: two officers editing one record never overwrite each other.

An edit form carries the version of the record it was opened on (its `updated_at`, to the
microsecond) in a hidden field. The service, inside its transaction, locks the row and
compares: if someone saved in between, it raises `EditConflict` and writes nothing. The page
then shows both versions side by side, keeps what the officer typed, and takes the new version,
so saving again is a deliberate choice made with the other change in view.

    form = PersonForm(request.POST or None, initial={**fields, **version_initial(person)})
    ...
    services.person_update(actor=…, person=person, expected_version=form.expected_version, …)

The API uses the same versions as ETags: a GET returns `ETag`, an update with `If-Match`
that no longer matches gets 412 Precondition Failed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone

CONFLICT_MESSAGE = (
    "Someone else saved a change to this record while you were editing it. Nothing you typed "
    "has been saved yet. Check their version below, change yours if you need to, then save again."
)


class EditConflict(Exception):
    """The record changed since the form was opened; `current` is the saved version now."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(CONFLICT_MESSAGE)
        self.current = current


def version_of(instance: models.Model) -> str:
    updated_at = getattr(instance, "updated_at", None)
    if updated_at is None:
        raise TypeError(f"{type(instance).__name__} has no updated_at to version it by")
    return updated_at.isoformat()


def version_initial(instance: models.Model) -> dict[str, str]:
    return {"version": version_of(instance)}


def opened_before_a_change(data: Mapping[str, Any] | None, instance: models.Model) -> bool:
    """Whether a posted form (`data`) was opened on an older version of `instance`: a view
    that refuses a record no longer editable (a milestone recorded, a repair closed) lets
    such a post through, so the service answers it with the conflict, not a dead end."""
    sent = (data or {}).get("version")
    return bool(sent) and sent != version_of(instance)


def lock_unchanged[M: models.Model](instance: M, expected_version: str | None) -> M:
    """Inside a transaction: lock the row and return it, or raise EditConflict if it changed
    since `expected_version`. With no expected version (imports, internal calls) just lock."""
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and version_of(current) != expected_version:
        raise EditConflict(current)
    return current


class VersionedFormMixin(forms.Form):
    """Adds the hidden `version` field; `expected_version` is what the form was opened on.
    The field is taken out of `cleaned_data`, so `**form.cleaned_data` still fits a service."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    expected_version: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Forms that edit an `instance` carry its version without the view having to.
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None and "version" not in self.initial:
            self.initial["version"] = version_of(instance)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.expected_version = cleaned.pop("version", None) or None
        return cleaned


@dataclass(frozen=True)
class ConflictRow:
    label: str
    theirs: str
    yours: str


def _shown(form: forms.BaseForm, name: str, value: Any) -> str:
    field = form.fields[name]
    if isinstance(value, list | tuple):  # a multiple choice, or a many-to-many
        return ", ".join(_shown(form, name, item) for item in value) or "(blank)"
    if value in (None, ""):
        return "(blank)"
    choices = dict(getattr(field, "choices", []) or [])
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%-d %b %Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%-d %b %Y}"
    if choices:
        key = value.pk if isinstance(value, models.Model) else value
        return str(choices.get(key, choices.get(str(key), value)))
    return str(value)


def _comparable(value: Any) -> Any:
    """A record as its pk; a many-to-many or multiple choice as its sorted pks or values."""
    if isinstance(value, models.Manager):
        value = list(value.all())
    if isinstance(value, list | tuple | models.QuerySet):
        return sorted(_comparable(item) for item in value)
    return value.pk if isinstance(value, models.Model) else value


#: For a form field named unlike the record's attribute: the attribute's name, or a function
#: giving the saved value from the record (for example a person's reference).
SavedAs = Mapping[str, str | Callable[[Any], Any]]


def _saved(current: models.Model, name: str, saved_as: SavedAs) -> tuple[bool, Any]:
    source = saved_as.get(name, name)
    if callable(source):
        return True, source(current)
    if not hasattr(current, source):
        return False, None
    return True, getattr(current, source)


def conflict_rows(
    form: forms.BaseForm, current: models.Model, *, saved_as: SavedAs | None = None
) -> list[ConflictRow]:
    """The fields where the saved record and the officer's input differ, both shown."""
    rows = []
    data = getattr(form, "cleaned_data", {}) or {}
    for name, field in form.fields.items():
        if name == "version" or name not in data:
            continue
        found, theirs = _saved(current, name, saved_as or {})
        if not found:
            continue
        theirs, yours = _comparable(theirs), _comparable(data[name])
        if theirs != yours:
            rows.append(
                ConflictRow(
                    label=str(field.label or name),
                    theirs=_shown(form, name, theirs),
                    yours=_shown(form, name, yours),
                )
            )
    return rows


def show_conflict(
    form: forms.Form, conflict: EditConflict, *, saved_as: SavedAs | None = None
) -> list[ConflictRow]:
    """Put the conflict on a bound form: an error for the summary, the new version in the
    hidden field (so the next save is against what is saved now), and the rows to show.
    `saved_as` names the record's attribute for a field named otherwise."""
    rows = conflict_rows(form, conflict.current, saved_as=saved_as)
    form.add_error(None, CONFLICT_MESSAGE)
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict (or dict) from the POST
    data["version"] = version_of(conflict.current)
    form.data = data
    return rows
