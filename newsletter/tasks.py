from celery import shared_task

from newsletter import services
from rialgender.bulkmail import TemporaryFailure


@shared_task(name="newsletter.compose_edition")
def task_compose_edition() -> int | None:
    """Every two weeks (beat): a draft edition from what was published since the last one."""
    edition = services.edition_compose()
    return edition.number if edition else None


@shared_task(name="newsletter.dispatch")
def task_dispatch() -> int:
    """Every minute (beat): start the editions whose time has come; resume interrupted ones."""
    return services.editions_dispatch()


@shared_task(
    name="newsletter.send_edition",
    autoretry_for=(TemporaryFailure,),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=10,
)
def task_send_edition(*, edition_id: int) -> int:
    return services.edition_deliver(edition_id=edition_id)
