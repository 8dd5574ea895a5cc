from celery import shared_task

from docs_center.services import file_extract_text


@shared_task(name="docs_center.extract_text")
def task_extract_text(*, file_id: int) -> str:
    """Read a file's text page by page (in an isolated process) and make it searchable."""
    return file_extract_text(file_id=file_id)
