from celery import shared_task

from members.services import communication_deliver
from rialgender.bulkmail import TemporaryFailure


@shared_task(
    name="members.deliver_communication",
    autoretry_for=(TemporaryFailure,),
    retry_backoff=30,
    retry_backoff_max=1800,
    max_retries=8,
)
def task_deliver_communication(*, communication_id: int) -> int:
    """Send what is still open of a formal communication. Safe to retry: every delivery is
    recorded the moment its message is accepted by the mail server."""
    return communication_deliver(communication_id=communication_id)
