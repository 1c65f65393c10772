"""The KINDs of `import_csv`, by name, in the order their files must be imported."""

from __future__ import annotations

from typing import Any

from doorstep.imports.kinds.base import ImportKind
from doorstep.imports.kinds.cases import CasesKind
from doorstep.imports.kinds.complaints import ComplaintsKind
from doorstep.imports.kinds.contacts import ContactsKind
from doorstep.imports.kinds.homes import HomesKind
from doorstep.imports.kinds.incidents import IncidentsKind
from doorstep.imports.kinds.people import PeopleKind
from doorstep.imports.kinds.repairs import RepairsKind
from doorstep.imports.kinds.tenancies import TenanciesKind

KINDS: dict[str, type[ImportKind[Any, Any]]] = {
    kind.name: kind
    for kind in (
        HomesKind,
        PeopleKind,
        TenanciesKind,
        CasesKind,
        IncidentsKind,
        RepairsKind,
        ComplaintsKind,
        ContactsKind,
    )
}
