"""A worker killed in the middle of sending an edition, then started again: every subscriber
gets the edition exactly once (real PostgreSQL, Redis, Celery worker and an SMTP server).

The worker is killed at the worst moment SMTP allows: the server has received a message but
the worker dies before it hears the server's answer and records it. The worker sends over
several connections, a message on each per round: each connection's message in the server's
hands is marked "uncertain" and not sent again; the rest of the dead worker's batches are
taken over."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Count

from newsletter.models import Delivery, Edition, EditionStatus, Subscriber, SubscriberStatus
from newsletter.services import edition_approve, edition_compose, edition_start_sending
from tests.conftest import start_mail_worker, wait_for
from tests.newsletter import smtp_sink

ROOT = Path(__file__).resolve().parents[2]
QUEUE = "newsletter-kill-test"
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _worker(port: int, log_path: Path) -> subprocess.Popen:
    return start_mail_worker(port, log_path, queue=QUEUE, batch_size=20)


def test_killed_worker_then_restarted_delivers_each_message_once(
    published_news, secretariat, tmp_path, monkeypatch
):
    from newsletter.tasks import task_send_edition

    readers = [
        Subscriber(email=f"reader{n}@example.org", language="es" if n % 2 else "en",
                   status=SubscriberStatus.CONFIRMED)
        for n in range(300)
    ]  # fmt: skip
    Subscriber.objects.bulk_create(readers)
    edition = edition_compose()
    edition_approve(edition=edition, by=secretariat)
    monkeypatch.setattr(task_send_edition, "delay", lambda **kwargs: None)
    edition_start_sending(edition=edition)

    sink, controller = smtp_sink.start(delay=0.002)
    port = controller.port
    worker = None
    try:
        worker = _worker(port, tmp_path / "worker-1.log")

        # The worst moment: the server has the 70th message but the worker dies before it
        # hears "250" and records it, in the middle of a batch (batches of 20 here).
        def kill_at_70(count):
            if count == 70:
                os.kill(worker.pid, signal.SIGKILL)

        sink.on_message = kill_at_70
        task_send_edition.apply_async(kwargs={"edition_id": edition.pk}, queue=QUEUE)
        assert wait_for(lambda: worker.poll() is not None, timeout=60), "the worker was not stopped"
        sink.on_message = None
        recorded = set(
            Delivery.objects.filter(edition=edition, status="sent").values_list(
                "subscriber__email", flat=True
            )
        )
        # What the dead worker recorded as sent, the server had; the 70th was not recorded.
        assert recorded <= set(sink.recipients) and 0 < len(recorded) < 70, len(recorded)

        # The dead worker's claim lease (1 s here) must run out before its batch is taken
        # over; a new worker can be ready sooner than that, so wait for it explicitly.
        time.sleep(1.1)
        worker = _worker(port, tmp_path / "worker-2.log")
        # What beat's "newsletter.dispatch" does every minute: resume the interrupted edition.
        task_send_edition.apply_async(kwargs={"edition_id": edition.pk}, queue=QUEUE)

        def finished():
            edition.refresh_from_db()
            return edition.status == EditionStatus.SENT

        assert wait_for(finished, timeout=90), (tmp_path / "worker-2.log").read_text()[-3000:]
        worker.terminate()
        worker.wait(timeout=15)
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()  # a failed assertion must not leave a worker taking later tasks
        controller.stop()

    expected = {f"reader{n}@example.org" for n in range(300)} | set(
        Subscriber.objects.filter(member__isnull=False).values_list("email", flat=True)
    )
    missing = expected - set(sink.recipients)
    assert not missing, list(
        Delivery.objects.filter(subscriber__email__in=missing).values(
            "id", "status", "batch", "attempts", "error"
        )
    )
    duplicates = {rcpt: n for rcpt, n in sink.recipients.items() if n > 1}
    assert duplicates == {}  # nobody twice
    # The messages in the server's hands when the worker died (one a connection at most) are
    # recorded as such, not resent; every other one is sent.
    statuses = dict(
        Delivery.objects.filter(edition=edition).values_list("status").annotate(n=Count("pk"))
    )
    assert set(statuses) == {"sent", "uncertain"}
    assert statuses["sent"] + statuses["uncertain"] == len(expected)
    assert 1 <= statuses["uncertain"] <= settings.BULK_MAIL_CONNECTIONS
    assert Edition.objects.get(pk=edition.pk).sent_at is not None
