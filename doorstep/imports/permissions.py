"""Who may use the Imports page: housing services managers (and superusers). Importing writes
across every office, so it is not for officers, team leaders or the data protection officer."""

from __future__ import annotations

from typing import Any

from doorstep.accounts.roles import Role


def can_import(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.has_role(Role.HOUSING_SERVICES_MANAGER))
