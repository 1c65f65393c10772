"""How a case type plugs its own screens into the shared case page, without editing it.

A type app (asb, hoarding, complaints, safeguarding, …) registers in its AppConfig.ready():

    from doorstep.cases.registry import CasePanel, register_panel
    register_panel(CasePanel(case_types={"asb"}, template="asb/partials/case_panel.html",
                             context=asb_panel_context, order=10))

`context(*, user, case) -> dict` must use a fixed number of queries. The case page renders each
panel whose `case_types` include the case's type, in `order`, with that context.

So that the case page stays within a fixed budget of queries whatever its panels hold, a panel
declares what it reads (see `doorstep.cases.selectors.case_page_get`):

- `rows={"asb_incidents": incidents_query, ...}`: for each list it shows, a function
  `(case) -> QuerySet` (given a case, or `OuterRef("pk")` for the check). The case page asks
  the database, in the one query that loads the case, whether each has any row for a case of
  this type (`EXISTS`), and the panel reads the list with `panel_rows(case, name, query)`: no
  query at all when there is none. Outside the case page `panel_rows` simply runs the query.
- `details=("asb_details", ...)`: one-to-one records (and their `select_related` paths)
  loaded with the case itself; read them with `panel_detail(case, name, query)`.
- `facts=lambda: {"column": expression}`: further columns on the case's row (for example the
  Community Trigger counts of the case's place), computed in that same query.
 Warnings (for
example the Community Trigger) register the same way with `register_warning`: a function
`(*, user, case) -> list[str]` shown at the top of the case page. A type that must stop a
case closing (for example fly-tipping "resolved" while the estates inspection is still open)
registers a closure check with `register_closure_check`: a function
`(*, case, closure_reason) -> list[str]` of reasons it cannot close; `case_transition` refuses
the closure with those messages, so pages, the API and commands obey the same rule.
A kind of case action that is done by doing something elsewhere (a fly-tipping inspection
request is done by the estate inspection) registers an action start with
`register_action_start`: a function `(*, actions) -> {action_id: (label, url)}` (given the
actions with their cases loaded; at most one query, none when no action is of its kind)
whose POST button My day shows instead of "Mark as done".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

PanelContext = Callable[..., dict[str, Any]]
RowsQuery = Callable[[Any], Any]  # (case or OuterRef("pk")) -> QuerySet
Facts = Callable[[], dict[str, Any]]
Warning = Callable[..., list[str]]
ClosureCheck = Callable[..., list[str]]
ActionStart = Callable[..., dict[int, tuple[str, str]]]


@dataclass(frozen=True)
class CasePanel:
    case_types: frozenset[str]
    template: str
    context: PanelContext
    order: int = 50
    name: str = field(default="")
    rows: Mapping[str, RowsQuery] = field(default_factory=dict)
    details: tuple[str, ...] = ()
    facts: Facts | None = None


_panels: list[CasePanel] = []
_warnings: list[Warning] = []
_closure_checks: list[ClosureCheck] = []
_action_starts: list[ActionStart] = []


def register_panel(panel: CasePanel) -> None:
    _panels.append(panel)
    _panels.sort(key=lambda p: p.order)


def panels_for(case_type: str) -> list[CasePanel]:
    return [panel for panel in _panels if case_type in panel.case_types]


def has_rows_attr(name: str) -> str:
    """The case attribute saying whether rows `name` exist (set by the case page's loader)."""
    return f"has_{name}"


def panel_rows(case: Any, name: str, query: Any) -> list[Any]:
    """The rows of a panel's list `name`, read with `query`. When the case came from the case
    page's loader it knows whether there are any: none, no query. What was read is kept on the
    case, so a panel and a warning reading the same list cost one query."""
    known = getattr(case, has_rows_attr(name), None)
    if known is None:
        return list(query)
    cache: dict[str, list[Any]] = case.__dict__.setdefault("_panel_rows", {})
    if name not in cache:
        cache[name] = list(query) if known else []
    return cache[name]


def panel_detail(case: Any, name: str, query: Any) -> Any:
    """A one-to-one record of the case (`details` of a panel): the one loaded with the case
    when it was, else the first row of `query` (None when there is none)."""
    descriptor = getattr(type(case), name)
    if descriptor.is_cached(case):
        return getattr(case, name, None)  # a missing record was cached as "does not exist"
    return query.first()


def register_warning(warning: Warning) -> None:
    _warnings.append(warning)


def warnings() -> list[Warning]:
    return list(_warnings)


def register_closure_check(check: ClosureCheck) -> None:
    _closure_checks.append(check)


def closure_checks() -> list[ClosureCheck]:
    return list(_closure_checks)


def register_action_start(start: ActionStart) -> None:
    _action_starts.append(start)


def action_starts() -> list[ActionStart]:
    return list(_action_starts)
