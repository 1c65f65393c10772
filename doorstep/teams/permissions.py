"""Who may do what on the team pages (DOMAIN.md §1, §10).

Staff set their own check-in; team leaders (and managers of the office) set anyone's in the
teams they run, set the day's priorities, see the caseload and move a colleague's work. The
data protection officer reads, never writes. An absence reason (a category such as "sick") is
shown only to the person, and to whoever runs their team.
"""

from __future__ import annotations

from typing import Any

from doorstep.core.permissions import is_read_only


def managed_team_ids(user: Any) -> frozenset[int]:
    """Ids of the teams `user` runs (one query, cached on the user)."""
    cached: frozenset[int] | None = getattr(user, "_managed_team_ids", None)
    if cached is None:
        from doorstep.contacts.selectors import manageable_teams

        cached = frozenset(manageable_teams(user=user).values_list("pk", flat=True))
        user._managed_team_ids = cached
    return cached


def runs_team_of(user: Any, member: Any) -> bool:
    return member.team_id is not None and member.team_id in managed_team_ids(user)


def can_set_check_in(user: Any, member: Any) -> bool:
    if is_read_only(user) or not member.is_active:
        return False
    return bool(user.pk == member.pk or user.is_superuser or runs_team_of(user, member))


def can_see_absence_reason(user: Any, member: Any) -> bool:
    return bool(user.pk == member.pk or user.is_superuser or runs_team_of(user, member))


def can_set_priorities(user: Any, team: Any) -> bool:
    return not is_read_only(user) and team.pk in managed_team_ids(user)


def can_move_work(user: Any, member: Any) -> bool:
    """Move a colleague's work: the leader of their team, or a manager of its office."""
    if is_read_only(user) or member.team_id is None:
        return False
    return runs_team_of(user, member)


def can_undo(user: Any, reassignment: Any) -> bool:
    """Undo a move: whoever made it, or whoever runs the team it was made in."""
    if is_read_only(user):
        return False
    return bool(
        user.is_superuser
        or reassignment.actor_id == user.pk
        or reassignment.team_before_id in managed_team_ids(user)
    )
