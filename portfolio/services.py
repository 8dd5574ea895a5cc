"""Writes for the portfolio."""

from django.db import transaction
from django.utils import timezone

from portfolio.models import Program, ProgramAttachment


@transaction.atomic
def program_save(*, form, ministry=None, by=None) -> Program:
    """Save a program from the focal points' form (a new one belongs to `ministry`)."""
    program = form.save(commit=False)
    if program.pk is None:
        program.ministry = ministry
    program.save()
    form.save_m2m()
    return program


def attachment_add(*, program: Program, form, by) -> ProgramAttachment:
    attachment = form.save(commit=False)
    attachment.program = program
    attachment.uploaded_by = by
    attachment.content_type = form.detected_content_type
    attachment.size = attachment.file.size
    attachment.save()
    return attachment


def attachment_delete(*, attachment: ProgramAttachment) -> None:
    attachment.file.delete(save=False)
    attachment.delete()


def program_confirm(*, program: Program) -> None:
    """The ministry says the published program is still current."""
    program.last_confirmed_at = timezone.now()
    program.save(update_fields=["last_confirmed_at"])
