"""The progress line of `import_csv`: throttled, only on a terminal, `--no-progress`."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from doorstep.imports.progress import TerminalProgress, describe

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_line_shows_bytes_while_checking_and_rows_while_writing():
    assert describe("checking", 13_500_000, 27_000_000) == (
        "checking [############------------]  50% 13.5 MB of 27.0 MB"
    )
    assert describe("writing", 4_000, 10_000) == (
        "writing [##########--------------]  40% 4,000 of 10,000 rows"
    )


def test_redraws_are_throttled_to_a_few_a_second_but_ends_are_always_drawn():
    now = [0.0]
    stream = io.StringIO()
    progress = TerminalProgress(stream, clock=lambda: now[0], min_interval=0.25)

    for step in range(100):  # a hundred calls within 0.1 s
        now[0] = step / 1000
        progress("checking", step, 1000)
    assert stream.getvalue().count("\r") == 1
    now[0] = 0.3
    progress("checking", 500, 1000)
    progress("checking", 1000, 1000)  # the end of a phase
    progress("writing", 0, 10)  # a new phase
    assert stream.getvalue().count("\r") == 4


def test_clear_blanks_the_line_before_other_output():
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress("writing", 1, 2)

    progress.clear()

    assert stream.getvalue().endswith("\r" + " " * progress_width(stream) + "\r")


def progress_width(stream: io.StringIO) -> int:
    return len(stream.getvalue().split("\r")[1])


def write(tmp_path, text: str):
    path = tmp_path / "people.csv"
    path.write_text(text)
    return str(path)


def test_a_terminal_sees_the_progress_line_and_stdout_stays_clean(tmp_path):
    path = write(tmp_path, "person_ref,first_name,last_name\nP1,Edna,Thompson\n")
    out, err = io.StringIO(), Terminal()

    call_command("import_csv", "people", path, stdout=out, stderr=err)

    assert out.getvalue() == "imported 1 people\n"
    assert "checking [" in err.getvalue()
    assert "writing [" in err.getvalue()
    assert err.getvalue().endswith("\r")  # cleared at the end


def test_no_progress_turns_it_off_on_a_terminal(tmp_path):
    path = write(tmp_path, "person_ref,first_name,last_name\nP1,Edna,Thompson\n")
    err = Terminal()

    call_command("import_csv", "people", path, "--no-progress", stdout=io.StringIO(), stderr=err)

    assert err.getvalue() == ""


def test_problems_stay_one_per_line_when_stderr_is_not_a_terminal(tmp_path):
    path = write(tmp_path, "person_ref,first_name,last_name\nP1,,Thompson\nP2,Ray,\n")
    err = io.StringIO()

    with pytest.raises(SystemExit):
        call_command("import_csv", "people", path, stdout=io.StringIO(), stderr=err)

    assert err.getvalue() == (
        "row 1: first_name: a value is required\nrow 2: last_name: a value is required\n"
    )


def test_on_a_terminal_problems_are_printed_on_a_cleared_line(tmp_path):
    path = write(tmp_path, "person_ref,first_name,last_name\nP1,,Thompson\n")
    err = Terminal()

    with pytest.raises(SystemExit):
        call_command("import_csv", "people", path, stdout=io.StringIO(), stderr=err)

    lines = [line.strip() for line in err.getvalue().split("\r")]
    assert "row 1: first_name: a value is required" in lines
