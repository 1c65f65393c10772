"""manage.py backup / restore: back up, destroy, restore, and every table comes back the same."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from doorstep.cases.tests.factories import CaseFactory
from doorstep.core.backup import table_fingerprints
from doorstep.people.models import Person
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.models import Home
from doorstep.places.tests.factories import HomeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_destroy_restore_gives_back_every_row(tmp_path: Path) -> None:
    homes = HomeFactory.create_batch(3)
    # Non-ASCII names survive the round trip.
    PersonFactory.create_batch(4, first_name="Zoë", last_name="O\u2019Neill-Ünal")
    CaseFactory(home=homes[0])
    before = table_fingerprints()
    assert before["places_home"].rows >= 3

    out = StringIO()
    backup = tmp_path / "nightly.backup"
    call_command("backup", "--out", str(backup), stdout=out)
    assert backup.stat().st_size > 0
    assert str(backup) in out.getvalue()

    call_command("flush", "--noinput")  # the disaster
    assert Home.objects.count() == 0
    assert Person.objects.count() == 0
    assert table_fingerprints() != before

    call_command("restore", str(backup), "--noinput", stdout=StringIO())

    after = table_fingerprints()
    assert after.keys() == before.keys()
    changed = [table for table in before if before[table] != after[table]]
    assert changed == []
    assert Home.objects.count() == 3
    assert Person.objects.filter(last_name="O\u2019Neill-Ünal").count() == 4


def test_backup_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    existing = tmp_path / "taken.backup"
    existing.write_bytes(b"keep me")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", "--out", str(existing), stdout=StringIO())
    assert existing.read_bytes() == b"keep me"


def test_restore_of_a_missing_file_changes_nothing(tmp_path: Path) -> None:
    HomeFactory()
    before = table_fingerprints()
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "nope.backup"), "--noinput", stdout=StringIO())
    assert table_fingerprints() == before


def test_restore_of_a_file_that_is_not_a_backup_changes_nothing(tmp_path: Path) -> None:
    HomeFactory()
    before = table_fingerprints()
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"this is not a database backup" * 100)
    with pytest.raises(CommandError, match=r"backup|pg_restore"):
        call_command("restore", str(junk), "--noinput", stdout=StringIO())
    assert table_fingerprints() == before


def test_restore_asks_before_replacing_everything(tmp_path: Path, monkeypatch) -> None:
    backup = tmp_path / "b.backup"
    call_command("backup", "--out", str(backup), stdout=StringIO())
    HomeFactory()
    before = table_fingerprints()
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(backup), stdout=StringIO())
    assert table_fingerprints() == before
