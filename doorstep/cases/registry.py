"""How a case type plugs its own screens into the shared case page, without editing it.

A type app (asb, hoarding, complaints, safeguarding, …) registers in its AppConfig.ready():

    from doorstep.cases.registry import CasePanel, register_panel
    register_panel(CasePanel(case_types={"asb"}, template="asb/partials/case_panel.html",
                             context=asb_panel_context, order=10))

`context(*, user, case) -> dict` must use a fixed number of queries. The case page renders each
panel whose `case_types` include the case's type, in `order`, with that context. Warnings (for
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

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PanelContext = Callable[..., dict[str, Any]]
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


_panels: list[CasePanel] = []
_warnings: list[Warning] = []
_closure_checks: list[ClosureCheck] = []
_action_starts: list[ActionStart] = []


def register_panel(panel: CasePanel) -> None:
    _panels.append(panel)
    _panels.sort(key=lambda p: p.order)


def panels_for(case_type: str) -> list[CasePanel]:
    return [panel for panel in _panels if case_type in panel.case_types]


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
