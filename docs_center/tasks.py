from celery import shared_task
from celery.signals import worker_process_init

from docs_center.services import (
    documents_reader_start,
    file_extract_text,
    file_make_thumbnail,
    oai_records_compile,
    oai_records_keep_missing,
)


@shared_task(name="docs_center.extract_text")
def task_extract_text(*, file_id: int) -> str:
    """Read a file's text page by page (in an isolated process) and make it searchable."""
    return file_extract_text(file_id=file_id)


@shared_task(name="docs_center.make_thumbnail")
def task_make_thumbnail(*, file_id: int) -> bool:
    """Keep a picture of a PDF's first page for the lists and the resource's page."""
    return file_make_thumbnail(file_id=file_id)


@shared_task(name="docs_center.compile_oai_records")
def task_compile_oai_records(*, ids: list[int]) -> int:
    """Keep the OAI-PMH records a harvest found missing (written again after a change)."""
    return oai_records_compile(ids=ids)


@shared_task(name="docs_center.keep_oai_records")
def task_keep_oai_records() -> int:
    """Beat: keep the OAI-PMH records published resources lack (after a release, a change of
    the areas...), so that harvests read kept records."""
    return oai_records_keep_missing()


@worker_process_init.connect
def _start_documents_reader(**kwargs):
    """Each worker process (each child of the prefork pool, or the solo pool's one) starts
    its documents' reader as it starts, so the first document after a start or restart
    does not wait the ~0.1 s the reader takes to load."""
    documents_reader_start()
