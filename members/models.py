import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from rialgender import bulkmail
from rialgender.fields import ChoiceArrayField
from rialgender.timezones import default_zone, validate_zone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in: a focal point or a Secretariat officer. Logs in by e-mail."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="es",
        help_text=_("The language of the e-mails the portal sends you."),
    )
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()
    # Every change to a person is recorded; the password hash and login times are not history.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email


class Ministry(models.Model):
    """A ministry of labor of the network: one per country."""

    country = CountryField(_("country"), unique=True)
    name = models.CharField(_("name"), max_length=255)
    gender_unit = models.CharField(
        _("gender unit"),
        max_length=255,
        blank=True,
        help_text=_("The gender unit, or the area in charge of gender where there is no unit."),
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("takes part in the network"), default=True)

    # History is registered in translation.py, after the translated fields exist.

    class Meta:
        ordering = ["country"]
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")

    def __str__(self):
        return f"{self.name} ({self.country.name})"


class NetworkRole(models.TextChoices):
    REPRESENTATIVE = "representative", _("Representative (head of the gender unit)")
    ALTERNATE = "alternate", _("Second representative")
    CONTACT = "contact", _("Other contact")


# Languages a member may speak: the four official languages of the OAS.
SPOKEN_LANGUAGES = [
    ("es", _("Spanish")),
    ("en", _("English")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
]

# The constituent document: one representative and one second representative per ministry.
SINGLE_SEAT_ROLES = (NetworkRole.REPRESENTATIVE, NetworkRole.ALTERNATE)


# Heads of unit first, then second representatives, then other contacts.
ROLE_ORDER = models.Case(
    *(
        models.When(network_role=role, then=models.Value(rank))
        for rank, role in enumerate(NetworkRole.values)
    ),
    default=models.Value(len(NetworkRole.values)),
)


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(deactivated_at__isnull=True, user__is_active=True)

    def for_directory(self):
        return (
            self.active()
            .select_related("user", "ministry")
            .order_by("ministry__country", ROLE_ORDER, "user__last_name", "user__first_name")
        )


class Member(models.Model):
    """A person's membership of the network, through their ministry."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="member_profile",
        verbose_name=_("user"),
    )
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="members", verbose_name=_("ministry")
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = ChoiceArrayField(
        models.CharField(max_length=2, choices=SPOKEN_LANGUAGES),
        verbose_name=_("languages spoken"),
        default=list,
        blank=True,
    )
    network_role = models.CharField(
        _("role in the network"),
        max_length=20,
        choices=NetworkRole.choices,
        default=NetworkRole.CONTACT,
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_zone],
        help_text=_("Dates and times of events are shown to you in this zone."),
    )
    deactivated_at = models.DateTimeField(_("left the network on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("replaced by"),
        help_text=_("The person who takes over this member's work, when known."),
    )

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["ministry__country", "user__last_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["ministry"],
                condition=Q(network_role="representative", deactivated_at__isnull=True),
                name="one_representative_per_ministry",
                violation_error_message=_(
                    "This ministry already has a representative. Deactivate the current "
                    "representative, or change their role, before naming another one."
                ),
            ),
            models.UniqueConstraint(
                fields=["ministry"],
                condition=Q(network_role="alternate", deactivated_at__isnull=True),
                name="one_alternate_per_ministry",
                violation_error_message=_(
                    "This ministry already has a second representative. Deactivate the "
                    "current one, or change their role, before naming another one."
                ),
            ),
        ]

    def __str__(self):
        return str(self.user)

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None and self.user.is_active

    @property
    def effective_time_zone(self) -> str:
        """The zone the member chose, or their ministry's capital's."""
        return self.time_zone or default_zone(self.ministry.country)


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def get_usable_by_token(self, token: str):
        """The open invitation behind a link's token, or None. Only the token's hash is stored."""
        if not token or len(token) > 100 or not token.isascii():
            return None  # tokens are URL-safe ASCII; anything else is not one of ours
        return self.usable().filter(token_hash=_hash_token(token)).first()


class Invitation(models.Model):
    """An invitation from the Secretariat to join the network: single use, expiring."""

    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("ministry")
    )
    network_role = models.CharField(
        _("role in the network"), max_length=20, choices=NetworkRole.choices
    )
    language = models.CharField(
        _("language of the invitation"), max_length=2, choices=settings.LANGUAGES, default="es"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires on"))
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    def new_token(self) -> str:
        """Give the invitation a fresh token and validity; return the token for the link."""
        token = secrets.token_urlsafe(32)
        self.token_hash = _hash_token(token)
        self.created_at = timezone.now()
        self.expires_at = self.created_at + timedelta(days=settings.INVITATION_VALID_DAYS)
        return token

    @property
    def status(self) -> str:
        if self.accepted_at:
            return _("accepted")
        if self.revoked_at:
            return _("revoked")
        if self.expires_at <= timezone.now():
            return _("expired")
        return _("pending")


# --- The Steering Committee -------------------------------------------------------------------


class SteeringCommitteeQuerySet(models.QuerySet):
    def started(self):
        """Committees whose term has begun, the one in office first. A committee serves until
        the next one takes office, even past the end date of its term."""
        return self.filter(term_start__lte=timezone.localdate()).order_by("-term_start")

    def current(self):
        return self.started().first()


class SteeringCommittee(models.Model):
    """One Steering Committee of the network and its term of office."""

    term_start = models.DateField(_("term starts"), unique=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    note = models.TextField(
        _("note for the Secretariat"), blank=True, help_text=_("Not shown on the site.")
    )

    objects = SteeringCommitteeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-term_start"]
        verbose_name = _("Steering Committee")
        verbose_name_plural = _("Steering Committees")
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gt=models.F("term_start")),
                name="steering_term_ends_after_start",
                violation_error_message=_("The term must end after it starts."),
            )
        ]

    def __str__(self):
        if self.term_end:
            return _("Steering Committee %(start)s to %(end)s") % {
                "start": date_format(self.term_start),
                "end": date_format(self.term_end),
            }
        return _("Steering Committee from %(start)s") % {"start": date_format(self.term_start)}


class SeatRole(models.TextChoices):
    IACML_CHAIR = "iacml_chair", _("Chair of the IACML")
    WG1_CHAIR = "wg1_chair", _("Chair of Working Group 1 of the IACML")
    WG1_VICE_CHAIR = "wg1_vice_chair", _("Vice-Chair of Working Group 1 of the IACML")
    ELECTED = "elected", _("Elected by the network")


class SteeringSeat(models.Model):
    """A ministry's seat on a Steering Committee. The Chair of the IACML always sits."""

    committee = models.ForeignKey(SteeringCommittee, on_delete=models.CASCADE, related_name="seats")
    ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        related_name="steering_seats",
        verbose_name=_("ministry"),
    )
    role = models.CharField(_("seat"), max_length=20, choices=SeatRole.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "role", "ministry__country"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "ministry"],
                name="one_seat_per_ministry",
                violation_error_message=_("This ministry already holds a seat on this committee."),
            ),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(role="iacml_chair"),
                name="one_iacml_chair_per_committee",
                violation_error_message=_("A committee has one seat for the Chair of the IACML."),
            ),
        ]

    def __str__(self):
        return f"{self.ministry.country.name}: {self.get_role_display()}"


# --- Work plans -------------------------------------------------------------------------------


class WorkPlan(models.Model):
    """The Steering Committee's work plan for a period, with its activities."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    start = models.DateField(_("starts"))
    end = models.DateField(_("ends"))
    is_public = models.BooleanField(_("shown on the public page"), default=True)

    # History is registered in translation.py, after the translated fields exist.

    class Meta:
        ordering = ["-start"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="work_plan_ends_after_start",
                violation_error_message=_("The work plan must end after it starts."),
            )
        ]

    def __str__(self):
        return self.title


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


def validate_link(value: str) -> None:
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    if value.startswith("/") and not value.startswith("//"):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            _("Enter a full web address (https://...) or a path on this portal (/es/...)."),
            code="invalid",
        ) from None


class Activity(models.Model):
    work_plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("work plan")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("starts"), null=True, blank=True)
    end = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    link = models.CharField(
        _("link"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("What carried the activity out: a dialogue, a call, a publication."),
    )
    link_label = models.CharField(_("link text"), max_length=200, blank=True)

    class Meta:
        ordering = ["work_plan", "number"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["work_plan", "number"],
                name="activity_number_unique_in_plan",
                violation_error_message=_("Another activity of this plan has this number."),
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="activity_ends_after_start",
                violation_error_message=_("The activity must end on or after its start."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


# --- Formal communications (the mailing list) ---------------------------------------------------


class Audience(models.TextChoices):
    ALL = "all", _("All members")
    REPRESENTATIVES = "representatives", _("Representatives and second representatives only")
    STEERING = "steering", _("The Steering Committee")


class CommunicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class CommunicationQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=CommunicationStatus.SENT)

    def for_member(self, member):
        """The archive a member sees: what was sent to every member, and what reached them."""
        return (
            self.exclude(status=CommunicationStatus.DRAFT)
            .filter(
                Q(audience=Audience.ALL, countries=[])
                | Q(
                    pk__in=CommunicationDelivery.objects.filter(member=member).values(
                        "communication"
                    )
                )
            )
            .order_by("-sent_at")
        )


class Communication(models.Model):
    """A formal communication of the Secretariat to the network's mailing list, bilingual."""

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("message"), help_text=_("Plain text; blank lines separate paragraphs.")
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    countries = ChoiceArrayField(
        CountryField(),
        verbose_name=_("only these countries"),
        default=list,
        blank=True,
        help_text=_("Leave empty to reach every country."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommunicationStatus.choices,
        default=CommunicationStatus.DRAFT,
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written on"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("sent by"),
    )

    objects = CommunicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("communication")
        verbose_name_plural = _("communications")

    def __str__(self):
        return self.subject


class CommunicationDelivery(bulkmail.Delivery):
    """One per (communication, member): what makes sending exactly-once (rialgender.bulkmail)."""

    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="deliveries"
    )
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="deliveries")
    language = models.CharField(max_length=2, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["communication", "member"], name="one_delivery_per_member"
            )
        ]
        indexes = [models.Index(fields=["communication", "status"])]

    def __str__(self):
        return f"{self.communication_id} -> {self.member_id}: {self.status}"


# --- The WhatsApp group ---------------------------------------------------------------------------

# The constituent document: "a maximum of 3 representatives per country".
WHATSAPP_MAX_PER_COUNTRY = 3


class WhatsAppGroup(models.Model):
    """The informal group: its rules and invite link. There is one; the admin edits it."""

    rules = models.TextField(_("rules of the group"))
    invite_link = models.URLField(
        _("invite link"), blank=True, help_text=_("Shown only to approved members of the roster.")
    )
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    # History is registered in translation.py, after the translated fields exist.

    class Meta:
        verbose_name = _("WhatsApp group")
        verbose_name_plural = _("WhatsApp group")

    def __str__(self):
        return str(_("WhatsApp group of the network"))

    @classmethod
    def get(cls):
        return cls.objects.order_by("pk").first()


class RosterStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    APPROVED = "approved", _("In the group")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left the group")


# Who counts toward a country's three places.
ROSTER_HOLDS_A_PLACE = (RosterStatus.REQUESTED, RosterStatus.APPROVED)


class RosterEntry(models.Model):
    """A member's voluntary place in the WhatsApp group."""

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="roster_entry", verbose_name=_("member")
    )
    country = CountryField(_("country"))
    status = models.CharField(
        _("status"), max_length=10, choices=RosterStatus.choices, default=RosterStatus.REQUESTED
    )
    accepted_rules_at = models.DateTimeField(_("accepted the rules on"))
    requested_at = models.DateTimeField(_("asked to join on"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "requested_at"]
        verbose_name = _("WhatsApp roster entry")
        verbose_name_plural = _("WhatsApp roster")

    def __str__(self):
        return str(self.member)
