"""HEAD is answered like GET (link checkers, uptime monitors and repositories checking a
harvested file's address send it): every page and file that answers GET answers HEAD."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portfolio.models import ProgramAttachment
from rialgender.workflow import State
from tests.portfolio.factories import ProgramFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/en/", "/es/", "/en/documents/", "/es/documentos/", "/en/portfolio/", "/es/portafolio/",
    "/en/dialogues/", "/en/cooperation/", "/en/newsletter/", "/en/countries/", "/en/about/",
    "/oai?verb=Identify", "/sitemap.xml", "/en/newsletter/subscribe/",
])  # fmt: skip
def test_head_is_answered_like_get(client, path):
    head, get = client.head(path), client.get(path)
    assert get.status_code == 200
    assert head.status_code == 200, head.status_code
    assert head["Content-Type"] == get["Content-Type"]


def test_a_file_answers_head_for_whom_may_see_it(client, ministry, member, other_member):
    program = ProgramFactory(ministry=ministry, state=State.DRAFT)
    attachment = ProgramAttachment.objects.create(
        program=program, file=SimpleUploadedFile("a.pdf", PDF), title="Report",
        content_type="application/pdf", size=len(PDF),
    )  # fmt: skip
    client.force_login(member.user)
    response = client.head(attachment.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(other_member.user)
    assert client.head(attachment.get_absolute_url()).status_code == 404
