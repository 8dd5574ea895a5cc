import pytest
from django.core.mail import EmailMultiAlternatives

from tests.conftest import wait_for


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_email_is_delivered_by_a_real_celery_worker(celery_worker_process, settings):
    settings.EMAIL_BACKEND = "rialgender.mail.CeleryEmailBackend"
    message = EmailMultiAlternatives(
        subject="Prueba de envío", body="Cuerpo en texto", to=["someone@example.org"],
        headers={"X-Test": "1"},
    )  # fmt: skip
    message.attach_alternative("<p>Cuerpo en HTML</p>", "text/html")
    message.attach("nota.txt", b"adjunto", "text/plain")
    assert message.send() == 1

    def delivered():
        files = list(celery_worker_process.glob("*.log"))
        texts = [f.read_text() for f in files]
        return [t for t in texts if "someone@example.org" in t]

    found = wait_for(delivered, timeout=30)
    assert found, "the worker did not deliver the message"
    assert "X-Test: 1" in found[0]
    assert "text/html" in found[0]
    assert "nota.txt" in found[0]


@pytest.mark.django_db(transaction=True)
def test_tasks_keep_the_database_connection_until_it_is_old():
    """Celery's Django fix-up would close the connection around every task; the worker keeps
    it as a web process does: until CONN_MAX_AGE passes or it becomes unusable."""
    import time

    from celery.signals import task_postrun, task_prerun
    from django.db import connection

    from rialgender.celery import app

    assert app.conf.get("CELERY_DB_REUSE_MAX")  # what the fix-up reads
    connection.ensure_connection()
    kept = connection.connection
    task_prerun.send(sender=None)
    task_postrun.send(sender=None)
    assert connection.connection is kept
    connection.close_at = time.monotonic() - 1  # older than CONN_MAX_AGE
    task_postrun.send(sender=None)
    assert connection.connection is None
