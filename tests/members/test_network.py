"""The public country pages, the network at a glance with its yearly exports, and the
countries in the API."""

import csv
import io
import json

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from members.models import Ministry
from tests.factories import MemberFactory, MinistryFactory
from tests.portfolio.factories import ProgramFactory, bulk_published, published


@pytest.fixture
def paraguay(db):
    ministry = MinistryFactory(
        country="PY", name_en="Ministry of Labor, Employment and Social Security",
        name_es="Ministerio de Trabajo, Empleo y Seguridad Social",
        gender_unit_en="Gender Equality Directorate", gender_unit_es="Dirección de Igualdad de Género",
    )  # fmt: skip
    published(ministry=ministry, title_en="Domestic work round table",
              title_es="Mesa de trabajo sobre trabajo doméstico")  # fmt: skip
    ProgramFactory(ministry=ministry, title_en="A draft nobody sees", title_es="Un borrador")
    MemberFactory(ministry=ministry, network_role="representative",
                  user__first_name="Perla", user__last_name="Benítez",
                  user__email="perla.benitez@example.org")  # fmt: skip
    return ministry


def test_a_visitor_opens_paraguays_page_in_spanish(client, paraguay):
    page = client.get("/es/paises/py/").content.decode()
    assert "<h1>Paraguay</h1>" in page
    assert "Ministerio de Trabajo, Empleo y Seguridad Social" in page
    assert "Dirección de Igualdad de Género" in page
    assert "Mesa de trabajo sobre trabajo doméstico" in page
    assert "Un borrador" not in page
    # Nobody is named in public; members are told where the names are.
    assert "Benítez" not in page and "perla.benitez" not in page
    assert "directorio de miembros" in page


def test_members_see_the_focal_points_and_their_contacts(client, paraguay, member):
    client.force_login(member.user)
    page = client.get("/en/countries/py/").content.decode()
    assert "Perla Benítez" in page and "perla.benitez@example.org" in page


def test_the_page_is_in_english_too(client, paraguay):
    page = client.get("/en/countries/py/").content.decode()
    assert "Domestic work round table" in page
    assert "Gender Equality Directorate" in page
    assert 'hreflang="es"' in page and "/es/paises/py/" in page


@pytest.mark.parametrize("code", ["zz", "PYY", "p", "%00", "²y", "es"])
def test_a_country_outside_the_network_does_not_exist(client, paraguay, code):
    assert client.get(f"/en/countries/{code}/").status_code == 404


def test_a_ministry_that_left_the_network_has_no_page(client, paraguay):
    Ministry.objects.filter(pk=paraguay.pk).update(is_active=False)
    from rialgender import pagecache

    pagecache.bump("network")
    assert client.get("/en/countries/py/").status_code == 404


@pytest.mark.parametrize("rows", [1, 25])
def test_country_page_query_count(client, paraguay, rows, django_assert_num_queries):
    """Ministry, committee seats, then one query for each tool's section (programs,
    dialogues and the recommendations reported, documents, cooperation): the same for 1
    and 25."""
    bulk_published([paraguay], rows)
    with django_assert_num_queries(7):
        response = client.get("/en/countries/py/")
    assert response.status_code == 200


# -- the network at a glance -----------------------------------------------------------------


@pytest.fixture
def network(paraguay):
    chile = MinistryFactory(country="CL")
    MinistryFactory(country="MX")
    for _n in range(3):
        published(ministry=chile)
    old = published(ministry=paraguay)
    old.published_at = timezone.now().replace(year=2021)
    old.save()
    return paraguay


def _table(page: str) -> list[str]:
    import re

    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', page)


def test_the_glance_lists_every_country_with_its_programs(client, network):
    page = client.get("/en/countries/").content.decode()
    assert _table(page) == ["Chile", "Mexico", "Paraguay"]
    assert "2 / 3" in page  # two of the three ministries shared programs
    assert "/en/countries/py/" in page


def test_the_table_sorts_by_links_without_javascript(client, network):
    page = client.get("/en/countries/?sort=programs&dir=desc").content.decode()
    assert _table(page) == ["Chile", "Paraguay", "Mexico"]
    assert 'aria-sort="descending"' in page
    # The same column's link now reverses the order; the country column sorts by name.
    assert "?sort=programs" in page and "?sort=country&amp;dir=desc" not in page
    page = client.get("/en/countries/?sort=country&dir=desc").content.decode()
    assert _table(page) == ["Paraguay", "Mexico", "Chile"]


@pytest.mark.parametrize("query", ["sort=%00", "year=²⁰²¹", "year=99999999999999", "dir=up",
                                   "year=1999", "sort=programs&sort=country"])  # fmt: skip
def test_odd_parameters_show_the_default_table(client, network, query):
    response = client.get(f"/en/countries/?{query}")
    assert response.status_code == 200


def test_a_year_shows_what_was_done_that_year(client, network):
    page = client.get("/en/countries/?year=2021").content.decode()
    assert "in 2021" in page
    assert "1 / 3" in page  # only Paraguay's program was published in 2021


def test_the_yearly_table_exports_to_xlsx_and_opens(client, network):
    response = client.get("/es/paises/export.xlsx?year=2021")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('2021.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [row[:3] for row in sheet.values]
    assert rows[0] == ("País", "Ministerio", "Programas compartidos")
    assert ("Paraguay", "Ministerio de Trabajo, Empleo y Seguridad Social", 1) in rows


def test_the_csv_export_neutralises_formulas(client, network):
    Ministry.objects.filter(country="MX").update(name_en='=HYPERLINK("http://x")')
    response = client.get("/en/countries/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = [row[:3] for row in csv.reader(io.StringIO(text))]
    assert ["Mexico", '\'=HYPERLINK("http://x")', "0"] in rows
    assert ["Chile", "Ministry of Labor of CL", "3"] in rows


@pytest.mark.parametrize("extra", [0, 12])
def test_glance_query_count(client, network, extra, django_assert_num_queries):
    """The ministries, then one query per figure (programs, dialogues and the dialogues held,
    recommendations reported and those published, resources, cooperation): the same for 3
    and 15 countries."""
    for code in ["AR", "BR", "CA", "CO", "CR", "UY", "PE", "TT", "DO", "EC", "SV", "GT"][:extra]:
        MinistryFactory(country=code)
    with django_assert_num_queries(8):
        client.get("/en/countries/")


# -- the countries in the API ----------------------------------------------------------------


def test_countries_in_the_api_carry_no_person(client, network):
    body = json.loads(client.get("/api/v1/countries/").content)
    codes = [record["code"] for record in body["results"]]
    assert codes == ["CL", "MX", "PY"]
    paraguay = body["results"][2]
    assert paraguay["participation"]["programs"] == 2
    assert paraguay["gender_unit"]["es"] == "Dirección de Igualdad de Género"
    assert paraguay["url"]["es"].endswith("/es/paises/py/")
    assert "Benítez" not in json.dumps(body, ensure_ascii=False)
    detail = json.loads(client.get("/api/v1/countries/py/").content)
    assert detail["name"] == {"en": "Paraguay", "es": "Paraguay"}


@pytest.mark.parametrize("extra", [0, 12])
def test_countries_api_query_count(client, network, extra, django_assert_num_queries):
    """A page of countries: the committee's seats, one query per figure (programs,
    dialogues, recommendations reported, resources, cooperation), the page; the same for 3
    and 15 countries."""
    for code in ["AR", "BR", "CA", "CO", "CR", "UY", "PE", "TT", "DO", "EC", "SV", "GT"][:extra]:
        MinistryFactory(country=code)
    with django_assert_num_queries(7):
        client.get("/api/v1/countries/?page_size=100")
