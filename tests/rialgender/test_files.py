"""rialgender.files: what an upload is, where it goes, how it comes back."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from rialgender.files import (
    DOCUMENTS,
    IMAGES,
    ProtectedFileField,
    UploadField,
    clean_upload,
    content_type_of,
    detect_type,
    relocate_legacy_files,
    upload_to,
)
from tests.factories import PDF_BYTES, jpeg_bytes, png_bytes


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content,expected",
    [
        (PDF_BYTES, "pdf"),
        (png_bytes(), "png"),
        (jpeg_bytes(), "jpg"),
        (_docx(), "docx"),
        (b"MZ\x90\x00 an executable", None),
        (b"\x7fELF an executable", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
        (b"PK\x03\x04 not really a zip", None),
    ],
)
def test_detect_type_reads_the_content(content, expected):
    detected = detect_type(io.BytesIO(content))
    assert (detected[0] if detected else None) == expected


def test_the_stored_name_takes_the_detected_extension():
    upload = SimpleUploadedFile("Informe Final (v2)!.exe", PDF_BYTES)
    assert clean_upload(upload) == ("informe-final-v2.pdf", "application/pdf")


@pytest.mark.parametrize(
    "name,content,kinds,message",
    [
        ("empty.pdf", b"", DOCUMENTS, "The file is empty."),
        ("setup.pdf", b"MZ\x90\x00", DOCUMENTS, "This type of file is not accepted"),
        ("report.png", PDF_BYTES, IMAGES, "Accepted types: PNG, JPEG."),
        ("a.png", png_bytes(text=b"<script>alert(1)</script>"), IMAGES, "web page code"),
        ("a.png", png_bytes(text=b"<svg onload=alert(1)>"), IMAGES, "web page code"),
        ("a.jpg", jpeg_bytes(comment=b"<html><body>"), IMAGES, "web page code"),
        ("a.jpg", jpeg_bytes(trailer=b"<script>x()</script>"), IMAGES, "web page code"),
        ("a.png", b"\x89PNG\r\n\x1a\n<html><script>x()</script>", IMAGES, "not a valid PNG"),
        ("a.png", png_bytes() + b"<!DOCTYPE html><p>", IMAGES, "web page code"),
    ],
)
def test_what_is_refused(name, content, kinds, message):
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile(name, content), kinds=kinds)
    assert message in error.value.messages[0]


def test_the_size_limit_is_stated():
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("big.pdf", b"0" * 2 * 2**20), max_bytes=2**20)
    assert error.value.messages == ["The file is 2 MB; the limit is 1 MB."]


def test_the_size_is_written_as_the_reader_s_language_writes_numbers():
    from django.utils import translation

    with translation.override("es"), pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("big.pdf", b"0" * 3 * 2**19), max_bytes=2**20)
    assert error.value.messages == ["El archivo pesa 1,5 MB; el límite es 1 MB."]


def test_xmp_metadata_in_an_image_is_fine():
    xmp = b'<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    assert clean_upload(SimpleUploadedFile("photo.jpg", jpeg_bytes(comment=xmp)), kinds=IMAGES)


def test_upload_to_is_unguessable_and_keeps_known_extensions_only():
    from newsletter.models import NewsItem

    first = upload_to(NewsItem(), "Foto de la Semana.PNG")
    second = upload_to(NewsItem(), "picture.html")
    assert first.startswith("newsletter/newsitem/") and first.endswith("/foto-de-la-semana.png")
    assert second.endswith("/picture.bin")
    assert len(first.split("/")[2]) == 32 and first.split("/")[2] != second.split("/")[2]


def test_content_type_of_a_stored_name():
    assert content_type_of("x/y/report.pdf") == "application/pdf"
    assert content_type_of("news/abc/picture.html") == "application/octet-stream"


def test_upload_field_renames_the_upload():
    field = UploadField(kinds=IMAGES)
    upload = field.clean(SimpleUploadedFile("picture.html", png_bytes(), "text/html"))
    assert upload.name == "picture.png" and upload.detected_content_type == "image/png"
    assert field.widget.attrs["accept"] == "image/png,image/jpeg"


def test_files_stored_before_the_token_paths_are_moved(member, settings):
    from django.core.files.storage import default_storage

    from newsletter.models import NewsItem

    old = default_storage.save("news/0123/picture.html", io.BytesIO(png_bytes()))
    item = NewsItem.objects.create(ministry=member.ministry, title_en="Old", image=old)
    assert relocate_legacy_files(NewsItem, "image") == 1
    item.refresh_from_db()
    assert item.image.name.startswith("newsletter/newsitem/")
    assert item.image.name.endswith("/picture.png")
    assert not default_storage.exists(old) and default_storage.exists(item.image.name)
    assert relocate_legacy_files(NewsItem, "image") == 0  # once moved, left alone


def test_who_may_download_depends_on_the_files_object(member, other_member, secretariat):
    from rialgender.files import file_viewable
    from rialgender.workflow import State
    from tests.portfolio.factories import ProgramFactory

    class Attachment:  # a file that belongs to another object, as ProgramAttachment does
        FILE_OWNER = "program"

        def __init__(self, program):
            self.program = program

    draft = ProgramFactory(ministry=member.ministry, state=State.DRAFT)
    assert file_viewable(member.user, Attachment(draft))
    assert file_viewable(secretariat, Attachment(draft))
    assert not file_viewable(other_member.user, Attachment(draft))
    # What is not published content is the Secretariat's alone, unless it says otherwise.
    assert not file_viewable(member.user, member) and file_viewable(secretariat, member)

    class Own:
        def file_viewable_by(self, user):
            return user == member.user

    assert file_viewable(member.user, Own()) and not file_viewable(secretariat, Own())


def test_a_plain_file_field_fails_the_system_checks():
    from django.db import models
    from django.test.utils import isolate_apps

    from rialgender.files import check_uploads_are_protected, plain_file_fields

    assert check_uploads_are_protected() == []
    with isolate_apps("tests.workflow_app"):

        class Leaflet(models.Model):
            scan = models.FileField()
            photo = ProtectedFileField(kinds=IMAGES)

            class Meta:
                app_label = "workflow_app"

            def __str__(self):
                return self.scan.name

        assert [f.name for f in plain_file_fields([Leaflet])] == ["scan"]


def test_a_file_just_over_the_limit_never_reads_as_the_limit():
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("big.pdf", b"0" * (2**20 + 1)), max_bytes=2**20)
    assert error.value.messages == ["The file is 1.1 MB; the limit is 1 MB."]
