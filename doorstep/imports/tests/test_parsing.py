"""The cell parsers: each accepts what CONTRACTS.md allows and names what is wrong."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from doorstep.imports.parsing import (
    Cells,
    Problem,
    RowError,
    code,
    code_list,
    count,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_email,
    parse_phone,
    parse_postcode,
    parse_uprn,
    reference,
    reference_list,
    split_list,
    text,
)
from doorstep.people.models import Vulnerability
from doorstep.places.models import Tenure


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("ng51ab", "NG5 1AB"),
        ("NG5 1AB", "NG5 1AB"),
        (" ws2  7ab ", "WS2 7AB"),
        ("sw1a1aa", "SW1A 1AA"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_postcodes_are_stored_normalised(raw, stored):
    assert parse_postcode(raw) == stored


@pytest.mark.parametrize("raw", ["ZZ1", "NG5", "12345", "NG5 1AB X", "QQ1 1AA"])
def test_a_postcode_that_is_not_a_uk_postcode_is_refused(raw):
    with pytest.raises(RowError, match="not a UK postcode"):
        parse_postcode(raw)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("0121 496 0000", "+441214960000"),
        ("01214960000", "+441214960000"),
        ("+44 121 496 0000", "+441214960000"),
        ("+48 601 234 567", "+48601234567"),
    ],
)
def test_phones_are_uk_unless_they_start_with_plus_and_stored_e164(raw, stored):
    assert parse_phone(raw) == stored


@pytest.mark.parametrize("raw", ["123", "0121 496 00", "phone me", "+1 555"])
def test_a_phone_that_is_not_real_is_refused(raw):
    with pytest.raises(RowError, match="not a real phone number"):
        parse_phone(raw)


def test_uprn_is_one_to_twelve_digits():
    assert parse_uprn("1") == "1"
    assert parse_uprn("100071234567") == "100071234567"
    for bad in ("1000712345678", "12x", "-1", "1.5"):
        with pytest.raises(RowError, match=r"not a UPRN \(1 to 12 digits\)"):
            parse_uprn(bad)


def test_email_is_checked_and_lower_cased():
    assert parse_email("Jan.Kennedy@Example.COM") == "jan.kennedy@example.com"
    for bad in ("jan", "jan@", "@example.com", "jan kennedy@example.com"):
        with pytest.raises(RowError, match="not an email address"):
            parse_email(bad)


def test_dates_are_yyyy_mm_dd_only():
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
    for bad in ("29/02/2024", "2024-2-29", "20240229", "2024-02-29T10:00"):
        with pytest.raises(RowError, match=r"not a date \(use YYYY-MM-DD"):
            parse_date(bad)
    with pytest.raises(RowError, match="not a real date"):
        parse_date("2023-02-29")


def test_date_times_without_an_offset_are_london_time():
    summer = parse_datetime("2024-07-01T09:30")
    assert summer == dt.datetime(2024, 7, 1, 8, 30, tzinfo=dt.UTC)
    winter = parse_datetime("2024-12-01T09:30:15")
    assert winter == dt.datetime(2024, 12, 1, 9, 30, 15, tzinfo=dt.UTC)
    assert summer.tzinfo == ZoneInfo("Europe/London")


def test_date_times_with_an_offset_keep_it():
    moment = parse_datetime("2024-07-01T09:30+02:00")
    assert moment == dt.datetime(2024, 7, 1, 7, 30, tzinfo=dt.UTC)
    assert parse_datetime("2024-07-01T09:30Z") == dt.datetime(2024, 7, 1, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "bad", ["2024-07-01", "2024-07-01 09:30", "01/07/2024 09:30", "2024-07-01T25:00"]
)
def test_a_date_time_in_another_format_is_refused(bad):
    with pytest.raises(RowError, match="date and time"):
        parse_datetime(bad)


def test_booleans_are_true_or_false():
    assert parse_bool("true") is True
    assert parse_bool("FALSE") is False
    for bad in ("yes", "1", "y"):
        with pytest.raises(RowError, match="not true or false"):
            parse_bool(bad)


def test_lists_are_separated_by_semicolons():
    assert split_list("a;b; c ;;") == ["a", "b", "c"]
    assert code_list(Vulnerability)("older_person; lives_alone") == ("older_person", "lives_alone")
    assert reference_list(20)("P1;P2") == ("P1", "P2")


def test_a_code_must_be_a_lower_case_word_of_the_domain():
    assert code(Tenure)("temporary") == "temporary"
    with pytest.raises(RowError, match="unknown tenure 'Temporary'"):
        code(Tenure)("Temporary")
    with pytest.raises(RowError, match="'older_person' is listed twice"):
        code_list(Vulnerability)("older_person;older_person")
    with pytest.raises(RowError, match="unknown vulnerability 'flying'"):
        code_list(Vulnerability)("older_person;flying")


def test_counts_text_and_references_have_limits():
    assert count(50)("0") == 0
    for bad in ("-1", "51", "2.5", "two", "٣"):
        with pytest.raises(RowError, match="not a whole number from 0 to 50"):
            count(50)(bad)
    with pytest.raises(RowError, match=r"too long \(4 characters; at most 3\)"):
        text(3)("abcd")
    with pytest.raises(RowError, match="cannot contain spaces"):
        reference(20)("P 1")
    with pytest.raises(RowError, match="P1 is listed twice"):
        reference_list(20)("P1;P1")


def test_cells_collect_every_problem_of_a_row_with_its_column():
    cells = Cells(7, {"uprn": "x", "town": " ", "postcode": "ng51ab"}, frozenset())
    assert cells.required("uprn", parse_uprn) is None
    assert cells.required("town", text(80)) is None
    assert cells.required("postcode", parse_postcode) == "NG5 1AB"
    assert cells.optional("bedrooms", count(50)) is None
    assert [str(problem) for problem in cells.problems] == [
        "row 7: uprn: not a UPRN (1 to 12 digits)",
        "row 7: town: a value is required",
    ]


def test_problems_print_as_row_column_message():
    assert str(Problem(3, "postcode", "bad")) == "row 3: postcode: bad"
    assert str(Problem(0, "estate", "required column is missing")) == (
        "header: estate: required column is missing"
    )
    assert str(Problem(None, "", "the file is empty")) == "file: the file is empty"
