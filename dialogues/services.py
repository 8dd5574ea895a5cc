"""Writes for dialogues and workshops: the event's changes and cancellation, registrations
and their e-mails, answers to the questions, the mailings to registrants (reminders,
updates, cancellation), attendance, and the follow-up of recommendations."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogues import calendar
from dialogues.models import (
    COUNTRY_CATEGORIES,
    HOLDS_A_PLACE,
    REMINDER_LEAD,
    Answer,
    AttendanceReport,
    AttendanceRow,
    Category,
    Event,
    EventMailing,
    MailingDelivery,
    MailingKind,
    MailingStatus,
    ParticipationCount,
    ProgressStatus,
    Question,
    RecommendationProgress,
    Registration,
    RegistrationStatus,
    Resolution,
)
from dialogues.timefmt import when_text
from rialgender import bulkmail, pagecache
from rialgender.celery import queue
from rialgender.emails import absolute_url, render_email

# Changes that calendars must learn about: each raises the event's SEQUENCE and, once
# registrants hold an invitation, sends them the updated one.
CALENDAR_FIELDS = {
    "title_en", "title_es", "description_en", "description_es", "venue_en", "venue_es",
    "starts_at", "ends_at", "time_zone", "format", "connection_link", "connection_details",
}  # fmt: skip
# Several edits in a row make one update e-mail, sent this long after the last of them.
UPDATE_DELAY = timedelta(minutes=5)
# Rows of the participant report that are a registrant's connections.
MATCHED = ("email", "name", "hand")
TOKEN_SALT = "dialogues.registration"


# --- The event -------------------------------------------------------------------------------


@transaction.atomic
def event_changed(*, event: Event, fields) -> bool:
    """Record that `fields` of a saved event changed. When calendars must learn about it, the
    SEQUENCE goes up and, if the event is published with confirmed registrants, an update
    is scheduled (one for several edits in a row). Returns whether the calendar changed."""
    if not set(fields) & CALENDAR_FIELDS:
        return False
    event = Event.objects.select_for_update().get(pk=event.pk)
    Event.objects.filter(pk=event.pk).update(ical_sequence=event.ical_sequence + 1)
    if event.is_published and not event.has_ended() and event.registrations.confirmed().exists():
        _schedule_update(event)
    return True


def _schedule_update(event: Event) -> EventMailing:
    when = timezone.now() + UPDATE_DELAY
    waiting = event.mailings.filter(kind=MailingKind.UPDATE, status=MailingStatus.SCHEDULED)
    mailing = waiting.select_for_update().first()
    if mailing is None:
        return EventMailing.objects.create(event=event, kind=MailingKind.UPDATE, scheduled_for=when)
    mailing.scheduled_for = when
    mailing.save(update_fields=["scheduled_for"])
    return mailing


@transaction.atomic
def event_cancel(*, event: Event, by) -> Event:
    """Cancel an event: it stays on the portal, marked cancelled; registration closes; every
    registrant is told at once, with the withdrawal of their invitation."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        return event
    if event.has_ended():
        raise ValidationError(_("An event that has ended cannot be cancelled."))
    event.cancelled_at = timezone.now()
    event.ical_sequence += 1
    event.save(update_fields=["cancelled_at", "ical_sequence"])
    event.mailings.filter(status=MailingStatus.SCHEDULED).delete()
    mailing = EventMailing.objects.create(
        event=event, kind=MailingKind.CANCELLATION, scheduled_for=timezone.now()
    )
    mailing_start(mailing=mailing)
    return event


# --- Registrations ---------------------------------------------------------------------------


@dataclass
class Person:
    first_name: str
    last_name: str
    email: str
    language: str = "es"
    time_zone: str = ""
    job_title: str = ""


def _signer() -> signing.Signer:
    return signing.Signer(salt=TOKEN_SALT)


def registration_token(registration: Registration) -> str:
    """The key to a registration's own page, sent in its e-mails: for registrants without
    an account, the one way to see the link or cancel. It does not expire: the page shows
    only what the registrant was sent anyway."""
    return _signer().sign_object(registration.pk)


def registration_from_token(token: str) -> Registration | None:
    if not token or len(token) > 200:
        return None
    try:
        pk = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(pk, int) or isinstance(pk, bool):
        return None
    return Registration.objects.select_related("event", "ministry").filter(pk=pk).first()


def registration_url(registration: Registration) -> str:
    with translation.override(registration.language):
        path = reverse(
            "dialogues:registration-detail", kwargs={"token": registration_token(registration)}
        )
    return absolute_url(path)


def registration_create(
    *, event: Event, person: Person, by, category: str = Category.MEMBER_STATE,
    country: str = "", organization: str = "", ministry=None, user=None,
    skip_window: bool = False,
) -> Registration:  # fmt: skip
    """Register someone for an event, in their delegation.

    - Refused: after registration closed (unless `skip_window`, for the Secretariat), for a
      cancelled event, twice for the same address (case ignored).
    - A delegation whose places are all held puts newcomers on the waiting list (the event
      row is locked, so two people racing for the last place cannot both get it).
    - Needs approval: pending until the Secretariat decides. Otherwise confirmed, and the
      person is e-mailed in their language, with the calendar invitation.
    Raises ValidationError with a message for the person; returns the registration.
    """
    email = person.email.strip().lower()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.is_cancelled:
            raise ValidationError(_("This event was cancelled."))
        if not skip_window and not event.registration_is_open():
            raise ValidationError(registration_closed_message(event))
        if event.registrations.active().filter(email__iexact=email).exists():
            raise ValidationError(
                {"email": _("%(email)s is already registered for this event.") % {"email": email}}
            )
        if ministry is not None and not country:
            country = ministry.country.code
        delegation = Registration.delegation_key(
            category=category, country=country, organization=organization
        )
        status = (
            RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
        )
        if event.cap_per_delegation is not None:
            held = event.registrations.filter(delegation=delegation, status__in=HOLDS_A_PLACE)
            if held.count() >= event.cap_per_delegation:
                status = RegistrationStatus.WAITLISTED
        from rialgender.timezones import default_zone

        registration = Registration(
            event=event, user=user, first_name=person.first_name.strip(),
            last_name=person.last_name.strip(), email=email, job_title=person.job_title.strip(),
            language=person.language, time_zone=person.time_zone or default_zone(country),
            category=category, country=country, organization=organization.strip(),
            ministry=ministry, delegation=delegation, status=status, registered_by=by,
        )  # fmt: skip
        registration.full_clean(exclude=["delegation"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            raise ValidationError(
                {"email": _("%(email)s is already registered for this event.") % {"email": email}}
            ) from None
        _notify(registration, by=by)
    return registration


def registration_closed_message(event: Event) -> str:
    """Why registration is not open, for the person who tried."""
    now = timezone.now()
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens on %(date)s.") % {
            "date": when_text(event.registration_opens_at, event.time_zone, with_zone=True)
        }
    if event.has_ended():
        return _("This event has ended.")
    if event.is_cancelled:
        return _("This event was cancelled.")
    if event.state != "published":
        return _("Registration opens when the event is published.")
    return _("Registration closed on %(date)s.") % {
        "date": when_text(event.registration_closes, event.time_zone, with_zone=True)
    }


def _notify(registration: Registration, *, by=None) -> None:
    """The e-mail that tells a registrant where they stand, after the commit."""
    template = {
        RegistrationStatus.CONFIRMED: "dialogue-registration-confirmed",
        RegistrationStatus.PENDING: "dialogue-registration-pending",
        RegistrationStatus.WAITLISTED: "dialogue-registration-waitlisted",
        RegistrationStatus.DECLINED: "dialogue-registration-declined",
        RegistrationStatus.CANCELLED: "dialogue-registration-cancelled",
    }[registration.status]
    transaction.on_commit(lambda: send_registration_email(registration, template, by=by))


def send_registration_email(registration: Registration, template: str, *, by=None) -> None:
    """One registrant's e-mail, in their language and time zone; a confirmation carries the
    calendar invitation, a cancellation its withdrawal."""
    event = Event.objects.get(pk=registration.event_id)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    cancelled = registration.status == RegistrationStatus.CANCELLED
    # The week's reminder already went: the confirmation brings the link itself.
    late = event.mailings.filter(kind=MailingKind.WEEK).exclude(status=MailingStatus.SCHEDULED)
    context = {
        "event": event,
        "registration": registration,
        "registered_by": by if by is not None and by.pk != registration.user_id else None,
        "when": when_text(event.starts_at, registration.time_zone, end=event.ends_at,
                          with_zone=True, language=registration.language),
        "when_organiser": when_text(event.starts_at, event.time_zone, end=event.ends_at,
                                    with_zone=True, language=registration.language),
        "audio_test": when_text(event.audio_test_at, registration.time_zone,
                                language=registration.language, clock_only=True)
        if event.audio_test_at else "",
        "event_url": _event_url(event, registration.language),
        "manage_url": registration_url(registration),
        "with_link": confirmed and late.exists(),
    }  # fmt: skip
    subject, text, html = render_email(template, context, registration.language)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[registration.email]
    )
    message.attach_alternative(html, "text/html")
    if confirmed or (cancelled and not event.has_ended()):
        ics = calendar.invitation(
            event, language=registration.language, email=registration.email, cancel=cancelled
        )
        message.attach(*calendar.attachment(ics, cancel=cancelled))
    message.send()


def _event_url(event: Event, language: str) -> str:
    with translation.override(language):
        return absolute_url(event.get_absolute_url())


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """The registrant (or their focal point, or the Secretariat) gives up the place: the
    invitation is withdrawn from their calendar, reminders not yet sent to them are dropped,
    and the first person waiting in the same delegation takes the place."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        return registration
    held_a_place = registration.status in HOLDS_A_PLACE
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    # A cancellation is a change calendars must see: the CANCEL must outrank the REQUEST.
    Event.objects.filter(pk=event.pk).update(ical_sequence=event.ical_sequence + 1)
    MailingDelivery.objects.filter(
        registration=registration, status=bulkmail.DeliveryStatus.PENDING
    ).delete()
    _notify(registration, by=by)
    if held_a_place:
        _promote_waiting(event, registration.delegation)
    return registration


def _promote_waiting(event: Event, delegation: str) -> None:
    if event.cap_per_delegation is None:
        return
    held = event.registrations.filter(delegation=delegation, status__in=HOLDS_A_PLACE).count()
    if held >= event.cap_per_delegation:
        return
    first = (
        event.registrations.select_for_update()
        .filter(delegation=delegation, status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return
    first.status = (
        RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.CONFIRMED
    )
    first.decided_at = timezone.now()
    first.save(update_fields=["status", "decided_at"])
    _notify(first)


@transaction.atomic
def registration_decide(*, registration: Registration, approve: bool, by) -> Registration:
    """The Secretariat approves (confirmed, with the invitation) or declines a registration
    waiting for approval."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        raise ValidationError(_("Only a registration waiting for approval can be decided."))
    registration.status = RegistrationStatus.CONFIRMED if approve else RegistrationStatus.DECLINED
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "decided_at"])
    _notify(registration, by=by)
    if not approve:
        _promote_waiting(registration.event, registration.delegation)
    return registration


# --- Questions ---------------------------------------------------------------------------------


@transaction.atomic
def answers_save(*, event: Event, ministry, by, answers: dict[int, str]) -> int:
    """A delegation's answers to the event's questions; an emptied answer is withdrawn.
    Returns how many answers the delegation now has."""
    from dialogues.rules import can_answer_questions

    if not can_answer_questions(by, event):
        raise ValidationError(_("The deadline for answers has passed."))
    questions = {q.pk: q for q in Question.objects.filter(event=event)}
    for pk, text in answers.items():
        if pk not in questions:
            continue
        text = (text or "").strip()
        if text:
            Answer.objects.update_or_create(
                question=questions[pk], ministry=ministry,
                defaults={"text": text, "answered_by": by},
            )  # fmt: skip
        else:
            Answer.objects.filter(question=questions[pk], ministry=ministry).delete()
    return Answer.objects.filter(question__event=event, ministry=ministry).count()


# --- Pages that follow the clock --------------------------------------------------------------


def moments_crossed(since, now) -> bool:
    """Whether an event's registration closed, or an event started or ended, between `since`
    and `now`: the public pages kept in the page cache (the home's dialogues section, the
    event pages) change then, though nothing is saved. Registered with
    rialgender.pagecache.follow_the_clock."""
    from django.db.models import Q

    from dialogues.models import REGISTRATION_CLOSES_DAYS_BEFORE

    lead = timedelta(days=REGISTRATION_CLOSES_DAYS_BEFORE)
    return (
        Event.objects.published()
        .filter(
            Q(starts_at__gt=since, starts_at__lte=now)
            | Q(ends_at__gt=since, ends_at__lte=now)
            | Q(registration_closes_at__gt=since, registration_closes_at__lte=now)
            | Q(
                registration_closes_at__isnull=True,
                starts_at__gt=since + lead,
                starts_at__lte=now + lead,
            )
        )  # fmt: skip
        .exists()
    )


# --- Mailings to registrants -------------------------------------------------------------------


def mailings_dispatch(*, now=None) -> int:
    """Run by beat every minute: create each reminder when it is due (a week and a day before
    the start; the week's is skipped when the day's is already due), and start every mailing
    whose time has come. Returns how many mailings it started."""
    now = now or timezone.now()
    soon = Event.objects.published().filter(
        cancelled_at__isnull=True, starts_at__gt=now, starts_at__lte=now + REMINDER_LEAD["week"]
    )
    for event in soon:
        for kind in (MailingKind.DAY, MailingKind.WEEK):
            due = event.starts_at - REMINDER_LEAD[kind]
            if due <= now:
                try:
                    with transaction.atomic():
                        EventMailing.objects.get_or_create(
                            event=event, kind=kind, defaults={"scheduled_for": due}
                        )
                except IntegrityError:
                    pass  # another dispatch created it
                break  # only the latest reminder that is due
    started = 0
    for mailing in EventMailing.objects.filter(
        status=MailingStatus.SCHEDULED, scheduled_for__lte=now
    ):
        started += bool(mailing_start(mailing=mailing))
    return started


_RECIPIENTS = {
    MailingKind.WEEK: (RegistrationStatus.CONFIRMED,),
    MailingKind.DAY: (RegistrationStatus.CONFIRMED,),
    MailingKind.UPDATE: (RegistrationStatus.CONFIRMED,),
    MailingKind.CANCELLATION: (
        RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED
    ),
}  # fmt: skip


def mailing_start(*, mailing: EventMailing) -> int:
    """One delivery per registrant it is for (one INSERT ... SELECT; a repeat adds nobody
    twice), the calendar version fixed, then `BULK_MAIL_SENDERS` send tasks after the
    commit. Returns how many deliveries it created."""
    with transaction.atomic():
        mailing = (
            EventMailing.objects.select_for_update().select_related("event").get(pk=mailing.pk)
        )
        if mailing.status != MailingStatus.SCHEDULED:
            return 0
        event = mailing.event
        if mailing.kind != MailingKind.CANCELLATION and (event.is_cancelled or event.has_ended()):
            mailing.delete()  # nothing to remind anyone of
            return 0
        statuses = [str(s) for s in _RECIPIENTS[mailing.kind]]
        with connection.cursor() as cursor:
            cursor.execute(
                """INSERT INTO dialogues_mailingdelivery (mailing_id, registration_id, status, attempts, error)
                   SELECT %s, id, 'pending', 0, '' FROM dialogues_registration
                   WHERE event_id = %s AND status = ANY(%s)
                   ON CONFLICT (mailing_id, registration_id) DO NOTHING""",
                [mailing.pk, event.pk, statuses],
            )
            created = cursor.rowcount
        mailing.status = MailingStatus.SENDING
        mailing.sequence = event.ical_sequence
        mailing.started_at = timezone.now()
        mailing.save(update_fields=["status", "sequence", "started_at"])
        for _n in range(bulkmail.senders()):
            queue("dialogues.send_mailing", mailing_id=mailing.pk)
    return created


_TEMPLATES = {
    MailingKind.WEEK: "dialogue-reminder",
    MailingKind.DAY: "dialogue-reminder",
    MailingKind.UPDATE: "dialogue-update",
    MailingKind.CANCELLATION: "dialogue-cancelled",
}


def mailing_render(mailing: EventMailing, language: str, zone: str | None = None):
    """The mailing's (subject, text, html) in `language`, its times read in `zone` (the
    event's own by default): what the admin previews, as each recipient gets it."""
    event = mailing.event
    zone = zone or event.time_zone
    context = {
        "event": event,
        "mailing": mailing,
        "when": when_text(event.starts_at, zone, end=event.ends_at, with_zone=True,
                          language=language),
        "when_organiser": when_text(event.starts_at, event.time_zone, end=event.ends_at,
                                    with_zone=True, language=language),
        "audio_test": when_text(event.audio_test_at, zone, language=language, clock_only=True)
        if event.audio_test_at else "",
        "event_url": _event_url(event, language),
        "manage_url": absolute_url(_manage_path(language)),
    }  # fmt: skip
    return render_email(_TEMPLATES[mailing.kind], context, language)


def mailing_templates(mailing: EventMailing, keys) -> dict[str, bytes]:
    """The message of each (language, time zone) among the recipients, addressed and
    tokenized with placeholders, with the calendar invitation (or its withdrawal)."""
    event = mailing.event
    cancel = mailing.kind == MailingKind.CANCELLATION
    templates, invitations = {}, {}
    for key in keys:
        language, zone = key.split("|", 1)
        if language not in invitations:
            invitations[language] = calendar.invitation(
                event, language=language, sequence=mailing.sequence, cancel=cancel
            )
        templates[key] = bulkmail.prebuild(
            *mailing_render(mailing, language, zone), tokens=0 if cancel else 2,
            attachments=[calendar.attachment(invitations[language], cancel=cancel)],
        )  # fmt: skip
    return templates


def mailing_audience(mailing: EventMailing) -> int:
    """How many people the mailing reaches: its deliveries once started, else the
    registrants it is for today."""
    if mailing.status != MailingStatus.SCHEDULED:
        return mailing.deliveries.count()
    return Registration.objects.filter(
        event_id=mailing.event_id, status__in=_RECIPIENTS[mailing.kind]
    ).count()


def mailing_send_test(*, mailing: EventMailing, to_user) -> None:
    """One copy in each language to `to_user`, exactly as registrants get it (times in their
    zone or the event's, the calendar file attached); its registration links lead nowhere."""
    zone = getattr(getattr(to_user, "member", None), "time_zone", "") or mailing.event.time_zone
    keys = [f"{language}|{zone}" for language, _name in settings.LANGUAGES]
    templates = mailing_templates(mailing, keys)
    bulkmail.send_copies(templates, to=to_user.email, token=_signer().sign_object(0))


def _manage_path(language: str) -> str:
    with translation.override(language):
        return reverse(
            "dialogues:registration-detail", kwargs={"token": bulkmail.TOKEN_PLACEHOLDER}
        )


def _mailing_recipients(ids: list[int]) -> list[tuple]:
    rows = (
        MailingDelivery.objects.filter(pk__in=ids)
        .order_by("pk")
        .values_list(
            "pk", "registration_id", "registration__email", "registration__language",
            "registration__time_zone",
        )
    )  # fmt: skip
    signer = _signer()
    return [
        (pk, email, f"{language}|{zone}", signer.sign_object(registration_id))
        for pk, registration_id, email, language, zone in rows
    ]


def mailing_deliver(*, mailing_id: int, batch_size=None, lease=None) -> int:
    """Send what is open of a mailing, each registrant exactly once (rialgender.bulkmail);
    it is sent when nothing is open any more. Returns how many messages were sent."""
    mailing = EventMailing.objects.select_related("event").get(pk=mailing_id)
    if mailing.status != MailingStatus.SENDING:
        return 0
    filters = {"mailing_id": mailing_id}
    keys = (
        MailingDelivery.objects.filter(**filters, status__in=bulkmail.OPEN)
        .values_list("registration__language", "registration__time_zone")
        .distinct()
    )
    sent = 0
    keys = [f"{language}|{zone}" for language, zone in keys]
    if keys:
        sent = bulkmail.send_pending(
            model=MailingDelivery, filters=filters, templates=mailing_templates(mailing, keys),
            recipients=_mailing_recipients, batch_size=batch_size, lease=lease,
        )  # fmt: skip
    with transaction.atomic():
        if not bulkmail.has_open(MailingDelivery, filters):
            EventMailing.objects.filter(pk=mailing_id, status=MailingStatus.SENDING).update(
                status=MailingStatus.SENT, finished_at=timezone.now()
            )
    return sent


def mailings_resume() -> int:
    """Queue a worker for each mailing being sent that has nobody sending it (a worker died):
    run by beat through rialgender.bulkmail.resume_all."""
    queued = 0
    for pk in EventMailing.objects.filter(status=MailingStatus.SENDING).values_list(
        "pk", flat=True
    ):
        if bulkmail.needs_worker(model=MailingDelivery, filters={"mailing_id": pk}):
            queue("dialogues.send_mailing", mailing_id=pk)
            queued += 1
    return queued


# --- The recommendation tracker ---------------------------------------------------------------


@transaction.atomic
def progress_update(
    *, recommendation, ministry, status: str, note: str = "", evidence_url: str = "", by
) -> RecommendationProgress:
    """Where a country stands on a recommendation, as its focal points report it; every
    change is kept in the history."""
    from dialogues.rules import can_update_progress

    if not can_update_progress(by, ministry):
        raise ValidationError(_("You can only report on your own country."))
    if status not in ProgressStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    progress = RecommendationProgress.objects.select_for_update().filter(
        recommendation=recommendation, ministry=ministry
    ).first() or RecommendationProgress(recommendation=recommendation, ministry=ministry)
    progress.status = status
    progress.note = note.strip()
    progress.evidence_url = evidence_url.strip()
    progress.updated_by = by
    progress.updated_at = timezone.now()
    progress.full_clean(exclude=["recommendation", "ministry"])
    progress.save()
    return progress


# --- Attendance ------------------------------------------------------------------------------


def _organiser_addresses() -> set[str]:
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.filter(is_staff=True).values_list("email", flat=True)
    return {settings.SECRETARIAT_EMAIL.lower(), *(e.lower() for e in staff)}


@transaction.atomic
def attendance_import(*, event: Event, rows, file_name: str, zone: str, by) -> AttendanceReport:
    """Replace the event's attendance with a participant report's rows (already read whole
    by dialogues.attendance.read_report): each row matched to a registration by address, then
    by name; the organisers' rows set aside; the rest left to resolve by hand. Then the
    attendance of each registration and the participation counts follow."""
    from dialogues.attendance import match

    event = Event.objects.select_for_update().get(pk=event.pk)
    AttendanceReport.objects.filter(event=event).delete()
    report = AttendanceReport.objects.create(
        event=event, file_name=file_name[:250], host_time_zone=zone, uploaded_by=by
    )
    registrations = list(event.registrations.exclude(status=RegistrationStatus.CANCELLED))
    matched = match(rows, registrations, organisers=_organiser_addresses())
    AttendanceRow.objects.bulk_create(
        [
            AttendanceRow(
                report=report,
                line=row.line,
                name=row.name,
                email=row.email,
                joined_at=row.joined_at,
                left_at=row.left_at,
                minutes=row.minutes,
                registration=registration,
                resolution=resolution,
            )  # fmt: skip
            for row, registration, resolution, _suggestion in matched
        ]
    )
    attendance_recompute(event=event)
    return report


@transaction.atomic
def attendance_resolve(
    *, row: AttendanceRow, resolution: str, registration=None, country="", category="", by
) -> AttendanceRow:
    """The Secretariat decides what an unmatched row is: a registrant (by hand), a participant
    without registration (with a country and category), or not a participant."""
    if resolution == Resolution.BY_HAND:
        if registration is None or registration.event_id != row.report.event_id:
            raise ValidationError({"registration": _("Choose one of this event's registrations.")})
        row.registration, row.country, row.category = registration, "", ""
    elif resolution == Resolution.UNREGISTERED:
        if not category:
            raise ValidationError({"category": _("Choose the participant's category.")})
        row.registration, row.country, row.category = None, country, category
    elif resolution in (Resolution.NOT_PARTICIPANT, Resolution.UNRESOLVED):
        row.registration, row.country, row.category = None, "", ""
    else:
        raise ValidationError(_("Choose what this connection is."))
    row.resolution = resolution
    row.save(update_fields=["registration", "country", "category", "resolution"])
    attendance_recompute(event=row.report.event)
    return row


def attendance_recompute(*, event: Event) -> None:
    """Who attended (minutes connected, overlapping connections counted once) and the
    participation by country and category, from the report's rows as resolved."""
    from dialogues.attendance import merged_minutes, name_key

    report = AttendanceReport.objects.filter(event=event).first()
    if report is None:
        return
    connections: dict[int, list] = {}
    unregistered: dict[tuple, set] = {}
    for row in report.rows.all():
        if row.registration_id and row.resolution in MATCHED:
            connections.setdefault(row.registration_id, []).append((row.joined_at, row.left_at))
        elif row.resolution == Resolution.UNREGISTERED:
            unregistered.setdefault((row.category, row.country.code or ""), set()).add(
                name_key(row.name) or row.name
            )
    event.registrations.update(attended=False, minutes_connected=0, first_joined_at=None)
    counts: dict[tuple, int] = {}
    for registration in event.registrations.filter(pk__in=connections):
        intervals = connections[registration.pk]
        registration.attended = True
        registration.minutes_connected = merged_minutes(intervals)
        registration.first_joined_at = min(start for start, _end in intervals)
        registration.save(update_fields=["attended", "minutes_connected", "first_joined_at"])
        by_country = registration.category in COUNTRY_CATEGORIES
        key = (
            registration.category,
            registration.country.code if by_country else "",
            "" if by_country else registration.organization,
        )
        counts[key] = counts.get(key, 0) + 1
    for (category, country), names in unregistered.items():
        key = (category, country, "")
        counts[key] = counts.get(key, 0) + len(names)
    ParticipationCount.objects.filter(event=event).delete()
    ParticipationCount.objects.bulk_create(
        ParticipationCount(
            event=event,
            category=category,
            country=country,
            organization=organization,
            count=count,
        )  # fmt: skip
        for (category, country, organization), count in counts.items()
    )
    pagecache.bump("dialogues")  # the country pages and the glance show these counts
