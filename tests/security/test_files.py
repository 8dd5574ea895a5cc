"""Uploaded files are served only to whom may see their object, under paths nobody can guess,
with the type read from their content; every upload field refuses what is not what it says."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from newsletter.models import NewsItem
from portfolio.models import ProgramAttachment
from rialgender.workflow import State
from tests.factories import png_bytes
from tests.portfolio.factories import ProgramFactory, published

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = png_bytes()
HTML_IN_PNG = b"\x89PNG\r\n\x1a\n<html><body><script>alert(document.cookie)</script></body></html>"


def _attach(program, name="report.pdf", content=PDF):
    return ProgramAttachment.objects.create(
        program=program, file=SimpleUploadedFile(name, content), title="Report",
        content_type="application/pdf", size=len(content),
    )  # fmt: skip


def test_no_path_under_media_answers(client, ministry, settings):
    settings.DEBUG = True
    attachment = _attach(ProgramFactory(ministry=ministry, state=State.DRAFT))
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_a_draft_s_file_is_not_served_to_a_visitor_who_guesses_its_address(
    client, ministry, member, other_member
):
    attachment = _attach(ProgramFactory(ministry=ministry, state=State.DRAFT))
    # Not guessable: a random token, not the program's id, names the folder.
    assert re.fullmatch(
        r"portfolio/programattachment/[0-9a-f]{32}/report\.pdf", attachment.file.name
    )
    url = attachment.file.url
    assert not url.startswith("/media/")
    assert client.get(url).status_code == 404
    client.force_login(other_member.user)
    assert client.get(url).status_code == 404
    client.force_login(member.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


def test_a_published_program_s_file_is_served_to_anyone(client, ministry):
    attachment = _attach(published(ministry=ministry))
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_an_html_file_with_png_bytes_is_refused_as_a_news_image(client, member):
    client.force_login(member.user)
    response = client.post(
        "/en/newsletter/my-ministry-news/new/",
        {"title_en": "Care week", "body_en": "Text that stays",
         "image": SimpleUploadedFile("picture.html", HTML_IN_PNG, "image/png")},
    )  # fmt: skip
    assert response.status_code == 200
    assert not NewsItem.objects.exists()
    assert "Text that stays" in response.content.decode()


def test_a_news_image_is_stored_under_its_detected_type(client, member):
    client.force_login(member.user)
    client.post(
        "/en/newsletter/my-ministry-news/new/",
        {"title_en": "Care week", "body_en": "Text",
         "image": SimpleUploadedFile("picture.html", PNG, "text/html")},
    )  # fmt: skip
    item = NewsItem.objects.get()
    assert item.image.name.endswith("/picture.png")
    response = client.get(item.image.url)
    assert response.status_code == 200  # the authors see their draft's image
    assert response["Content-Type"] == "image/png"


def test_a_legacy_file_with_an_html_name_is_never_served_as_html(client, member):
    item = NewsItem.objects.create(
        ministry=member.ministry, title_en="Old", body_en="x", state=State.PUBLISHED
    )
    item.image.save("picture.html", SimpleUploadedFile("picture.html", HTML_IN_PNG))
    response = client.get(item.image.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_in_production_nginx_sends_the_file_after_the_permission_check(client, ministry, settings):
    settings.PROTECTED_MEDIA_REDIRECT = "/protected-media/"
    attachment = _attach(published(ministry=ministry), name="Informe final.pdf")
    response = client.get(attachment.file.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{attachment.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="informe-final.pdf"'
    draft = _attach(ProgramFactory(ministry=ministry, state=State.DRAFT))
    response = client.get(draft.file.url)
    assert response.status_code == 404 and "X-Accel-Redirect" not in response


def test_addresses_that_do_not_name_a_protected_file_exactly_are_404(client, ministry):
    attachment = _attach(published(ministry=ministry))
    url = attachment.file.url
    pk = attachment.pk
    for wrong in (
        url.replace("/report.pdf", "/other.pdf"),
        url.replace("/file/", "/title/"),
        f"/files/members.user/{pk}/password/x",
        f"/files/portfolio.nomodel/{pk}/file/report.pdf",
        url.replace(f"/{pk}/", "/999999999999999999999999/"),
    ):
        assert client.get(wrong).status_code == 404, wrong


def test_the_admin_links_to_the_protected_address(secretariat_client, ministry):
    attachment = _attach(ProgramFactory(ministry=ministry, state=State.DRAFT))
    page = secretariat_client.get(f"/en/admin/portfolio/program/{attachment.program_id}/change/")
    assert f'href="{attachment.file.url}"' in page.content.decode()
    assert "/media/" not in page.content.decode()


def test_a_download_costs_one_query(client, ministry, django_assert_num_queries):
    attachment = _attach(published(ministry=ministry))
    url = attachment.file.url
    with django_assert_num_queries(1):  # the attachment with its program
        response = client.get(url)
    assert response.status_code == 200
