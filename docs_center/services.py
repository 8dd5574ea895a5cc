"""Writes of the documentation center: resources and their files, the text of their pages,
reviews against the inclusion parameters and the approval of those parameters. Views, the
admin and the Celery task all call these."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from docs_center import extraction, oai
from docs_center.files import READABLE, kind_of
from docs_center.models import (
    DeletedResource,
    Parameter,
    ParameterSet,
    Resource,
    ResourceFile,
    Review,
    ReviewItem,
    TextStatus,
)
from rialgender import pagecache
from rialgender.celery import queue


@transaction.atomic
def resource_save(*, form, ministry=None, by=None) -> Resource:
    """Save a resource from the focal points' form; a new one belongs to `ministry` and
    remembers who proposed it. The evidence fields of the form go into `evidence`."""
    resource = form.save(commit=False)
    if resource.pk is None:
        resource.ministry = ministry
        resource.proposed_by = by
    resource.evidence = {**resource.evidence, **form.evidence_data()}
    resource.save()
    return resource


def _queue_extraction(file_id: int) -> None:
    queue("docs_center.extract_text", file_id=file_id)


@transaction.atomic
def resource_file_add(*, resource: Resource, upload, language: str, content_type: str, by=None):
    """Attach a checked file (see docs_center.files.check_upload) and queue the reading of
    its text after the transaction commits."""
    readable = kind_of(content_type) in READABLE
    resource_file = ResourceFile.objects.create(
        resource=resource, file=upload, language=language, content_type=content_type,
        size=upload.size or 0, uploaded_by=by,
        text_status=TextStatus.PENDING if readable else TextStatus.NOT_APPLICABLE,
    )  # fmt: skip
    if language not in resource.document_languages:
        resource.document_languages = [*resource.document_languages, language]
        resource.save(update_fields=["document_languages"])
    if readable:
        _queue_extraction(resource_file.pk)
    return resource_file


def resource_file_queue(*, resource_file: ResourceFile) -> None:
    """Read a file's text again (a file saved from the admin, or read before a fix)."""
    if kind_of(resource_file.content_type) in READABLE:
        ResourceFile.objects.filter(pk=resource_file.pk).update(text_status=TextStatus.PENDING)
        _queue_extraction(resource_file.pk)


@transaction.atomic
def resource_file_remove(*, resource_file: ResourceFile) -> None:
    resource_id = resource_file.resource_id
    names = [resource_file.file.name, resource_file.thumbnail.name]
    storage = resource_file.file.storage
    resource_file.delete()  # its pages go with it
    Resource.objects.filter(pk=resource_id).update(text_version=F("text_version") + 1)
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])


def oai_records_compile(*, ids) -> int:
    """Keep the OAI-PMH records of these resources (see docs_center.oai)."""
    return oai.compile_records(ids)


def oai_records_keep_missing() -> int:
    """Keep every OAI-PMH record that published resources lack (beat, every few minutes)."""
    return oai.keep_missing_records()


def documents_reader_start() -> None:
    """Start this process's documents' reader (see extraction.Reader) ahead of any document."""
    extraction.start_reader()


def file_extract_text(*, file_id: int) -> str:
    """Read a file's text page by page, in an isolated process (see extraction.py), and make
    it searchable: one FilePage per page, the resource's search document refreshed, a PNG
    of the first page kept as thumbnail. A scan with no text layer is flagged as such; a
    file that cannot be read is flagged with the reason. Returns the status."""
    resource_file = (
        ResourceFile.objects.only("resource", "file", "content_type").filter(pk=file_id).first()
    )
    if resource_file is None:  # removed before its turn came
        return ""
    kind = kind_of(resource_file.content_type)
    if kind not in READABLE:
        ResourceFile.objects.filter(pk=file_id).update(text_status=TextStatus.NOT_APPLICABLE)
        return TextStatus.NOT_APPLICABLE
    try:
        with resource_file.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError, ValueError):
        return _record(resource_file, extraction.Extraction(error="corrupt"))
    result = extraction.read_isolated(data, kind)
    return _record(resource_file, result)


# The outcome of reading a file, written in one round trip to the database: PostgreSQL runs
# statements sent together in one message as one transaction (or inside the caller's), and
# Django binds parameters on the client side with psycopg 3, so one execute() sends them all.
# The file's row is locked first (it may have been removed meanwhile: then nothing is
# written); its pages are replaced by one INSERT whose rows the trigger of migration 0002
# gives their search vectors; bumping the resource's text_version refreshes its search
# document once.
_RECORD_SQL = """
    SELECT resource_id FROM docs_center_resourcefile WHERE id = %(file)s FOR UPDATE;
    DELETE FROM docs_center_filepage WHERE file_id = %(file)s;
    INSERT INTO docs_center_filepage (file_id, resource_id, number, language, text)
        SELECT f.id, f.resource_id, page.number, f.language, page.text
        FROM docs_center_resourcefile f,
            unnest(%(pages)s::text[]) WITH ORDINALITY AS page (text, number)
        WHERE f.id = %(file)s AND page.text <> '';
    UPDATE docs_center_resourcefile SET text_status = %(status)s, text_error = %(error)s,
        page_count = %(page_count)s, extracted_at = %(now)s
        WHERE id = %(file)s;
    UPDATE docs_center_resource SET text_version = text_version + 1
        WHERE id = (SELECT resource_id FROM docs_center_resourcefile WHERE id = %(file)s);
"""


def _record(resource_file: ResourceFile, result: extraction.Extraction) -> str:
    file_id = resource_file.pk
    if result.error:
        status = TextStatus.FAILED
    elif result.is_scan:
        status = TextStatus.NO_TEXT
    else:
        status = TextStatus.EXTRACTED
    with connection.cursor() as cursor:
        cursor.execute(
            _RECORD_SQL,
            {"file": file_id, "pages": result.pages if status == TextStatus.EXTRACTED else [],
             "status": status, "error": result.error, "page_count": len(result.pages),
             "now": timezone.now()},
        )  # fmt: skip
        if cursor.fetchone() is None:  # the first statement's answer: the file is gone
            return ""
    pagecache.bump("docs_center")  # the resource's page shows the pages a search finds
    if status in (TextStatus.EXTRACTED, TextStatus.NO_TEXT) and resource_file.is_pdf:
        queue("docs_center.make_thumbnail", file_id=file_id)
    return status


def file_make_thumbnail(*, file_id: int) -> bool:
    """Keep a PNG of a PDF's first page (read by the helper process, like its text)."""
    resource_file = ResourceFile.objects.filter(pk=file_id).first()
    if resource_file is None or not resource_file.is_pdf:
        return False
    try:
        with resource_file.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError, ValueError):
        return False
    result = extraction.read_isolated(data, "thumbnail")
    if not result.thumbnail:
        return False
    with Image.open(io.BytesIO(result.thumbnail)) as image:  # reads the header only
        width, height = image.size
    thumbnail, old = resource_file.thumbnail, resource_file.thumbnail.name
    thumbnail.save("page-1.png", ContentFile(result.thumbnail), save=False)
    updated = ResourceFile.objects.filter(pk=file_id).update(
        thumbnail=thumbnail.name, thumbnail_width=width, thumbnail_height=height
    )
    pagecache.bump("docs_center")
    for name in (old,) if updated else (thumbnail.name,):  # replaced, or the file is gone
        if name:
            thumbnail.storage.delete(name)
    return bool(updated)


# -- inclusion parameters and reviews ---------------------------------------------------------


@transaction.atomic
def parameters_approve(*, parameter_set: ParameterSet, by, approved_on=None) -> ParameterSet:
    """Record the Steering Committee's approval of a version (on `approved_on`, default
    today), which puts it in force and freezes it."""
    version = ParameterSet.objects.select_for_update().get(pk=parameter_set.pk)
    if version.is_approved:
        raise ValidationError(_("This version was already approved."))
    if not version.parameters.exists():
        raise ValidationError(_("A version without parameters cannot be approved."))
    day = approved_on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError(_("The approval date cannot be in the future."))
    version.approved_on = day
    version.approved_by = by
    version.save(update_fields=["approved_on", "approved_by"])
    return version


@transaction.atomic
def parameters_new_version(*, source: ParameterSet, by) -> ParameterSet:
    """A new draft version with the parameters of `source`, for the Secretariat to amend."""
    number = (
        ParameterSet.objects.order_by("-version").values_list("version", flat=True).first() or 0
    ) + 1
    draft = ParameterSet.objects.create(
        version=number, drafted_by=by, introduction_en=source.introduction_en,
        introduction_es=source.introduction_es,
    )  # fmt: skip
    Parameter.objects.bulk_create(
        Parameter(
            parameter_set=draft,
            order=p.order,
            text_en=p.text_en,
            text_es=p.text_es,
            guidance_en=p.guidance_en,
            guidance_es=p.guidance_es,
            required=p.required,
            text=p.text_en or p.text_es,
            guidance=p.guidance_en or p.guidance_es,
        )  # fmt: skip
        for p in source.parameters.all()
    )
    return draft


@transaction.atomic
def review_save(
    *, resource: Resource, parameter_set: ParameterSet, reviewer, answers: dict, note: str = ""
) -> Review:
    """Record the review of `resource` against `parameter_set`: `answers` maps each
    parameter to (passed, note). A new review of the same version replaces the last one."""
    review, _created = Review.objects.update_or_create(
        resource=resource, parameter_set=parameter_set,
        defaults={"reviewer": reviewer, "reviewed_at": timezone.now(), "note": note},
    )  # fmt: skip
    review.items.all().delete()
    ReviewItem.objects.bulk_create(
        ReviewItem(review=review, parameter=parameter, passed=passed, note=item_note)
        for parameter, (passed, item_note) in answers.items()
    )
    return review


def resource_deleted(*, resource: Resource) -> None:
    """Remember a published resource that is deleted, for OAI-PMH harvesters."""
    if resource.published_at is None:
        return
    DeletedResource.objects.update_or_create(
        resource_id=resource.pk,
        defaults={
            "deleted_at": timezone.now(),
            "resource_type": resource.resource_type,
            "area_ids": list(resource.area_ids),
        },
    )
