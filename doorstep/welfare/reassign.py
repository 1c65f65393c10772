"""What moves with a colleague ("Move a colleague", doorstep.teams.reassign): the active
welfare-call programmes they make the calls for."""

from __future__ import annotations

from django.db.models import Q

from doorstep.teams.reassign import ModelReassignable
from doorstep.welfare.models import WelfareProgramme

PROGRAMMES = ModelReassignable(
    kind="welfare_programmes",
    label="Welfare-call programmes they make the calls for",
    model=WelfareProgramme,
    owner_field="officer",
    open_q=Q(active=True),
    label_of=lambda programme: f"{programme.name}, every {programme.frequency_days} days",
    url_of=lambda programme: programme.get_absolute_url(),
)

KINDS = [PROGRAMMES]
