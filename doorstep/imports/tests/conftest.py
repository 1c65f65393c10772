"""Fixtures for import tests."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from doorstep.imports.tests.helpers import csv_text


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def write(
        rows: Sequence[Mapping[str, str]] | str,
        *,
        columns: Sequence[str] | None = None,
        bom: bool = False,
    ) -> Path:
        text = rows if isinstance(rows, str) else csv_text(rows, columns)
        path = tmp_path / f"import-{next(counter)}.csv"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        return path

    return write
