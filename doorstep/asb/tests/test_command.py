"""`community_triggers --on YYYY-MM-DD [--format json]` exactly as CONTRACTS.md says."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from doorstep.asb.management.commands.community_triggers import Command
from doorstep.asb.tests.factories import AsbCaseFactory, report
from doorstep.people.tests.factories import PersonFactory
from doorstep.places.tests.factories import BlockFactory, EstateFactory, HomeFactory

D = dt.date
INSIDE = D(2026, 6, 1)


@pytest.fixture
def landlord(office):
    """Two people and two places meeting the threshold on 2026-09-15, and some who do not."""
    cedar = EstateFactory(name="Cedar Estate", office=office)
    alder = BlockFactory(name="Alder House", estate=cedar)
    in_block = HomeFactory(estate=cedar, block=alder)
    loose = HomeFactory(estate=cedar)
    for _ in range(5):
        report(case=AsbCaseFactory(home=in_block), reporter=PersonFactory(), on=INSIDE)
        report(case=AsbCaseFactory(home=loose), reporter=PersonFactory(), on=INSIDE)
    for _ in range(4):  # at the warning level only: not listed
        report(
            case=AsbCaseFactory(home=HomeFactory(block=BlockFactory(name="Birch Court"))),
            reporter=PersonFactory(),
            on=INSIDE,
        )
    for ref, cases in (("P500002", 3), ("P500001", 4), ("P500003", 2)):
        someone = PersonFactory(reference=ref)
        for _ in range(cases):
            report(case=AsbCaseFactory(), reporter=someone, on=INSIDE)
    one_case = AsbCaseFactory()
    someone = PersonFactory(reference="P500000")
    for day in (1, 2, 3):  # three reports on one case: counted once
        report(case=one_case, reporter=someone, on=D(2026, 6, day))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("community_triggers", *args, stdout=out)
    return out.getvalue()


def test_json_exactly(landlord):
    output = run("--on", "2026-09-15", "--format", "json")
    assert json.loads(output) == {
        "on": "2026-09-15",
        "people": [
            {"person_ref": "P500001", "reports": 4},
            {"person_ref": "P500002", "reports": 3},
        ],
        "places": [
            {"place": "Alder House", "reporters": 5},
            {"place": "Cedar Estate", "reporters": 5},
        ],
    }
    # Key order as written in the contract.
    assert output.strip().startswith('{"on": "2026-09-15", "people": [{"person_ref": "P500001"')
    assert list(json.loads(output)["places"][0]) == ["place", "reporters"]


def test_json_when_nothing_meets_the_threshold(db):
    assert json.loads(run("--on", "2026-09-15", "--format", "json")) == {
        "on": "2026-09-15",
        "people": [],
        "places": [],
    }


def test_the_window_moves_with_the_date(landlord):
    # The reports are dated 1 June. On 30 November they are in; on 1 December 1 June is
    # exactly six months back, so they have all dropped out.
    assert len(json.loads(run("--on", "2026-11-30", "--format", "json"))["people"]) == 2
    later = json.loads(run("--on", "2026-12-01", "--format", "json"))
    assert later == {"on": "2026-12-01", "people": [], "places": []}


def test_readable_table(landlord):
    output = run("--on", "2026-09-15")
    assert "ASB Case Review threshold on 2026-09-15" in output
    assert "after 2026-03-15 up to and including 2026-09-15" in output
    assert "P500001" in output and "P500002" in output
    assert "P500003" not in output and "P500000" not in output
    assert "Alder House (block, Cedar Estate)" in output
    assert "Cedar Estate (estate)" in output
    assert output.index("P500001") < output.index("P500002")


@pytest.mark.parametrize(
    "args",
    [
        ("--on", "2026-02-30"),
        ("--on", "15/09/2026"),
        ("--on", "2026-W38-2"),
        ("--on", "20260915"),
        (),
        ("--on", "2026-09-15", "--format", "xml"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_status_1(db, args, capsys):
    with pytest.raises(CommandError) as error:
        call_command("community_triggers", *args, stdout=io.StringIO())
    assert error.value.returncode == 1
    assert "--on" in str(error.value) or "--format" in str(error.value)
    # From the command line: the message on standard error and exit status 1.
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["manage.py", "community_triggers", *args])
    assert exit_.value.code == 1
    assert "CommandError" in capsys.readouterr().err


def test_exit_status_0_on_success(landlord):
    Command().run_from_argv(["manage.py", "community_triggers", "--on", "2026-09-15"])
