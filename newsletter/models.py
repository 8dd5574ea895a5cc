"""News from the units, subscribers, editions and their deliveries."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rialgender import bulkmail
from rialgender.files import IMAGES, ProtectedFileField
from rialgender.workflow import Authorship, Publishable, PublishableQuerySet


def news_image_path(instance, filename):
    """Where the first images were stored (named by migration 0001; see rialgender.files)."""
    return f"news/{uuid.uuid4().hex}/{filename}"


class NewsItemQuerySet(PublishableQuerySet):
    def for_list(self):
        return self.published().select_related("ministry").order_by("-published_at", "-pk")


class NewsItem(Publishable):
    """News from a ministry's gender unit, written by its focal points, published by the
    Secretariat through the shared workflow."""

    authorship = Authorship.ministry("ministry")
    ministry = models.ForeignKey(
        "members.Ministry",
        on_delete=models.PROTECT,
        related_name="news",
        verbose_name=_("ministry"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("text"), blank=True)
    image = ProtectedFileField(_("image"), kinds=IMAGES, max_bytes=5 * 1024 * 1024, blank=True)
    image_alt = models.CharField(
        _("image description"), max_length=250, blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )  # fmt: skip

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("news item")
        verbose_name_plural = _("news from the units")

    def __str__(self):
        return self.title or self.title_es or self.title_en or f"#{self.pk}"

    @classmethod
    def required_translated_fields(cls):
        return ["title", "body"]

    def get_absolute_url(self):
        return reverse("newsletter:news-detail", kwargs={"pk": self.pk})


# --- Subscribers -------------------------------------------------------------------------------


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Who receives the next edition: confirmed, and if a member, still a member."""
        return self.filter(status=SubscriberStatus.CONFIRMED).exclude(
            member__isnull=False, member__deactivated_at__isnull=False
        )


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="es"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING, db_index=True,
    )  # fmt: skip
    member = models.OneToOneField(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="subscription", verbose_name=_("member"),
    )  # fmt: skip
    consent_at = models.DateTimeField(_("consent given on"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up on"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed on"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [models.UniqueConstraint(Lower("email"), name="subscriber_email_ci_unique")]

    def __str__(self):
        return self.email


# --- Editions ----------------------------------------------------------------------------------


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: waiting for approval")
    SCHEDULED = "scheduled", _("Approved and scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class EditionQuerySet(models.QuerySet):
    def archive(self):
        return self.filter(status=EditionStatus.SENT).order_by("-number")


class Edition(models.Model):
    number = models.PositiveIntegerField(_("number"), unique=True)
    period_start = models.DateTimeField(_("news since"))
    period_end = models.DateTimeField(_("news until"))
    introduction = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EditionStatus.choices,
        default=EditionStatus.DRAFT, editable=False,
    )  # fmt: skip
    scheduled_for = models.DateTimeField(_("send on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        editable=False, related_name="+", verbose_name=_("approved by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("composed on"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent on"), null=True, blank=True, editable=False)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        return _("Edition %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("newsletter:edition-detail", kwargs={"number": self.number})


class EditionItem(models.Model):
    """A snapshot of one piece of content, so later edits do not change a sent edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(_("section"), max_length=50)
    position = models.PositiveIntegerField(_("position"), default=0)
    included = models.BooleanField(_("included"), default=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    content_key = models.CharField(max_length=100, editable=False)

    class Meta:
        ordering = ["edition", "position", "pk"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(fields=["edition", "content_key"], name="edition_item_once")
        ]

    def __str__(self):
        return self.title


class Delivery(bulkmail.Delivery):
    """One per (edition, subscriber): what makes sending exactly-once (rialgender.bulkmail)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]
        indexes = [
            models.Index(
                fields=["edition", "id"],
                condition=models.Q(status__in=["pending", "sending"]),
                name="delivery_open_idx",
            )
        ]

    def __str__(self):
        return f"{self.edition_id} -> {self.subscriber_id}: {self.status}"
