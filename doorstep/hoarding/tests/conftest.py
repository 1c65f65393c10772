"""Hoarding fixtures on top of the standing cast: cases on `officer`'s patch that they lead."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.cases.models import CaseType
from doorstep.hoarding.tests.factories import HoardingCaseFactory
from doorstep.places.models import EstateKind
from doorstep.places.tests.factories import EstateFactory, HomeFactory

# Friday 18 December 2026: the next ten working days skip Christmas Day (Fri 25), the Boxing
# Day substitute (Mon 28) and New Year's Day (Fri 1 Jan 2027).
FRI_18_DEC_2026 = dt.date(2026, 12, 18)


@pytest.fixture
def hoarding_case(home, officer, team):
    return HoardingCaseFactory(home=home, lead_officer=officer, team=team)


@pytest.fixture
def self_neglect_case(home, officer, team):
    return HoardingCaseFactory(
        case_type=CaseType.SELF_NEGLECT,
        reference="SN-2026-900001",
        home=home,
        lead_officer=officer,
        team=team,
    )


@pytest.fixture
def scheme_home(patch, office):
    scheme = EstateFactory(
        name="Rowan Court", kind=EstateKind.SHELTERED, office=office, patch=patch
    )
    return HomeFactory(estate=scheme, patch=patch, address_line_1="Flat 4 Rowan Court")


@pytest.fixture
def scheme_case(scheme_home, officer, team):
    return HoardingCaseFactory(
        case_type=CaseType.SELF_NEGLECT,
        reference="SN-2026-900002",
        home=scheme_home,
        lead_officer=officer,
        team=team,
    )
