"""Output escaped for its reader: feed readers, spreadsheets and address books."""

import csv
import io

import pytest
from openpyxl import load_workbook

from members.vcard import member_vcard
from tests.factories import MemberFactory
from tests.portfolio.factories import published

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_feeds_carry_summaries_as_text_not_markup(client):
    published(title_en="Care", summary_en='<script>alert(1)</script><img src=x onerror="alert(2)">')
    for url in ("/en/portfolio/rss/", "/en/portfolio/atom/"):
        xml = client.get(url).content.decode()
        # Once the XML is read, the reader finds text, not a tag it would run.
        assert "&lt;script" not in xml.replace("&amp;lt;script", "")
        assert "&amp;lt;script&amp;gt;" in xml


def test_the_newsletter_feed_carries_text_not_markup(client):
    from django.utils import timezone

    from newsletter.models import Edition, EditionStatus

    now = timezone.now()
    Edition.objects.create(
        number=1, status=EditionStatus.SENT, sent_at=now, period_start=now, period_end=now,
        introduction_en="<iframe src=//evil.example></iframe>Hello",
        introduction_es="Hola",
    )  # fmt: skip
    xml = client.get("/en/newsletter/rss/").content.decode()
    assert "&lt;iframe" not in xml.replace("&amp;lt;iframe", "")


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize("formula", FORMULAS)
def test_public_exports_neutralise_formulas(client, formula):
    published(title_en=formula, summary_en=formula)
    rows = _csv_rows(client.get("/en/portfolio/export.csv"))
    assert rows[1][0] == "'" + formula
    sheet = load_workbook(io.BytesIO(client.get("/en/portfolio/export.xlsx").content)).active
    values = list(sheet.values)
    # openpyxl reads a CR back as LF with the standard library's XML parser, as CR with lxml
    # (installed for the OAI-PMH tests): either way the formula is neutralised.
    assert values[1][0] in ("'" + formula, "'" + formula.replace("\r", "\n"))


def test_a_control_character_in_a_summary_does_not_break_the_xlsx(client):
    published(title_en="Vertical\x0btab", summary_en="bell\x07")
    response = client.get("/en/portfolio/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "Vertical" in list(sheet.values)[1][0]


def test_the_admins_exports_neutralise_formulas(client, secretariat, ministry):
    MemberFactory(ministry=ministry, title="=cmd|' /C calc'!A0", user__first_name="+Ana")
    client.force_login(secretariat)
    fields = ["first_name", "title"]
    response = client.post(
        "/en/admin/members/member/export/",
        {"format": "0", "resource": "0", **{f"memberresource_{name}": "on" for name in fields}},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["'+Ana", "'=cmd|' /C calc'!A0"]


def test_the_admins_program_export_neutralises_formulas(client, secretariat, ministry):
    published(ministry=ministry, title_en="@SUM(1)")
    client.force_login(secretariat)
    response = client.post(
        "/en/admin/portfolio/program/export/",
        {"format": "0", "resource": "0", "programresource_title_en": "on"},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["'@SUM(1)"]


def test_a_carriage_return_does_not_inject_vcard_lines(ministry):
    member = MemberFactory(
        ministry=ministry, title="Head\rEMAIL:attacker@evil.example\r\nX-A:1\nTEL:1"
    )
    card = member_vcard(member)
    lines = card.split("\r\n")
    assert not any(line.startswith(("EMAIL:attacker", "X-A", "TEL:1")) for line in lines)
    assert "\r" not in card.replace("\r\n", "") and "\n" not in card.replace("\r\n", "")
    assert any(
        line.startswith("TITLE:Head\\nEMAIL:attacker@evil.example\\nX-A:1") for line in lines
    )


def test_every_admin_export_goes_through_safe_cell():
    from django.contrib import admin
    from import_export.mixins import BaseExportMixin

    from rialgender.exports import SafeExportMixin

    exporting = [a for a in admin.site._registry.values() if isinstance(a, BaseExportMixin)]
    assert exporting  # members and programs at least
    for model_admin in exporting:
        resources = model_admin.get_export_resource_classes(None)
        assert resources and all(issubclass(r, SafeExportMixin) for r in resources), model_admin
