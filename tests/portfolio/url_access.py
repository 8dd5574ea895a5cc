"""The portfolio's URLs in the URL x persona table (see tests/url_access.py)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from portfolio.models import Program, ProgramAttachment
from portfolio.services import confirmation_token
from tests.portfolio.factories import ProgramFactory, published
from tests.url_access import ALL_200, OWNERS, Row

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# The workspace is a ministry's: the Secretariat, with no ministry of its own, works in the
# admin.
HAS_MINISTRY = {"anonymous": 302, "own": 200, "other": 200, "committee": 200, "secretariat": 404}
# Saving or submitting a draft: its authors and the Secretariat (redirected on success).
OWNERS_POST = {"anonymous": 302, "own": 302, "other": 404, "committee": 404, "secretariat": 302}
DRAFT_ONLY = {"anonymous": 404, "own": 200, "other": 404, "committee": 404, "secretariat": 200}


def objects(world):
    draft = ProgramFactory(ministry=world.own_ministry, title_en="", summary_en="")
    attachment = ProgramAttachment.objects.create(
        program=draft, file=SimpleUploadedFile("a.pdf", PDF), title="Report",
        content_type="application/pdf", size=len(PDF),
    )  # fmt: skip
    return {
        "draft": draft,
        "attachment": attachment,
        "published": published(
            ministry=world.own_ministry,
            title_en="Program https://www.trabajo.gob.ar/igualdad/programa-de-formalizacion-2024",
        ),
    }


def _draft(o):
    return {"pk": o["draft"].pk}


def _file_address(attachment):
    return {
        "label": "portfolio.programattachment", "pk": attachment.pk, "field": "file",
        "name": attachment.filename,
    }  # fmt: skip


def _state_and_title(o):
    return Program.objects.values_list("state", "title_es").get(pk=o["draft"].pk)


def _form(o):
    return {
        "title_es": "Título cambiado", "summary_es": "Resumen.", "intervention_type": "program",
        "evaluation_type": "none", "start_year": "2021",
    }  # fmt: skip


def _attachments(o):
    return sorted(ProgramAttachment.objects.values_list("pk", flat=True))


ROWS = {
    "portfolio:program-list": Row(get=ALL_200),
    # The API shows published programs only, to everyone: a draft is not there even for its
    # authors (tests/portfolio/test_api.py).
    "api:program-list": Row(get=ALL_200),
    "api:program-detail": Row(get=ALL_200, kwargs=lambda o: {"pk": o["published"].pk}),
    "portfolio:glance": Row(get=ALL_200),
    "portfolio:feed-rss": Row(get=ALL_200),
    "portfolio:feed-atom": Row(get=ALL_200),
    "portfolio:export-csv": Row(get=ALL_200),
    "portfolio:export-xlsx": Row(get=ALL_200),
    # A draft's page and files exist for its authors and the Secretariat only.
    "portfolio:program-detail": Row(get=DRAFT_ONLY, kwargs=_draft),
    # (rialgender.files: every uploaded file is downloaded through this one address.)
    "protected-file": Row(get=DRAFT_ONLY, kwargs=lambda o: _file_address(o["attachment"])),
    "portfolio:program-confirm": Row(
        get=ALL_200, kwargs=lambda o: {"token": confirmation_token(o["published"])}
    ),
    "portfolio:workspace": Row(get=HAS_MINISTRY),
    "portfolio:program-create": Row(get=HAS_MINISTRY),
    "portfolio:program-edit": Row(
        get=OWNERS, post=OWNERS_POST, kwargs=_draft, data=_form, snapshot=_state_and_title
    ),
    "portfolio:program-submit": Row(
        post=OWNERS_POST, kwargs=_draft, data=lambda o: {}, snapshot=_state_and_title
    ),
    "portfolio:attachment-create": Row(
        post=OWNERS_POST,
        kwargs=_draft,
        snapshot=_attachments,
        data=lambda o: {
            "file": SimpleUploadedFile("b.pdf", PDF),
            "title": "Annex",
            "kind": "document",
            "language": "es",
        },
    ),  # fmt: skip
    "portfolio:attachment-remove": Row(
        post=OWNERS_POST,
        kwargs=lambda o: {"pk": o["attachment"].pk},
        data=lambda o: {},
        snapshot=_attachments,
    ),  # fmt: skip
}
