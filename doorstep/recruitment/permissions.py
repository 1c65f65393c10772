"""Who may do what in recruitment (DOMAIN.md §1, §10).

Housing services managers run the vacancies of their offices. Panel members score the
candidates of the interview slots they sit on, and see only their own scores until they
submit; then they see the totals. The data protection officer reads, never writes.
"""

from __future__ import annotations

from typing import Any

from doorstep.accounts.roles import Role
from doorstep.cases.permissions import managed_office_ids
from doorstep.core.permissions import is_read_only


def can_create_vacancy(user: Any) -> bool:
    return bool(user.is_superuser or managed_office_ids(user))


def can_manage_vacancy(user: Any, vacancy: Any) -> bool:
    if is_read_only(user):
        return False
    return bool(user.is_superuser or vacancy.office_id in managed_office_ids(user))


def is_dpo(user: Any) -> bool:
    return user.has_role(Role.DATA_PROTECTION_OFFICER)


def on_panel(user: Any, vacancy: Any) -> bool:
    from doorstep.recruitment.models import InterviewSlot

    return InterviewSlot.objects.filter(vacancy=vacancy, panel=user).exists()


def can_view_vacancy(user: Any, vacancy: Any) -> bool:
    return bool(can_manage_vacancy(user, vacancy) or is_dpo(user) or on_panel(user, vacancy))
