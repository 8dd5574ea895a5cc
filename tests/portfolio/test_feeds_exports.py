import io

import pytest

from portfolio.models import Program
from rialgender.workflow import State
from tests.factories import AreaFactory, MinistryFactory
from tests.portfolio.factories import ProgramFactory, bulk_published, published

pytestmark = pytest.mark.django_db


def test_rss_lists_published_programs_in_the_urls_language(client):
    published(title_en="Care systems", title_es="Sistemas de cuidados")
    ProgramFactory(title_en="Secret draft", state=State.DRAFT)
    english = client.get("/en/portfolio/rss/").content.decode()
    spanish = client.get("/es/portafolio/rss/").content.decode()
    assert "Care systems" in english and "Secret draft" not in english
    assert "Sistemas de cuidados" in spanish


def test_atom_feed_filters_by_area(client):
    area = AreaFactory(slug="telework", name_en="Telework", name_es="Teletrabajo")
    published(title_en="Telework law").areas.add(area)
    published(title_en="Seal program")
    atom = client.get("/en/portfolio/atom/?area=telework").content.decode()
    assert "Telework law" in atom and "Seal program" not in atom
    assert client.get("/en/portfolio/atom/?area=nope").status_code == 404


def test_csv_export_follows_the_search(client):
    published(title_es="Trabajadoras domésticas", title_en="Domestic workers")
    published(title_es="Teletrabajo", title_en="Telework")
    ProgramFactory(title_es="Borrador doméstico", state=State.DRAFT)
    response = client.get("/es/portafolio/export.csv?q=domesticas")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("Título,País")
    assert len(lines) == 2 and "Trabajadoras domésticas" in lines[1]


def test_xlsx_export_opens_with_the_rows(client):
    from openpyxl import load_workbook

    published(title_en="Care systems")
    response = client.get("/en/portfolio/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Title" and rows[1][0] == "Care systems"


def test_sitemap_has_programs_with_hreflang_and_no_drafts(client):
    program = published()
    draft = ProgramFactory(state=State.DRAFT)
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-programs.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-pages.xml</loc>" in index
    xml = client.get("/sitemap-programs.xml").content.decode()
    assert f"/en/portfolio/programs/{program.pk}/" in xml
    assert f'hreflang="es" href="http://testserver/es/portafolio/programas/{program.pk}/"' in xml
    assert f"/programs/{draft.pk}/" not in xml


@pytest.mark.parametrize("rows", [5, 500])
def test_feeds_glance_and_exports_have_bounded_queries(client, django_assert_max_num_queries, rows):
    bulk_published([MinistryFactory(country="AR"), MinistryFactory(country="CL")], rows)
    AreaFactory()
    for path in [
        "/en/portfolio/rss/",
        "/es/portafolio/de-un-vistazo/",
        "/en/portfolio/at-a-glance/",
    ]:
        with django_assert_max_num_queries(5):
            assert client.get(path).status_code == 200
    with django_assert_max_num_queries(6):
        b"".join(client.get("/en/portfolio/export.csv").streaming_content)


def test_glance_shows_counts_by_country_as_a_table_too(client):
    ar = MinistryFactory(country="AR")
    published(ministry=ar)
    published(ministry=ar)
    html = client.get("/en/portfolio/at-a-glance/").content.decode()
    assert "<td>Argentina</td><td>2</td>" in html
    assert "<svg" in html


def test_glance_figures_are_cached_until_a_program_changes(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    commit = django_capture_on_commit_callbacks  # the cache is dropped when a change commits
    ar = MinistryFactory(country="AR")
    published(ministry=ar)
    assert (
        "<td>Argentina</td><td>1</td>" in client.get("/en/portfolio/at-a-glance/").content.decode()
    )
    with django_assert_num_queries(0):
        client.get("/en/portfolio/at-a-glance/")
    with commit(execute=True):
        second = published(ministry=ar)
    assert (
        "<td>Argentina</td><td>2</td>" in client.get("/en/portfolio/at-a-glance/").content.decode()
    )
    with commit(execute=True):
        second.areas.add(AreaFactory(name_en="Care work"))
    assert "Care work" in client.get("/en/portfolio/at-a-glance/").content.decode()
    with commit(execute=True):
        second.delete()
    assert (
        "<td>Argentina</td><td>1</td>" in client.get("/en/portfolio/at-a-glance/").content.decode()
    )
    ar.country = "CL"  # a ministry recorded under the wrong country, corrected
    with commit(execute=True):
        ar.save()
    assert "<td>Chile</td><td>1</td>" in client.get("/en/portfolio/at-a-glance/").content.decode()


def test_glance_figures_are_forgotten_again_when_the_change_commits(
    django_capture_on_commit_callbacks,
):
    from django.core.cache import cache

    from portfolio.selectors import _glance_cache_key, portfolio_at_a_glance

    program = published(ministry=MinistryFactory(country="AR"))
    stale = portfolio_at_a_glance()
    assert stale["total"] == 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        program.delete()
        # Another request, reading before this transaction commits, caches the old figures.
        cache.set(_glance_cache_key("en"), stale)
    for callback in callbacks:
        callback()
    assert portfolio_at_a_glance()["total"] == 0


def test_sitemap_pages_split_the_programs_and_read_only_their_own(
    client, django_assert_max_num_queries, monkeypatch
):
    from portfolio.sitemaps import ProgramSitemap

    monkeypatch.setattr(ProgramSitemap, "limit", 6)  # three programs a page
    bulk_published([MinistryFactory(country="AR")], 7)
    ids = sorted(Program.objects.values_list("pk", flat=True))
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-programs.xml?p=3</loc>" in index and "p=4" not in index
    with django_assert_max_num_queries(2):
        xml = client.get("/sitemap-programs.xml?p=2").content.decode()
    shown = [pk for pk in ids if f"/en/portfolio/programs/{pk}/<" in xml]
    assert shown == ids[3:6]
    assert xml.count("<url>") == 6  # each program once per language
    assert client.get("/sitemap-programs.xml?p=4").status_code == 404


def test_the_csv_follows_the_pages_country_order_in_each_language(client):
    ministry = MinistryFactory(country="AR")
    published(ministry=ministry, title_en="Zebra crossings", title_es="Alfa")
    published(ministry=ministry, title_en="Alpha", title_es="Zeta")
    for lang, path in (("en", "/en/portfolio/"), ("es", "/es/portafolio/")):
        page = client.get(f"{path}?sort=country").context["result"].page.object_list
        response = client.get(f"{path}export.csv?sort=country")
        csv = b"".join(response.streaming_content).decode()
        titles = [getattr(p, f"title_{lang}") for p in page]
        assert csv.index(titles[0]) < csv.index(titles[1]), path
