"""One way to show a date, a checkbox and the two languages, everywhere."""

import re
from pathlib import Path

from django import forms
from django.template.loader import render_to_string

from rialgender.apps_list import PORTAL_APPS

ROOT = Path(__file__).resolve().parents[2]
# Formats for people come from the language (Django's localization); the others are for
# machines (a <time datetime>, a comparison).
PEOPLE = {"DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT"}
MACHINES = {"c", "Y-m-d", "Ym", "Y"}
# Dates written for another program, not for people.
MACHINE_MODULES = {"docs_center/oai.py"}


def test_templates_show_dates_in_the_languages_formats():
    found = []
    for path in (ROOT / "templates").rglob("*.*"):
        for match in re.finditer(r"""\|date:(["'])(.*?)\1""", path.read_text()):
            if match.group(2) not in PEOPLE | MACHINES:
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert found == [], "use DATE_FORMAT, DATETIME_FORMAT or YEAR_MONTH_FORMAT"


def test_code_formats_dates_for_people_through_localization():
    found = []
    for app in ["rialgender", *PORTAL_APPS]:
        for path in (ROOT / app).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            if "/migrations/" in name or name in MACHINE_MODULES:
                continue
            if "strftime(" in path.read_text():
                found.append(name)
    assert found == [], "use django.utils.formats.date_format(value, 'DATE_FORMAT')"


def test_a_checkbox_sits_before_its_label():
    class Consent(forms.Form):
        email = forms.EmailField(label="E-mail")
        consent = forms.BooleanField(label="I agree.", help_text="You can leave.")

    html = render_to_string("newsletter/_signup.html", {"form": Consent()})
    box = html.index('type="checkbox"')
    assert html.index('<label for="id_email"') < html.index('id="id_email"')
    assert box < html.index('<label for="id_consent"') < html.index("You can leave.")
    assert '<div class="field-checkbox">' in html
