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
    attachment.save()  # its content type and size come from the checked file
    return attachment


def attachment_delete(*, attachment: ProgramAttachment) -> None:
    attachment.file.delete(save=False)
    attachment.delete()


def program_confirm(*, program: Program) -> None:
    """The ministry says the published program is still current."""
    program.last_confirmed_at = timezone.now()
    program.save(update_fields=["last_confirmed_at"])


CONFIRM_SALT = "portfolio.confirm"
CONFIRM_MAX_AGE = 60 * 60 * 24 * 60  # the link in the yearly e-mail works for 60 days


def confirmation_token(program: Program) -> str:
    from django.core import signing

    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(program.pk))


def program_from_confirmation_token(token: str) -> Program | None:
    """The published program a reminder link names, or None if forged, expired or gone."""
    from django.core import signing

    try:
        pk = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Program.objects.published().select_related("ministry").filter(pk=pk).first()


def confirmation_reminders_send() -> int:
    """E-mail every active focal point the list of their ministry's published programs, each
    with a one-click "still current" link, in the person's language. Returns the e-mails sent."""
    from django.urls import reverse
    from django.utils import translation

    from members.models import Member
    from rialgender.emails import absolute_url, send_email

    programs_by_ministry: dict[int, list[Program]] = {}
    for program in Program.objects.published().order_by("title_en"):
        programs_by_ministry.setdefault(program.ministry_id, []).append(program)
    sent = 0
    members = Member.objects.active().filter(ministry_id__in=programs_by_ministry)
    for member in members.select_related("user", "ministry"):
        user = member.user
        with translation.override(user.language):
            items = [
                {
                    "program": program,
                    "confirm_url": absolute_url(
                        reverse("portfolio:program-confirm", args=[confirmation_token(program)])
                    ),
                    "edit_url": absolute_url(reverse("portfolio:program-edit", args=[program.pk])),
                }
                for program in programs_by_ministry[member.ministry_id]
            ]
        send_email(
            "portfolio-confirm",
            to=[user.email],
            language=user.language,
            context={"recipient": user, "ministry": member.ministry, "items": items},
        )
        sent += 1
    return sent
