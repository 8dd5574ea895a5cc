"""Benchmark of sending the newsletter (run by hand: `make bench-newsletter`).

In a database of its own (rialgender_bench_newsletter), on a PostgreSQL cluster of its own
with production's durability (fsync and synchronous_commit on: see bench/common.py), with N
confirmed subscribers (half Spanish, half English) and a local SMTP sink on 127.0.0.1 (its
own process), it measures in the same run:

  celery   the real path: the beat task composes the edition, the Secretariat approves it,
           one Celery worker process sends it, with a delivery record per subscriber
  smtplib  a bare loop sending the same messages over one reused SMTP connection

and prints as its last line:
  celery_msgs_per_s=<x> smtplib_msgs_per_s=<y> ratio=<x/y> duplicates=<n> missing=<n>

    .venv/bin/python bench/newsletter_send.py [--subscribers 10000]
"""

import argparse
import collections
import os
import signal
import smtplib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import free_port, start_sink  # noqa: E402  (after the path is set)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rialgender.settings.dev")
os.environ["DB_NAME"] = "rialgender_bench_newsletter"
os.environ["DEBUG"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
SOCKET = ROOT / "var/redis/redis.sock"
# A broker database of its own, so a development worker never takes the benchmark's tasks.
os.environ["CELERY_BROKER_URL"] = f"redis+socket://{SOCKET}?virtual_host=6"


def start_worker(port: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "rialgender", "worker", "--pool=solo",
         "--concurrency=1", "--without-mingle", "--without-gossip", "--without-heartbeat",
         "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
    )  # fmt: skip
    time.sleep(3)
    return process


def prepare(subscribers: int):
    import django

    from bench.common import durable_cluster, start_services_and_database

    start_services_and_database("postgres")  # Redis (and the development cluster)
    os.environ.update(durable_cluster(os.environ["DB_NAME"]))
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE newsletter_delivery, newsletter_editionitem, newsletter_edition, "
            "newsletter_subscriber, newsletter_newsitem CASCADE"
        )
        cursor.execute(
            """INSERT INTO newsletter_subscriber (email, language, status, consent_at, created_at, confirmed_at)
               SELECT 'reader' || n || '@bench.example.org', CASE WHEN n %% 2 = 0 THEN 'es' ELSE 'en' END,
                      'confirmed', now(), now(), now()
               FROM generate_series(1, %s) AS n""",
            [subscribers],
        )
    call_command(
        "load_demo_data", verbosity=0, force=True
    )  # its own database  # real news and programs to compose from
    with connection.cursor() as cursor:
        # The demo's editions come with delivery records of the demo's readers: neither is
        # part of the benchmark.
        cursor.execute("DELETE FROM newsletter_delivery")
        cursor.execute(
            "DELETE FROM newsletter_subscriber WHERE email NOT LIKE '%%@bench.example.org'"
        )
    from newsletter.models import Edition, NewsItem

    Edition.objects.all().delete()
    # Something new in the period, as the beat task will find it.
    from django.utils import timezone

    NewsItem.objects.update(published_at=timezone.now())


def sent_counts(path: Path):
    if not path.exists():
        return collections.Counter()
    return collections.Counter(line for line in path.read_text().splitlines() if line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    args = parser.parse_args()
    n = args.subscribers
    print(f"preparing {n:,} subscribers...")
    prepare(n)

    from django.contrib.auth import get_user_model

    from bench.common import durability_line
    from newsletter import services
    from newsletter.models import Delivery, Edition, Subscriber
    from newsletter.tasks import task_compose_edition

    print(durability_line(os.environ))
    var = ROOT / "var/bench"
    var.mkdir(parents=True, exist_ok=True)
    port = free_port()
    out_celery, out_bare = var / "sink-celery.txt", var / "sink-bare.txt"
    for path in (out_celery, out_bare):
        path.unlink(missing_ok=True)
    sink = start_sink(port, out_celery)
    worker = start_worker(port, var / "worker.log")
    try:
        # 1. The beat task composes the edition (on the worker); the Secretariat approves it.
        task_compose_edition.delay()
        deadline = time.monotonic() + 120
        while not Edition.objects.exists():
            if time.monotonic() > deadline:
                sys.exit("no edition was composed: see var/bench/worker.log")
            time.sleep(0.1)
        edition = Edition.objects.get()
        staff = get_user_model().objects.filter(is_staff=True).first()
        services.edition_approve(edition=edition, by=staff)
        started = time.perf_counter()
        services.edition_start_sending(edition=edition)  # queues the send task on commit
        while True:
            edition.refresh_from_db()
            if edition.status == "sent":
                break
            if worker.poll() is not None:
                sys.exit("the worker stopped: see var/bench/worker.log")
            time.sleep(0.05)
        celery_seconds = time.perf_counter() - started
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
        sink.terminate()
        sink.wait(timeout=10)
    received = sent_counts(out_celery)
    expected = set(Subscriber.objects.values_list("email", flat=True))
    # Subscribers only: the Secretariat's notices about the edition go through the sink too.
    duplicates = sum(
        count - 1 for rcpt, count in received.items() if count > 1 and rcpt in expected
    )
    missing = len(expected - set(received))
    print(
        f"celery:  {n:,} messages in {celery_seconds:.2f} s "
        f"({Delivery.objects.filter(status='sent').count():,} delivery records sent)"
    )

    # 2. The same messages, built the same way, through a bare smtplib loop.
    sink = start_sink(port, out_bare)
    try:
        templates = services.edition_templates(edition)
        readers = list(Subscriber.objects.values_list("pk", "email", "language").order_by("pk"))
        from newsletter import tokens
        from rialgender import bulkmail

        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for pk, email, language in readers:
                token = tokens.preferences_token_for(pk, email)
                data = bulkmail.personalize(templates[language], email, token)
                smtp.sendmail("rialgender@oas.org", [email], data)
        bare_seconds = time.perf_counter() - started
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    print(f"smtplib: {len(readers):,} messages in {bare_seconds:.2f} s")
    celery_rate, bare_rate = n / celery_seconds, len(readers) / bare_seconds
    print(
        f"celery_msgs_per_s={celery_rate:.0f} smtplib_msgs_per_s={bare_rate:.0f} "
        f"ratio={celery_rate / bare_rate:.2f} duplicates={duplicates} missing={missing}"
    )


if __name__ == "__main__":
    main()
