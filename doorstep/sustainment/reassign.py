"""What moves with a colleague ("Move a colleague", doorstep.teams.reassign): the open support
referrals they look after. Partner jobs have no officer of their own: they follow their
referral (booked jobs and jobs to rebook then show on the new officer's My day). Labels carry
the reference and the kind of support, never the resident's name."""

from __future__ import annotations

from django.db.models import Q

from doorstep.sustainment.models import ReferralStatus, SupportReferral
from doorstep.teams.reassign import ModelReassignable

REFERRALS = ModelReassignable(
    kind="support_referrals",
    label="Open support referrals they look after (with their partner jobs)",
    model=SupportReferral,
    owner_field="officer",
    open_q=Q(status=ReferralStatus.OPEN),
    label_of=lambda referral: f"{referral.reference}: {referral.get_kind_display()}",
    url_of=lambda referral: referral.get_absolute_url(),
)

KINDS = [REFERRALS]
