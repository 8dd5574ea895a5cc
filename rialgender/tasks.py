import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import get_connection

from rialgender.mail import message_from_dict


@shared_task(
    name="rialgender.send_email",
    autoretry_for=(smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError),
    retry_backoff=30,
    retry_jitter=True,
    max_retries=6,
)
def task_send_email(*, message: dict) -> None:
    """Deliver one queued e-mail through the real delivery backend; retry transient failures."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    connection.send_messages([message_from_dict(message)])


@shared_task(name="rialgender.resume_mailings")
def task_resume_mailings() -> dict:
    """Every 15 seconds (beat): every mailing with rows to send and no live worker gets one
    (rialgender.bulkmail.resume_all), so a mailing resumes within a minute of a worker's death."""
    from rialgender.bulkmail import resume_all

    return resume_all()


@shared_task(name="rialgender.pages_follow_the_clock")
def task_pages_follow_the_clock() -> list:
    """Every minute (beat): cached pages forgotten when a moment they show passes (a call
    opens or closes, an event starts or ends: rialgender.pagecache.follow_the_clock)."""
    from rialgender.pagecache import clocks_tick

    return clocks_tick()
