from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from doorstep.accounts.models import User
from doorstep.core.audit import record_change
from doorstep.core.models import AuditAction


@transaction.atomic
def api_token_issue(*, actor: User) -> str:
    """Issue a new API token for `actor`, replacing any earlier one. Returns the key once."""
    Token.objects.filter(user=actor).delete()
    token = Token.objects.create(user=actor)
    record_change(actor=actor, action=AuditAction.TOKEN, instance=actor)
    return str(token.key)
