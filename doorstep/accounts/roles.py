"""The roles of DOMAIN.md §1. Each role is a Django group of the same name."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    NEIGHBOURHOOD_OFFICER = "neighbourhood_officer", "Neighbourhood officer"
    ASB_OFFICER = "asb_officer", "ASB officer"
    ESTATES_OFFICER = "estates_officer", "Estates officer"
    TENANCY_SUSTAINMENT_OFFICER = "tenancy_sustainment_officer", "Tenancy sustainment officer"
    TEAM_LEADER = "team_leader", "Team leader"
    HOUSING_SERVICES_MANAGER = "housing_services_manager", "Housing services manager"
    SAFEGUARDING_LEAD = "safeguarding_lead", "Safeguarding lead"
    DATA_PROTECTION_OFFICER = "data_protection_officer", "Data protection officer"


# Roles that may read special-category data (health flags, equality information).
SPECIAL_CATEGORY_READERS = frozenset(
    {
        Role.NEIGHBOURHOOD_OFFICER,
        Role.TENANCY_SUSTAINMENT_OFFICER,
        Role.TEAM_LEADER,
        Role.HOUSING_SERVICES_MANAGER,
        Role.SAFEGUARDING_LEAD,
    }
)
# Roles that only read and audit; they never edit case or person records.
READ_ONLY_ROLES = frozenset({Role.DATA_PROTECTION_OFFICER})
# Roles that must sign in with a second factor (an authenticator app): they see the most
# sensitive records or every record in their offices. Others may turn it on.
TWO_FACTOR_REQUIRED = frozenset(
    {Role.HOUSING_SERVICES_MANAGER, Role.SAFEGUARDING_LEAD, Role.DATA_PROTECTION_OFFICER}
)
