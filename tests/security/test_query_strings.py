"""Query parameters are parsed, never trusted: the instances the hostile walk found."""

import pytest

from tests.portfolio.factories import published

pytestmark = pytest.mark.django_db

HOSTILE = [
    "q=care%00work",
    "country=AR%00",
    "area=x%00",
    "type=law%00",
    "group=%00",
    "page=%C2%B2",  # "²": str.isdigit() says yes, int() says no
    "page=%D9%A3",  # Arabic-Indic three
    "page=99999999999999999999999999",
    "from=%C2%B2&to=%C2%B3",
    "q=%01%02%1b%7f&sort=%00",
]
URLS = [
    "/en/portfolio/",
    "/es/portafolio/",
    "/en/portfolio/export.csv",
    "/en/portfolio/export.xlsx",
    "/en/portfolio/rss/",
    "/es/portafolio/atom/",
    "/en/newsletter/",
    "/en/newsletter/news/",
    "/en/newsletter/rss/",
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("url", URLS)
def test_hostile_query_strings_never_fail(client, url, query):
    published(title_en="Care work", title_es="Trabajo de cuidados")
    response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 404)
    if response.streaming:
        b"".join(response.streaming_content)  # the whole stream, not only its first byte


def test_the_members_directory_takes_hostile_input(client, member):
    client.force_login(member.user)
    for query in HOSTILE:
        assert client.get(f"/en/members/?{query}").status_code == 200
        assert client.get(f"/en/members/communications/?{query}").status_code == 200


def test_a_csv_export_refuses_before_its_first_byte():
    """Whatever the search, the export's query runs before the response is handed back."""
    from django.test import RequestFactory

    from portfolio.views import export

    published(title_en="Care work")
    request = RequestFactory().get("/en/portfolio/export.csv", {"q": "care"})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = export(request, "csv")
    assert any("portfolio_program" in q["sql"] for q in queries.captured_queries)
    assert b"Care work" in b"".join(response.streaming_content)
