"""Virtual dialogues and hemispheric workshops: the event and its agenda, the questions put to
the delegations, registrations by delegation, the reminders and invitations mailed to
registrants, the attendance taken from the video platform's report, and the outcome
(conclusions and recommendations) whose follow-up each country records."""

import re
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from members.models import validate_link
from rialgender import bulkmail
from rialgender.fields import ChoiceArrayField
from rialgender.files import DOCUMENTS, ProtectedFileField
from rialgender.timezones import ORGANISER_ZONE, validate_zone
from rialgender.workflow import Action, Authorship, Publishable, PublishableQuerySet, State

# The defaults: registration closes five days before; delegates connect thirty
# minutes early to test audio, connection and interpretation.
REGISTRATION_CLOSES_DAYS_BEFORE = 5
AUDIO_TEST_MINUTES = 30
# The OAS's four official languages, in which an event may be held or interpreted.
EVENT_LANGUAGES = [
    ("es", _("Spanish")),
    ("en", _("English")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
]


class EventKind(models.TextChoices):
    DIALOGUE = "dialogue", _("Virtual dialogue")
    WORKSHOP = "workshop", _("Hemispheric workshop")


class EventFormat(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        """Published events that have not ended, soonest first."""
        return self.published().filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        """Published events that have ended, latest first."""
        return self.published().filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")

    def annotate_registrations(self):
        """registration_count: the people registered or waiting (not cancelled, declined)."""
        return self.annotate(
            registration_count=models.Count(
                "registrations",
                filter=Q(registrations__status__in=["pending", "confirmed", "waitlisted"]),
            )
        )


class Event(Publishable):
    """A virtual dialogue or a hemispheric workshop. Authored by the Technical Secretariat.

    Its start and end are instants (stored in UTC) organised in `time_zone` (Washington for
    the dialogues): the agenda's times and the admin's fields are in that zone, and each
    reader sees them in theirs too. `ical_uid` never changes; `ical_sequence` goes up with
    every change that calendars must learn about (see services.event_changed)."""

    authorship = Authorship.secretariat()

    kind = models.CharField(
        _("kind"), max_length=10, choices=EventKind.choices, default=EventKind.DIALOGUE
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("The 4th dialogue is number 4.")
    )
    title = models.CharField(_("title"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    objective = models.TextField(_("objective"), blank=True)
    background = models.TextField(_("background"), blank=True)
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.VIRTUAL
    )
    venue = models.CharField(
        _("venue"), max_length=250, blank=True, help_text=_("For events held in person.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("organiser's time zone"), max_length=64, default=ORGANISER_ZONE,
        validators=[validate_zone],
    )  # fmt: skip
    languages = ChoiceArrayField(
        models.CharField(max_length=2, choices=EVENT_LANGUAGES),
        verbose_name=_("languages"), default=list, blank=True,
    )  # fmt: skip
    interpretation = models.BooleanField(_("simultaneous interpretation"), default=True)
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True,
        help_text=_("Empty: as soon as the event is published."),
    )  # fmt: skip
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True,
        help_text=_("Empty: five days before the event starts."),
    )  # fmt: skip
    audio_test_minutes = models.PositiveSmallIntegerField(
        _("audio test, minutes before the start"), default=AUDIO_TEST_MINUTES,
        help_text=_("0 when there is no audio test."),
    )  # fmt: skip
    connection_link = models.URLField(
        _("connection link"), max_length=500, blank=True,
        help_text=_("Shown only to confirmed registrants and sent in the reminders."),
    )  # fmt: skip
    connection_details = models.CharField(
        _("meeting ID and passcode"), max_length=250, blank=True,
        help_text=_("Shown and sent with the link."),
    )  # fmt: skip
    requires_approval = models.BooleanField(
        _("registrations need the Secretariat's approval"), default=False
    )
    cap_per_delegation = models.PositiveSmallIntegerField(
        _("places per delegation"), null=True, blank=True,
        help_text=_("Empty: no limit. Beyond it, people go on a waiting list."),
    )  # fmt: skip
    questions_deadline = models.DateTimeField(
        _("answers to the questions due by"), null=True, blank=True
    )
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True, editable=False)
    ical_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ical_sequence = models.PositiveIntegerField(_("calendar version"), default=0, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("dialogues and workshops")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"],
                name="event_number_unique_per_kind",
                violation_error_message=_("Another event of this kind has this number."),
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
        ]

    def __str__(self):
        return (
            self.title
            or self.title_es
            or self.title_en
            or f"{self.get_kind_display()} {self.number}"
        )

    @classmethod
    def required_translated_fields(cls):
        return ["title", "description"]

    def get_absolute_url(self):
        return reverse("dialogues:event-detail", kwargs={"pk": self.pk})

    # -- time ----------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    def at_local(self, day: int, clock: time) -> datetime:
        """The instant of `clock` on day `day` (1 = the first) in the organiser's zone."""
        date = self.local_start.date() + timedelta(days=day - 1)
        return datetime.combine(date, clock, tzinfo=self.zone)

    @property
    def registration_closes(self) -> datetime:
        return self.registration_closes_at or (
            self.starts_at - timedelta(days=REGISTRATION_CLOSES_DAYS_BEFORE)
        )

    @property
    def audio_test_at(self) -> datetime | None:
        if not self.audio_test_minutes:
            return None
        return self.starts_at - timedelta(minutes=self.audio_test_minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def language_names(self) -> str:
        names = dict(EVENT_LANGUAGES)
        return ", ".join(str(names[code]) for code in self.languages if code in names)

    def has_ended(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.state == State.PUBLISHED
            and not self.is_cancelled
            and (self.registration_opens_at is None or self.registration_opens_at <= now)
            and now < self.registration_closes
            and now < self.ends_at
        )

    def workflow_blockers(self, action):
        blockers = super().workflow_blockers(action)
        if action == Action.PUBLISH and self.is_cancelled:
            blockers.append(gettext("A cancelled event cannot be published again."))
        return blockers


class AgendaItemKind(models.TextChoices):
    OPENING = "opening", _("Opening")
    PRESENTATION = "presentation", _("Presentation")
    PANEL = "panel", _("Panel")
    DIALOGUE = "dialogue", _("Open dialogue")
    GROUP_WORK = "group_work", _("Group work")
    CONCLUSIONS = "conclusions", _("Conclusions")
    CLOSING = "closing", _("Closing")
    BREAK = "break", _("Break")


class AgendaItem(models.Model):
    """A moment of the agenda, its times in the organiser's zone (day 1 is the first day)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    day = models.PositiveSmallIntegerField(_("day"), default=1)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=AgendaItemKind.choices,
        default=AgendaItemKind.PRESENTATION,
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    breakout_groups = models.TextField(
        _("breakout groups"), blank=True, help_text=_("One group per line."),
    )  # fmt: skip

    class Meta:
        ordering = ["event", "day", "start_time", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return f"{self.start_time:%H:%M} {self.title}"

    @property
    def groups(self) -> list[str]:
        return [line.strip() for line in (self.breakout_groups or "").splitlines() if line.strip()]


class Speaker(models.Model):
    """Someone who speaks at an agenda item; not necessarily a person with an account."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=300, blank=True)
    country = CountryField(_("country"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["item", "order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name


class DocumentKind(models.TextChoices):
    BACKGROUND = "background", _("Background note")
    PRESENTATION = "presentation", _("Presentation")
    AGENDA = "agenda", _("Agenda")
    OTHER = "other", _("Other document")


class EventDocument(models.Model):
    """A document of the event or of one agenda item, in one language. Its file is the
    event's: downloaded by whom may see the event (rialgender.files)."""

    FILE_OWNER = "event"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="documents",
        verbose_name=_("agenda item"),
    )  # fmt: skip
    kind = models.CharField(
        _("type"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.BACKGROUND
    )
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=2, choices=EVENT_LANGUAGES)
    file = ProtectedFileField(_("file"), kinds=DOCUMENTS, blank=True)
    url = models.URLField(_("or a link"), max_length=500, blank=True)

    class Meta:
        ordering = ["event", "item", "kind", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""),
                name="event_document_file_or_link",
                violation_error_message=_("Upload a file or give a link."),
            )  # fmt: skip
        ]

    def __str__(self):
        return self.title

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url


# --- Questions put to the delegations before the event ------------------------------------


class Question(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("question"))

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions to the delegations")

    def __str__(self):
        return self.text[:80]


class Answer(models.Model):
    """A delegation's answer to a question, written by its focal points."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.CASCADE, related_name="dialogue_answers",
        verbose_name=_("ministry"),
    )  # fmt: skip
    text = models.TextField(_("answer"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("answered by"),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("last changed on"), auto_now=True)

    class Meta:
        ordering = ["question", "ministry__country"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["question", "ministry"], name="one_answer_per_ministry")
        ]

    def __str__(self):
        return f"{self.ministry.country.code}: {self.text[:60]}"


# --- Registrations ---------------------------------------------------------------------------


class Category(models.TextChoices):
    MEMBER_STATE = "member_state", _("Member State")
    PERMANENT_MISSION = "permanent_mission", _("Permanent Mission to the OAS")
    CONSULTATIVE_BODY = "consultative_body", _("Consultative body (CIM, COSATE, CEATAL)")
    OBSERVER_STATE = "observer_state", _("Observer state")
    INTERNATIONAL = "international", _("International organization")


# Categories whose delegation is a country; the others' is their organization.
COUNTRY_CATEGORIES = (Category.MEMBER_STATE, Category.PERMANENT_MISSION, Category.OBSERVER_STATE)


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


# Who holds (or waits for) a place: one such registration per person and event.
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)
# Who counts toward a delegation's places.
HOLDS_A_PLACE = (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)


class Registration(models.Model):
    """A person's place at an event, in a delegation. People are copied in (name, address,
    language, time zone) because not every participant has an account: a focal point
    registers colleagues, the Secretariat registers missions and organizations."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="dialogue_registrations", verbose_name=_("account"),
    )  # fmt: skip
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    language = models.CharField(
        _("language of the e-mails"), max_length=2, choices=settings.LANGUAGES, default="es"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=ORGANISER_ZONE, validators=[validate_zone]
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.MEMBER_STATE
    )
    country = CountryField(_("country"), blank=True)
    organization = models.CharField(_("institution"), max_length=250, blank=True)
    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, null=True, blank=True,
        related_name="dialogue_registrations", verbose_name=_("ministry"),
    )  # fmt: skip
    # "country:PY" or "org:cim": the delegation whose places this registration takes.
    delegation = models.CharField(_("delegation"), max_length=120, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED, db_index=True,
    )  # fmt: skip
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("registered by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("registered on"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    # Attendance, from the video platform's participant report.
    attended = models.BooleanField(_("attended"), default=False)
    minutes_connected = models.PositiveIntegerField(_("minutes connected"), default=0)
    first_joined_at = models.DateTimeField(_("first joined"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "country", "last_name", "first_name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="one_active_registration_per_address",
                violation_error_message=_("This person is already registered for this event."),
            ),  # fmt: skip
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["event", "delegation", "status"]),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_confirmed(self) -> bool:
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @staticmethod
    def delegation_key(*, category: str, country: str = "", organization: str = "") -> str:
        from django.utils.text import slugify

        if category in COUNTRY_CATEGORIES and country:
            return f"country:{str(country).upper()}"
        return f"org:{slugify(organization)[:100] or 'unknown'}"


# --- Mailings to registrants: reminders, updates, cancellation ------------------------------


class MailingKind(models.TextChoices):
    WEEK = "week", _("Reminder a week before")
    DAY = "day", _("Reminder the day before")
    UPDATE = "update", _("The event changed")
    CANCELLATION = "cancellation", _("The event was cancelled")


# When each reminder is due, before the start.
REMINDER_LEAD = {MailingKind.WEEK: timedelta(days=7), MailingKind.DAY: timedelta(days=1)}


class MailingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class EventMailing(models.Model):
    """One message to an event's confirmed registrants, each in their language and time
    zone, with their calendar invitation: sent exactly once through rialgender.bulkmail."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mailings")
    kind = models.CharField(_("kind"), max_length=15, choices=MailingKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MailingStatus.choices,
        default=MailingStatus.SCHEDULED, editable=False,
    )  # fmt: skip
    scheduled_for = models.DateTimeField(_("send on"))
    # The calendar version the invitations carry, fixed when the sending starts.
    sequence = models.PositiveIntegerField(_("calendar version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created on"), default=timezone.now, editable=False)
    started_at = models.DateTimeField(_("started on"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-scheduled_for"]
        verbose_name = _("mailing to registrants")
        verbose_name_plural = _("mailings to registrants")
        constraints = [
            # Each reminder once per event.
            models.UniqueConstraint(
                fields=["event", "kind"],
                condition=Q(kind__in=["week", "day"]),
                name="one_reminder_of_each_kind",
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.event}: {self.get_kind_display()}"


class MailingDelivery(bulkmail.Delivery):
    """One per (mailing, registration): what makes each reminder exactly-once."""

    mailing = models.ForeignKey(EventMailing, on_delete=models.CASCADE, related_name="deliveries")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="deliveries"
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "registration"], name="one_delivery_per_registration"
            )
        ]
        indexes = [
            models.Index(
                fields=["mailing", "id"],
                condition=Q(status__in=["pending", "sending"]),
                name="mailing_delivery_open_idx",
            )
        ]

    def __str__(self):
        return f"{self.mailing_id} -> {self.registration_id}: {self.status}"


# --- Attendance, from the video platform's participant report -------------------------------


class AttendanceReport(models.Model):
    """The participant report uploaded after the event. A new upload replaces it."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="attendance")
    file_name = models.CharField(_("file"), max_length=250)
    host_time_zone = models.CharField(_("time zone of the times in the file"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("uploaded by"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded on"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance report")
        verbose_name_plural = _("attendance reports")

    def __str__(self):
        return self.file_name


class Resolution(models.TextChoices):
    BY_EMAIL = "email", _("Matched by e-mail")
    BY_NAME = "name", _("Matched by name")
    BY_HAND = "hand", _("Matched by hand")
    UNREGISTERED = "unregistered", _("Participant without registration")
    NOT_PARTICIPANT = "not_participant", _("Not a participant (host, interpreters)")
    UNRESOLVED = "unresolved", _("To resolve")


class AttendanceRow(models.Model):
    """One connection in the report: a person who dropped and came back has two."""

    report = models.ForeignKey(AttendanceReport, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField(_("line"))
    name = models.CharField(_("name in the report"), max_length=300)
    email = models.CharField(_("e-mail in the report"), max_length=254, blank=True)
    joined_at = models.DateTimeField(_("joined"))
    left_at = models.DateTimeField(_("left"))
    minutes = models.PositiveIntegerField(_("minutes"))
    resolution = models.CharField(
        _("resolution"), max_length=20, choices=Resolution.choices, default=Resolution.UNRESOLVED
    )
    registration = models.ForeignKey(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="connections",
        verbose_name=_("registration"),
    )  # fmt: skip
    # For a participant without registration (a mission connected as one screen, say).
    country = CountryField(_("country"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)

    class Meta:
        ordering = ["report", "line"]
        verbose_name = _("connection")
        verbose_name_plural = _("connections")

    def __str__(self):
        return f"{self.line}: {self.name}"


class ParticipationCount(models.Model):
    """How many took part, by country and category: computed from the attendance, or typed
    by the Secretariat for events held before the portal."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participation")
    country = CountryField(_("country"), blank=True)
    organization = models.CharField(
        _("institution"), max_length=250, blank=True,
        help_text=_("For consultative bodies and international organizations."),
    )  # fmt: skip
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.MEMBER_STATE
    )
    count = models.PositiveSmallIntegerField(_("participants"))

    class Meta:
        ordering = ["event", "category", "country", "organization"]
        verbose_name = _("participation")
        verbose_name_plural = _("participation by country and category")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "category", "country", "organization"],
                name="one_count_per_delegation",
            )
        ]

    def __str__(self):
        return f"{self.country or self.organization}: {self.count}"


# --- Outcomes and the recommendation tracker -------------------------------------------------


_BLANK_LINE = re.compile(r"\r?\n[ \t]*\r?\n")


class Outcome(Publishable):
    """What came of an event: conclusions, recommendations, next steps, links. Published by
    the Secretariat, in both languages, after the event."""

    authorship = Authorship.secretariat()

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="outcome", verbose_name=_("event")
    )
    summary = models.TextField(_("summary"), blank=True)
    conclusions = models.TextField(
        _("conclusions"), blank=True, help_text=_("One conclusion per paragraph (blank lines).")
    )
    next_steps = models.TextField(
        _("next steps"), blank=True, help_text=_("One step per paragraph (blank lines).")
    )

    class Meta:
        ordering = ["-event__starts_at"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return gettext("Outcome of %(event)s") % {"event": self.event}

    @classmethod
    def required_translated_fields(cls):
        return ["conclusions"]

    def get_absolute_url(self):
        return reverse("dialogues:event-detail", kwargs={"pk": self.event_id}) + "#outcome"

    def workflow_blockers(self, action):
        blockers = super().workflow_blockers(action)
        if action == Action.PUBLISH:
            if not self.event.has_ended():
                blockers.append(gettext("The outcome is published after the event."))
            untranslated = [
                str(r.number) for r in self.recommendations.all() if not (r.text_en and r.text_es)
            ]
            if untranslated:
                blockers.append(
                    gettext("Recommendations %(numbers)s need both languages.")
                    % {"numbers": ", ".join(untranslated)}
                )
        return blockers

    @staticmethod
    def paragraphs(text: str) -> list[str]:
        """The paragraphs of a text: separated by blank lines, however typed (a browser's
        textarea sends CRLF line ends; a blank line may hold spaces)."""
        return [" ".join(p.split()) for p in _BLANK_LINE.split(text or "") if p.strip()]

    @property
    def conclusion_list(self) -> list[str]:
        return self.paragraphs(self.conclusions)

    @property
    def next_step_list(self) -> list[str]:
        return self.paragraphs(self.next_steps)


class Addressee(models.TextChoices):
    MINISTRIES = "ministries", _("The ministries of labor")
    NETWORK = "network", _("The network")
    SECRETARIAT = "secretariat", _("The Technical Secretariat")


class Recommendation(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))
    addressee = models.CharField(
        _("addressed to"), max_length=12, choices=Addressee.choices, default=Addressee.MINISTRIES
    )
    areas = models.ManyToManyField(
        "rialgender.AreaOfAction", blank=True, related_name="dialogue_recommendations",
        verbose_name=_("areas of action"),
    )  # fmt: skip

    class Meta:
        ordering = ["outcome", "number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "number"],
                name="recommendation_number_unique",
                violation_error_message=_(
                    "Another recommendation of this outcome has this number."
                ),
            )  # fmt: skip
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"


class LinkKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    COOPERATION = "cooperation", _("Cooperation")
    PROGRAM = "program", _("Program")
    OTHER = "other", _("Other")


class OutcomeLink(models.Model):
    """What came of it: a document, a cooperation, a program, on this portal or elsewhere."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("type"), max_length=12, choices=LinkKind.choices)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(
        _("link"), max_length=500, validators=[validate_link],
        help_text=_("A full web address, or a path on this portal (/es/...)."),
    )  # fmt: skip

    class Meta:
        ordering = ["outcome", "kind", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("what came of it")

    def __str__(self):
        return self.title


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class RecommendationProgress(models.Model):
    """Where a country stands on a recommendation, as its focal points report it."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="progress"
    )
    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.CASCADE, related_name="recommendation_progress",
        verbose_name=_("ministry"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=15, choices=ProgressStatus.choices,
        default=ProgressStatus.NOT_STARTED,
    )  # fmt: skip
    note = models.TextField(_("note"), max_length=1000, blank=True)
    evidence_url = models.URLField(_("evidence (link)"), max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("updated by"),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated on"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "ministry__country"]
        verbose_name = _("progress on a recommendation")
        verbose_name_plural = _("progress on recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "ministry"], name="one_progress_per_country"
            )
        ]

    def __str__(self):
        return f"{self.recommendation_id} / {self.ministry_id}: {self.status}"
