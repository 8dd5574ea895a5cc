import smtplib

from celery import shared_task

from members.services import communication_deliver


@shared_task(
    name="members.deliver_communication",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=8,
)
def task_deliver_communication(*, communication_id: int) -> int:
    """Send what is still pending of a formal communication. Safe to retry: every delivery
    is recorded the moment its message is accepted by the mail server."""
    return communication_deliver(communication_id=communication_id)
