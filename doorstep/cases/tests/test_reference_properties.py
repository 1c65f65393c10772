"""Property-based test (hypothesis) of case references TYPE-YYYY-NNNNNN (DOMAIN.md §6).

Whatever mix of case types is opened, in whatever order, and however many openings fail
validation in between, each type's references for the year run 000001, 000002, … with no gap
and no repeat, and every reference reads back as its type, year and number.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorstep.cases.models import REFERENCE_PREFIX, Case, CaseType
from doorstep.cases.services import case_open
from doorstep.imports.kinds.cases import parse_case_reference

# A step is a case type to open, or the same type with a blank summary (a failed opening).
steps = st.lists(
    st.tuples(st.sampled_from(CaseType.values), st.booleans()), min_size=1, max_size=12
)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=steps)
def test_references_run_without_gaps_or_repeats_per_type(steps, officer, home):
    with transaction.atomic():
        year = timezone.localdate().year
        opened: dict[str, list[str]] = {}
        for case_type, fails in steps:
            if fails:
                with pytest.raises(ValidationError):
                    case_open(actor=officer, case_type=case_type, summary="", home=home)
                continue
            case = case_open(actor=officer, case_type=case_type, summary="Reported", home=home)
            opened.setdefault(case_type, []).append(case.reference)

        for case_type, references in opened.items():
            prefix = REFERENCE_PREFIX[case_type]
            assert references == [f"{prefix}-{year}-{n:06d}" for n in range(1, len(references) + 1)]
            for number, reference in enumerate(references, start=1):
                assert parse_case_reference(reference) == (prefix, year, number)
        all_references = [ref for refs in opened.values() for ref in refs]
        assert len(set(all_references)) == len(all_references)
        assert Case.objects.count() == len(all_references)
        transaction.set_rollback(True)  # each example starts from an empty database
