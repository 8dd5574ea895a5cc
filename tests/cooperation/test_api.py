"""Bilateral cooperation in the open read API, on the country pages and in the glance."""

import json

import pytest

from cooperation.models import Result
from tests.factories import (
    CallFactory,
    CooperationRequestFactory,
    MinistryFactory,
    selected_project,
)


@pytest.fixture
def projects(open_call, colombia, uruguay):
    project = selected_project(
        call=open_call, requesting_ministry=colombia, providing_ministry=uruguay,
        title_en="Formalization of Paid Domestic Work",
        title_es="Formalización del Trabajo Doméstico Remunerado",
    )  # fmt: skip
    Result.objects.create(request=project, kind="other", title_en="A manual on formalization",
                          title_es="Un manual de formalización")  # fmt: skip
    Result.objects.create(request=project, kind="other", title_en="Not yet in Spanish",
                          title_es="")  # fmt: skip
    draft = CooperationRequestFactory(
        call=CallFactory(), requesting_ministry=uruguay, providing_ministry=colombia,
        title_en="A request still in draft", title_es="Una solicitud en borrador",
    )  # fmt: skip
    return {"project": project, "draft": draft}


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def test_selected_projects_with_both_countries_and_public_results(client, projects):
    body = _get(client, "/api/v1/cooperation-projects/")
    assert [r["id"] for r in body["results"]] == [projects["project"].pk]
    record = body["results"][0]
    assert (record["requesting_country"], record["providing_country"]) == ("CO", "UY")
    assert record["call"] == {"number": 16, "year": 2023}
    assert record["results"] == [{
        "kind": {"code": "other", "label": {"en": "Another result", "es": "Otro resultado"}},
        "title": {"en": "A manual on formalization", "es": "Un manual de formalización"},
        "description": {"en": "", "es": ""}, "url": "", "program": None,
    }]  # fmt: skip
    assert client.get(f"/api/v1/cooperation-projects/{projects['draft'].pk}/").status_code == 404


def test_filters_by_country_and_call(client, projects):
    for query, found in (("country=UY", 1), ("country=CO", 1), ("country=MX", 0),
                         ("call=16", 1), ("call=15", 0)):  # fmt: skip
        assert len(_get(client, f"/api/v1/cooperation-projects/?{query}")["results"]) == found
    assert client.get("/api/v1/cooperation-projects/?country=XX").status_code == 400


def test_the_country_page_shows_cooperation_as_both_parties(client, projects):
    colombia = client.get("/es/paises/co/").content.decode()
    assert "Como ministerio solicitante" in colombia and "1 resultado" in colombia
    uruguay = client.get("/en/countries/uy/").content.decode()
    assert "As providing ministry" in uruguay and "for Colombia" in uruguay
    assert "A request still in draft" not in uruguay and "1 result" in uruguay


def test_the_glance_counts_both_parties_by_the_calls_year(client, projects):
    MinistryFactory(country="MX")
    body = _get(client, "/api/v1/countries/?page_size=100")
    counts = {r["code"]: r["participation"]["cooperation"] for r in body["results"]}
    assert counts == {"CO": 1, "MX": 0, "UY": 1}
    page = client.get("/en/countries/?year=2023").content.decode()
    assert "2 / 3" in page


@pytest.mark.parametrize("extra", [0, 6])
def test_list_query_count(client, projects, open_call, colombia, uruguay, extra,
                          django_assert_num_queries):  # fmt: skip
    for _n in range(extra):
        selected_project(call=CallFactory(), requesting_ministry=colombia,
                         providing_ministry=uruguay)  # fmt: skip
    with django_assert_num_queries(2):  # the page, its results
        client.get("/api/v1/cooperation-projects/?page_size=100")
