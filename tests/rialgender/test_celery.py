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
