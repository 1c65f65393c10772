"""Who may change the agency directory. Everyone signed in reads it."""

from __future__ import annotations

from typing import Any

from doorstep.accounts.roles import Role


def can_manage_directory(user: Any) -> bool:
    """Team leaders, housing services managers and safeguarding leads keep the directory
    right; officers and the data protection officer read it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or user.has_role(
        Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER, Role.SAFEGUARDING_LEAD
    )
