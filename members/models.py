import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


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


class MemberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(deactivated_at__isnull=True, user__is_active=True)


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
    languages = ArrayField(
        models.CharField(max_length=2, choices=settings.LANGUAGES),
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
    deactivated_at = models.DateTimeField(_("left the network on"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["ministry__country", "user__last_name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return str(self.user)

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None and self.user.is_active


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def get_usable_by_token(self, token: str):
        """The open invitation behind a link's token, or None. Only the token's hash is stored."""
        if not token or len(token) > 100:
            return None
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
