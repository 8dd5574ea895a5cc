from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from portfolio.models import Program, ProgramAttachment
from rialgender.workflow import Action, State, transition
from tests.portfolio.factories import ProgramFactory, published

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft(ministry):
    return ProgramFactory(ministry=ministry, title_en="", summary_en="", state=State.DRAFT)


def _form_data(**overrides):
    data = {
        "title_es": "Trabajadoras domésticas con derechos",
        "summary_es": "Formalización del trabajo doméstico remunerado.",
        "intervention_type": "program",
        "evaluation_type": "none",
        "population_groups": ["domestic_workers"],
        "start_year": "2021",
        "links": "https://www.mteyss.gob.ar/",
        "contact_email": "genero@example.gob.ar",
    }
    data.update(overrides)
    return data


def test_member_creates_a_program_in_spanish_only(client, member):
    client.force_login(member.user)
    response = client.post("/es/portafolio/mi-ministerio/nuevo/", _form_data())
    program = Program.objects.get()
    assert response.status_code == 302
    assert program.ministry == member.ministry
    assert program.state == State.DRAFT
    assert program.translation_es == "up_to_date" and program.translation_en == "missing"


def test_bad_input_is_refused_in_spanish_and_nothing_typed_is_lost(client, member):
    client.force_login(member.user)
    data = _form_data(title_es="", start_year="2022", end_year="2019", links="not a link")
    data["summary_es"] = "Un resumen largo que escribí con cuidado."
    response = client.post("/es/portafolio/mi-ministerio/nuevo/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Program.objects.exists()
    assert "Un resumen largo que escribí con cuidado." in html
    assert "El año de finalización no puede ser anterior al de inicio." in html
    assert "Póngale un título al programa" in html
    assert "not a link" in html
    # Above the form, what needs correcting, each a link to its field.
    summary = html[
        html.index('class="message message-error error-summary"') : html.index("lang-pairs")
    ]
    assert '<a href="#id_title_es">Título (español): Póngale un título al programa' in summary
    assert '<a href="#id_end_year">Año de finalización: El año de finalización no puede' in summary
    assert '<a href="#id_links">' in summary


@pytest.mark.parametrize("method,path", [
    ("get", "/en/portfolio/my-ministry/{pk}/"),
    ("post", "/en/portfolio/my-ministry/{pk}/"),
    ("post", "/en/portfolio/my-ministry/{pk}/submit/"),
    ("post", "/en/portfolio/my-ministry/{pk}/files/"),
    ("get", "/en/portfolio/programs/{pk}/"),
])  # fmt: skip
def test_another_ministry_gets_404_on_a_draft(client, draft, other_member, method, path):
    client.force_login(other_member.user)
    response = getattr(client, method)(path.format(pk=draft.pk))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_another_ministry_gets_404_on_a_drafts_attachment(client, draft, member, other_member):
    attachment = ProgramAttachment.objects.create(
        program=draft, file=SimpleUploadedFile("a.pdf", PDF), title="Report",
        content_type="application/pdf", size=len(PDF),
    )  # fmt: skip
    client.force_login(other_member.user)
    assert client.get(attachment.get_absolute_url()).status_code == 404
    assert (
        client.post(f"/en/portfolio/my-ministry/files/{attachment.pk}/remove/").status_code == 404
    )
    client.force_login(member.user)
    assert client.get(attachment.get_absolute_url()).status_code == 200


def test_anonymous_is_sent_to_log_in_and_non_members_get_404(client, draft):
    response = client.get("/en/portfolio/my-ministry/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_both_focal_points_share_their_ministry_s_programs(client, draft, colleague):
    client.force_login(colleague.user)  # same ministry, another person
    assert client.get(f"/en/portfolio/my-ministry/{draft.pk}/").status_code == 200
    assert draft.title_es in client.get("/en/portfolio/my-ministry/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_submitting_notifies_the_secretariat_and_locks_editing(client, draft, member, settings):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"
    client.force_login(member.user)
    response = client.post(f"/es/portafolio/mi-ministerio/{draft.pk}/enviar/")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert [m.to for m in mail.outbox] == [["secretariat@example.org"]]
    # In English, as the Secretariat reads it, whichever language the focal point used.
    assert f"/en/admin/portfolio/program/{draft.pk}/change/" in mail.outbox[0].body
    page = client.get(f"/en/portfolio/my-ministry/{draft.pk}/")
    assert "cannot be edited here now" in page.content.decode()
    client.post(f"/en/portfolio/my-ministry/{draft.pk}/", _form_data(title_es="Changed"))
    draft.refresh_from_db()
    assert draft.title_es != "Changed"


def test_a_pdf_is_accepted_with_a_clean_name(client, draft, member):
    client.force_login(member.user)
    upload = SimpleUploadedFile(
        "Informe Final (v2)!.PDF", PDF, content_type="application/octet-stream"
    )
    response = client.post(
        f"/en/portfolio/my-ministry/{draft.pk}/files/",
        {"file": upload, "title": "Final report", "kind": "document", "language": "es"},
    )
    assert response.status_code == 302
    attachment = ProgramAttachment.objects.get()
    assert attachment.filename == "informe-final-v2.pdf"
    assert attachment.content_type == "application/pdf"


def test_a_file_that_lies_about_its_type_is_refused(client, draft, member):
    client.force_login(member.user)
    upload = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf"
    )
    response = client.post(
        f"/es/portafolio/mi-ministerio/{draft.pk}/archivos/",
        {"file": upload, "title": "Informe", "kind": "document", "language": "es"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<a href="#id_file">Archivo: No se acepta este tipo de archivo' in html
    assert 'value="Informe"' in html  # the title typed is kept
    assert '#files-title" novalidate' in html  # the reader is brought back to the files
    assert not ProgramAttachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, draft, member, monkeypatch):
    monkeypatch.setattr("rialgender.files.MAX_UPLOAD_BYTES", 100)
    client.force_login(member.user)
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 200)
    response = client.post(
        f"/en/portfolio/my-ministry/{draft.pk}/files/",
        {"file": upload, "title": "Big", "kind": "document", "language": "en"},
    )
    assert response.status_code == 400
    assert "the limit is" in response.content.decode()


def test_editing_the_spanish_of_a_published_program_outdates_the_english(ministry, secretariat):
    program = published(ministry=ministry)
    program.refresh_from_db()
    assert program.translation_complete
    program.summary_es = "Un resumen nuevo con cifras de 2024."
    program.save()
    assert program.translation_en == "outdated"
    assert Program.objects.needs_translation().filter(pk=program.pk).exists()


def test_history_of_a_published_program_is_kept(ministry, secretariat):
    program = published(ministry=ministry)
    program.summary_en = "Changed summary"
    program.save()
    assert program.history.count() == 2
    assert program.history.first().summary_en == "Changed summary"
    assert program.history.last().summary_en == "Training and job placement for women."


def test_unconfirmed_programs_are_flagged_after_18_months(ministry):
    old = published(ministry=ministry)
    Program.objects.filter(pk=old.pk).update(published_at=timezone.now() - timedelta(days=560))
    fresh = published(ministry=ministry)
    confirmed = published(ministry=ministry)
    Program.objects.filter(pk=confirmed.pk).update(
        published_at=timezone.now() - timedelta(days=900),
        last_confirmed_at=timezone.now() - timedelta(days=30),
    )
    assert list(Program.objects.stale()) == [old]
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.is_stale and not fresh.is_stale


def test_workspace_queries_are_bounded(client, member, django_assert_max_num_queries):
    for _ in range(30):
        ProgramFactory(ministry=member.ministry)
    client.force_login(member.user)
    with django_assert_max_num_queries(8):
        response = client.get("/en/portfolio/my-ministry/")
    assert len(response.context["programs"]) == 30


def test_full_review_cycle_through_the_admin(client, member, secretariat, ministry):
    from django.contrib.admin import helpers

    program = ProgramFactory(ministry=ministry, title_en="", summary_en="", state=State.DRAFT)
    transition(program, Action.SUBMIT, by=member.user)
    client.force_login(secretariat)
    changelist = "/en/admin/portfolio/program/"
    assert client.get(changelist).status_code == 200
    client.post(changelist, {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [program.pk]})
    program.refresh_from_db()
    assert program.state == State.SUBMITTED  # refused: no English
    client.post(
        changelist,
        {
            "action": "return_with_comment",
            helpers.ACTION_CHECKBOX_NAME: [program.pk],
            "comment": "Añadan resultados.",
        },
    )
    program.refresh_from_db()
    assert program.state == State.RETURNED and program.review_comment == "Añadan resultados."
    program.title_en, program.summary_en = "Domestic workers", "Formalization."
    program.save()
    transition(program, Action.SUBMIT, by=member.user)
    client.post(changelist, {"action": "publish", helpers.ACTION_CHECKBOX_NAME: [program.pk]})
    program.refresh_from_db()
    assert program.state == State.PUBLISHED


def test_the_admins_review_queue_is_submitted_first_oldest_first(client, secretariat, ministry):
    # Created in the order a newest-first list would turn upside down.
    earlier = ProgramFactory(ministry=ministry, state=State.SUBMITTED, title_en="Sent last week")
    later = ProgramFactory(ministry=ministry, state=State.SUBMITTED, title_en="Sent yesterday")
    newest_draft = ProgramFactory(ministry=ministry, state=State.DRAFT, title_en="A draft")
    Program.objects.filter(pk=later.pk).update(submitted_at=timezone.now() - timedelta(days=1))
    Program.objects.filter(pk=earlier.pk).update(submitted_at=timezone.now() - timedelta(days=7))
    client.force_login(secretariat)
    response = client.get("/en/admin/portfolio/program/")
    rows = list(response.context["cl"].result_list)
    assert rows == [earlier, later, newest_draft]


@pytest.mark.parametrize(("path", "first", "second"), [
    ("/es/portafolio/mi-ministerio/nuevo/", "id_title_es", "id_title_en"),
    ("/en/portfolio/my-ministry/new/", "id_title_en", "id_title_es"),
])  # fmt: skip
def test_the_reader_s_language_comes_first_in_each_pair(client, member, path, first, second):
    client.force_login(member.user)
    html = client.get(path).content.decode()
    assert html.index(f'id="{first}"') < html.index(f'id="{second}"')
    # The error summary lists them in the same order (both titles too long).
    html = client.post(path, _form_data(title_es="x" * 301, title_en="y" * 301)).content.decode()
    summary = html[html.index("error-summary") : html.index("lang-pairs")]
    assert summary.index(f"#{first}") < summary.index(f"#{second}")
