from celery import shared_task

from portfolio.services import confirmation_reminders_send


@shared_task(name="portfolio.send_confirmation_reminders")
def task_send_confirmation_reminders() -> int:
    """Yearly (beat): ask each ministry's focal points to confirm its published programs."""
    return confirmation_reminders_send()
