import datetime as dt

import pytest

from doorstep.search.query import MAX_LENGTH, NO_WORDS, TOO_LONG, TOO_SHORT, Shape, parse_query


@pytest.mark.parametrize(
    "typed", ["01922 123456", "01922123456", "+441922123456", "+44 1922 123456"]
)
def test_a_phone_number_in_any_format_is_looked_up_as_e164(typed):
    query = parse_query(typed).query
    assert query.shape == Shape.PHONE
    assert query.phone == "+441922123456"


@pytest.mark.parametrize("typed", ["17/05/1950", "1950-05-17", "17 May 1950", "17th May, 1950"])
def test_a_date_in_the_usual_formats_is_a_date_of_birth(typed):
    query = parse_query(typed).query
    assert query.shape == Shape.DATE
    assert query.date_of_birth == dt.date(1950, 5, 17)


@pytest.mark.parametrize("typed", ["ws27ab", "WS2 7AB", "ws2  7ab"])
def test_a_postcode_in_any_case_or_spacing_is_normalised(typed):
    query = parse_query(typed).query
    assert query.shape == Shape.POSTCODE
    assert query.postcode == "WS2 7AB"


def test_an_outward_code_looks_for_postcodes_starting_with_it():
    assert parse_query("ws2").query.postcode_prefixes == ("WS2 ",)
    assert parse_query("WS2 7").query.postcode_prefixes == ("WS2 7",)
    assert parse_query("ws27").query.postcode_prefixes == ("WS27 ", "WS2 7")


def test_digits_are_a_uprn_and_letters_then_digits_a_reference():
    assert parse_query("100071234567").query.shape == Shape.NUMBER
    reference = parse_query("p000001").query
    assert (reference.shape, reference.reference) == (Shape.REFERENCE, "P000001")


def test_words_are_a_name_or_an_address():
    query = parse_query("  Edna   O'Brien-Smith ").query
    assert query.shape == Shape.WORDS
    assert query.text == "Edna O'Brien-Smith"
    assert query.words == ("edna", "o", "brien", "smith")


@pytest.mark.parametrize("typed", ["", "   ", "a", None])
def test_nothing_or_one_character_asks_for_more(typed):
    parsed = parse_query(typed)
    assert parsed.query is None
    assert parsed.message == TOO_SHORT


def test_punctuation_only_asks_for_something_to_search_for():
    parsed = parse_query("!!!")
    assert parsed.query is None
    assert parsed.message == NO_WORDS


def test_an_over_long_query_is_cut_short_with_a_message():
    parsed = parse_query("thompson " * 30)
    assert parsed.message == TOO_LONG
    assert len(parsed.query.text) <= MAX_LENGTH
