"""Follow-up of a selected project: activities and their status, reports of both sides with
evidence files, results (a program of the portfolio, a link), and the chain program ->
cooperation -> results -> program seen from each end."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cooperation.models import EvidenceFile, ProjectActivity, Report, Result
from tests.factories import MemberFactory, MinistryFactory, selected_project
from tests.portfolio.factories import published

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"cooperation:{name}", kwargs=kwargs)


@pytest.fixture
def uruguay_program(uruguay):
    return published(
        ministry=uruguay,
        title_en="Door-to-door inspection of paid domestic work",
        title_es="Inspección puerta a puerta del trabajo doméstico remunerado",
    )


@pytest.fixture
def project(open_call, colombia, uruguay, uruguay_program, colombian, uruguayan):
    project = selected_project(
        call=open_call, requesting_ministry=colombia, providing_ministry=uruguay,
        builds_on_program=uruguay_program, title_en="Formalization of Paid Domestic Work",
        title_es="Formalización del Trabajo Doméstico Remunerado",
    )  # fmt: skip
    ProjectActivity.objects.create(request=project, title_en="Virtual exchange", title_es="Intercambio virtual")  # fmt: skip
    return project


@pytest.fixture
def colombian_program(colombia):
    return published(
        ministry=colombia,
        title_en="Multidimensional strategy for the formalization of domestic work",
        title_es="Estrategia multidimensional para la formalización del trabajo doméstico",
    )


def test_both_sides_update_activities(client, project, uruguayan):
    activity = project.activities.get()
    client.force_login(uruguayan.user)
    response = client.post(url("activity-update", pk=activity.pk), {"status": "done"})  # fmt: skip
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "done"
    client.post(url("activity-update", pk=activity.pk), {"status": "finished\x00"})  # fmt: skip
    activity.refresh_from_db()
    assert activity.status == "done"


def test_an_activity_of_another_project_is_404(client, project, uruguayan, db):
    other = selected_project(call=project.call, requesting_ministry=MinistryFactory(country="PE"), providing_ministry=MinistryFactory(country="MX"))  # fmt: skip
    foreign = ProjectActivity.objects.create(request=other, title_es="Ajena")
    client.force_login(uruguayan.user)
    response = client.post(url("activity-update", pk=foreign.pk), {"status": "done"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "planned"


def test_a_final_report_links_the_resulting_program_and_the_chain_shows_on_each_end(
    client, project, colombian, uruguayan, colombian_program, uruguay_program, tmp_path
):
    client.force_login(colombian.user)
    response = client.post(
        url("report-create", "es", pk=project.pk),
        {
            "kind": "final", "language": "es", "program": colombian_program.pk,
            "text": "Diseñamos la estrategia con lo aprendido de Uruguay.",
            "files": [SimpleUploadedFile("Agenda (final).PDF", PDF)],
        },
    )  # fmt: skip
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.ministry == colombian.ministry
    assert [f.filename for f in report.files.all()] == ["agenda-final.pdf"]
    result = Result.objects.get()
    assert result.program == colombian_program and result.report == report

    # The Uruguayan side reads it, and the evidence; nobody else does.
    client.force_login(uruguayan.user)
    page = client.get(url("follow-up", pk=project.pk)).content.decode()
    assert "Diseñamos la estrategia con lo aprendido de Uruguay." in page
    evidence = EvidenceFile.objects.get()
    assert client.get(evidence.get_absolute_url()).status_code == 200
    client.force_login(MemberFactory(ministry=MinistryFactory(country="MX")).user)
    assert client.get(evidence.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(evidence.get_absolute_url()).status_code == 404
    # Not even once the project is public: reports and their evidence are the parties'.
    assert project.is_project

    # A visitor sees the chain on the project page, in both languages...
    for language, texts in {
        "en": [
            "Door-to-door inspection of paid domestic work",
            "Formalization of Paid Domestic Work",
            "Multidimensional strategy for the formalization",
        ],  # fmt: skip
        "es": [
            "Inspección puerta a puerta del trabajo doméstico",
            "Formalización del Trabajo Doméstico Remunerado",
            "Estrategia multidimensional para la formalización",
        ],  # fmt: skip
    }.items():
        html = client.get(url("project-detail", language, pk=project.pk)).content.decode()
        chain = html[html.index('class="chain"') :]
        positions = [chain.index(text) for text in texts]
        assert positions == sorted(positions), language  # program -> cooperation -> result
    # ...and on each program's page.
    with translation.override("es"):
        source_page = client.get(uruguay_program.get_absolute_url()).content.decode()
        result_page = client.get(colombian_program.get_absolute_url()).content.decode()
    assert "Colombia aprendió de este programa en la cooperación" in source_page
    assert "Este programa resultó de la cooperación" in result_page
    assert project.get_absolute_url().replace("/en/", "/es/").split("/")[-2] in result_page


def test_both_final_reports_complete_the_project(client, project, colombian, uruguayan):
    for person in (colombian, uruguayan):
        client.force_login(person.user)
        client.post(url("report-create", pk=project.pk), {"kind": "final", "language": "es", "text": "Listo."})  # fmt: skip
    project.refresh_from_db()
    assert project.completed_at is not None
    assert "Completed" in client.get(url("project-detail", pk=project.pk)).content.decode()
    # One final report per side.
    response = client.post(url("report-create", pk=project.pk), {"kind": "final", "language": "es", "text": "Otra vez."})  # fmt: skip
    assert response.status_code == 400
    assert Report.objects.filter(kind="final").count() == 2


def test_a_refused_evidence_file_keeps_the_report_typed(client, project, colombian):
    client.force_login(colombian.user)
    response = client.post(
        url("report-create", "es", pk=project.pk),
        {
            "kind": "progress", "language": "es", "text": "Un informe largo escrito con cuidado.",
            "files": [SimpleUploadedFile("informe.pdf", b"MZ\x90\x00 an executable")],
        },
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert "No se acepta este tipo de archivo" in html
    assert "Un informe largo escrito con cuidado." in html
    assert not Report.objects.exists()


def test_a_link_result_shows_publicly_once_titled_in_both_languages(client, project, colombian):
    from cooperation.services import result_add

    result = result_add(
        request=project, by=colombian.user, url="https://example.org/manual.pdf",
        kind="resource", title_es="Manual para prevenir la violencia",
    )  # fmt: skip
    assert "Manual para prevenir la violencia" not in client.get(url("project-detail", "es", pk=project.pk)).content.decode()  # fmt: skip
    result.title_en = "Manual to prevent violence"
    result.save()
    html = client.get(url("project-detail", pk=project.pk)).content.decode()
    assert "Manual to prevent violence" in html and "documentation center" in html


@pytest.mark.parametrize("missing", [None, ""])
def test_a_result_untitled_in_one_language_stays_off_the_public_page(client, project, missing):
    Result.objects.create(request=project, kind="other", title_es="Guía de inspección", title_en=missing)  # fmt: skip
    Result.objects.create(request=project, kind="other", title_en="Inspection guide", title_es=missing)  # fmt: skip
    assert not Result.objects.public().exists()
    for language in ("en", "es"):
        html = client.get(url("project-detail", language, pk=project.pk)).content.decode()
        assert "Guía de inspección" not in html and "Inspection guide" not in html


def test_follow_up_is_for_selected_projects_only(client, open_call, colombia, uruguay, colombian):
    from tests.factories import submitted_request

    request = submitted_request(call=open_call, requesting_ministry=colombia, providing_ministry=uruguay)  # fmt: skip
    client.force_login(colombian.user)
    assert client.get(url("follow-up", pk=request.pk)).status_code == 404


@pytest.mark.parametrize("reports", [1, 12])
def test_the_follow_up_page_reads_a_fixed_number_of_queries(
    client, project, colombian, django_assert_num_queries, reports
):
    for i in range(reports):
        report = Report.objects.create(request=project, ministry=colombian.ministry, kind="progress", text=f"Avance {i}")  # fmt: skip
        EvidenceFile.objects.create(report=report, file=SimpleUploadedFile(f"a{i}.pdf", PDF), content_type="application/pdf")  # fmt: skip
    client.force_login(colombian.user)
    with django_assert_num_queries(10):
        assert client.get(url("follow-up", pk=project.pk)).status_code == 200


@pytest.mark.parametrize(
    "stored,language,shown",
    [
        ("/en/portfolio/", "es", "/es/portafolio/"),
        ("/es/portafolio/", "en", "/en/portfolio/"),
        ("http://testserver/en/portfolio/?q=care", "es", "http://testserver/es/portafolio/?q=care"),
        ("https://www.example.org/manual.pdf", "es", "https://www.example.org/manual.pdf"),
        ("/en/no-such-page/", "es", "/en/no-such-page/"),
    ],
)
def test_a_result_on_this_portal_is_linked_in_the_readers_language(db, stored, language, shown):
    result = Result(url=stored)
    with translation.override(language):
        assert result.link == shown
