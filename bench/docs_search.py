"""Benchmark of the documentation center (run by hand: `make bench-docs`).

Fills a separate database (rialgender_docs_bench, in the project-local PostgreSQL) with N
synthetic published resources, each with one file of P pages of text (N x P pages, generated
inside PostgreSQL by docs_center/synthetic.py), then measures in the same run:

1. Extraction: a sample of the files is written as real PDFs (fpdf2, the pages' own text);
   `pdftotext` (poppler-utils) reads them one after the other, and the real Celery task
   reads the same files through a real worker (one process, solo pool: one core, like
   pdftotext); the two take turns in rounds of ten files. extract_ratio = the task's pages
   per second / pdftotext's.
2. Search: for 14 searches in both languages (broad and narrow, phrases, facets), the page
   through Django (in this process, prepared as rialgender/wsgi.py prepares gunicorn's),
   its own SQL replayed bare through psycopg, and a naive ORM search (every match found
   with `icontains` over the metadata and the pages' text, facets counted from them, a
   passage per result by another `icontains`).
   overhead = p95 page / p95 bare; ratio = p95 page / p95 naive.
3. OAI-PMH: a full ListRecords harvest of every record by oaipmh-scythe against the portal
   served by gunicorn, against serialising the same records to oai_dc in a bare loop
   (psycopg and string formatting), three times each, taking turns. The records are first
   written and kept as the worker keeps them after a harvest that found them missing
   (docs_center.oai: compiled records); the harvests read them, as a production server's
   do until a record changes.
   oai_ratio = median harvest seconds / median bare seconds. The answers of the first harvest
   are also served by a bare WSGI app under gunicorn from memory (bench/oai_replay_app.py)
   and harvested from it: the least oai_ratio any HTTP server could have on this machine;
   and they are harvested again with no HTTP at all: the harvester's own work.

The last line is
  overhead=<x> ratio=<y> pages=<n> extract_ratio=<e> oai_ratio=<o>

    .venv/bin/python bench/docs_search.py [--resources 20000] [--pages 10] [--sample 100]
        [--repeat 7] [--keep] [--db NAME]
"""

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rialgender.settings.dev")
os.environ["DEBUG"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")

SEARCHES = [
    ("en", "q=domestic+workers"),
    ("es", "q=trabajadoras+domesticas"),
    ("en", 'q="labor+inspection"'),
    ("es", 'q="inspeccion+con+enfoque+de+genero"'),
    ("en", "q=care&type=guide"),
    ("es", "q=cuidados&year=2020"),
    ("en", "q=violence+-harassment"),
    ("es", "q=brecha+salarial&country=AR"),
    ("en", "q=telework&language=en"),
    ("es", "q=corresponsabilidad&area=care-work"),
    ("en", ""),
    ("es", "type=training&open=1"),
    ("en", "q=statistics&sort=newest"),
    ("es", "q=sello+equidad&sort=year"),
]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))]


def prepare(resources: int, pages: int, keep: bool, media: Path):
    import django

    from bench.common import start_services_and_database

    start_services_and_database(os.environ["DB_NAME"])
    os.environ["MEDIA_ROOT"] = str(media)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from docs_center.models import FilePage, Resource

    if (
        keep
        and Resource.objects.count() == resources
        and FilePage.objects.count() == resources * pages
    ):
        print(f"reusing {resources:,} resources, {resources * pages:,} pages")
        return
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE docs_center_resource, docs_center_deletedresource CASCADE")
    call_command(
        "load_demo_data", verbosity=0, force=True
    )  # areas and ministries; its own database
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE docs_center_resource, docs_center_deletedresource CASCADE")
    from docs_center.synthetic import generate

    started = time.perf_counter()
    print(f"filling {resources:,} resources x {pages} pages...")
    generate(resources, pages, stdout=sys.stdout)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE docs_center_resource")
        cursor.execute("VACUUM ANALYZE docs_center_filepage")
    print(f"filled in {time.perf_counter() - started:.0f} s")


# -- 1. extraction --------------------------------------------------------------------------

ROUND_FILES = 10


def extraction(sample: int, media: Path) -> float:
    from django.db import connection

    from bench.common import bare_connection
    from docs_center.models import FilePage, ResourceFile
    from docs_center.pdfs import make_pdf

    files = list(ResourceFile.objects.order_by("pk")[:sample])
    paths = []
    for resource_file in files:
        texts = list(
            FilePage.objects.filter(file=resource_file)
            .order_by("number")
            .values_list("text", flat=True)
        )
        path = media / resource_file.file.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make_pdf(f"Resource {resource_file.resource_id}", texts))
        paths.append(path)
    total_pages = sum(f.page_count for f in files)
    print(
        f"\nextraction: {len(files)} PDFs, {total_pages:,} pages, in rounds of {ROUND_FILES} files"
    )

    ids = [f.pk for f in files]
    ResourceFile.objects.filter(pk__in=ids).update(extracted_at=None, text_status="pending")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "rialgender", "worker", "--pool=solo",
         "--without-mingle", "--without-gossip", "--without-heartbeat", "--loglevel=WARNING",
         "-Q", "docs-bench"],
        cwd=ROOT, env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        from celery import current_app

        from docs_center.tasks import task_extract_text

        _wait_for_worker(current_app, "docs-bench")
        connection.close()

        def by_pdftotext(chunk):
            for _pk, path in chunk:
                subprocess.run(
                    ["pdftotext", "-q", str(path), "-"], check=True, stdout=subprocess.DEVNULL
                )

        # The end of a round is seen by polling every 2 ms through a bare connection (an ORM
        # query every 10 ms made each round of ten files look up to 10 ms longer than it was).
        poll = bare_connection()
        pending = (
            "SELECT EXISTS (SELECT FROM docs_center_resourcefile WHERE id = ANY(%s) "
            "AND extracted_at IS NULL)"
        )

        def by_task(chunk):
            chunk_ids = [pk for pk, _path in chunk]
            for pk in chunk_ids:
                task_extract_text.apply_async(kwargs={"file_id": pk}, queue="docs-bench")
            while poll.execute(pending, [chunk_ids]).fetchone()[0]:
                time.sleep(0.002)

        # pdftotext and the task take turns on the same files in short rounds (which goes
        # first alternates), so that the shared machine's changing load weighs on both alike.
        spent = {by_pdftotext: 0.0, by_task: 0.0}
        pairs = list(zip(ids, paths, strict=True))
        for number, start in enumerate(range(0, len(pairs), ROUND_FILES)):
            chunk = pairs[start : start + ROUND_FILES]
            order = (by_pdftotext, by_task) if number % 2 == 0 else (by_task, by_pdftotext)
            for way in order:
                started = time.perf_counter()
                way(chunk)
                spent[way] += time.perf_counter() - started
        poppler = total_pages / spent[by_pdftotext]
        ours = total_pages / spent[by_task]
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)
    failed = ResourceFile.objects.filter(pk__in=ids).exclude(text_status="extracted").count()
    print(
        f"pdftotext {poppler:8.0f} pages/s   Celery task {ours:8.0f} pages/s   ({failed} not extracted)"
    )
    return ours / poppler


def _wait_for_worker(app, queue):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        replies = app.control.inspect(timeout=1).active_queues() or {}
        if any(q["name"] == queue for queues in replies.values() for q in queues):
            return
        time.sleep(0.5)
    raise SystemExit("the Celery worker did not start")


# -- 2. search ------------------------------------------------------------------------------


def naive(language: str, query: str):
    """A plain Django search: icontains over metadata and pages, every match read."""
    from django.db.models import Q
    from django.http import QueryDict
    from django.utils import translation

    from docs_center.models import FilePage
    from docs_center.search import SearchParams, _filtered

    with translation.override(language):
        params = SearchParams.from_querydict(QueryDict(query))
        qs = _filtered(params)
        words = [w.strip('"') for w in params.q.split() if not w.startswith("-")]
        for word in words:
            in_pages = FilePage.objects.filter(text__icontains=word).values("resource_id")
            qs = qs.filter(
                Q(title_en__icontains=word) | Q(title_es__icontains=word)
                | Q(abstract_en__icontains=word) | Q(abstract_es__icontains=word)
                | Q(pk__in=in_pages)
            )  # fmt: skip
        rows = list(qs.order_by("-published_at").defer("search_document"))
        counts = {}
        for row in rows:
            for key in (
                row.resource_type,
                row.year,
                *row.countries,
                *row.area_ids,
                *row.document_languages,
            ):
                counts[key] = counts.get(key, 0) + 1
        passages = []
        for row in rows[:20]:
            if words:
                passages.append(
                    FilePage.objects.filter(resource_id=row.pk, text__icontains=words[0]).first()
                )
        return rows[:20], counts, passages


def search(repeat: int):
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from bench.common import bare_connection
    from docs_center.search import SearchParams, search_resources

    client = Client()
    paths = {"en": "/en/documents/", "es": "/es/documentos/"}
    # The pages are served by this process prepared as gunicorn's are (rialgender/wsgi.py
    # sets what start-up loaded aside from the garbage collector).
    import rialgender.wsgi  # noqa: F401

    page_times, bare_times, naive_times, rows = [], [], [], []
    bare = bare_connection()
    for language, query in SEARCHES:
        url = f"{paths[language]}?{query}"
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        with translation.override(language):
            total = search_resources(SearchParams.from_querydict(QueryDict(query))).total
        statements = [q["sql"] for q in captured.captured_queries]
        p_t, b_t, n_t = [], [], []
        for _ in range(repeat):
            t = time.perf_counter()
            response = client.get(url)
            p_t.append(time.perf_counter() - t)
            assert response.status_code == 200, (url, response.status_code)
            t = time.perf_counter()
            with bare.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql.replace("%", "%%"))
                    if cursor.description:
                        cursor.fetchall()
            b_t.append(time.perf_counter() - t)
        for _ in range(max(2, repeat // 3)):
            t = time.perf_counter()
            naive(language, query)
            n_t.append(time.perf_counter() - t)
        page_times += p_t
        bare_times += b_t
        naive_times += n_t
        rows.append((language, query or "(everything)", len(statements), total,
                     statistics.median(p_t), statistics.median(b_t), statistics.median(n_t)))  # fmt: skip
    print(
        f"\n{'lang':4} {'search':40} {'queries':>7} {'found':>7} {'page ms':>8} {'bare ms':>8} {'naive ms':>9}"
    )
    for language, query, n, total, p, b, nv in rows:
        print(
            f"{language:4} {query[:40]:40} {n:7d} {total:7d} {p * 1000:8.1f} {b * 1000:8.1f} {nv * 1000:9.1f}"
        )
    for name, values in (("page", page_times), ("bare", bare_times), ("naive", naive_times)):
        print(
            f"{name:6} median {statistics.median(values) * 1000:8.1f} ms   p95 {percentile(values, 95) * 1000:8.1f} ms   ({len(values)} runs)"
        )
    p95 = percentile(page_times, 95)
    return p95 / percentile(bare_times, 95), p95 / percentile(naive_times, 95)


# -- 3. OAI-PMH -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oai() -> float:
    from django.conf import settings
    from django.db import connection
    from oaipmh_scythe import HTTPConfig, Scythe

    from docs_center import oai as portal_oai
    from docs_center.models import Resource

    # What the worker does after a harvest found records missing (docs_center.oai): the
    # records written and kept, a page (a task) at a time.
    ids = list(Resource.objects.in_oai().order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    kept = sum(portal_oai.compile_records(ids[i : i + 500]) for i in range(0, len(ids), 500))
    print(f"\nOAI-PMH: {kept:,} records written and kept in {time.perf_counter() - started:.2f} s")
    # As autovacuum does after such an insert, before the harvests rather than during them
    # (it started in the middle of them, on the machine's other core): the tables filled
    # by prepare() are vacuumed the same way.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE docs_center_compiledrecord")

    server, port = _gunicorn("rialgender.wsgi")
    recorded = Path(tempfile.mkdtemp(prefix="docs-bench-oai-"))
    replay_server = None
    try:
        base = f"http://127.0.0.1:{port}/oai"
        with Scythe(base, http_config=HTTPConfig(timeout=300)) as scythe:  # warm up
            next(iter(scythe.list_identifiers(metadata_prefix="oai_dc")))
        # The harvest, the bare loop and the harvest of a server doing no work take turns
        # (which goes first alternates), so that the shared machine's changing load weighs on
        # all alike; the medians are compared.
        harvests, bares, waits, alone, answers = [], [], [], [], []
        served, served_waits = [], []
        for number in range(OAI_ROUNDS):
            ways = (
                ("harvest", "bare", "served") if number % 2 == 0 else ("served", "bare", "harvest")
            )
            for way in ways:
                if way == "bare":
                    started = time.perf_counter()
                    bare = _bare_oai(connection, settings)
                    bares.append(time.perf_counter() - started)
                elif way == "harvest":
                    first = not answers  # its answers are kept, to be harvested again
                    (harvested, seconds), waited = _harvest(
                        Scythe, base, answers=answers if first else None
                    )
                    harvests.append(seconds)
                    waits.append(waited)
                else:
                    # The same answers from a server that does no work: bytes in memory.
                    if replay_server is None:
                        for index, response in enumerate(answers):
                            (recorded / f"{index:04d}.xml").write_bytes(response.content)
                        replay_server, replay_port = _gunicorn(
                            "bench.oai_replay_app:app", BENCH_OAI_ANSWERS=str(recorded)
                        )
                    (got, seconds), waited = _harvest(Scythe, f"http://127.0.0.1:{replay_port}/oai")
                    assert got == harvested, (got, harvested)
                    served.append(seconds)
                    served_waits.append(waited)
            # The harvester's own part: the same answers, harvested again from memory.
            (replayed, seconds), _waited = _harvest(Scythe, answers)
            assert replayed == harvested, (replayed, harvested)
            alone.append(seconds)
    finally:
        for process in (server, replay_server):
            if process is not None:
                process.send_signal(signal.SIGTERM)
                process.wait(30)
        shutil.rmtree(recorded, ignore_errors=True)
    harvest, bare_seconds = statistics.median(harvests), statistics.median(bares)
    own = statistics.median(alone)
    fastest = statistics.median(served)
    print(
        f"OAI-PMH: harvested {harvested:,} records in {harvest:.2f} s (median of"
        f" {', '.join(f'{t:.2f}' for t in harvests)}; of which waiting for the server's"
        f" answers {statistics.median(waits):.2f} s, the harvester's own work the rest);"
        f" bare serialisation of {bare:,} records {bare_seconds:.2f} s (median of"
        f" {', '.join(f'{t:.2f}' for t in bares)})\n"
        f"OAI-PMH: the same {len(answers)} answers served by a bare WSGI app from memory"
        f" (bench/oai_replay_app.py, gunicorn): harvested in {fastest:.2f} s (median of"
        f" {', '.join(f'{t:.2f}' for t in served)}; waiting {statistics.median(served_waits):.2f} s)"
        f" = {fastest / bare_seconds:.2f} x bare: the least oai_ratio any HTTP server could have\n"
        f"OAI-PMH: the harvester alone, given the same answers with no HTTP,"
        f" {own:.2f} s (median of {', '.join(f'{t:.2f}' for t in alone)}) ="
        f" {own / bare_seconds:.2f} x bare"
    )
    return harvest / bare_seconds


OAI_ROUNDS = 3


def _gunicorn(app: str, **env) -> tuple[subprocess.Popen, int]:
    """gunicorn serving `app` with one worker on a free port, once it accepts connections."""
    port = _free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), app, "-b", f"127.0.0.1:{port}", "-w", "1",
         "--log-level", "warning"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "rialgender.settings.dev", **env},
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"gunicorn did not start serving {app}")


def _harvest(scythe_class, base, answers=None) -> tuple[tuple[int, float], float]:
    """A full ListRecords harvest: ((records, seconds), seconds spent waiting for answers).
    The answers are appended to `answers` when it is given; a list of answers already
    received is given instead of a base address to harvest them again with no server."""
    from oaipmh_scythe import HTTPConfig

    waited = 0.0
    started = time.perf_counter()
    harvested = 0
    replaying = isinstance(base, list)
    replay = iter(base) if replaying else None
    with scythe_class(
        "http://127.0.0.1/oai" if replaying else base, http_config=HTTPConfig(timeout=300)
    ) as scythe:
        request = scythe._request

        def timed(query):
            nonlocal waited
            asked = time.perf_counter()
            try:
                if replaying:
                    return next(replay)
                response = request(query)
                if answers is not None:
                    answers.append(response)
                return response
            finally:
                waited += time.perf_counter() - asked

        scythe._request = timed
        for record in scythe.list_records(metadata_prefix="oai_dc"):
            harvested += 1
            record.metadata  # noqa: B018 - a harvester reads the metadata
    return (harvested, time.perf_counter() - started), waited


def _bare_oai(connection, settings) -> int:
    """The same records, with the same oai_dc serialiser, read once with psycopg and written
    in one loop: no HTTP, no pages of records, no ORM, no harvester."""
    from bench.common import bare_connection
    from docs_center import dublin_core, oai
    from rialgender.models import AreaOfAction

    areas = {a.pk: a for a in AreaOfAction.objects.all()}
    describer = dublin_core.Describer(areas.values())
    columns = ", ".join("id" if name == "pk" else name for name in dublin_core.FIELDS)
    with bare_connection(autocommit=False) as conn:
        files = {}
        for pk, resource_id, name, content_type in conn.execute(
            "SELECT id, resource_id, file, content_type FROM docs_center_resourcefile ORDER BY id"
        ):
            files.setdefault(resource_id, []).append((pk, name, content_type))
        out = []
        for row in conn.execute(
            f"SELECT {columns}, updated_at, state = 'published' FROM docs_center_resource "
            "WHERE published_at IS NOT NULL ORDER BY id"
        ):
            values = dict(zip(dublin_core.FIELDS, row, strict=False))
            record = dublin_core.Record(values, files.get(values["pk"], []))
            header = oai._header(
                values["pk"], row[-2], row[-1], values["resource_type"], values["area_ids"], areas
            )
            out.append(f"<record>{header}{oai._dc(record, describer)}</record>")
        "".join(out)
    return len(out)


def main():
    import logging

    for name in ("httpx", "httpx2"):  # one line per harvested page
        logging.getLogger(name).setLevel(logging.WARNING)
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--resources", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument(
        "--sample", type=int, default=100, help="files read by pdftotext and by the task"
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--keep", action="store_true", help="reuse the bench database if it has that size"
    )
    parser.add_argument("--db", default="rialgender_docs_bench")
    args = parser.parse_args()
    if not shutil.which("pdftotext"):
        raise SystemExit("pdftotext is missing: apt-get install -y poppler-utils")
    os.environ["DB_NAME"] = args.db
    media = Path(tempfile.mkdtemp(prefix="docs-bench-media-"))
    try:
        prepare(args.resources, args.pages, args.keep, media)
        extract_ratio = extraction(min(args.sample, args.resources), media)
        overhead, ratio = search(args.repeat)
        oai_ratio = oai()
    finally:
        shutil.rmtree(media, ignore_errors=True)
    pages = args.resources * args.pages
    print(
        f"overhead={overhead:.2f} ratio={ratio:.2f} pages={pages} "
        f"extract_ratio={extract_ratio:.2f} oai_ratio={oai_ratio:.2f}"
    )


if __name__ == "__main__":
    main()
