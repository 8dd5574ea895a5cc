"""Reminders through real Celery workers (real PostgreSQL, Redis and an SMTP server):

- the beat task run by a worker sends the week's reminder to each registrant exactly once;
- two worker processes share one mailing, batch by batch, with a claim lease shorter than a
  batch takes (the case where the old engine sent second copies): nobody twice, nobody
  missed; then one of the two is killed mid-send and beat's resume gives its rows to the
  other. This is how the mail scales out: more worker processes, on any machine that
  reaches PostgreSQL and Redis, and BULK_MAIL_SENDERS send tasks per mailing."""

import datetime
import os
import re
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone

from dialogues import services
from dialogues.models import EventMailing, MailingDelivery, MailingStatus, Registration
from tests.conftest import start_mail_worker, wait_for
from tests.factories import EventFactory
from tests.newsletter import smtp_sink

ROOT = Path(__file__).resolve().parents[2]
QUEUE = "dialogues-shared-mailing-test"
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _registrants(event, count):
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                first_name=f"P{n}",
                last_name="Test",
                email=f"p{n}@example.org",
                language="es" if n % 2 else "en",
                time_zone=(
                    "America/Asuncion",
                    "America/Santiago",
                    "America/Port_of_Spain",
                    "America/New_York",
                )[n % 4],
                country="PY",
                delegation="country:PY",
                status="confirmed",
            )  # fmt: skip
            for n in range(count)
        ]
    )


def test_the_week_reminder_goes_to_each_registrant_once_through_a_real_worker(
    celery_worker_process,
):
    from dialogues.tasks import task_dispatch

    start = (timezone.now() + datetime.timedelta(days=6)).replace(microsecond=0)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    _registrants(event, 40)
    task_dispatch.delay()  # what beat does every minute

    def sent():
        mailing = EventMailing.objects.filter(event=event).first()
        return mailing is not None and mailing.status == MailingStatus.SENT

    assert wait_for(sent, timeout=90), "the reminder was not sent"
    task_dispatch.delay()  # a minute later: nothing more
    time.sleep(3)
    recipients = Counter()
    for path in celery_worker_process.glob("*.log"):  # the worker's, shared with other tests
        for line in path.read_text().splitlines():
            if re.fullmatch(r"To: p\d+@example\.org", line):
                recipients[line[4:]] += 1
    assert recipients == Counter({f"p{n}@example.org": 1 for n in range(40)})
    assert EventMailing.objects.filter(event=event).count() == 1


def _worker(port: int, log_path: Path) -> subprocess.Popen:
    return start_mail_worker(port, log_path, queue=QUEUE, batch_size=15)


def test_two_workers_share_one_mailing_and_one_dies_nobody_twice_nobody_missed(
    tmp_path, monkeypatch, settings
):
    from dialogues.tasks import task_send_mailing

    settings.BULK_MAIL_SENDERS = 2
    monkeypatch.setattr(
        task_send_mailing, "delay",
        lambda **kwargs: task_send_mailing.apply_async(kwargs=kwargs, queue=QUEUE),
    )  # fmt: skip
    start = (timezone.now() + datetime.timedelta(days=6)).replace(microsecond=0)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    total = 240
    _registrants(event, total)

    # 80 ms a message: a batch of 15 takes 1.2 s, longer than the 1 s lease.
    sink, controller = smtp_sink.start(delay=0.08)
    workers = []
    try:
        workers = [_worker(controller.port, tmp_path / f"worker-{n}.log") for n in (1, 2)]

        def kill_first_at(count):
            if count == 120:
                os.kill(workers[0].pid, signal.SIGKILL)

        sink.on_message = kill_first_at
        services.mailings_dispatch()  # creates and starts the reminder: two send tasks
        mailing = EventMailing.objects.get(event=event)
        assert wait_for(lambda: workers[0].poll() is not None, timeout=120)
        sink.on_message = None
        time.sleep(1.2)  # the dead worker's lease runs out

        # What beat's resume does every 15 seconds: the dead worker's rows get a worker.
        from rialgender.bulkmail import resume_all

        def finished():
            resume_all()
            mailing.refresh_from_db()
            return mailing.status == MailingStatus.SENT

        assert wait_for(finished, timeout=120, interval=2), (tmp_path / "worker-2.log").read_text()[
            -3000:
        ]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
        controller.stop()

    expected = {f"p{n}@example.org" for n in range(total)}
    duplicates = {rcpt: n for rcpt, n in sink.recipients.items() if n > 1}
    assert duplicates == {}  # nobody twice
    missing = expected - set(sink.recipients)
    uncertain = set(
        MailingDelivery.objects.filter(mailing=mailing, status="uncertain").values_list(
            "registration__email", flat=True
        )
    )
    # The messages in the server's hands when the worker died (one a connection at most) are
    # recorded as such, not resent, and were delivered.
    assert len(uncertain) <= settings.BULK_MAIL_CONNECTIONS and missing == set()
    statuses = Counter(
        MailingDelivery.objects.filter(mailing=mailing).values_list("status", flat=True)
    )
    assert statuses["sent"] + statuses["uncertain"] == total
    # Both workers sent part of it, each over its own connection.
    logs = [(tmp_path / f"worker-{n}.log").read_text() for n in (1, 2)]
    assert all("dialogues.send_mailing" in log for log in logs)
