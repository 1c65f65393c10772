"""My day: one sorted list of everything due for an officer, overdue first.

Each app contributes items through a provider registered in its AppConfig.ready():

    from doorstep.myday.registry import register
    register("callbacks", callbacks_due)

A provider is `provider(*, user, today, now) -> Iterable[MyDayItem]`. It must use a fixed
number of queries whatever the number of rows (My day has a query-count test). My day itself
is never edited to add a kind of work.

A provider may also register `work(*, user, today, now) -> QuerySet | None`: the rows it turns
into items (the same queryset, so the two cannot disagree). My day asks every such queryset
whether it has any row in one query and runs only the providers that have work, so an
officer's page costs one query for the kinds of work they have none of, not one each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import QuerySet


@dataclass(frozen=True)
class MyDayItem:
    kind: str  # e.g. "callback", shown as a tag
    kind_label: str
    title: str
    due_at: dt.datetime
    url: str
    overdue: bool
    detail: str = ""
    # One click from done: a POST form (url and label) shown beside the item, if any.
    action_url: str = ""
    action_label: str = ""
    arrangements: list[Any] = field(default_factory=list)


class Provider(Protocol):
    def __call__(self, *, user: Any, today: dt.date, now: dt.datetime) -> Iterable[MyDayItem]: ...


class Work(Protocol):
    def __call__(self, *, user: Any, today: dt.date, now: dt.datetime) -> QuerySet[Any] | None: ...


_providers: dict[str, Provider] = {}
_work: dict[str, Work] = {}


def register(
    name: str,
    provider: Provider | Callable[..., Iterable[MyDayItem]],
    *,
    work: Work | Callable[..., QuerySet[Any] | None] | None = None,
) -> None:
    _providers[name] = provider
    if work is not None:
        _work[name] = work
    else:
        _work.pop(name, None)


def providers() -> dict[str, Provider]:
    return dict(_providers)


def work_checks() -> dict[str, Work]:
    """The providers' `work` querysets, by provider name (see the module docstring)."""
    return dict(_work)
