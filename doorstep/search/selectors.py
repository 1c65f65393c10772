"""The search behind the header's search box."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Paginator

from doorstep.search.query import MAX_LENGTH, parse_query
from doorstep.search.registry import CANDIDATE_LIMIT, SearchSection, searchers


@dataclass
class SearchResults:
    query: str  # what was searched for, to put back in the search box
    message: str = ""  # why nothing was searched, or how the query was changed
    sections: list[SearchSection] = field(default_factory=list)
    kind: str = ""  # set when paging through every match of one kind
    searched: bool = False

    @property
    def total(self) -> int:
        return sum(section.total for section in self.sections)


def search(
    *, user: Any, query: str, limit: int = 25, kind: str = "", page: Any = None
) -> SearchResults:
    """Find what `user` may see matching `query`: each registered kind, best match first.

    Shows the best `limit` of each kind; with `kind` set, only that kind, `limit` a page.
    A fixed number of queries per kind whatever the number of matches.
    """
    parsed = parse_query(query)
    if parsed.query is None:
        shown = " ".join((query or "").split())[:MAX_LENGTH]
        return SearchResults(query=shown, message=parsed.message)
    chosen = [searcher for searcher in searchers() if searcher.kind == kind]
    if not chosen:
        kind = ""
        chosen = searchers()
    sections = []
    for searcher in chosen:
        ids = searcher.find(user=user, query=parsed.query)[:CANDIDATE_LIMIT]
        page_obj = None
        if kind:
            page_obj = Paginator(ids, limit).get_page(page)
            shown_ids = list(page_obj.object_list)
        else:
            shown_ids = ids[:limit]
        sections.append(
            SearchSection(
                kind=searcher.kind,
                label=searcher.label,
                template=searcher.template,
                results=searcher.load(user=user, ids=shown_ids) if shown_ids else [],
                total=len(ids),
                capped=len(ids) >= CANDIDATE_LIMIT,
                page_obj=page_obj,
            )
        )
    return SearchResults(
        query=parsed.query.text,
        message=parsed.message,
        sections=sections,
        kind=kind,
        searched=True,
    )
