"""The KINDs of `import_csv`, by name, in the order their files must be imported."""

from __future__ import annotations

from typing import Any

from doorstep.imports.kinds.base import ImportKind
from doorstep.imports.kinds.homes import HomesKind
from doorstep.imports.kinds.people import PeopleKind
from doorstep.imports.kinds.tenancies import TenanciesKind

KINDS: dict[str, type[ImportKind[Any, Any]]] = {
    kind.name: kind for kind in (HomesKind, PeopleKind, TenanciesKind)
}
