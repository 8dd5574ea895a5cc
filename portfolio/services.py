"""Writes for the portfolio."""

from django.db import transaction
from django.utils import timezone

from portfolio.models import Program, ProgramAttachment
from rialgender.modeldata import save_with


@transaction.atomic
def program_save(*, program: Program | None = None, ministry=None, data: dict, by=None) -> Program:
    """Create a program of `ministry` (no `program`) or change `program`, from `data` (field
    name -> value, as the focal points' form cleans it). Content only: its state moves
    through the workflow (rialgender.workflow.transition)."""
    return save_with(program or Program(ministry=ministry), data)


def attachment_add(
    *, program: Program, file, title: str, kind: str, language: str, by
) -> ProgramAttachment:
    """Attach a file that was checked on upload (rialgender.files): its content type and size
    come from the checked file."""
    attachment = ProgramAttachment(program=program, uploaded_by=by)
    return save_with(attachment, {"file": file, "title": title, "kind": kind, "language": language})


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
    with a "still current" link (a page whose button confirms), in the person's language.
    Returns the e-mails sent."""
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
