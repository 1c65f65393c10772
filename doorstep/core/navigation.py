"""The main navigation. Apps add their entries here, in the order an officer works."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from doorstep.accounts.roles import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


def nav_items_for(*, user: Any, path: str) -> list[NavItem]:
    entries: list[tuple[str, str]] = [
        ("My day", reverse("myday:my_day")),
        ("Duty desk", reverse("contacts:duty_desk")),
        ("Call-backs", reverse("contacts:callback_list")),
        ("Cases", reverse("cases:case_list")),
        ("Complaints", reverse("complaints:complaint_list")),
        ("People", reverse("people:person_list")),
        ("Homes", reverse("places:home_list")),
        ("Estates", reverse("places:estate_list")),
        ("Repairs", reverse("repairs:repair_list")),
        ("Agencies", reverse("partners:agency_list")),
        ("Support", reverse("sustainment:referral_list")),
        ("Meetings", reverse("meetings:meeting_list")),
        ("Welfare calls", reverse("welfare:programme_list")),
        ("TA reviews", reverse("ta_reviews:placement_list")),
        ("Team check-in", reverse("teams:board")),
        ("Community", reverse("community:event_list")),
    ]
    lead_or_manager = user.is_superuser or user.has_role(
        Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER
    )
    if lead_or_manager or user.has_role(Role.ASB_OFFICER, Role.NEIGHBOURHOOD_OFFICER):
        entries.append(("ASB catch-up", reverse("asb:catch_up")))
    if lead_or_manager or user.has_role(Role.ASB_OFFICER):
        entries.append(("ASB case reviews", reverse("asb:community_triggers")))
    if lead_or_manager or user.has_role(Role.ESTATES_OFFICER, Role.NEIGHBOURHOOD_OFFICER):
        entries.append(("Inspections", reverse("inspections:schedule_list")))
    if lead_or_manager or user.has_role(Role.ESTATES_OFFICER):
        entries.append(("Overdue repairs", reverse("repairs:overdue_list")))
    if user.is_superuser or user.has_role(Role.SAFEGUARDING_LEAD, Role.HOUSING_SERVICES_MANAGER):
        entries.append(("Safeguarding", reverse("safeguarding:referral_list")))
    if lead_or_manager:
        entries.append(("Team board", reverse("contacts:team_board")))
        entries.append(("Awaab's Law breaches", reverse("hazards:breach_list")))
    if user.is_superuser or user.has_role(Role.HOUSING_SERVICES_MANAGER):
        entries.append(("Recruitment", reverse("recruitment:vacancy_list")))
        entries.append(("Imports", reverse("imports:run_list")))
    if user.is_superuser or user.has_role(Role.DATA_PROTECTION_OFFICER):
        entries.append(("Audit log", reverse("core:audit_log")))
    items = []
    for label, url in entries:
        current = path == url or (url != "/" and path.startswith(url) and url.count("/") > 1)
        items.append(NavItem(label=label, url=url, current=current))
    return items
