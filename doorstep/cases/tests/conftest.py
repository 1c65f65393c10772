"""Cases fixtures on top of the standing cast: an ASB case and a restricted safeguarding case
led by `officer` on `patch` (Walsall), and a case on Nottingham's patch."""

from __future__ import annotations

import io

import pytest

from doorstep.cases.models import CaseType
from doorstep.cases.tests.factories import CaseFactory

CAST = ["officer", "other_officer", "team_leader", "manager", "safeguarding_lead", "dpo"]
# Who may read a restricted case led by `officer` in `team` (Walsall).
SEES_RESTRICTED = {
    "officer": True,
    "other_officer": False,
    "team_leader": True,
    "manager": True,
    "safeguarding_lead": True,
    "dpo": False,
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cast(officer, other_officer, team_leader, manager, safeguarding_lead, dpo):
    return {
        "officer": officer,
        "other_officer": other_officer,
        "team_leader": team_leader,
        "manager": manager,
        "safeguarding_lead": safeguarding_lead,
        "dpo": dpo,
    }


@pytest.fixture
def case(home, officer, team):
    return CaseFactory(home=home, lead_officer=officer, team=team, summary="Loud music at 3am")


@pytest.fixture
def restricted_case(home, officer, team, cast):
    return CaseFactory(
        case_type=CaseType.SAFEGUARDING,
        home=home,
        lead_officer=officer,
        team=team,
        summary="Concern about an adult at risk",
    )


@pytest.fixture
def other_case(other_home, other_officer, other_team):
    return CaseFactory(home=other_home, lead_officer=other_officer, team=other_team)


def png_bytes(size: tuple[int, int] = (4, 4)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 10, 10)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 200, 10)).save(buffer, format="JPEG")
    return buffer.getvalue()


# The start of an iPhone photo: an ISO-BMFF 'ftyp' box with the 'heic' brand.
HEIC_HEAD = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
