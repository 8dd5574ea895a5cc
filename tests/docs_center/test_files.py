"""Files of resources: what is accepted, how their text is read, and what a bad file costs
(a clear message at upload; never the worker at extraction)."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from docs_center import extraction
from docs_center.models import FilePage, ResourceFile, TextStatus
from rialgender.workflow import State
from tests.docs_center import documents
from tests.factories import ParameterSetFactory, ResourceFactory, resource_file


@pytest.fixture
def draft(ministry):
    ParameterSetFactory()
    return ResourceFactory(ministry=ministry, title_en="", abstract_en="", state=State.DRAFT)


def _upload(client, draft, name, data, language="es", lang_prefix="es"):
    url = (
        f"/es/documentos/mi-ministerio/{draft.pk}/archivos/"
        if lang_prefix == "es"
        else f"/en/documents/my-ministry/{draft.pk}/files/"
    )
    return client.post(url, {"file": SimpleUploadedFile(name, data), "language": language})


def test_a_pdf_is_accepted_and_its_pages_become_searchable(
    client, member, draft, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "docs_center.tasks.task_extract_text.delay", lambda **kwargs: queued.append(kwargs)
    )
    from docs_center.services import file_make_thumbnail

    monkeypatch.setattr(  # the thumbnail task, run at once
        "docs_center.tasks.task_make_thumbnail.delay", lambda **kw: file_make_thumbnail(**kw)
    )
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, draft, "Guía Final (v2).PDF", documents.guide_pdf())
    assert response.status_code == 302
    stored = ResourceFile.objects.get()
    assert stored.filename == "guia-final-v2.pdf" and stored.content_type == "application/pdf"
    assert stored.text_status == TextStatus.PENDING
    assert queued == [{"file_id": stored.pk}]  # read by the worker, after the commit
    from docs_center.services import file_extract_text

    with django_capture_on_commit_callbacks(execute=True):
        assert file_extract_text(file_id=stored.pk) == TextStatus.EXTRACTED
    stored.refresh_from_db()
    assert stored.page_count == 3 and stored.thumbnail
    page = FilePage.objects.get(file=stored, number=3)
    assert "inspección con enfoque de género" in page.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "guia.pdf",
            b"MZ\x90\x00 an executable named like a PDF",
            "No se acepta este tipo de archivo",
        ),
        ("protegido.pdf", documents.encrypted_pdf(), "protegido con contraseña"),
        ("danado.pdf", documents.corrupt_pdf(), "está dañado"),
        (
            "bomba.pdf",
            documents.page_bomb_pdf(),
            "declara 50\xa0000 páginas; el centro de documentación acepta como máximo 2000",
        ),
        ("vacio.pdf", b"", "El archivo está vacío."),  # not Django's "fichero"
        ("entidades.docx", documents.docx_entity_bomb(), "Este documento está dañado"),
        ("bomba.docx", documents.docx_zip_bomb(), "Este documento está dañado"),
    ],
    ids=[
        "wrong-type",
        "encrypted",
        "corrupt",
        "page-bomb",
        "empty",
        "docx-entities",
        "docx-zip-bomb",
    ],
)
def test_a_bad_file_is_refused_with_its_reason_and_nothing_typed_is_lost(
    client, member, draft, name, data, message
):
    client.force_login(member.user)
    response = _upload(client, draft, name, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'value="{draft.title_es}"' in html  # the proposal's form is still there, as it was
    assert not ResourceFile.objects.exists()


def test_a_file_over_the_limit_says_the_limit(client, member, draft, monkeypatch):
    monkeypatch.setattr("docs_center.files.MAX_FILE_BYTES", 1024)
    client.force_login(member.user)
    response = _upload(
        client, draft, "big.pdf", documents.guide_pdf() + b"0" * 2048, lang_prefix="en"
    )
    assert response.status_code == 400
    assert "the limit is 0" in response.content.decode()  # 1 KB limit, shown in MB
    assert not ResourceFile.objects.exists()


def test_a_scan_without_text_layer_is_flagged(draft):
    stored = resource_file(draft, documents.scanned_pdf())
    assert stored.text_status == TextStatus.NO_TEXT
    assert not FilePage.objects.filter(file=stored).exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (documents.encrypted_pdf(), "encrypted"),
        (documents.corrupt_pdf(), "corrupt"),
        (documents.page_bomb_pdf(), "too_many_pages"),
    ],
    ids=["encrypted", "corrupt", "page-bomb"],
)
def test_bad_files_reaching_the_task_are_flagged_not_fatal(draft, data, error):
    stored = resource_file(draft, data)  # as if added before the upload checks existed
    assert stored.text_status == TextStatus.FAILED and stored.text_error == error


def _helper(code: str) -> extraction.Reader:
    """A stand-in for the helper process that misbehaves as `code` says."""
    import sys

    return extraction.Reader(command=[sys.executable, "-c", code])


def test_a_reader_that_crashes_hangs_or_bloats_costs_only_its_helper():
    import time

    crash = _helper(
        "import os, signal, sys; sys.stdin.buffer.read(8); os.kill(os.getpid(), signal.SIGSEGV)"
    )
    assert crash.read(b"%PDF-", "pdf").error == "crashed"
    hang = _helper("import time; time.sleep(60)")
    started = time.monotonic()
    assert hang.read(b"%PDF-", "pdf", timeout=1).error == "timeout"
    assert time.monotonic() - started < 10 and hang.process is None  # killed
    bloat = _helper(
        "from docs_center.extraction import limit_memory; limit_memory(512 * 1024**2); "
        "import sys; sys.stdin.buffer.read(8); bytearray(4 * 1024**3)"
    )
    assert bloat.read(b"%PDF-", "pdf").error == "crashed"
    lies = _helper(
        "import sys; sys.stdout.buffer.write(b'\\x00' * 7 + b'\\x05{oops'); sys.stdout.flush()"
    )
    assert lies.read(b"%PDF-", "pdf").error == "crashed"


def test_the_helper_is_replaced_after_a_failure():
    reader = extraction.Reader()
    assert reader.read(documents.corrupt_pdf(), "pdf").error == "corrupt"
    first = reader.process.pid
    reader.process.kill()  # as if a hostile file had killed it
    reader.process.wait()
    result = reader.read(documents.guide_pdf(), "pdf")
    assert result.error == "" and len(result.pages) == 3 and reader.process.pid != first
    reader.stop()


def test_a_worker_process_starts_its_reader_before_its_first_document():
    from celery.signals import worker_process_init

    import docs_center.tasks  # noqa: F401 - connects the signal, as the worker's autodiscovery does

    reader = extraction._reader
    reader.stop()
    worker_process_init.send(sender="celery@test")
    started = reader.process
    assert started is not None and started.poll() is None
    result = extraction.read_isolated(documents.guide_pdf(), "pdf")
    assert len(result.pages) == 3 and reader.process is started  # the same helper
    reader.stop()


def test_docx_and_odt_are_read_page_by_page(draft):
    pages = ["Primera página sobre cuidados", "Segunda página sobre teletrabajo"]
    word = extraction.read_docx(documents.docx(pages))
    assert word.error == "" and word.pages == pages
    writer = extraction.read_odt(documents.odt(pages))
    assert writer.error == "" and writer.pages == pages


def test_a_damaged_or_hostile_docx_is_flagged():
    assert extraction.read_docx(b"PK\x03\x04 not really a zip").error == "corrupt"
    billion_laughs = documents._zip({
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>',
    })  # fmt: skip
    assert extraction.read_docx(billion_laughs).error == "corrupt"


def test_removing_a_file_removes_its_pages_from_search(client, member, draft):
    from docs_center.models import Resource

    stored = resource_file(draft, documents.guide_pdf())
    assert Resource.objects.filter(search_document="discriminacion").exists()
    client.force_login(member.user)
    response = client.post(f"/en/documents/my-ministry/files/{stored.pk}/remove/")
    assert response.status_code == 302
    assert not FilePage.objects.exists()
    assert not Resource.objects.filter(search_document="discriminacion").exists()


def _unread_file(resource):
    from django.core.files.base import ContentFile

    data = documents.guide_pdf()
    return ResourceFile.objects.create(
        resource=resource, language="es", content_type="application/pdf", size=len(data),
        file=ContentFile(data, name="document.pdf"),
    )  # fmt: skip


def test_reading_a_file_again_replaces_its_pages_and_the_search_document(draft, monkeypatch):
    from docs_center.models import Resource
    from docs_center.services import file_extract_text

    stored = resource_file(draft, documents.guide_pdf())
    assert FilePage.objects.filter(file=stored).count() == 3
    version = Resource.objects.get(pk=draft.pk).text_version
    monkeypatch.setattr(
        extraction, "read_isolated",
        lambda data, kind, **kw: extraction.Extraction(
            pages=["Corresponsabilidad en los cuidados", "", "Teletrabajo y género"],
            declared_pages=3,
        ),
    )  # fmt: skip
    assert file_extract_text(file_id=stored.pk) == TextStatus.EXTRACTED
    pages = list(FilePage.objects.filter(file=stored).values_list("number", "text", "language"))
    assert pages == [  # an empty page keeps its number but has no row
        (1, "Corresponsabilidad en los cuidados", "es"),
        (3, "Teletrabajo y género", "es"),
    ]
    stored.refresh_from_db()
    assert stored.page_count == 3 and stored.text_status == TextStatus.EXTRACTED
    found = Resource.objects.filter(pk=draft.pk)
    assert found.get().text_version == version + 1
    spanish = SearchQuery("teletrabajo", config="rg_spanish")
    assert found.filter(search_document=spanish).exists()
    assert not found.filter(search_document="discriminacion").exists()  # the old text is gone
    cuidados = SearchQuery("cuidados", config="rg_spanish")
    assert FilePage.objects.filter(search=cuidados).count() == 1  # each page has its vector


def test_a_file_removed_while_it_is_read_gets_no_pages(draft, monkeypatch):
    from docs_center.services import file_extract_text

    stored = _unread_file(draft)

    def removed_meanwhile(data, kind, **kwargs):
        ResourceFile.objects.filter(pk=stored.pk).delete()
        return extraction.Extraction(pages=["Texto de una página"], declared_pages=1)

    monkeypatch.setattr(extraction, "read_isolated", removed_meanwhile)
    assert file_extract_text(file_id=stored.pk) == ""
    assert not FilePage.objects.exists()


def test_a_scan_is_told_from_a_short_text():
    # Fewer than ten letters a page on average: a scanned image.
    assert extraction.Extraction(pages=["", "", "Página 3", "4"]).is_scan
    assert extraction.Extraction(pages=["", "", "ñ" * 29]).is_scan
    assert not extraction.Extraction(pages=["", "", "ñ" * 30]).is_scan
    assert not extraction.Extraction(pages=["ñ" * 30, "", ""]).is_scan
    assert not extraction.Extraction(pages=[], error="corrupt").is_scan


def test_the_text_of_a_page_is_cleaned():
    text = "Inspección\x00 con\r\n\tenfoque \ue000de\ue001 género  "
    assert extraction.clean_text(text) == "Inspección con enfoque de género"
    assert len(extraction.clean_text("palabra " * 50_000)) == extraction.MAX_PAGE_CHARS


def test_the_upload_check_gets_no_text_back_from_the_reader(monkeypatch):
    """A DOCX is read at upload for its pages and errors only: its text (up to 64 MB from a
    file of a few kB) never comes back to the web process, which would only drop it."""
    from docs_center.files import check_upload

    answers, read = [], extraction.read_isolated

    def spy(data, kind, **kwargs):
        answers.append(read(data, kind, **kwargs))
        return answers[-1]

    monkeypatch.setattr(extraction, "read_isolated", spy)
    pages = ["Primera página " * 500, "Segunda página " * 500]
    check_upload(SimpleUploadedFile("informe.docx", documents.docx(pages)))
    [answer] = answers
    assert (answer.error, answer.declared_pages, answer.pages) == ("", 2, [])


@pytest.mark.django_db
def test_the_admin_refuses_a_damaged_docx_as_the_focal_points_form_does():
    from django.utils import translation

    from docs_center.admin import ResourceFileForm

    with translation.override("es"):
        form = ResourceFileForm(
            data={"language": "es"},
            files={"file": SimpleUploadedFile("entidades.docx", documents.docx_entity_bomb())},
        )
        assert not form.is_valid()
        assert "Este documento está dañado" in form.errors["file"][0]


@pytest.mark.parametrize("error", ["timeout", "crashed"])
@pytest.mark.parametrize("name", ["informe.docx", "informe.pdf"])
def test_a_file_the_reader_gives_up_on_is_not_called_damaged(monkeypatch, name, error):
    from django.utils import translation

    from docs_center.files import check_upload

    monkeypatch.setattr(
        extraction, "read_isolated", lambda *a, **k: extraction.Extraction(error=error)
    )
    data = documents.docx(["Uno"]) if name.endswith(".docx") else documents.guide_pdf()
    with translation.override("es"), pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, data))
    assert refused.value.code == "too_complex"
    assert "demasiado grande o complejo" in refused.value.messages[0]
