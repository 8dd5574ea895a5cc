from celery import shared_task

from dialogues import services
from rialgender.bulkmail import TemporaryFailure


@shared_task(name="dialogues.dispatch")
def task_dispatch() -> int:
    """Every minute (beat): reminders that are due, and mailings whose time has come."""
    return services.mailings_dispatch()


@shared_task(
    name="dialogues.send_mailing",
    autoretry_for=(TemporaryFailure,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=10,
)
def task_send_mailing(*, mailing_id: int) -> int:
    """Send what is open of a mailing to registrants. Safe to run twice, or on two workers at
    once: each message is fenced (rialgender.bulkmail)."""
    return services.mailing_deliver(mailing_id=mailing_id)
