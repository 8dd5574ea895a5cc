"""The documentation center in the open read API and on the country pages."""

import json

import pytest

from rialgender.workflow import State
from tests.factories import MinistryFactory, ResourceFactory, published_resource


@pytest.fixture
def resources(db):
    paraguay = MinistryFactory(country="PY")
    chile = MinistryFactory(country="CL")
    law = published_resource(
        ministry=None, resource_type="legislation", legislation_country="PY",
        title_en="Domestic work law", title_es="Ley de trabajo doméstico",
    )  # fmt: skip
    guide = published_resource(ministry=chile, title_en="Chilean guide", title_es="Guía chilena",
                               countries=["CL"])  # fmt: skip
    draft = ResourceFactory(ministry=paraguay, title_en="Draft guide", title_es="Borrador",
                            state=State.SUBMITTED)  # fmt: skip
    return {"law": law, "guide": guide, "draft": draft, "paraguay": paraguay}


def _ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return [record["id"] for record in json.loads(response.content)["results"]]


def test_published_resources_only_with_both_languages(client, resources):
    assert _ids(client, "/api/v1/documents/") == [resources["guide"].pk, resources["law"].pk]
    record = json.loads(client.get(f"/api/v1/documents/{resources['law'].pk}/").content)
    assert record["title"] == {"en": "Domestic work law", "es": "Ley de trabajo doméstico"}
    assert record["resource_type"]["label"]["es"] == "Legislación"
    assert record["legislation_country"] == "PY"
    assert client.get(f"/api/v1/documents/{resources['draft'].pk}/").status_code == 404


def test_filters_by_country_and_type(client, resources):
    assert _ids(client, "/api/v1/documents/?country=PY") == [resources["law"].pk]
    assert _ids(client, "/api/v1/documents/?type=guide") == [resources["guide"].pk]
    assert client.get("/api/v1/documents/?type=novel").status_code == 400


def test_the_country_page_lists_its_documents_and_legislation(client, resources):
    page = client.get("/es/paises/py/").content.decode()
    assert "Ley de trabajo doméstico" in page and "Borrador" not in page
    assert "Guía chilena" not in page


def test_the_glance_counts_the_resources_each_ministry_proposed(client, resources):
    body = json.loads(client.get("/api/v1/countries/CL/").content)
    assert body["participation"]["documents"] == 1


@pytest.mark.parametrize("rows", [1, 12])
def test_list_query_count(client, db, rows, django_assert_num_queries):
    ministry = MinistryFactory(country="AR")
    for _n in range(rows):
        published_resource(ministry=ministry)
    with django_assert_num_queries(1):
        client.get("/api/v1/documents/?page_size=100")


def test_a_changed_resource_shows_on_the_very_next_request(client, resources):
    law = resources["law"]
    urls = [f"/en/documents/resources/{law.pk}/", "/en/documents/", "/en/countries/py/",
            f"/api/v1/documents/{law.pk}/"]  # fmt: skip
    for url in urls:
        assert "Domestic work law" in client.get(url).content.decode(), url
    law.title_en = "Domestic work act"
    law.save()
    for url in urls:
        assert "Domestic work act" in client.get(url).content.decode(), url
