"""Benchmark of the public portfolio search (run by hand: `make bench-portfolio`).

Fills a separate database (rialgender_bench, in the project-local PostgreSQL) with N
synthetic published programs, then, for a fixed mix of searches in both languages, broad and
narrow, each with its facet counts, measures in the same run:

  page   the portal's search page through Django (URL routing, view, SQL, template)
  bare   the SQL statements that page ran, replayed bare through psycopg
  naive  the way a plain Django site would do it: rank every match with the ORM and read the
         page, then one COUNT query per facet value

and prints medians and p95s; the last line is
  overhead=<p95 page / p95 bare SQL> ratio=<p95 page / p95 naive> rows=<N>

    .venv/bin/python bench/portfolio_search.py [--rows 100000] [--repeat 7] [--keep] [--db NAME]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rialgender.settings.dev")
os.environ["DEBUG"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

SEARCHES = [
    ("en", "q=domestic+workers"),
    ("es", "q=trabajadoras+domesticas"),
    ("en", "q=care"),
    ("es", "q=cuidados"),
    ("en", "q=violence+-harassment"),
    ("es", 'q="brecha+salarial"'),
    ("en", "q=inspection&country=AR"),
    ("es", "q=mujeres&group=rural_women"),
    ("en", "q=training&type=training&evaluated=yes"),
    ("es", "q=teletrabajo&status=ongoing&sort=newest"),
    ("en", ""),
    ("es", "country=CL&country=CR&sort=country"),
    ("en", "group=migrant_women&from=2015&to=2020"),
    ("es", "q=sello+equidad&area=equity-seals"),
]


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def prepare(rows: int, keep: bool):
    import django

    from bench.common import start_services_and_database

    start_services_and_database(os.environ["DB_NAME"])
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        pass
    call_command("migrate", verbosity=0)
    from portfolio.models import Program

    if keep and Program.objects.count() == rows:
        print(f"reusing {rows:,} programs")
        vacuum_analyze()  # as autovacuum would have, after a migration rewrote the rows
        return
    Program.objects.all().delete()
    call_command("load_demo_data", verbosity=0, force=True)  # its own database
    from django.db import connection as conn

    with conn.cursor() as cursor:
        cursor.execute("TRUNCATE portfolio_program CASCADE")
    from portfolio.synthetic import generate

    started = time.perf_counter()
    print(f"filling {rows:,} synthetic programs...")
    generate(rows, stdout=sys.stdout)
    vacuum_analyze()
    print(f"filled in {time.perf_counter() - started:.0f} s")


def vacuum_analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE portfolio_program")
        cursor.execute("VACUUM ANALYZE portfolio_program_areas")


def naive(language: str, query: str):
    """What a plain Django site would do: rank every match, then COUNT per facet value."""
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db.models import F, Q
    from django.http import QueryDict
    from django.utils import translation

    from portfolio.models import InterventionType, PopulationGroup
    from portfolio.search import SearchParams, _filtered
    from rialgender.countries import NETWORK_COUNTRIES
    from rialgender.models import AreaOfAction
    from rialgender.search import CONFIGS

    with translation.override(language):
        params = SearchParams.from_querydict(QueryDict(query))
        qs = _filtered(params)
        if params.q:
            q_en = SearchQuery(params.q, config=CONFIGS["en"], search_type="websearch")
            q_es = SearchQuery(params.q, config=CONFIGS["es"], search_type="websearch")
            qs = qs.filter(Q(search_en=q_en) | Q(search_es=q_es)).annotate(
                rank=SearchRank(F("search_en"), q_en) + SearchRank(F("search_es"), q_es)
            )
            ranked = list(qs.order_by("-rank").select_related("ministry"))  # every match
        else:
            ranked = list(qs.order_by("-published_at").select_related("ministry"))
        page = ranked[:20]
        counts = {"total": len(ranked)}
        for code in NETWORK_COUNTRIES:
            counts[code] = qs.filter(ministry__country=code).count()
        for area in AreaOfAction.objects.all():
            counts[area.slug] = qs.filter(areas=area).count()
        for group in PopulationGroup.values:
            counts[group] = qs.filter(population_groups__contains=[group]).count()
        for kind in InterventionType.values:
            counts[kind] = qs.filter(intervention_type=kind).count()
        counts["evaluated"] = qs.exclude(evaluation_type="none").count()
        counts["ongoing"] = qs.filter(end_year__isnull=True).count()
        return page, counts


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--naive-repeat", type=int, default=None,
        help="runs of the naive baseline per search (default: half of --repeat, at least 3; "
        "0 skips it and prints ratio=n/a)",
    )  # fmt: skip
    parser.add_argument(
        "--keep", action="store_true", help="reuse the bench database if it has --rows programs"
    )
    parser.add_argument(
        "--db", default="rialgender_bench",
        help="database to fill (one per size lets 100,000 and 1,000,000 rows be kept side by side)",
    )  # fmt: skip
    args = parser.parse_args()
    os.environ["DB_NAME"] = args.db
    prepare(args.rows, args.keep)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.common import bare_connection

    client = Client()
    paths = {"en": "/en/portfolio/", "es": "/es/portafolio/"}
    page_times, bare_times, naive_times = [], [], []
    per_search = []
    bare_conn = bare_connection()
    for language, query in SEARCHES:
        url = f"{paths[language]}?{query}"
        client.get(url)  # warm caches and connections
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        statements = [q["sql"] for q in captured.captured_queries]
        p_t, b_t, n_t = [], [], []
        for _ in range(args.repeat):
            t = time.perf_counter()
            response = client.get(url)
            p_t.append(time.perf_counter() - t)
            assert response.status_code == 200, (url, response.status_code)
            t = time.perf_counter()
            with bare_conn.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql.replace("%", "%%") if "%" in sql else sql)
                    if cursor.description:
                        cursor.fetchall()
            b_t.append(time.perf_counter() - t)
        naive_runs = max(3, args.repeat // 2) if args.naive_repeat is None else args.naive_repeat
        for _ in range(naive_runs):
            t = time.perf_counter()
            naive(language, query)
            n_t.append(time.perf_counter() - t)
        page_times += p_t
        bare_times += b_t
        naive_times += n_t
        per_search.append(
            (
                language,
                query or "(everything)",
                len(statements),
                statistics.median(p_t),
                statistics.median(b_t),
                statistics.median(n_t) if n_t else float("nan"),
            )
        )

    print(
        f"\n{'lang':4} {'search':42} {'queries':>7} {'page ms':>9} {'bare ms':>9} {'naive ms':>9}"
    )
    for language, query, n, p, b, nv in per_search:
        print(
            f"{language:4} {query[:42]:42} {n:7d} {p * 1000:9.1f} {b * 1000:9.1f} {nv * 1000:9.1f}"
        )
    for name, values in (("page", page_times), ("bare", bare_times), ("naive", naive_times)):
        if not values:
            continue
        print(
            f"{name:6} median {statistics.median(values) * 1000:8.1f} ms   p95 {percentile(values, 95) * 1000:8.1f} ms   ({len(values)} runs)"
        )
    p95_page, p95_bare = percentile(page_times, 95), percentile(bare_times, 95)
    ratio = f"{p95_page / percentile(naive_times, 95):.2f}" if naive_times else "n/a"
    print(f"overhead={p95_page / p95_bare:.2f} ratio={ratio} rows={args.rows}")


if __name__ == "__main__":
    main()
