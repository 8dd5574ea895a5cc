"""The admin shows a translated field's two languages on one row, without outside scripts."""

import re

import pytest

from rialgender.translation_admin import pair_languages
from tests.portfolio.factories import ProgramFactory

TRANSLATED = {
    "title_en": "title",
    "title_es": "title",
    "summary_en": "summary",
    "summary_es": "summary",
}


def test_each_fields_languages_share_a_line():
    fields = ["ministry", "title_en", "title_es", "summary_en", "summary_es", ("start", "end")]
    assert pair_languages(fields, TRANSLATED) == [
        "ministry",
        ("title_en", "title_es"),
        ("summary_en", "summary_es"),
        ("start", "end"),
    ]


def test_a_field_named_twice_is_shown_once():
    fields = ["title_en", "title_es", "title_en", "title_es", "ministry"]
    assert pair_languages(fields, TRANSLATED) == [("title_en", "title_es"), "ministry"]


def test_a_lone_language_stays_a_line_of_its_own():
    assert pair_languages(["title_es", "ministry", "summary_en"], TRANSLATED) == [
        "title_es",
        "ministry",
        "summary_en",
    ]


@pytest.mark.parametrize(
    ("lang", "english", "spanish"),
    [
        ("en", "Summary (English)", "Summary (Spanish)"),
        ("es", "Resumen (inglés)", "Resumen (español)"),
    ],
)
def test_the_program_form_pairs_languages(client, secretariat, lang, english, spanish):
    program = ProgramFactory(summary_en="Inspections.", summary_es="Inspecciones.")
    client.force_login(secretariat)
    html = client.get(f"/{lang}/admin/portfolio/program/{program.pk}/change/").content.decode()
    row = re.search(r'<div class="form-row field-summary_en field-summary_es">', html)
    assert row, "English and Spanish summaries are not on one row"
    labels = dict(re.findall(r'<label[^>]* for="id_(summary_e[ns])">([^<]*):</label>', html))
    assert labels == {"summary_en": english, "summary_es": spanish}
    assert "side_by_side.css" in html
    assert "googleapis" not in html and "jquery-ui" not in html
