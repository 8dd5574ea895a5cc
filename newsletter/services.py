"""Writes for the newsletter: news items, subscriptions, editions and their sending."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newsletter import tokens
from newsletter.models import (
    Delivery,
    Edition,
    EditionItem,
    EditionStatus,
    NewsItem,
    Subscriber,
    SubscriberStatus,
)
from rialgender import bulkmail
from rialgender.celery import queue
from rialgender.emails import absolute_url, page_url, render_email, send_email
from rialgender.modeldata import save_with
from rialgender.sources import sources

LANGS = ("en", "es")
EDITION_PERIOD = timedelta(days=14)


# --- News from the units ----------------------------------------------------------------


@transaction.atomic
def news_save(*, item: NewsItem | None = None, ministry=None, data: dict) -> NewsItem:
    """Create a news item of `ministry` (no `item`) or change `item`, from `data` (field name
    -> value, as the focal points' form cleans it). Content only: its state moves through the
    workflow."""
    return save_with(item or NewsItem(ministry=ministry), data)


# --- Subscribers ----------------------------------------------------------------------------


def _preferences_url(subscriber) -> str:
    with translation.override(subscriber.language):
        return absolute_url(
            reverse(
                "newsletter:preferences", kwargs={"token": tokens.preferences_token(subscriber)}
            )
        )


def subscription_request(*, email: str, language: str) -> None:
    """A visitor signs up. Nothing is sent to them until they confirm (double opt-in). The
    answer never reveals whether the address was already on the list: a confirmed reader
    gets an e-mail with their preferences link instead of a confirmation."""
    email = email.strip()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            subscriber = Subscriber.objects.create(
                email=email, language=language, consent_at=timezone.now()
            )
        elif subscriber.status != SubscriberStatus.CONFIRMED:
            subscriber.status = SubscriberStatus.PENDING
            subscriber.language = language
            subscriber.consent_at = timezone.now()
            subscriber.save(update_fields=["status", "language", "consent_at"])
    if subscriber.status == SubscriberStatus.CONFIRMED:
        send_email(
            "newsletter-already",
            to=[subscriber.email],
            language=subscriber.language,
            context={"preferences_url": _preferences_url(subscriber)},
        )
        return
    with translation.override(subscriber.language):
        url = absolute_url(
            reverse("newsletter:confirm", kwargs={"token": tokens.confirm_token(subscriber)})
        )
    send_email(
        "newsletter-confirm", to=[subscriber.email], language=subscriber.language,
        context={"confirm_url": url},
    )  # fmt: skip


def subscription_confirm(*, subscriber: Subscriber) -> Subscriber:
    if subscriber.status != SubscriberStatus.CONFIRMED:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return subscriber


def subscription_cancel(*, subscriber: Subscriber) -> Subscriber:
    """Unsubscribe (idempotent). Pending deliveries of an edition being sent are dropped."""
    if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    Delivery.objects.filter(subscriber=subscriber, status=bulkmail.DeliveryStatus.PENDING).delete()
    return subscriber


def subscription_set_language(*, subscriber: Subscriber, language: str) -> Subscriber:
    subscriber.language = language
    subscriber.save(update_fields=["language"])
    return subscriber


def subscriber_for_member(*, member) -> Subscriber | None:
    """Members are subscribed, confirmed, in the language they chose for e-mail; someone who
    unsubscribed stays unsubscribed."""
    user = member.user
    subscriber = (
        Subscriber.objects.filter(member=member).first()
        or Subscriber.objects.filter(email__iexact=user.email).first()
    )
    if subscriber is None:
        return Subscriber.objects.create(
            email=user.email, language=user.language, member=member,
            status=SubscriberStatus.CONFIRMED, consent_at=timezone.now(),
            confirmed_at=timezone.now(),
        )  # fmt: skip
    changed = []
    if subscriber.member_id != member.pk:
        subscriber.member = member
        changed.append("member")
    if subscriber.status == SubscriberStatus.PENDING:
        subscriber.status = SubscriberStatus.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        changed += ["status", "confirmed_at"]
    if changed:
        subscriber.save(update_fields=changed)
    return subscriber


# --- Editions ---------------------------------------------------------------------------------


def edition_compose(*, now=None) -> Edition | None:
    """Compose a draft edition from what every registered source published since the last
    edition. Nothing new: no edition, and the Secretariat is told."""
    now = now or timezone.now()
    last = Edition.objects.order_by("-number").first()
    start = last.period_end if last else now - EDITION_PERIOD
    entries = [(source, entry) for source in sources() for entry in source.fetch(start, now)]
    if not entries:
        send_email(
            "newsletter-nothing-new", to=[settings.SECRETARIAT_EMAIL], language="en",
            context={"start": start, "end": now},
        )  # fmt: skip
        return None
    with transaction.atomic():
        number = (Edition.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
        edition = Edition.objects.create(number=number, period_start=start, period_end=now)
        EditionItem.objects.bulk_create(
            [
                EditionItem(
                    edition=edition,
                    source=source.key,
                    position=position,
                    content_key=entry.key,
                    **{
                        f"{name}_{code}": (getattr(entry, name).get(code) or "")
                        for name in ("title", "summary", "url")
                        for code in LANGS
                    },
                )  # fmt: skip
                for position, (source, entry) in enumerate(entries, start=1)
            ],
            ignore_conflicts=True,
        )
    url = page_url("admin:newsletter_edition_change", language="en", args=[edition.pk])
    send_email(
        "newsletter-draft-ready", to=[settings.SECRETARIAT_EMAIL], language="en",
        context={"edition": edition, "url": url},
    )  # fmt: skip
    return edition


def render_edition(edition: Edition, language: str, *, token: str = bulkmail.TOKEN_PLACEHOLDER):
    """(subject, text, html) of an edition in one language (rialgender.emails); `token` fills
    the preferences and unsubscribe links."""
    from newsletter.selectors import sections

    with translation.override(language):
        links = {
            "preferences_url": absolute_url(
                reverse("newsletter:preferences", kwargs={"token": token})
            ),
            "unsubscribe_url": absolute_url(
                reverse("newsletter:unsubscribe", kwargs={"token": token})
            ),
            "archive_url": absolute_url(edition.get_absolute_url()),
        }
    context = {
        "edition": edition,
        "sections": sections(edition, list(edition.items.filter(included=True))),
        **links,
    }
    return render_email("edition", context, language)


def _edition_headers(language: str) -> dict:
    with translation.override(language):
        unsubscribe = absolute_url(
            reverse("newsletter:unsubscribe", kwargs={"token": bulkmail.TOKEN_PLACEHOLDER})
        )
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": "RIAL/GENDER <newsletter.rialgender.oas.org>",
        "Precedence": "bulk",
    }


def edition_templates(edition: Edition) -> dict[str, bytes]:
    """Per language, the whole message, addressed and tokenized with placeholders."""
    # The token is in the header and in the footer links of each part.
    return bulkmail.prebuild_languages(
        lambda language: render_edition(edition, language), headers=_edition_headers, tokens=3
    )


def edition_send_test(*, edition: Edition, user) -> None:
    """One copy in each language to `user`, exactly as readers will get it."""
    bulkmail.send_copies(edition_templates(edition), to=user.email, token="test")


def edition_approve(*, edition: Edition, by, when=None) -> Edition:
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status != EditionStatus.DRAFT:
            raise ValidationError(_("Only a draft edition can be approved."))
        if not edition.items.filter(included=True).exists():
            raise ValidationError(_("This edition has no item to send."))
        edition.status = EditionStatus.SCHEDULED
        edition.scheduled_for = when or timezone.now()
        edition.approved_by = by
        edition.save(update_fields=["status", "scheduled_for", "approved_by"])
    return edition


def edition_start_sending(*, edition: Edition) -> int:
    """One delivery per subscriber receiving it (a single INSERT ... SELECT; a repeat adds
    nobody twice), then the worker sends."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status not in (EditionStatus.SCHEDULED, EditionStatus.SENDING):
            return 0
        receiving = Subscriber.objects.receiving().order_by().values("pk")
        sql, params = receiving.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"""INSERT INTO newsletter_delivery (edition_id, subscriber_id, status, attempts, error)
                    SELECT %s, sub.id, 'pending', 0, '' FROM ({sql}) AS sub(id)
                    ON CONFLICT (edition_id, subscriber_id) DO NOTHING""",
                [edition.pk, *params],
            )
            created = cursor.rowcount
        edition.status = EditionStatus.SENDING
        edition.save(update_fields=["status"])
        queue("newsletter.send_edition", edition_id=edition.pk)
    return created


def editions_dispatch() -> int:
    """Run by beat every minute: start editions whose time has come, and make sure every
    edition being sent has a worker on it (after a crash, its rows are taken over)."""
    started = 0
    for edition in Edition.objects.filter(
        status=EditionStatus.SCHEDULED, scheduled_for__lte=timezone.now()
    ):
        edition_start_sending(edition=edition)
        started += 1
    for edition_id in Edition.objects.filter(status=EditionStatus.SENDING).values_list(
        "pk", flat=True
    ):
        queue("newsletter.send_edition", edition_id=edition_id)
    return started


def editions_resume() -> int:
    """Queue a worker for each edition being sent that has nobody sending it (a worker died):
    run by beat through rialgender.bulkmail.resume_all, between two dispatches."""
    queued = 0
    for pk in Edition.objects.filter(status=EditionStatus.SENDING).values_list("pk", flat=True):
        if bulkmail.needs_worker(model=Delivery, filters={"edition_id": pk}):
            queue("newsletter.send_edition", edition_id=pk)
            queued += 1
    return queued


def _edition_recipients(ids: list[int]) -> list[tuple]:
    rows = (
        Delivery.objects.filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "subscriber_id", "subscriber__email", "subscriber__language")
    )
    return [
        (pk, email, language, tokens.preferences_token_for(subscriber_id, email))
        for pk, subscriber_id, email, language in rows
    ]


def edition_deliver(*, edition_id: int, batch_size=None, lease=None) -> int:
    """Send what is open of an edition (exactly once: see rialgender.bulkmail); the edition
    is sent when nothing is open any more. Returns how many messages were sent."""
    edition = Edition.objects.get(pk=edition_id)
    if edition.status != EditionStatus.SENDING:
        return 0
    filters = {"edition_id": edition_id}
    sent = bulkmail.send_pending(
        model=Delivery, filters=filters, templates=edition_templates(edition),
        recipients=_edition_recipients, batch_size=batch_size, lease=lease,
    )  # fmt: skip
    with transaction.atomic():
        if not bulkmail.has_open(Delivery, filters):
            Edition.objects.filter(pk=edition_id, status=EditionStatus.SENDING).update(
                status=EditionStatus.SENT, sent_at=timezone.now()
            )
    return sent
