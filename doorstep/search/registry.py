"""Search: one box, results grouped by kind. Each kind is a searcher registered here.

An app adds a kind of result (cases, tenancies...) in its AppConfig.ready():

    from doorstep.search.registry import Searcher, register
    register(Searcher(kind="cases", label="Cases", template="cases/search_results.html",
                      order=30, find=find_cases, load=load_cases))

`find(*, user, query)` returns the ids of what `user` may see that match `query`, best match
first, at most `CANDIDATE_LIMIT` of them. `load(*, user, ids)` returns display rows for those
ids in the same order, in a fixed number of queries. The template is included once per kind
with `section` (a `SearchSection`) in its context. The search view is never edited to add a
kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from doorstep.search.query import SearchQuery

# How many ranked matches a searcher returns at most: enough to rank well and page through,
# few enough that ranking in Python stays fast on a landlord's whole stock.
CANDIDATE_LIMIT = 200


class Finder(Protocol):
    def __call__(self, *, user: Any, query: SearchQuery) -> list[int]: ...


class Loader(Protocol):
    def __call__(self, *, user: Any, ids: Sequence[int]) -> list[Any]: ...


@dataclass(frozen=True)
class Searcher:
    kind: str  # used in ?kind= to see every match of one kind
    label: str  # section heading, e.g. "People"
    template: str  # renders `section.results`
    find: Finder
    load: Loader
    order: int = 100  # sections are shown in this order


@dataclass
class SearchSection:
    kind: str
    label: str
    template: str
    results: list[Any]
    total: int  # matches found (at most CANDIDATE_LIMIT)
    capped: bool = False  # True when there may be more than `total`
    page_obj: Any = None  # a Page of ids when one kind is paged through

    @property
    def more(self) -> bool:
        """More matches than shown: the page offers 'see all' or asks to refine."""
        return self.total > len(self.results) or self.capped


_searchers: dict[str, Searcher] = {}


def register(searcher: Searcher) -> None:
    _searchers[searcher.kind] = searcher


def searchers() -> list[Searcher]:
    return sorted(_searchers.values(), key=lambda s: (s.order, s.kind))
