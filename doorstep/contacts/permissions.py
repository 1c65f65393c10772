"""Who may work, reassign and close contacts and call-backs (DOMAIN.md §1, §5, §10).

Built on the shared rules in doorstep.core.permissions: any officer who takes calls may log a
contact or a call-back for anyone; the people a call-back is for (and their team leader and
managers) work it; team leaders and managers run the duty rota.
"""

from __future__ import annotations

from typing import Any

from doorstep.core.permissions import can_manage_team, can_take_calls


def callback_team(callback: Any) -> Any:
    """The team a call-back belongs to: the team it is for, else its officer's team."""
    if callback.for_team_id is not None:
        return callback.for_team
    officer = callback.for_officer
    return officer.team if officer is not None else None


def can_work_callback(user: Any, callback: Any) -> bool:
    """Ring back, record an attempt or mark done: the officer it is for, colleagues in the
    call-back's team (they cover each other's leave), and that team's leader and managers."""
    if not can_take_calls(user):
        return False
    if user.is_superuser or callback.for_officer_id == user.pk:
        return True
    team = callback_team(callback)
    if team is None:
        return False
    return bool(team.pk == user.team_id or can_manage_team(user, team))


def can_reassign_callback(user: Any, callback: Any) -> bool:
    """The current assignee (the officer it is for; for a team call-back, a member of that
    team), the leader of the call-back's team, or a manager of its office."""
    if not can_take_calls(user):
        return False
    if user.is_superuser:
        return True
    if callback.for_officer_id is not None:
        if callback.for_officer_id == user.pk:
            return True
    elif callback.for_team_id is not None and callback.for_team_id == user.team_id:
        return True
    team = callback_team(callback)
    return team is not None and can_manage_team(user, team)


def can_close_follow_up(user: Any, contact: Any) -> bool:
    """The officer who logged the contact, or their team leader or manager."""
    if not can_take_calls(user):
        return False
    if user.is_superuser or contact.logged_by_id == user.pk:
        return True
    team = contact.logged_by.team
    return team is not None and can_manage_team(user, team)


def can_link_contact(user: Any, contact: Any, case: Any) -> bool:
    """Put a logged contact on an existing case's timeline: someone who may change the contact
    (the officer who logged it, their team leader or manager) and may change the case (adding
    to a case's timeline is editing it). Opening a case from a contact is the duty-desk rule
    instead (`cases.services.case_open_from_contact`)."""
    from doorstep.cases.permissions import can_edit_case

    return can_close_follow_up(user, contact) and can_edit_case(user, case)
