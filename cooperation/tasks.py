from celery import shared_task

from cooperation.services import closing_reminders_send


@shared_task(name="cooperation.send_closing_reminders")
def task_send_closing_reminders() -> int:
    """Hourly (beat): remind the ministries with unconfirmed drafts in a call about to close."""
    return closing_reminders_send()
