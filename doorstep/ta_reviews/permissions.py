"""Who records TA reviews (DOMAIN.md §1): whoever may edit on the home's patch — its
neighbourhood officer, the team leader, managers of the office. The data protection officer
reads only. Details of a review (issues, advice, referrals) may be about health, so only
special-category readers see them, and each view is audited."""

from __future__ import annotations

from typing import Any

from doorstep.core.permissions import can_edit_home, can_read_special_category, is_read_only


def can_record_review(user: Any, tenancy: Any) -> bool:
    return not is_read_only(user) and can_edit_home(user, tenancy.home)


def can_read_review_details(user: Any) -> bool:
    return can_read_special_category(user)
