"""One message to many people, each exactly once, written once for every mailing: formal
communications (members) and newsletter editions (newsletter).

A mailing has one delivery row per recipient (a model inheriting `Delivery`, unique per
mailing and recipient). `send_pending` sends what is pending:

- it opens the mail connection, then claims a batch with SELECT ... FOR UPDATE SKIP LOCKED
  (status "sending", a batch id, the time), so two workers never take the same row;
- it sends the batch in id order over that one connection and marks each row "sent" the
  moment the server accepts it (a refused address is "failed", with the reason);
- a server that is down hands the unsent rows back ("pending") and raises
  `TemporaryFailure`, for the task to retry with backoff.

If a worker dies, the next run takes over its batches once their lease has run out: the
first unsent row of a dead batch is the one message that may already be in the server's
hands, so it becomes "uncertain" and is not sent again (never twice); the rows after it were
never tried and go back to "pending" (nobody skipped).

The message is built once per language (`prebuild`); each copy swaps only the address and,
for mailings with personal links, a token: building MIME costs far more than sending it.
"""

import smtplib
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import connection, models, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TO_PLACEHOLDER = "rg-to@rialgender.invalid"
TOKEN_PLACEHOLDER = "RGTOKENPLACEHOLDER"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # The worker stopped while the mail server was receiving this one message: it was most
    # probably delivered, and sending it again could deliver it twice, so it is not resent.
    UNCERTAIN = "uncertain", _("Probably sent (the sending was interrupted)")


OPEN = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)


class Delivery(models.Model):
    """Abstract: one message of a mailing to one recipient."""

    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    batch = models.UUIDField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        abstract = True


class TemporaryFailure(Exception):
    """The mail server is unavailable for now; the task is retried with backoff."""


# --- The message, built once per language ------------------------------------------------


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
    """A message whose bytes were built beforehand, for backends other than SMTP."""

    def __init__(self, data: bytes, to: str):
        super().__init__(to=[to], from_email=settings.DEFAULT_FROM_EMAIL)
        self.data = data

    def message(self, *, policy=None):
        return _Prebuilt(self.data)


def prebuild(subject: str, text: str, html: str, *, headers=None, tokens: int = 0) -> bytes:
    """The whole message (CRLF line ends) addressed to TO_PLACEHOLDER; `tokens` is how many
    times TOKEN_PLACEHOLDER must survive the encoding."""
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL,
        to=[TO_PLACEHOLDER], headers=headers or {},
    )  # fmt: skip
    message.attach_alternative(html, "text/html")
    data = message.message().as_bytes(linesep="\r\n")
    if data.count(TOKEN_PLACEHOLDER.encode()) < tokens:
        raise RuntimeError("An encoding split the placeholder token; cannot prebuild.")
    return data


def prebuild_languages(
    render: Callable[[str], tuple[str, str, str]],
    *,
    headers: Callable[[str], dict] | None = None,
    tokens: int = 0,
) -> dict[str, bytes]:
    """Per language of the portal, the whole message: `render(language)` gives its subject,
    text and HTML (rialgender.emails.render_email), `headers(language)` its own headers."""
    return {
        language: prebuild(
            *render(language), headers=headers(language) if headers else None, tokens=tokens
        )
        for language, _name in settings.LANGUAGES
    }


def personalize(data: bytes, email: str, token: str | None = None) -> bytes:
    data = data.replace(TO_PLACEHOLDER.encode(), email.encode())
    return data.replace(TOKEN_PLACEHOLDER.encode(), token.encode()) if token else data


def send_copies(templates: dict[str, bytes], *, to: str, token: str | None = None) -> None:
    """One copy of each language's message to `to` (the admin's "send a test to myself"),
    at once, through the delivery backend: exactly the bytes the recipients will get."""
    mail = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    with mail:
        for data in templates.values():
            mail.send_messages([PrebuiltMessage(personalize(data, to, token), to)])


# --- Sending -------------------------------------------------------------------------------


def recover_interrupted(*, model, filters: dict, lease: int) -> int:
    """Take over the batches of a dead worker (see the module's docstring)."""
    with transaction.atomic():
        rows = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(
                **filters,
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
        model.objects.filter(pk__in=uncertain).update(
            status=DeliveryStatus.UNCERTAIN,
            error="The worker stopped while the mail server was receiving this message.",
        )
        model.objects.filter(pk__in=retry).update(status=DeliveryStatus.PENDING)
    return len(rows)


def _claim(model, filters: dict, batch_size: int) -> list[int]:
    with transaction.atomic():
        ids = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(**filters, status=DeliveryStatus.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        model.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.SENDING, claimed_at=timezone.now(), batch=uuid.uuid4(),
            attempts=F("attempts") + 1,
        )  # fmt: skip
    return ids


def send_pending(
    *,
    model,
    filters: dict,
    templates: dict[str, bytes],
    recipients: Callable[[list[int]], list[tuple]],
    batch_size: int | None = None,
    lease: int | None = None,
) -> int:
    """Send a mailing's pending deliveries; returns how many were sent.

    `templates` maps a language to prebuilt bytes; `recipients(ids)` returns, in id order,
    (delivery id, address, language, token or None) for the claimed rows."""
    batch_size = batch_size or settings.BULK_MAIL_BATCH_SIZE
    lease = settings.BULK_MAIL_CLAIM_LEASE if lease is None else lease
    recover_interrupted(model=model, filters=filters, lease=lease)
    table = connection.ops.quote_name(model._meta.db_table)
    mark_sent = f"UPDATE {table} SET status = 'sent', sent_at = now() WHERE id = %s"
    mark_failed = f"UPDATE {table} SET status = 'failed', error = %s WHERE id = %s"
    fallback = (
        settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in templates else next(iter(templates))
    )
    from_email = settings.DEFAULT_FROM_EMAIL
    sent = 0
    while True:
        done, ids = set(), []
        try:
            # Opened before the batch is claimed: a claimed batch's first message goes out
            # at once, which keeps the "uncertain" rule exact.
            mail = get_connection(settings.EMAIL_DELIVERY_BACKEND)
            mail.open()
            ids = _claim(model, filters, batch_size)
            if not ids:
                mail.close()
                break
            rows = recipients(ids)
            # The SMTP backend's own connection sends the bytes as built, without parsing
            # again addresses that were validated when they were recorded.
            smtp = getattr(mail, "connection", None)
            with mail, connection.cursor() as cursor:
                for delivery_id, email, language, token in rows:
                    data = personalize(templates.get(language, templates[fallback]), email, token)
                    try:
                        if smtp is not None:
                            smtp.sendmail(from_email, [email], data)
                        else:
                            mail.send_messages([PrebuiltMessage(data, email)])
                    except smtplib.SMTPRecipientsRefused as error:
                        cursor.execute(mark_failed, [str(error)[:1000], delivery_id])
                        done.add(delivery_id)
                        continue
                    except smtplib.SMTPResponseException as error:
                        if not 500 <= error.smtp_code < 600:
                            raise
                        cursor.execute(
                            mark_failed,
                            [f"{error.smtp_code} {error.smtp_error!r}"[:1000], delivery_id],
                        )
                        done.add(delivery_id)
                        continue
                    cursor.execute(mark_sent, [delivery_id])
                    done.add(delivery_id)
                    sent += 1
        except (smtplib.SMTPException, OSError) as error:
            # Temporary: hand the unsent rows of this batch back, and let the task retry.
            model.objects.filter(
                pk__in=[pk for pk in ids if pk not in done], status=DeliveryStatus.SENDING
            ).update(status=DeliveryStatus.PENDING, error=str(error)[:1000])
            raise TemporaryFailure(str(error)) from error
    return sent


def has_open(model, filters: dict) -> bool:
    return model.objects.filter(**filters, status__in=OPEN).exists()


def counts(deliveries) -> dict:
    """{"sent", "open", "failed", "uncertain"} for a queryset of deliveries (1 query)."""
    by_status = dict(deliveries.values_list("status").annotate(n=Count("pk")).order_by())
    return {
        "sent": by_status.get(DeliveryStatus.SENT, 0),
        "open": sum(by_status.get(status, 0) for status in OPEN),
        "failed": by_status.get(DeliveryStatus.FAILED, 0),
        "uncertain": by_status.get(DeliveryStatus.UNCERTAIN, 0),
    }


def count_annotations(relation: str) -> dict:
    """Annotations giving a list of mailings the same counts (one query for the page)."""
    from django.db.models import Q

    return {
        "n_sent": Count(relation, filter=Q(**{f"{relation}__status": DeliveryStatus.SENT})),
        "n_open": Count(relation, filter=Q(**{f"{relation}__status__in": OPEN})),
        "n_failed": Count(relation, filter=Q(**{f"{relation}__status": DeliveryStatus.FAILED})),
        "n_uncertain": Count(
            relation, filter=Q(**{f"{relation}__status": DeliveryStatus.UNCERTAIN})
        ),
    }


def counts_of(mailing, relation: str = "deliveries") -> dict:
    if hasattr(mailing, "n_sent"):
        return {"sent": mailing.n_sent, "open": mailing.n_open, "failed": mailing.n_failed,
                "uncertain": mailing.n_uncertain}  # fmt: skip
    return counts(getattr(mailing, relation).all())


def progress_text(counts: dict) -> str:
    from django.utils.translation import gettext

    text = gettext("%(sent)d sent, %(pending)d pending, %(failed)d failed") % {
        "sent": counts["sent"], "pending": counts["open"], "failed": counts["failed"],
    }  # fmt: skip
    if counts["uncertain"]:
        text += ", " + gettext("%(count)d probably sent (interrupted)") % {
            "count": counts["uncertain"]
        }
    return text
