import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rialgender.exports import (
    csv_response,
    feed_html,
    feed_text,
    fold_line,
    ics_text,
    safe_cell,
    vcard_text,
    xlsx_response,
)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_formula_leading_text_is_neutralised(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [12, -3, 4.5, None, "plain", "a=b", " =1", "'quoted"])
def test_other_values_are_unchanged(value):
    assert safe_cell(value) == value


def test_control_characters_an_xlsx_cannot_hold_are_dropped():
    assert safe_cell("bell\x07 and\x0b tab\tline\nend") == "bell and tab\tline\nend"


def test_csv_response_escapes_every_cell_and_reads_its_first_rows_at_once():
    consumed = []

    def rows():
        consumed.append("header")
        yield ["Title"]
        consumed.append("first")
        yield ["=cmd"]
        consumed.append("second")
        yield ["ok"]

    response = csv_response(rows(), filename="x.csv")
    assert consumed == ["header", "first"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(body))) == [["Title"], ["'=cmd"], ["ok"]]
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_csv_response_raises_before_the_response_when_the_rows_fail():
    def rows():
        yield ["Title"]
        raise RuntimeError("the query failed")

    with pytest.raises(RuntimeError):
        csv_response(rows(), filename="x.csv")


def test_xlsx_response_escapes_cells():
    from openpyxl import load_workbook

    response = xlsx_response([["Title"], ["@SUM(A1)"], ["x\x00y"]], filename="x.xlsx", sheet="S")
    values = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert values == [("Title",), ("'@SUM(A1)",), ("xy",)]


def test_feed_text_is_escaped_and_keeps_paragraphs():
    assert feed_text("<b>bold</b>\n\nnext") == "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n\n<p>next</p>"


def test_feed_html_keeps_formatting_and_drops_script():
    html = feed_html('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">l</a>')
    assert "script" not in html and "onclick" not in html and "javascript" not in html
    assert html.startswith("<p>Hi")


def test_vcard_and_ics_text():
    assert vcard_text("a,b;c\\d") == "a\\,b\\;c\\\\d"
    assert vcard_text("one\r\ntwo\rthree\nfour") == "one\\ntwo\\nthree\\nfour"
    assert ics_text("x\x00y\x1b") == "xy"


@given(st.text())
def test_vcard_text_never_breaks_a_line(text):
    escaped = vcard_text(text)
    assert "\r" not in escaped and "\n" not in escaped


def test_fold_line_never_splits_a_character():
    line = "NOTE:" + "ñ" * 60
    folded = fold_line(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
