"""Searches that match more programs than PORTFOLIO_SEARCH_EXACT_LIMIT read a random sample.

The sample keys are set evenly here (highest ids first) so that every figure is exact and the
sample (the highest ids) differs from the newest programs (the lowest ids)."""

import pytest
from django.db import connection

from portfolio.models import SAMPLE_KEY_SPACE, Program
from tests.factories import AreaFactory, MinistryFactory
from tests.portfolio.factories import bulk_published, published

pytestmark = pytest.mark.django_db

ROWS = 100
LIMIT = 20


@pytest.fixture
def large(settings):
    settings.PORTFOLIO_SEARCH_EXACT_LIMIT = LIMIT
    ministries = [MinistryFactory(country=c) for c in ("AR", "CL", "CR", "MX", "CO")]
    bulk_published(ministries, ROWS)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE portfolio_program p
            SET sample_key = (%(rows)s - n.rank) * (%(space)s / %(rows)s),
                published_at = now() - n.rank * interval '1 minute'
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM portfolio_program) n
            WHERE n.id = p.id
            """,
            {"rows": ROWS, "space": SAMPLE_KEY_SPACE},
        )
    ids = list(Program.objects.order_by("pk").values_list("pk", flat=True))
    return {"newest": ids[:LIMIT], "sample": ids[-LIMIT:]}


def _ids(response):
    return [p.pk for p in response.context["result"].page.object_list]


def test_a_broad_search_estimates_its_total_and_facets_from_the_sample(client, large):
    response = client.get("/en/portfolio/?q=care")
    result = response.context["result"]
    assert (result.exact, result.total, result.sample_size) == (False, ROWS, LIMIT)
    # Each of the five countries has a fifth of the programs, and of the sample.
    assert result.facets["country"] == dict.fromkeys(("AR", "CL", "CR", "MX", "CO"), 20)
    html = response.content.decode()
    assert "About 100 programs" in html
    assert "(≈ 20)" in html
    assert "random sample of 20" in html


def test_the_estimate_is_explained_in_spanish(client, large):
    html = client.get("/es/portafolio/?q=cuidados").content.decode()
    assert "Unos 100 programas" in html
    assert "muestra aleatoria de 20" in html


def test_relevance_orders_the_sample(client, large):
    response = client.get("/en/portfolio/?q=care")
    assert sorted(_ids(response)) == large["sample"]


def test_newest_first_stays_exact_beyond_the_sample(client, large):
    response = client.get("/en/portfolio/?q=care&sort=newest")
    assert _ids(response) == large["newest"]
    assert response.context["result"].exact is False


def test_filters_are_applied_before_sampling(client, large):
    area = AreaFactory(slug="care-work")
    for program in Program.objects.filter(ministry__country="AR"):
        program.areas.add(area)
    result = client.get("/en/portfolio/?q=care&area=care-work&country=AR").context["result"]
    # 20 matches: no more than the limit, so everything is exact again.
    assert (result.exact, result.total) == (True, 20)
    assert result.facets["area"] == {str(area.pk): 20}


def test_a_sampled_search_still_costs_a_bounded_number_of_queries(
    client, large, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get("/es/portafolio/?q=cuidados&country=AR&country=CL&group=care_workers")
    with django_assert_max_num_queries(10):
        client.get("/es/portafolio/?sort=country")


def test_area_ids_follow_the_areas_whatever_writes_them():
    first, second = AreaFactory(), AreaFactory()
    program = published()
    program.areas.add(first, second)
    assert Program.objects.get(pk=program.pk).area_ids == sorted([first.pk, second.pk])
    stale = Program.objects.get(pk=program.pk)
    program.areas.remove(first)
    stale.title_en = "Edited elsewhere"
    stale.save()  # still holds both ids in memory
    assert Program.objects.get(pk=program.pk).area_ids == [second.pk]
    program.areas.clear()
    assert Program.objects.get(pk=program.pk).area_ids == []


def test_every_program_gets_its_own_sample_key():
    programs = [published() for _ in range(5)]
    keys = {p.sample_key for p in programs}
    assert len(keys) == 5
    assert all(0 <= key < SAMPLE_KEY_SPACE for key in keys)


@pytest.mark.parametrize("estimate", [0, 5, 150, 10_000])
def test_whatever_the_planner_estimates_the_figures_hold(client, large, monkeypatch, estimate):
    monkeypatch.setattr("portfolio.search.planner_estimate", lambda qs: estimate)
    result = client.get("/en/portfolio/?q=care").context["result"]
    assert not result.exact and result.sample_size <= LIMIT
    assert result.total == pytest.approx(ROWS, rel=0.35)
    # A narrow search, over-estimated, is still exact: its 20 matches all fit.
    narrow = client.get("/en/portfolio/?q=care&country=AR").context["result"]
    assert (narrow.exact, narrow.total) == (True, 20)


def test_a_country_without_a_ministry_finds_nothing_rather_than_failing(client, large):
    response = client.get("/en/portfolio/?q=care&country=BS")
    assert response.status_code == 200
    assert response.context["result"].total == 0
    assert client.get("/es/portafolio/?country=BS").status_code == 200
