"""Load test of the read API and the anonymous public pages (run by hand: `make bench-api`).

Fills a database of its own (rialgender_bench_api) with the demo data and 100,000 synthetic
published programs (portfolio.synthetic), collects the static files, starts the portal under
gunicorn with the production settings (2 sync workers, 127.0.0.1 only) and, in the same run,
drives a closed loop of concurrent clients against three sets of addresses for a bounded time
each (the three sets take turns in short rounds):

  api       list pages of /api/v1/ (programs with and without filters, a later page by its
            cursor, countries, areas) and program records
  pages     anonymous HTML pages in English and Spanish: home, portfolio list and searches,
            program pages, country pages, the network at a glance
  baseline  a plain Django view returning a fixed JSON body (bench/api_urls.py), through the
            same middleware

Each client sends a request, reads the whole answer, and sends the next one (a new
connection each time: gunicorn's sync workers close them). Figures are requests per second
of each set, and the 95th percentile of the api and pages requests' times. An error is a
status other than 200 or a failed connection. The last line is

  api_rps=<x> pages_rps=<y> baseline_rps=<z> api_ratio=<x/z> pages_ratio=<y/z> p95_ms=<p> errors=<n>

    .venv/bin/python bench/api_load.py [--rows 100000] [--seconds 30] [--rounds 6]
                                       [--clients 16] [--workers 2] [--keep]
"""

import argparse
import asyncio
import multiprocessing
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import free_port  # noqa: E402  (after the path is set)

DB = "rialgender_bench_api"
CACHE_DB = 3


def server_environment(port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.api_settings",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_NAME": DB,
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        # Counted as in production, never reached: the load comes from one address.
        "API_RATE_LIMIT": "1000000000/minute",
        "RIALGENDER_VAR_DIR": str(ROOT / "var"),
        # A cache of its own (Redis database 3), emptied at each run: the programs are
        # written by SQL, which no page cache hears of.
        "CACHE_URL": f"unix://{ROOT / 'var/redis/redis.sock'}?db={CACHE_DB}",
    }


def prepare(rows: int, keep: bool) -> None:
    """The database, its programs, the static files; Django set up in this process to read
    the addresses to request."""
    os.environ.update(DB_NAME=DB, DJANGO_SETTINGS_MODULE="rialgender.settings.dev",
                      DEBUG="false", ALLOWED_HOSTS="127.0.0.1")  # fmt: skip
    from bench.common import start_services_and_database

    start_services_and_database(DB)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from portfolio.models import Program

    if not (keep and Program.objects.count() >= rows):
        # The demo's real programs and people, then the synthetic programs.
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE portfolio_program CASCADE")
        call_command("load_demo_data", verbosity=0, force=True)  # a database of its own
        from portfolio.synthetic import generate

        started = time.perf_counter()
        print(f"filling {rows:,} synthetic programs...", flush=True)
        generate(rows, stdout=sys.stdout)
        print(f"filled in {time.perf_counter() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE portfolio_program")
        cursor.execute("VACUUM ANALYZE portfolio_program_areas")
    print("collecting static files...", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=server_environment(0), check=True,
    )  # fmt: skip


def addresses() -> dict[str, list[str]]:
    from django.urls import reverse
    from django.utils import translation

    from members.models import Ministry
    from portfolio.models import Program
    from rialgender.models import AreaOfAction

    programs = list(Program.objects.published().order_by("-published_at").values_list("pk", flat=True)[:12])  # fmt: skip
    countries = [m.country.code for m in Ministry.objects.filter(is_active=True).order_by("country")[:8]]  # fmt: skip
    area = AreaOfAction.objects.order_by("order").first()
    api = [
        "/api/v1/programs/",
        "/api/v1/programs/?page_size=50",
        "/api/v1/programs/?q=care",
        "/api/v1/programs/?q=trabajadoras+domesticas&country=AR",
        f"/api/v1/programs/?area={area.slug}&status=ongoing",
        "/api/v1/programs/?country=PY&country=CL&type=training",
        "/api/v1/programs/?group=rural_women&from=2015&to=2020",
        "/api/v1/countries/",
        "/api/v1/countries/?page_size=50",
        "/api/v1/areas/",
        *(f"/api/v1/programs/{pk}/" for pk in programs[:6]),
        *(f"/api/v1/countries/{code}/" for code in countries[:3]),
    ]
    pages = []
    for language in ("en", "es"):
        with translation.override(language):
            listing = reverse("portfolio:program-list")
            pages += [
                reverse("home"),
                listing,
                f"{listing}?q=care" if language == "en" else f"{listing}?q=cuidados",
                f"{listing}?country=CL&sort=country",
                f"{listing}?q=violence&type=training&evaluated=yes",
                reverse("network:glance"),
                *(reverse("portfolio:program-detail", kwargs={"pk": pk}) for pk in programs[:6]),
                *(reverse("network:country-detail", kwargs={"country": c.lower()}) for c in countries[:4]),
            ]  # fmt: skip
    return {"api": api, "pages": pages, "baseline": ["/bench/baseline"]}


def start_server(port: int, workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "rialgender.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning",
         "--backlog", "2048"],
        cwd=ROOT, env=server_environment(port), start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("gunicorn exited") from None
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start in 60 s")


# -- the clients -----------------------------------------------------------------------------


async def _request(port: int, path: str) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n"
                 f"Connection: close\r\n\r\n".encode())  # fmt: skip
    await writer.drain()
    data = await reader.read()
    writer.close()
    return int(data[9:12]) if data.startswith(b"HTTP/1.") else 0


async def _loop(port, paths, offset, stop_at, times, errors):
    i = offset
    while time.monotonic() < stop_at:
        path = paths[i % len(paths)]
        i += 1
        started = time.perf_counter()
        try:
            status = await _request(port, path)
        except OSError:
            status = 0
        times.append(time.perf_counter() - started)
        if status != 200:
            errors.append(f"{status} {path}")


def _client_process(port, paths, clients, offset, seconds, queue):
    async def run():
        times, errors = [], []
        stop_at = time.monotonic() + seconds
        await asyncio.gather(*(_loop(port, paths, offset + n * 7, stop_at, times, errors)
                               for n in range(clients)))  # fmt: skip
        return times, errors

    queue.put(asyncio.run(run()))


def drive(port: int, paths: list[str], *, clients: int, seconds: float, processes: int = 2):
    """A closed loop of `clients` concurrent clients (spread over processes) for `seconds`."""
    queue = multiprocessing.Queue()
    per = [clients // processes + (1 if n < clients % processes else 0) for n in range(processes)]
    workers = [
        multiprocessing.Process(
            target=_client_process, args=(port, paths, count, n * 101, seconds, queue)
        )  # fmt: skip
        for n, count in enumerate(per)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    times, errors = [], []
    for _worker in workers:
        t, e = queue.get()
        times += t
        errors += e
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    return len(times) / elapsed, times, errors


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=30.0, help="per set of addresses")
    parser.add_argument("--rounds", type=int, default=6,
                        help="turns the sets take, each --seconds/--rounds long")  # fmt: skip
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true",
                        help="reuse the bench database if it already has --rows programs")  # fmt: skip
    args = parser.parse_args()
    prepare(args.rows, args.keep)
    sets = addresses()
    import redis

    redis.Redis(unix_socket_path=str(ROOT / "var/redis/redis.sock"), db=CACHE_DB).flushdb()
    port = free_port()
    server = start_server(port, args.workers)
    try:
        # Warm up: every address once (the first request of each fills the cache), then a
        # short loop so that both workers have connections and compiled templates.
        for paths in sets.values():
            for path in paths:
                status = asyncio.run(_request(port, path))
                if status != 200:
                    print(f"warm-up: {status} {path}", flush=True)
            drive(port, paths, clients=args.clients, seconds=2)
        # The three sets take turns in short rounds, so that a change in the machine's load
        # (it is shared) weighs on each of them alike.
        totals = {name: [0.0, [], []] for name in ("baseline", "api", "pages")}
        for _round in range(args.rounds):
            for name, total in totals.items():
                rps, times, errors = drive(port, sets[name], clients=args.clients,
                                           seconds=args.seconds / args.rounds)  # fmt: skip
                total[0] += len(times) / rps
                total[1] += times
                total[2] += errors
        results = {}
        for name, (elapsed, times, errors) in totals.items():
            rps = len(times) / elapsed
            results[name] = (rps, times, errors)
            print(f"{name:9} {rps:8.0f} req/s  median {percentile(times, 50) * 1000:6.1f} ms  "
                  f"p95 {percentile(times, 95) * 1000:6.1f} ms  errors {len(errors)}"
                  f"  ({len(sets[name])} addresses)", flush=True)  # fmt: skip
            for error in sorted(set(errors))[:5]:
                print(f"  {error}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    api, pages, baseline = (results[k][0] for k in ("api", "pages", "baseline"))
    p95 = percentile(results["api"][1] + results["pages"][1], 95) * 1000
    errors = sum(len(results[k][2]) for k in results)
    print(f"api_rps={api:.0f} pages_rps={pages:.0f} baseline_rps={baseline:.0f} "
          f"api_ratio={api / baseline:.2f} pages_ratio={pages / baseline:.2f} "
          f"p95_ms={p95:.1f} errors={errors}")  # fmt: skip


if __name__ == "__main__":
    main()
