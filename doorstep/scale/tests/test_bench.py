"""bench/run.py on a tiny generated landlord: every page measured, with its floor."""

from __future__ import annotations

import datetime as dt

import pytest

from bench import run as bench
from doorstep.scale.run import generate

pytestmark = pytest.mark.django_db


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert bench.percentile(values, 0.5) == 50
    assert bench.percentile(values, 0.95) == 95
    assert bench.percentile([7.0], 0.95) == 7
    assert bench.percentile([], 0.5) == 0


def test_only_reads_are_replayed_for_the_floor() -> None:
    assert bench._is_read("SELECT 1")
    assert bench._is_read("  WITH x AS (SELECT 1) SELECT * FROM x")
    assert not bench._is_read('UPDATE "django_session" SET x = 1')
    assert not bench._is_read('INSERT INTO "core_auditevent" VALUES (1)')
    assert not bench._is_read("SAVEPOINT s1")


def test_every_page_is_measured_on_a_generated_landlord() -> None:
    generate(seed=2, homes=20, today=dt.date.today())
    pages = bench.pages()
    names = [page.name for page in pages]
    assert "My day (busiest officer)" in names
    assert any(name.startswith("Search: misspelt") for name in names)
    results = [bench.measure(page, requests=2, warm_up=1) for page in pages]
    for result in results:
        if not result.available:
            assert result.note.startswith("not available")
            continue
        assert result.status == 200, result.name
        assert result.queries > 0
        assert result.floor_ms > 0
        assert result.p95_ms >= result.p50_ms > 0
    table = bench.markdown(bench.environment(), results)
    assert "| page | p50 ms | p95 ms |" in table
    assert "My day (busiest officer)" in table
