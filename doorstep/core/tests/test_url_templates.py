from __future__ import annotations

import pytest
from django.urls import reverse

from doorstep.core.url_templates import UrlTemplate


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("cases:case_detail", ["ASB-2026-000123"]),
        ("cases:action_done", ["ND-2025-004512", 98765]),
        ("people:person_detail", ["P000042"]),
        ("people:flag_reviewed", ["P123456", 7]),
        ("myday:my_day", []),
    ],
)
def test_gives_what_reverse_gives(name: str, args: list[object]) -> None:
    assert UrlTemplate(name, len(args))(*args) == reverse(name, args=args)


def test_refuses_the_wrong_number_of_arguments() -> None:
    with pytest.raises(TypeError, match="takes 1 arguments, not 2"):
        UrlTemplate("cases:case_detail")("A", "B")
    with pytest.raises(ValueError, match="0 to 3"):
        UrlTemplate("cases:case_detail", 4)
