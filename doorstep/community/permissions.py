"""Community pages: officers and managers plan events and add champions and sign-ups (any
member of staff who takes calls); the data protection officer reads only."""

from __future__ import annotations

from typing import Any

from doorstep.core.permissions import can_take_calls


def can_edit_community(user: Any) -> bool:
    return can_take_calls(user)
