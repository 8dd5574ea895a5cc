"""What everyone sees: calls, selected projects, cooperation by pairs of countries; and how
the rest of the portal (home, sitemap, newsletter) learns about cooperation."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cooperation.models import CallDocument, ProjectActivity
from tests.factories import (
    CallFactory,
    CooperationRequestFactory,
    MinistryFactory,
    bulk_requests,
    selected_project,
    submitted_request,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"cooperation:{name}", kwargs=kwargs)


@pytest.fixture
def project(db):
    return selected_project(
        requesting_ministry=MinistryFactory(country="BO"),
        providing_ministry=MinistryFactory(country="PA"),
        title_en="Strengthening cooperatives of women",
        title_es="Fortalecimiento de las cooperativas de mujeres",
    )


@pytest.mark.parametrize(
    "language,title,pair",
    [
        ("en", "Strengthening cooperatives of women", "Bolivia – Panama"),
        ("es", "Fortalecimiento de las cooperativas de mujeres", "Bolivia – Panamá"),
    ],
)
def test_selected_projects_are_listed_in_the_readers_language(client, project, language, title, pair):  # fmt: skip
    html = client.get(url("project-list", language)).content.decode()
    assert title in html and pair in html
    assert title in client.get(url("project-detail", language, pk=project.pk)).content.decode()
    assert title in client.get(url("pair-detail", language, pair="bo-pa")).content.decode()
    pairs = client.get(url("pair-list", language)).content.decode()
    assert url("pair-detail", language, pair="bo-pa") in pairs


def test_the_spanish_addresses_are_translated(client, project):
    assert client.get(f"/es/cooperacion/proyectos/{project.pk}/").status_code == 200
    assert client.get("/es/cooperacion/pares/bo-pa/").status_code == 200
    assert client.get(f"/es/cooperacion/convocatorias/{project.call.number}/").status_code == 200


def test_requests_that_are_not_projects_do_not_exist_for_the_public(client, db):
    draft = CooperationRequestFactory()
    under_review = submitted_request(call=draft.call, requesting_ministry=MinistryFactory(country="PE"), providing_ministry=draft.providing_ministry)  # fmt: skip
    for request in (draft, under_review):
        assert client.get(url("project-detail", pk=request.pk)).status_code == 404
    html = client.get(url("project-list")).content.decode()
    assert draft.title_en not in html and under_review.title_en not in html
    assert client.get(url("pair-detail", pair="co-uy")).status_code == 404


@pytest.mark.parametrize(
    "pair", ["pa-bo", "bo-bo", "bo-zz", "bo", "bo-pa-ar", "BO-PA", "bo-p\x00", "²-pa", "b%C3%B6-pa"]
)
def test_a_pair_that_is_not_one_is_404_not_500(client, project, pair):
    assert client.get(f"/en/cooperation/pairs/{pair}/").status_code == 404


def test_a_draft_call_and_its_documents_are_not_public(client, db, secretariat):
    from django.core.files.uploadedfile import SimpleUploadedFile

    call = CallFactory(state="draft", title_en="The next call")
    document = CallDocument.objects.create(
        call=call, title_en="Terms", title_es="Bases", file=SimpleUploadedFile("t.pdf", PDF),
        content_type="application/pdf",
    )  # fmt: skip
    assert client.get(url("call-detail", number=call.number)).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404
    client.force_login(secretariat)
    assert client.get(url("call-detail", number=call.number)).status_code == 200
    assert client.get(document.get_absolute_url()).status_code == 200
    # Published, the call's documents are everyone's, served as the PDF they are.
    call.state = "published"
    call.save()
    client.logout()
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_call_shows_its_moments_in_its_zone_criteria_and_documents(client, db):
    import datetime
    import zoneinfo

    bogota = zoneinfo.ZoneInfo("America/Bogota")
    call = CallFactory(
        opens_at=datetime.datetime(2023, 1, 16, 9, 0, tzinfo=bogota),
        closes_at=datetime.datetime(2023, 3, 31, 23, 59, tzinfo=bogota),
        time_zone="America/Bogota",
    )
    html = client.get(url("call-detail", "es", number=call.number)).content.decode()
    assert "31 de marzo de 2023 a las 23:59 (America/Bogota)" in html
    assert "Pertinencia" in html and "Compromiso de ambas instituciones" in html
    html = client.get(url("call-detail", number=call.number)).content.decode()
    assert "March 31, 2023, 11:59 p.m. (America/Bogota)" in html


def test_the_home_page_links_to_cooperation_instead_of_coming_soon(client, db):
    html = client.get("/es/").content.decode()
    title = '<h3><a href="/es/cooperacion/">Cooperación bilateral</a></h3>'
    assert title in html
    card = html[html.index(title) : html.index("</li>", html.index(title))]
    assert "Próximamente" not in card


def test_projects_and_calls_are_in_the_sitemap(client, project):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-cooperation-projects.xml" in index
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert url("pair-list", "es") in pages
    section = client.get("/sitemap-cooperation-projects.xml").content.decode()
    assert url("project-detail", "es", pk=project.pk) in section
    assert url("project-detail", "en", pk=project.pk) in section


def test_the_newsletter_hears_of_calls_projects_and_results(project):
    from cooperation.models import Result
    from cooperation.selectors import newsletter_entries

    Result.objects.create(request=project, kind="other", title_en="A guide", title_es="Una guía")
    start, end = timezone.now() - timedelta(days=40), timezone.now() + timedelta(minutes=1)
    entries = newsletter_entries(start, end)
    keys = {entry.key.split(":")[0] for entry in entries}
    assert keys == {"cooperation.call", "cooperation.project", "cooperation.result"}
    project_entry = next(e for e in entries if e.key.startswith("cooperation.project"))
    assert project_entry.summary["es"] == "Seleccionada: Bolivia – Panamá."
    assert project_entry.url["es"] == url("project-detail", "es", pk=project.pk)


def test_the_newsletter_source_is_registered():
    from rialgender.sources import sources

    assert "cooperation" in [source.key for source in sources()]


# -- query counts -------------------------------------------------------------------------------


def _many_projects(rows):
    now = timezone.now()
    call = CallFactory(opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=300))
    requests = bulk_requests(
        rows, calls=[call], state="published", decision="selected", published_at=now
    )
    return call, requests


@pytest.mark.parametrize("rows", [10, 500])
@pytest.mark.parametrize("name", ["project-list", "pair-list", "call-detail", "pair-detail"])
def test_public_pages_read_a_fixed_number_of_queries(client, db, django_assert_num_queries, rows, name):  # fmt: skip
    call, requests = _many_projects(rows)
    first = requests[0]
    kwargs = {
        "call-detail": {"number": call.number},
        "pair-detail": {"pair": first.pair_slug()},
    }.get(name, {})
    expected = {"project-list": 3, "pair-list": 1, "call-detail": 5, "pair-detail": 2}[name]
    with django_assert_num_queries(expected):
        assert client.get(url(name, **kwargs)).status_code == 200


@pytest.mark.parametrize("activities", [1, 40])
def test_the_project_page_reads_a_fixed_number_of_queries(client, project, django_assert_num_queries, activities):  # fmt: skip
    ProjectActivity.objects.bulk_create(
        [ProjectActivity(request=project, title_es=f"Actividad {i}") for i in range(activities)]
    )
    with django_assert_num_queries(4):
        assert client.get(url("project-detail", pk=project.pk)).status_code == 200


@pytest.mark.parametrize(
    "language,call,closes,title,pair",
    [
        ("en", "Call 901 for Bilateral Cooperation", "Open to requests until", "Strengthening cooperatives of women", "Bolivia – Panama · selected in call"),
        ("es", "Convocatoria 901 de Cooperación Bilateral", "Abierta a solicitudes hasta el", "Fortalecimiento de las cooperativas de mujeres", "Bolivia – Panamá · seleccionado en la convocatoria"),
    ],
)  # fmt: skip
def test_the_home_page_shows_the_open_call_and_the_latest_projects(client, project, language, call, closes, title, pair):  # fmt: skip
    CallFactory(number=901)  # open from 30 days ago to 30 days from now
    CallFactory(number=902, opens_at=timezone.now() + timedelta(days=5), closes_at=timezone.now() + timedelta(days=40))  # fmt: skip
    submitted_request(title_en="Under review, not public", title_es="En evaluación, no pública")
    html = client.get(f"/{language}/").content.decode()
    assert call in html and closes in html and title in html and pair in html
    assert "Call 902" not in html and "Convocatoria 902" not in html  # not open yet
    assert "not public" not in html and "no pública" not in html


def test_the_cached_home_shows_a_call_once_it_opens(client, db, settings):
    """The home is kept in the page cache; a call opening changes it though nothing is saved:
    beat's clock (rialgender.pagecache.clocks_tick) forgets it at that moment."""
    from unittest import mock

    from django.core.cache import cache

    from rialgender import pagecache

    settings.PAGE_CACHE_ENABLED = True
    opens = timezone.now() + timedelta(minutes=1)
    CallFactory(number=903, opens_at=opens, closes_at=opens + timedelta(days=30))
    cache.set(pagecache.CLOCK_KEY, timezone.now())
    assert "Call 903" not in client.get("/en/").content.decode()  # cached without it
    assert pagecache.clocks_tick(now=opens - timedelta(seconds=1)) == []
    with mock.patch("django.utils.timezone.now", return_value=opens + timedelta(seconds=1)):
        assert "Call 903" not in client.get("/en/").content.decode()  # still the cached copy
        assert pagecache.clocks_tick() == ["cooperation"]
        assert "Call 903" in client.get("/en/").content.decode()
