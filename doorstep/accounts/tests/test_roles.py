import pytest
from django.contrib.auth.models import Group

from doorstep.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_every_role_of_the_domain_is_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_has_role_reads_groups(officer, manager):
    assert officer.has_role(Role.NEIGHBOURHOOD_OFFICER)
    assert not officer.has_role(Role.HOUSING_SERVICES_MANAGER)
    assert manager.has_role(Role.TEAM_LEADER, Role.HOUSING_SERVICES_MANAGER)
    assert officer.role_labels == ["Neighbourhood officer"]
