import pytest
from hypothesis import given
from hypothesis import strategies as st

from rialgender.params import clean_text, parse_choice, parse_int, parse_list, parse_page


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("care\x00work", "carework"),
        ("  many   spaces\t\nand lines ", "many spaces and lines"),
        ("\x01\x1b[31mred\x7f", "[31mred"),
        ("trabajo doméstico", "trabajo doméstico"),
        (None, ""),
        (["a list"], ""),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_cuts_to_the_length():
    assert clean_text("x" * 500, max_length=10) == "x" * 10


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("3", 3),
        (" 12 ", 12),
        ("²", None),
        ("٣", None),
        ("-1", None),
        ("+1", None),
        ("1e3", None),
        ("1_000", None),
        ("9" * 40, None),
        ("", None),
        (None, None),
    ],
)
def test_parse_int_takes_ascii_digits_only(raw, expected):
    assert parse_int(raw) == expected


def test_parse_int_bounds():
    assert parse_int("1899", None, min_value=1900, max_value=2100) is None
    assert parse_int("2100", None, min_value=1900, max_value=2100) == 2100
    assert parse_int("2101", 7, max_value=2100) == 7


@pytest.mark.parametrize("raw", ["0", "²", "99999999999999999999", "-3", "", None, "2\x00"])
def test_parse_page_falls_back_to_the_first(raw):
    assert parse_page(raw) == 1


def test_parse_page_keeps_a_real_page():
    assert parse_page("42") == 42


def test_parse_choice_and_list():
    assert parse_choice("newest", {"newest", "title"}) == "newest"
    assert parse_choice("newest\x00", {"newest"}, default="title") == "title"
    assert parse_list(["AR", "AR", "", "XX", "CL\x00"], choices={"AR", "CL"}) == ["AR", "CL"]
    assert parse_list(["a"] + [str(n) for n in range(50)], max_items=3) == ["a", "0", "1"]


@given(st.text())
def test_clean_text_never_returns_a_control_character(text):
    import unicodedata

    cleaned = clean_text(text, max_length=1000)
    assert "\x00" not in cleaned
    assert all(unicodedata.category(c) not in ("Cc", "Cs") for c in cleaned)
    cleaned.encode("utf-8")  # PostgreSQL and the templates can take it


@given(st.text())
def test_parse_int_never_raises(text):
    result = parse_int(text, -1, min_value=0, max_value=10**6)
    assert result == -1 or 0 <= result <= 10**6
