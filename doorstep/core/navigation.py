"""The main navigation: a short bar of an officer's everyday pages and "More", an index of
every other area under headings (DOMAIN.md roles decide who sees what).

Apps add an area to AREAS below: a label, its URL name, the heading it goes under on the
"All services" page, and who sees it. The bar holds the everyday areas (BAR) plus a few that
a role uses every day (ROLE_BAR); everything else a user may see is on the index, so the bar
stays short however many areas there are. `nav_items_for` is every area a user sees (with
the current one marked), `bar_items_for` the bar and `index_sections_for` the index.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from doorstep.accounts.roles import Role
from doorstep.core.permissions import can_take_calls, is_read_only

INDEX_URL_NAME = "core:all_services"
MORE_LABEL = "More"


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool
    # Read out after the label by screen readers only ("More" → "More services").
    hidden: str = ""


@dataclass(frozen=True)
class NavSection:
    heading: str
    items: list[NavItem]


# --- who sees an area ------------------------------------------------------------------------


def _everyone(user: Any) -> bool:
    return True


def _lead_or_manager(user: Any) -> bool:
    return bool(user.is_superuser or user.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER))


def _lead_manager_or(*roles: str) -> Callable[[Any], bool]:
    return lambda user: _lead_or_manager(user) or user.has_role(*roles)


def _superuser_or(*roles: str) -> Callable[[Any], bool]:
    return lambda user: bool(user.is_superuser or user.has_role(*roles))


@dataclass(frozen=True)
class Area:
    label: str
    url_name: str
    heading: str
    sees: Callable[[Any], bool] = _everyone


EVERYDAY = "Everyday"
CASES = "Cases and complaints"
ESTATES = "Estates"
SUPPORT = "Support"
ASB = "Anti-social behaviour"
SAFEGUARDING = "Safeguarding"
TEAM = "Team"
REPORTS = "Reports"
DATA = "Data protection"

# In the order an officer works; headings in the order the index shows them.
AREAS: tuple[Area, ...] = (
    Area("My day", "myday:my_day", EVERYDAY),
    Area("Duty desk", "contacts:duty_desk", EVERYDAY),
    Area("Call-backs", "contacts:callback_list", EVERYDAY),
    Area("Cases", "cases:case_list", EVERYDAY),
    Area("People", "people:person_list", EVERYDAY),
    Area("Homes", "places:home_list", EVERYDAY),
    Area("Complaints", "complaints:complaint_list", CASES),
    Area("Estates", "places:estate_list", ESTATES),
    Area(
        "Inspections",
        "inspections:schedule_list",
        ESTATES,
        _lead_manager_or(Role.ESTATES_OFFICER, Role.NEIGHBOURHOOD_OFFICER),
    ),
    Area("Repairs", "repairs:repair_list", ESTATES),
    Area(
        "Overdue repairs", "repairs:overdue_list", ESTATES, _lead_manager_or(Role.ESTATES_OFFICER)
    ),
    Area("Awaab's Law breaches", "hazards:breach_list", ESTATES, _lead_or_manager),
    Area("Letters", "letters:run_list", ESTATES, can_take_calls),
    Area(
        "Resident reports",
        "resident_reports:report_list",
        ESTATES,
        lambda user: can_take_calls(user) or is_read_only(user),
    ),
    Area("Support", "sustainment:referral_list", SUPPORT),
    Area("Welfare calls", "welfare:programme_list", SUPPORT),
    Area("TA reviews", "ta_reviews:placement_list", SUPPORT),
    Area("Meetings", "meetings:meeting_list", SUPPORT),
    Area("Agencies", "partners:agency_list", SUPPORT),
    Area("Community", "community:event_list", SUPPORT),
    Area(
        "ASB catch-up",
        "asb:catch_up",
        ASB,
        _lead_manager_or(Role.ASB_OFFICER, Role.NEIGHBOURHOOD_OFFICER),
    ),
    Area("ASB case reviews", "asb:community_triggers", ASB, _lead_manager_or(Role.ASB_OFFICER)),
    Area(
        "Safeguarding",
        "safeguarding:referral_list",
        SAFEGUARDING,
        _superuser_or(Role.SAFEGUARDING_LEAD, Role.HOUSING_SERVICES_MANAGER),
    ),
    Area("Team check-in", "teams:board", TEAM),
    Area("Team board", "contacts:team_board", TEAM, _lead_or_manager),
    Area("Caseload", "teams:caseload", TEAM, _lead_or_manager),
    Area("Move a colleague", "teams:move", TEAM, _lead_or_manager),
    Area(
        "Recruitment",
        "recruitment:vacancy_list",
        TEAM,
        _superuser_or(Role.HOUSING_SERVICES_MANAGER),
    ),
    Area("Reports", "reports:tsm_report", REPORTS, _lead_or_manager),
    Area("Dashboard", "reports:dashboard", REPORTS, _lead_or_manager),
    Area("Audit log", "core:audit_log", DATA, _superuser_or(Role.DATA_PROTECTION_OFFICER)),
    Area(
        "Subject access requests",
        "dataprotection:request_list",
        DATA,
        _superuser_or(Role.DATA_PROTECTION_OFFICER),
    ),
    Area("Possible duplicates", "duplicates:candidate_list", DATA, _lead_or_manager),
    Area("Imports", "imports:run_list", DATA, _superuser_or(Role.HOUSING_SERVICES_MANAGER)),
)

# The bar: everyone's everyday pages, then the one or two a role opens every day.
BAR: tuple[str, ...] = ("My day", "Duty desk", "Call-backs", "Cases", "People", "Homes")
ROLE_BAR: tuple[tuple[str, tuple[str, ...]], ...] = (
    (Role.ESTATES_OFFICER, ("Inspections", "Repairs")),
    (Role.ASB_OFFICER, ("ASB catch-up",)),
    (Role.TEAM_LEADER, ("Team board",)),
    (Role.HOUSING_SERVICES_MANAGER, ("Team board",)),
    (Role.SAFEGUARDING_LEAD, ("Safeguarding",)),
    (Role.DATA_PROTECTION_OFFICER, ("Audit log",)),
)


def _current_url(urls: list[str], path: str) -> str:
    """The one area the path is in: an exact match, else the longest area URL (of two
    levels or more) the path starts with, so /repairs/overdue/ is "Overdue repairs", not
    "Repairs"."""
    if path in urls:
        return path
    inside = [url for url in urls if url != "/" and url.count("/") > 1 and path.startswith(url)]
    return max(inside, key=len, default="")


def nav_items_for(*, user: Any, path: str) -> list[NavItem]:
    """Every area `user` may see, in working order, with the page `path` is in marked."""
    areas = [(area.label, reverse(area.url_name)) for area in AREAS if area.sees(user)]
    current = _current_url([url for _, url in areas], path)
    return [NavItem(label=label, url=url, current=url == current) for label, url in areas]


def _bar_labels(user: Any) -> set[str]:
    labels = set(BAR)
    for role, extra in ROLE_BAR:
        if user.has_role(role):
            labels.update(extra)
    return labels


def bar_items_for(*, user: Any, path: str) -> list[NavItem]:
    """The navigation bar: the user's everyday areas, then "More" (the index of every other
    area). "More" is marked current on the index and on any page of an area listed there."""
    items = nav_items_for(user=user, path=path)
    on_bar = _bar_labels(user)
    index_url = reverse(INDEX_URL_NAME)
    bar = [item for item in items if item.label in on_bar]
    in_index = any(item.current for item in items if item.label not in on_bar)
    more = NavItem(
        label=MORE_LABEL,
        url=index_url,
        current=in_index or path == index_url,
        hidden=" services",
    )
    return [*bar, more]


def index_sections_for(*, user: Any, path: str = "") -> list[NavSection]:
    """The "All services" page: every area the user may see that is not on their bar, under
    its heading, headings in the order of AREAS."""
    on_bar = _bar_labels(user)
    headings = {area.label: area.heading for area in AREAS}
    sections: dict[str, list[NavItem]] = {}
    for item in nav_items_for(user=user, path=path):
        if item.label not in on_bar:
            sections.setdefault(headings[item.label], []).append(item)
    return [NavSection(heading=heading, items=items) for heading, items in sections.items()]
