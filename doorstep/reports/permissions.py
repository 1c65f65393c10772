"""Who may read reports and dashboards (DOMAIN.md §1: managers run reports; team leaders run
their teams).

- The Tenant Satisfaction Measures are landlord-wide figures for the regulator: housing
  services managers and team leaders read them and drill into the records counted (restricted
  cases appear as stubs to anyone who may not see them).
- Dashboards: a team leader sees their teams (the teams they lead, and their own team), a
  manager the teams of the offices they manage.
- Everyone else gets 403, the data protection officer included: they audit and answer subject
  access requests and need neither management figures nor lists of cases (least privilege).
"""

from __future__ import annotations

from typing import Any

from doorstep.accounts.roles import Role

READERS = (Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER)


def can_read_reports(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or user.has_role(*READERS)


def can_see_dashboard(user: Any) -> bool:
    return can_read_reports(user)
