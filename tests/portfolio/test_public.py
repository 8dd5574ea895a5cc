import pytest

from portfolio.models import Program
from rialgender.workflow import State
from tests.factories import AreaFactory, MinistryFactory
from tests.portfolio.factories import ProgramFactory, bulk_published, published

pytestmark = pytest.mark.django_db


def _titles(response):
    return [p.title for p in response.context["result"].page.object_list]


def test_drafts_never_appear_in_the_public_portfolio(client):
    published(title_en="Public program")
    ProgramFactory(title_en="Secret draft", state=State.DRAFT)
    ProgramFactory(title_en="Under review", state=State.SUBMITTED)
    response = client.get("/en/portfolio/")
    assert _titles(response) == ["Public program"]
    assert "Secret draft" not in client.get("/en/portfolio/?q=secret").content.decode()


@pytest.mark.parametrize("path", ["/es/portafolio/?q=cuidados", "/en/portfolio/?country=AR"])
def test_a_search_shows_its_results_before_the_downloads(client, path):
    """On a phone the results come first: the introduction is marked for a search (left out
    by portfolio.css on a small screen) and the downloads follow the results."""
    published(title_es="Cuidados para todas", title_en="Care for all")
    html = client.get(path).content.decode()
    assert 'class="lead searching"' in html
    assert html.index('id="results-title"') < html.index("export.csv")
    assert "lead searching" not in client.get("/es/portafolio/").content.decode()


def test_spanish_search_ignores_accents(client):
    published(
        title_es="Trabajadoras domésticas con derechos", title_en="Domestic workers with rights"
    )
    published(title_es="Teletrabajo", title_en="Telework")
    response = client.get("/es/portafolio/?q=domesticas")
    assert [p.title_es for p in response.context["result"].page.object_list] == [
        "Trabajadoras domésticas con derechos"
    ]


def test_english_search_stems_words(client):
    published(
        title_en="Inspecting workplaces with a gender approach",
        title_es="Inspección con enfoque de género",
    )
    assert len(_titles(client.get("/en/portfolio/?q=inspection"))) == 1


def test_websearch_syntax_excludes_words(client):
    published(title_en="Violence at work", summary_en="harassment and violence")
    published(title_en="Violence prevention", summary_en="prevention campaigns")
    titles = _titles(client.get("/en/portfolio/?q=violence -harassment"))
    assert titles == ["Violence prevention"]


def test_short_misspelled_query_finds_close_titles(client):
    published(title_en="Choferas: women drivers", title_es="Choferas: mujeres conductoras")
    response = client.get("/es/portafolio/?q=choferes")
    assert response.context["result"].total == 1


def test_facets_count_and_combine(client):
    ar, cl = MinistryFactory(country="AR"), MinistryFactory(country="CL")
    area = AreaFactory(slug="domestic-work", name_en="Domestic work", name_es="Trabajo doméstico")
    p1 = published(ministry=ar, population_groups=["domestic_workers"], evaluation_type="impact")
    p1.areas.add(area)
    published(ministry=ar, population_groups=["rural_women"])
    published(ministry=cl, population_groups=["domestic_workers"], end_year=2020, start_year=2018)
    facets = client.get("/en/portfolio/").context["result"].facets
    assert facets["country"] == {"AR": 2, "CL": 1}
    assert facets["group"] == {"domestic_workers": 2, "rural_women": 1}
    assert facets["evaluated"] == {"yes": 1, "no": 2}
    assert facets["status"] == {"ongoing": 2, "completed": 1}
    assert facets["area"] == {str(area.pk): 1}
    response = client.get("/en/portfolio/?country=AR&group=domestic_workers")
    assert response.context["result"].total == 1
    response = client.get("/en/portfolio/?country=AR&country=CL&status=completed")
    assert response.context["result"].total == 1
    assert client.get("/en/portfolio/?area=domestic-work").context["result"].total == 1


def test_year_range_keeps_programs_active_in_it(client):
    published(start_year=2015, end_year=2017)
    published(start_year=2019)
    assert client.get("/en/portfolio/?from=2018&to=2022").context["result"].total == 1


def test_bad_parameters_are_ignored_not_errors(client):
    published()
    response = client.get("/en/portfolio/?country=XX&page=abc&from=yesterday&sort=evil")
    assert response.status_code == 200
    assert response.context["result"].total == 1


def test_empty_state_is_clear_in_spanish(client):
    html = client.get("/es/portafolio/?q=zzzzzzzzqqqq").content.decode()
    assert "Ningún programa coincide con esta búsqueda." in html


@pytest.mark.parametrize("rows", [5, 500])
def test_search_page_queries_are_bounded(client, django_assert_max_num_queries, rows):
    ministries = [MinistryFactory(country=c) for c in ("AR", "CL", "CR", "MX", "CO")]
    bulk_published(ministries, rows)
    area = AreaFactory()
    for program in Program.objects.all()[:5]:
        program.areas.add(area)
    with django_assert_max_num_queries(8):
        response = client.get("/es/portafolio/?q=cuidados&group=care_workers&sort=country")
    assert response.context["result"].total == rows
    with django_assert_max_num_queries(8):
        client.get("/en/portfolio/")


@pytest.mark.parametrize("rows", [5, 500])
def test_detail_page_queries_are_bounded(client, django_assert_max_num_queries, rows):
    ministries = [MinistryFactory(country=c) for c in ("AR", "CL")]
    bulk_published(ministries, rows)
    area = AreaFactory()
    program = Program.objects.first()
    for other in Program.objects.all()[:rows]:
        other.areas.add(area)
    with django_assert_max_num_queries(7):
        response = client.get(program.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["related"]) == 4


def test_program_page_shows_everything_and_links_the_other_language(client):
    program = published(
        results_en="57% of the beneficiaries are women.", results_es="El 57 % son mujeres."
    )
    html = client.get(program.get_absolute_url()).content.decode()
    assert "57% of the beneficiaries are women." in html
    assert 'property="og:title"' in html
    assert f'href="/es/portafolio/programas/{program.pk}/" hreflang="es"' in html


def test_draft_program_page_is_a_404_for_the_public(client):
    program = ProgramFactory(state=State.DRAFT)
    assert client.get(program.get_absolute_url()).status_code == 404


def test_related_programs_share_the_most_areas_first_and_are_published(client):
    care, seals = AreaFactory(), AreaFactory()
    program = published(title_en="The program")
    program.areas.add(care, seals)
    both = published(title_en="Shares both")
    both.areas.add(care, seals)
    one = published(title_en="Shares one, newer")
    one.areas.add(care)
    published(title_en="Shares none")
    draft = ProgramFactory(title_en="A draft sharing both", state=State.DRAFT)
    draft.areas.add(care, seals)
    response = client.get(program.get_absolute_url())
    assert [p.title_en for p in response.context["related"]] == ["Shares both", "Shares one, newer"]
