"""Benchmark of the week-before reminder of a dialogue (run by hand: `make bench-dialogues`).

In a database of its own (rialgender_bench_dialogues) on a PostgreSQL cluster of its own with
production's durability (`fsync`, `synchronous_commit` and `full_page_writes` on: see
bench/common.py; the development cluster turns them off, and ALTER SYSTEM cannot override
its command line), with N confirmed registrants (half Spanish, half English, across twelve
time zones of the Americas and Spain) and a local SMTP sink on 127.0.0.1 (its own process),
it measures in the same run:

  celery   the real path: Celery beat runs "dialogues.dispatch", which creates the reminder
           and its delivery records; one Celery worker process builds each (language, time
           zone) message with its calendar invitation once and sends a copy per registrant
           (their address in To: and in the invitation's ATTENDEE, their registration link)
           through rialgender.bulkmail, each message fenced and recorded
  smtplib  a bare loop sending the same messages, built once per (language, time zone) and
           personalised the same way, over one reused SMTP connection

The celery time runs from the moment the dispatch started the mailing to the moment the
worker found nothing left to send; beat's own delay before its first tick is reported apart.
Each round runs both sides back to back (the reminder deleted and sent again), and the rates
compared are the medians of the rounds (3 by default), so that the load of a shared machine
falls on both sides alike. The last line is:
  celery_msgs_per_s=<x> smtplib_msgs_per_s=<y> ratio=<x/y> duplicates=<n> missing=<n>

    .venv/bin/python bench/dialogue_reminders.py [--registrants 5000] [--rounds 3]

The worker sends over BULK_MAIL_CONNECTIONS SMTP connections (8 by default), one durable
commit recording a round of messages; `BULK_MAIL_CONNECTIONS=1 make bench-dialogues` shows
what one connection gets, where every message waits for a commit to reach the disk.
"""

import argparse
import collections
import os
import signal
import smtplib
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import free_port, start_sink  # noqa: E402  (after the path is set)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rialgender.settings.dev")
os.environ["DEBUG"] = "false"
os.environ.setdefault("ALLOWED_HOSTS", "localhost")
SOCKET = ROOT / "var/redis/redis.sock"
# A broker database of its own, so a development worker never takes the benchmark's tasks.
os.environ["CELERY_BROKER_URL"] = f"redis+socket://{SOCKET}?virtual_host=7"
DATABASE = "rialgender_bench_dialogues"
ZONES = [
    "America/Asuncion", "America/Santiago", "America/Argentina/Buenos_Aires", "America/Lima",
    "America/Bogota", "America/Mexico_City", "America/New_York", "America/Port_of_Spain",
    "America/Jamaica", "America/Sao_Paulo", "America/Toronto", "Europe/Madrid",
]  # fmt: skip


def start_celery(args: list[str], port: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "rialgender", *args],
        cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def prepare(registrants: int):
    import django

    from bench.common import durable_cluster, start_services_and_database

    start_services_and_database("postgres")  # Redis (and the development cluster)
    os.environ.update(durable_cluster(DATABASE))
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE dialogues_mailingdelivery, dialogues_eventmailing, dialogues_registration,"
            " dialogues_event CASCADE"
        )
    from dialogues.models import Event

    # The week's reminder is due now: the dialogue starts in six and a half days.
    start = (timezone.now() + timezone.timedelta(days=6, hours=12)).replace(microsecond=0)
    event = Event.objects.create(
        kind="dialogue", number=99, starts_at=start, ends_at=start + timezone.timedelta(hours=3),
        title_en="Hemispheric Dialogue on care policies and the world of work",
        title_es="Diálogo Hemisférico sobre políticas de cuidado y mundo del trabajo",
        description_en="The gender units share how care policies reach workers.",
        description_es="Las unidades de género comparten cómo llegan las políticas de cuidado.",
        languages=["es", "en"], state="published", published_at=timezone.now(),
        connection_link="https://meet.example.org/rialgender-bench",
        connection_details="ID 000 0000 0099",
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO dialogues_registration
                 (event_id, first_name, last_name, email, job_title, language, time_zone,
                  category, country, organization, delegation, status, created_at, attended,
                  minutes_connected)
               SELECT %s, 'Persona', 'N' || n, 'registrant' || n || '@bench.example.org', '',
                      CASE WHEN n %% 2 = 0 THEN 'es' ELSE 'en' END,
                      (%s::text[])[1 + (n / 2) %% %s], 'member_state', 'PY', '', 'country:PY',
                      'confirmed', now(), false, 0
               FROM generate_series(1, %s) AS n""",
            [event.pk, ZONES, len(ZONES), registrants],
        )
    # Only the dispatch (and the resume it relies on) tick in this database, due at once.
    from django_celery_beat.models import PeriodicTask

    PeriodicTask.objects.exclude(
        task__in=["dialogues.dispatch", "rialgender.resume_mailings"]
    ).update(enabled=False)
    PeriodicTask.objects.filter(task="dialogues.dispatch").update(
        enabled=True, last_run_at=timezone.now() - timezone.timedelta(minutes=5)
    )
    return event


def received(path: Path) -> collections.Counter:
    if not path.exists():
        return collections.Counter()
    return collections.Counter(line for line in path.read_text().splitlines() if line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrants", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    n = args.registrants
    print(f"preparing {n:,} registrants in {len(ZONES)} time zones, two languages...")
    event = prepare(n)

    from bench.common import durability_line

    print(durability_line(os.environ))
    var = ROOT / "var/bench"
    var.mkdir(parents=True, exist_ok=True)
    port = free_port()
    # Both sides back to back in each round, medians over the rounds: the load of a shared
    # machine then falls on both alike.
    celery_rates, bare_rates, duplicates, missing = [], [], 0, 0
    for round_ in range(1, args.rounds + 1):
        mailing, seconds, dup, miss = run_celery(event, port, var)
        celery_rates.append(len_sent(mailing) / seconds)
        duplicates, missing = duplicates + dup, missing + miss
        count, bare_seconds = run_bare(mailing, port, var)
        bare_rates.append(count / bare_seconds)
        print(
            f"round {round_}: celery {celery_rates[-1]:.0f} msgs/s, smtplib {bare_rates[-1]:.0f} msgs/s"
        )
    celery_rate, bare_rate = statistics.median(celery_rates), statistics.median(bare_rates)
    print(
        f"celery_msgs_per_s={celery_rate:.0f} smtplib_msgs_per_s={bare_rate:.0f} "
        f"ratio={celery_rate / bare_rate:.2f} duplicates={duplicates} missing={missing}"
    )


def len_sent(mailing) -> int:
    from dialogues.models import MailingDelivery

    return MailingDelivery.objects.filter(mailing=mailing).count()


def run_celery(event, port: int, var: Path):
    """The week's reminder through the real path: beat's dispatch creates and starts it, a
    Celery worker sends it. Returns the mailing, its sending time (from its start to its end,
    as the mailing records them), and the duplicates and missing messages at the sink."""
    from django.utils import timezone
    from django_celery_beat.models import PeriodicTask

    from dialogues.models import EventMailing, MailingDelivery

    EventMailing.objects.filter(event=event).delete()  # the previous round's, with its deliveries
    PeriodicTask.objects.filter(task="dialogues.dispatch").update(
        enabled=True, last_run_at=timezone.now() - timezone.timedelta(minutes=5)
    )
    out = var / "dialogues-sink-celery.txt"
    out.unlink(missing_ok=True)
    sink = start_sink(port, out)
    worker = start_celery(
        ["worker", "--pool=solo", "--concurrency=1", "--without-mingle", "--without-gossip",
         "--without-heartbeat", "--loglevel=WARNING"], port, var / "dialogues-worker.log",
    )  # fmt: skip
    time.sleep(3)
    launched = timezone.now()
    beat = start_celery(
        ["beat", "--loglevel=WARNING", "--pidfile=", "-s", str(var / "celerybeat-schedule")],
        port, var / "dialogues-beat.log",
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 600
        while True:
            mailing = EventMailing.objects.filter(event=event).first()
            if mailing is not None and mailing.status == "sent":
                break
            for process, name in ((worker, "worker"), (beat, "beat")):
                if process.poll() is not None:
                    sys.exit(f"the {name} stopped: see var/bench/dialogues-{name}.log")
            if time.monotonic() > deadline:
                sys.exit("the reminder was not sent in ten minutes: see var/bench/")
            time.sleep(0.05)
        beat_delay = (mailing.started_at - launched).total_seconds()
    finally:
        for process in (beat, worker):
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        sink.terminate()
        sink.wait(timeout=10)
    seconds = (mailing.finished_at - mailing.started_at).total_seconds()
    got = received(out)
    expected = set(
        MailingDelivery.objects.filter(mailing=mailing).values_list(
            "registration__email", flat=True
        )
    )
    duplicates = sum(count - 1 for count in got.values() if count > 1)
    missing = len(expected - set(got))
    sent_records = MailingDelivery.objects.filter(mailing=mailing, status="sent").count()
    print(
        f"celery:  {len(expected):,} messages in {seconds:.2f} s from the start of the "
        f"mailing ({sent_records:,} delivery records sent; beat started it "
        f"{max(beat_delay, 0):.1f} s after it was launched)"
    )
    return mailing, seconds, duplicates, missing


def run_bare(mailing, port: int, var: Path) -> tuple[int, float]:
    """The same messages, built and personalised the same way, through a bare smtplib loop.
    Like the worker, it builds each (language, time zone) message once, on the clock."""
    from dialogues import services
    from dialogues.models import MailingDelivery
    from rialgender import bulkmail

    out = var / "dialogues-sink-bare.txt"
    out.unlink(missing_ok=True)
    sink = start_sink(port, out)
    try:
        started = time.perf_counter()
        rows = list(
            MailingDelivery.objects.filter(mailing=mailing).order_by("pk")
            .values_list("pk", flat=True)
        )  # fmt: skip
        keys = sorted(
            set(
                MailingDelivery.objects.filter(mailing=mailing)
                .values_list("registration__language", "registration__time_zone")
                .distinct()
            )
        )
        templates = services.mailing_templates(mailing, [f"{lang}|{zone}" for lang, zone in keys])
        recipients = services._mailing_recipients(rows)
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for _pk, email, key, token in recipients:
                data = bulkmail.personalize(templates[key], email, token)
                smtp.sendmail("rialgender@oas.org", [email], data)
        seconds = time.perf_counter() - started
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    print(f"smtplib: {len(recipients):,} messages in {seconds:.2f} s")
    return len(recipients), seconds


if __name__ == "__main__":
    main()
