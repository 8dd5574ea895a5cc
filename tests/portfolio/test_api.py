"""The portfolio in the open read API: published programs only, filtered like the public
search, paged with a cursor, answered 304 when nothing changed."""

import json
from urllib.parse import urlsplit

import pytest

from portfolio.search import SearchParams, search_queryset
from rialgender.workflow import Action, State, transition
from tests.factories import AreaFactory, MinistryFactory
from tests.portfolio.factories import ProgramFactory, bulk_published, published


def _get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.content[:300])
    return json.loads(response.content)


def _walk(client, url):
    ids, pages = [], 0
    while url:
        body = _get(client, url)
        ids += [record["id"] for record in body["results"]]
        url = body["next"] and "?".join(filter(None, urlsplit(body["next"])[2:4]))
        pages += 1
    return ids, pages


@pytest.fixture
def portfolio(ministry, other_ministry):
    care = AreaFactory(slug="care", name_en="Care", name_es="Cuidados")
    programs = []
    for n in range(5):
        program = published(
            ministry=ministry if n % 2 else other_ministry,
            title_en=f"Care program {n}", title_es=f"Programa de cuidados {n}",
            population_groups=["care_workers"] if n < 3 else ["rural_women"],
            intervention_type="training" if n == 4 else "program", start_year=2015 + n,
            end_year=None if n % 2 else 2023,
        )  # fmt: skip
        if n < 2:
            program.areas.add(care)
        programs.append(program)
    ProgramFactory(ministry=ministry, title_en="Draft about care", state=State.DRAFT)
    ProgramFactory(ministry=ministry, title_en="Submitted about care", state=State.SUBMITTED)
    return programs


def test_a_researcher_pages_through_every_program(client, portfolio):
    ids, pages = _walk(client, "/api/v1/programs/?page_size=2")
    assert pages == 3
    newest_first = sorted(portfolio, key=lambda p: (p.published_at, p.pk), reverse=True)
    assert ids == [p.pk for p in newest_first]


def test_each_record_has_both_languages_side_by_side(client, portfolio):
    record = _get(client, f"/api/v1/programs/{portfolio[1].pk}/")
    assert record["title"] == {"en": "Care program 1", "es": "Programa de cuidados 1"}
    assert record["country"]["code"] == "AR"
    assert record["country"]["name"] == {"en": "Argentina", "es": "Argentina"}
    assert record["areas"] == [{"slug": "care", "name": {"en": "Care", "es": "Cuidados"}}]
    assert record["intervention_type"]["label"] == {"en": "Program", "es": "Programa"}
    assert record["url"]["es"].endswith(f"/es/portafolio/programas/{portfolio[1].pk}/")
    assert "contact_email" not in record


def test_drafts_do_not_exist_in_the_api_even_for_their_authors(client, member, portfolio):
    draft = ProgramFactory(ministry=member.ministry, state=State.DRAFT)
    client.force_login(member.user)
    assert client.get(f"/api/v1/programs/{draft.pk}/").status_code == 404
    ids, _pages = _walk(client, "/api/v1/programs/?page_size=100")
    assert draft.pk not in ids and len(ids) == 5


@pytest.mark.parametrize(
    "query",
    [
        {"q": "care"},
        {"q": "cuidados"},
        {"country": ["AR"]},
        {"country": ["AR", "CL"]},
        {"area": ["care"]},
        {"group": ["rural_women"]},
        {"type": ["training"]},
        {"status": "ongoing"},
        {"status": "completed"},
        {"from": 2018},
        {"to": 2016},
        {"q": "program", "country": ["CL"], "status": "completed"},
    ],
)
def test_filters_find_what_the_public_search_finds(client, portfolio, query):
    from urllib.parse import urlencode

    ids, _pages = _walk(client, f"/api/v1/programs/?{urlencode(query, doseq=True)}")
    params = SearchParams(
        q=query.get("q", ""), countries=query.get("country", []), areas=query.get("area", []),
        groups=query.get("group", []), types=query.get("type", []),
        status=query.get("status", ""), year_from=query.get("from"), year_to=query.get("to"),
    )  # fmt: skip
    expected = set(search_queryset(params).values_list("pk", flat=True))
    assert expected, query
    assert set(ids) == expected


def test_304_until_a_program_changes(client, portfolio, secretariat):
    url = "/api/v1/programs/?country=AR"
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": last_modified}).status_code == 304
    transition(portfolio[1], Action.ARCHIVE, by=secretariat)
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200 and again["ETag"] != etag
    assert portfolio[1].pk not in [r["id"] for r in json.loads(again.content)["results"]]


@pytest.mark.parametrize("rows", [1, 30])
def test_list_and_detail_query_counts(client, db, rows, django_assert_num_queries):
    """The same number of queries for 1 and 30 programs, cache empty: the areas asked for
    (checked, then their ids, as the public search reads them), the page, its areas."""
    ministries = [MinistryFactory(country=c) for c in ("AR", "CL", "CR")]
    area = AreaFactory(slug="care")
    bulk_published(ministries, rows)
    for program in ministries[0].programs.all():
        program.areas.add(area)
    with django_assert_num_queries(4):
        client.get("/api/v1/programs/?page_size=100&area=care")
    program = ministries[0].programs.first()
    with django_assert_num_queries(2):
        client.get(f"/api/v1/programs/{program.pk}/")
    with django_assert_num_queries(0):  # from the cache
        client.get(f"/api/v1/programs/{program.pk}/")


def test_a_program_published_later_than_the_cursor_does_not_shift_the_pages(client, portfolio):
    body = _get(client, "/api/v1/programs/?page_size=2")
    first_page = [r["id"] for r in body["results"]]
    published(ministry=portfolio[0].ministry, title_en="Newer")
    next_url = "?".join(urlsplit(body["next"])[2:4])
    second = [r["id"] for r in _get(client, next_url)["results"]]
    assert not set(first_page) & set(second)
    assert second == [p.pk for p in sorted(portfolio, key=lambda p: (p.published_at, p.pk),
                                           reverse=True)[2:4]]  # fmt: skip
