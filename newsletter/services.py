"""Writes for the newsletter: news items, subscriptions, editions and their sending."""

import smtplib
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newsletter import tokens
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    Edition,
    EditionItem,
    EditionStatus,
    NewsItem,
    Subscriber,
    SubscriberStatus,
)
from rialgender.emails import absolute_url, send_email

LANGS = ("en", "es")
EDITION_PERIOD = timedelta(days=14)


# --- News from the units ----------------------------------------------------------------


@transaction.atomic
def news_save(*, form, ministry=None) -> NewsItem:
    item = form.save(commit=False)
    if item.pk is None:
        item.ministry = ministry
    item.save()
    return item


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
    Delivery.objects.filter(subscriber=subscriber, status=DeliveryStatus.PENDING).delete()
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
    from newsletter.sources import sources

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
    send_email(
        "newsletter-draft-ready", to=[settings.SECRETARIAT_EMAIL], language="en",
        context={"edition": edition, "url": absolute_url(
            reverse("admin:newsletter_edition_change", args=[edition.pk]))},
    )  # fmt: skip
    return edition


TO_PLACEHOLDER = "rg-to@rialgender.invalid"
TOKEN_PLACEHOLDER = "RGTOKENPLACEHOLDER"


def render_edition(edition: Edition, language: str, *, token: str = TOKEN_PLACEHOLDER):
    """(subject, text, html) of an edition in one language; the html has its CSS inlined.
    `token` fills the preferences and unsubscribe links."""
    import css_inline
    from django.template.loader import render_to_string

    from newsletter.selectors import sections

    with translation.override(language):
        context = {
            "edition": edition,
            "sections": sections(edition, list(edition.items.filter(included=True))),
            "site_url": settings.SITE_URL,
            "preferences_url": absolute_url(
                reverse("newsletter:preferences", kwargs={"token": token})
            ),
            "unsubscribe_url": absolute_url(
                reverse("newsletter:unsubscribe", kwargs={"token": token})
            ),
            "archive_url": absolute_url(edition.get_absolute_url()),
            "LANGUAGE_CODE": language,
        }
        subject = " ".join(render_to_string("emails/edition-subject.txt", context).split())
        text = render_to_string("emails/edition-body.txt", context)
        html = css_inline.inline(render_to_string("emails/edition-body.html", context))
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", text, html


class _Prebuilt:
    def __init__(self, data: bytes):
        self.data = data

    def as_bytes(self, unixfrom=False, linesep="\n"):
        # Kept with CRLF line ends, as SMTP sends it; other backends get their own ends.
        return self.data if linesep == "\r\n" else self.data.replace(b"\r\n", linesep.encode())

    def as_string(self, unixfrom=False, linesep="\n"):
        return self.as_bytes(linesep=linesep).decode("utf-8", "replace")

    def get_all(self, name, failobj=None):
        return failobj

    def __getitem__(self, name):
        return None


class PrebuiltMessage(EmailMessage):
    """An edition's MIME message built once per language; each subscriber's copy only swaps
    the address and the token (building MIME costs far more than sending it)."""

    def __init__(self, data: bytes, to: str):
        super().__init__(to=[to], from_email=settings.DEFAULT_FROM_EMAIL)
        self.data = data

    def message(self, *, policy=None):
        return _Prebuilt(self.data)


def edition_templates(edition: Edition) -> dict[str, bytes]:
    """Per language, the whole message as bytes with placeholders for recipient and token."""
    from django.core.mail import EmailMultiAlternatives

    templates = {}
    for language in LANGS:
        subject, text, html = render_edition(edition, language)
        with translation.override(language):
            unsubscribe = absolute_url(
                reverse("newsletter:unsubscribe", kwargs={"token": TOKEN_PLACEHOLDER})
            )
        message = EmailMultiAlternatives(
            subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL,
            to=[TO_PLACEHOLDER],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": "RIAL/GENDER <newsletter.rialgender.oas.org>",
                "Precedence": "bulk",
            },
        )  # fmt: skip
        message.attach_alternative(html, "text/html")
        data = message.message().as_bytes(linesep="\r\n")
        if data.count(TOKEN_PLACEHOLDER.encode()) < 3:
            raise RuntimeError("An encoding split the placeholder token; cannot prebuild.")
        templates[language] = data
    return templates


def edition_send_test(*, edition: Edition, user) -> None:
    templates = edition_templates(edition)
    token = TOKEN_PLACEHOLDER
    connection_ = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    with connection_:
        for language in LANGS:
            data = templates[language].replace(TO_PLACEHOLDER.encode(), user.email.encode())
            data = data.replace(token.encode(), b"test")
            connection_.send_messages([PrebuiltMessage(data, user.email)])


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
        from newsletter.tasks import task_send_edition

        transaction.on_commit(lambda: task_send_edition.delay(edition_id=edition.pk))
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
    from newsletter.tasks import task_send_edition

    for edition_id in Edition.objects.filter(status=EditionStatus.SENDING).values_list(
        "pk", flat=True
    ):
        task_send_edition.delay(edition_id=edition_id)
    return started


_CLAIM_SQL = """
UPDATE newsletter_delivery AS d
   SET status = 'sending', claimed_at = now(), batch = %s, attempts = d.attempts + 1
  FROM newsletter_subscriber AS s
 WHERE d.subscriber_id = s.id AND d.id IN (
        SELECT id FROM newsletter_delivery
         WHERE edition_id = %s AND status = 'pending'
         ORDER BY id
         LIMIT %s
           FOR UPDATE SKIP LOCKED)
RETURNING d.id, s.id, s.email, s.language
"""


def recover_interrupted(*, edition_id: int, lease: int) -> int:
    """Take over the batches of a worker that died (their lease ran out).

    A batch is sent in id order and each message is marked sent the moment the server
    accepts it, so in a dead worker's batch the lowest unsent row is the one message that may
    have been in the server's hands when the worker stopped: it is marked "uncertain" and not
    sent again (never twice). The rows after it were never tried: they go back to pending
    (nobody skipped)."""
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                edition_id=edition_id,
                status=DeliveryStatus.SENDING,
                claimed_at__lt=timezone.now() - timedelta(seconds=lease),
            )
            .order_by("batch", "pk")
            .values_list("pk", "batch")
        )
        uncertain, retry, seen = [], [], set()
        for pk, batch in rows:
            (retry if batch in seen else uncertain).append(pk)
            seen.add(batch)
        Delivery.objects.filter(pk__in=uncertain).update(
            status=DeliveryStatus.UNCERTAIN,
            error="The worker stopped while the mail server was receiving this message.",
        )
        Delivery.objects.filter(pk__in=retry).update(status=DeliveryStatus.PENDING)
    return len(rows)


class TemporaryFailure(Exception):
    """The mail server is unavailable for now; the task is retried with backoff."""


def edition_deliver(*, edition_id: int, batch_size=None, lease=None) -> int:
    """Send what is open of an edition, batch after batch, over one SMTP connection per batch.

    Claiming marks a batch 'sending' (committed); each message is marked 'sent' the moment
    the server accepts it. A worker killed mid-batch leaves its unsent rows 'sending': after
    the lease they are claimed again, so nobody is skipped; the rows already sent are never
    sent again. Returns how many messages were sent."""
    batch_size = batch_size or settings.NEWSLETTER_BATCH_SIZE
    lease = settings.NEWSLETTER_CLAIM_LEASE if lease is None else lease
    edition = Edition.objects.get(pk=edition_id)
    if edition.status != EditionStatus.SENDING:
        return 0
    templates = edition_templates(edition)
    to_placeholder, token_placeholder = TO_PLACEHOLDER.encode(), TOKEN_PLACEHOLDER.encode()
    recover_interrupted(edition_id=edition_id, lease=lease)
    sent = 0
    while True:
        done, batch = set(), []
        try:
            # The connection is opened before the batch is claimed: a claimed batch's first
            # message goes out at once.
            mail = get_connection(settings.EMAIL_DELIVERY_BACKEND)
            mail.open()
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(_CLAIM_SQL, [uuid.uuid4(), edition_id, batch_size])
                batch = sorted(cursor.fetchall())  # sent in id order: see recover_interrupted
            if not batch:
                mail.close()
                break
            smtp = getattr(mail, "connection", None)
            from_email = settings.DEFAULT_FROM_EMAIL
            with mail, connection.cursor() as cursor:
                for delivery_id, subscriber_id, email, language in batch:
                    token = tokens.preferences_token(_Sub(subscriber_id, email))
                    data = templates[language if language in templates else "en"]
                    data = data.replace(to_placeholder, email.encode()).replace(
                        token_placeholder, token.encode()
                    )
                    try:
                        if smtp is not None:
                            # The SMTP backend's own connection, without re-parsing addresses
                            # that were validated at sign-up: the bytes go out as built.
                            smtp.sendmail(from_email, [email], data)
                        else:
                            mail.send_messages([PrebuiltMessage(data, email)])
                    except smtplib.SMTPRecipientsRefused as error:
                        cursor.execute(
                            "UPDATE newsletter_delivery SET status='failed', error=%s WHERE id=%s",
                            [str(error)[:1000], delivery_id],
                        )
                        done.add(delivery_id)
                        continue
                    except smtplib.SMTPResponseException as error:
                        if 500 <= error.smtp_code < 600:
                            cursor.execute(
                                "UPDATE newsletter_delivery SET status='failed', error=%s WHERE id=%s",
                                [f"{error.smtp_code} {error.smtp_error!r}"[:1000], delivery_id],
                            )
                            done.add(delivery_id)
                            continue
                        raise
                    cursor.execute(
                        "UPDATE newsletter_delivery SET status='sent', sent_at=now() WHERE id=%s",
                        [delivery_id],
                    )
                    done.add(delivery_id)
                    sent += 1
        except (smtplib.SMTPException, OSError) as error:
            # Temporary: hand the unsent rows of this batch back, and let the task retry.
            unsent = [row[0] for row in batch if row[0] not in done]
            Delivery.objects.filter(pk__in=unsent, status=DeliveryStatus.SENDING).update(
                status=DeliveryStatus.PENDING, error=str(error)[:1000]
            )
            raise TemporaryFailure(str(error)) from error
    with transaction.atomic():
        still_open = Delivery.objects.filter(
            edition_id=edition_id, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING]
        ).exists()
        if not still_open:
            Edition.objects.filter(pk=edition_id, status=EditionStatus.SENDING).update(
                status=EditionStatus.SENT, sent_at=timezone.now()
            )
    return sent


class _Sub:
    """What a preferences token needs, without loading the subscriber."""

    __slots__ = ("pk", "email")

    def __init__(self, pk, email):
        self.pk, self.email = pk, email
