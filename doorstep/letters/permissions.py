"""Who may do what with letters and signs (DOMAIN.md §1, §8).

Managers write the templates. Officers send to a person on their patch, or to every household
of a block or estate on their patch; team leaders and managers across the patches they look
after (the shared patch rules of doorstep.core.permissions). Signs hold no personal data: any
officer who takes calls may print one. The data protection officer has no part in letters.
"""

from __future__ import annotations

from typing import Any

from doorstep.accounts.roles import Role
from doorstep.core.permissions import can_edit_patch, can_edit_person, can_take_calls


def can_use_letters(user: Any) -> bool:
    return can_take_calls(user)


def can_manage_templates(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or user.has_role(Role.HOUSING_SERVICES_MANAGER))
    )


def can_send_to_person(user: Any, person: Any) -> bool:
    return can_use_letters(user) and can_edit_person(user, person)


def can_send_to_place(user: Any, estate: Any) -> bool:
    return can_use_letters(user) and can_edit_patch(user, estate.patch_id)


def can_see_run(user: Any, run: Any) -> bool:
    if not can_use_letters(user):
        return False
    return bool(
        user.is_superuser or run.created_by_id == user.pk or can_edit_patch(user, run.patch_id)
    )
