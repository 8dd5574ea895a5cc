from celery import shared_task

from docs_center.services import file_extract_text, file_make_thumbnail


@shared_task(name="docs_center.extract_text")
def task_extract_text(*, file_id: int) -> str:
    """Read a file's text page by page (in an isolated process) and make it searchable."""
    return file_extract_text(file_id=file_id)


@shared_task(name="docs_center.make_thumbnail")
def task_make_thumbnail(*, file_id: int) -> bool:
    """Keep a picture of a PDF's first page for the lists and the resource's page."""
    return file_make_thumbnail(file_id=file_id)
