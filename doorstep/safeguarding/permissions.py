"""Who may make, see and change safeguarding referrals, and who may see a person's
safeguarding flag (DOMAIN.md §1, §7).

Any officer who takes calls may MAKE a referral: anyone may raise a concern. Afterwards a
referral is seen only by the officer who made it, safeguarding leads (all referrals) and the
housing services managers of its office. The data protection officer never edits. The flag on a
person's page is shown to those people and to the neighbourhood officer of the person's patch,
who needs to know before visiting but reads the referral itself only through the lead.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from doorstep.accounts.roles import Role
from doorstep.core.permissions import can_take_calls, is_read_only


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_safeguarding_lead(user: Any) -> bool:
    return _signed_in(user) and (bool(user.is_superuser) or user.has_role(Role.SAFEGUARDING_LEAD))


def managed_office_ids(user: Any) -> frozenset[int]:
    """Offices `user` manages as a housing services manager (cached on the user)."""
    cached: frozenset[int] | None = getattr(user, "_managed_office_ids", None)
    if cached is not None:
        return cached
    ids: frozenset[int] = frozenset()
    if _signed_in(user) and user.has_role(Role.HOUSING_SERVICES_MANAGER):
        ids = frozenset(user.managed_offices.values_list("id", flat=True))
    user._managed_office_ids = ids
    return ids


def can_make_referral(user: Any) -> bool:
    return can_take_calls(user)


def can_list_referrals(user: Any) -> bool:
    """The referrals list is for safeguarding leads and managers."""
    return is_safeguarding_lead(user) or bool(managed_office_ids(user))


def can_see_referral(user: Any, referral: Any) -> bool:
    if not _signed_in(user):
        return False
    if is_safeguarding_lead(user) or referral.made_by_id == user.pk:
        return True
    return referral.office_id is not None and referral.office_id in managed_office_ids(user)


def can_edit_referral(user: Any, referral: Any) -> bool:
    """Mark as sent, record the agency's reference and outcome."""
    return can_see_referral(user, referral) and not is_read_only(user)


def visible_referrals_q(user: Any) -> Q:
    """The referrals `user` may see, as a filter."""
    if is_safeguarding_lead(user):
        return Q()
    condition = Q(made_by_id=user.pk)
    offices = managed_office_ids(user)
    if offices:
        condition |= Q(office_id__in=offices)
    return condition


def person_places(person: Any) -> list[tuple[int | None, int | None]]:
    """(patch officer id, office id) of the homes on the person's current tenancies."""
    from doorstep.tenancies.models import TenancyMember

    today = timezone.localdate()
    rows = (
        TenancyMember.objects.filter(person=person, tenancy__start_date__lte=today)
        .filter(Q(tenancy__end_date__isnull=True) | Q(tenancy__end_date__gte=today))
        .values_list("tenancy__home__patch__officer_id", "tenancy__home__estate__office_id")
        .order_by("-tenancy__start_date", "pk")
    )
    return list(rows)


def can_read_safeguarding(user: Any, person: Any) -> bool:
    """May `user` see that `person` has a safeguarding flag? Safeguarding leads; the maker of
    one of their referrals; managers of a referral's office or of the person's home's office;
    the neighbourhood officer of the person's patch."""
    if not _signed_in(user):
        return False
    if is_safeguarding_lead(user):
        return True
    from doorstep.safeguarding.models import SafeguardingReferral

    referrals = list(
        SafeguardingReferral.objects.filter(person=person).values_list("made_by_id", "office_id")
    )
    if any(made_by_id == user.pk for made_by_id, _ in referrals):
        return True
    places = person_places(person)
    offices = managed_office_ids(user)
    office_ids = {office for _, office in referrals if office} | {
        office for _, office in places if office
    }
    if offices & office_ids:
        return True
    return not is_read_only(user) and any(officer_id == user.pk for officer_id, _ in places)
