"""My day: one sorted list of everything due for an officer, overdue first.

Each app contributes items through a provider registered in its AppConfig.ready():

    from doorstep.myday.registry import register
    register("callbacks", callbacks_due)

A provider is `provider(*, user, today, now) -> Iterable[MyDayItem]`. It must use a fixed
number of queries whatever the number of rows (My day has a query-count test). My day itself
is never edited to add a kind of work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol


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


_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider | Callable[..., Iterable[MyDayItem]]) -> None:
    _providers[name] = provider


def providers() -> dict[str, Provider]:
    return dict(_providers)
