"""One message to many people, each exactly once, written once for every mailing: formal
communications (members), newsletter editions (newsletter), reminders, updates and
cancellations to an event's registrants (dialogues).

A mailing has one delivery row per recipient (a model inheriting `Delivery`, unique per
mailing and recipient). `send_pending` sends what is pending:

- it claims a batch with SELECT ... FOR UPDATE SKIP LOCKED (status "sending", a batch id, the
  time), so two workers never take the same row, and sends it in id order over one
  connection, kept open from batch to batch;
- **each message is fenced**: the worker sends a row only after it has confirmed, in the
  database, that the row still belongs to its batch; the same statement records the previous
  message's outcome ("sent" the moment the server accepted it, "failed" with the reason if
  it refused the address) and renews the claim. A batch therefore stays its worker's for as
  long as the worker keeps sending, however slow the mail server: only a batch whose claim
  has not been renewed for `BULK_MAIL_CLAIM_LEASE` seconds is taken over;
- that statement is a durable commit per message, but it costs no time: it is sent to
  PostgreSQL without waiting, the next message's envelope and body go to the mail server
  meanwhile, and only the final "." that hands the message over waits for the commit. At any
  moment at most one message of a batch has been handed over without being recorded;
- a server that is down hands the unsent rows back ("pending") and raises
  `TemporaryFailure`, for the task to retry with backoff.

If a worker dies, a later run takes over its batch once the claim has gone unrenewed for the
lease: the first unsent row is the one message that may already be in the server's hands, so
it becomes "uncertain" and is not sent again (never twice); the rows after it were never
tried and go back to "pending" (nobody skipped). The takeover locks the batch's rows and looks
at the lease again, so it cannot race a worker that is still renewing it.

Every mailing resumes within a minute after a worker dies: each app registers, in its
AppConfig.ready(), a function that queues a send task for each of its mailings that has open
rows and no live worker (`register_resumer`); beat runs them all every 15 seconds
(`rialgender.resume_mailings`), and the lease (45 s, longer than the mail server timeout) has
run out by then. A mailing may also be sent by several workers at once (`BULK_MAIL_SENDERS`
tasks started together): they share it batch by batch.

The message is built once per template key (a language, or a language and a time zone);
each copy swaps only the address and, for mailings with personal links, a token: building
MIME costs far more than sending it.
"""

import re
import smtplib
import socket
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.db import connection, models, transaction
from django.db.models import Count, F, Max, Q
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


# --- The message, built once per template key ----------------------------------------------


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


def prebuild(
    subject: str, text: str, html: str, *, headers=None, tokens: int = 0, attachments=(),
) -> bytes:  # fmt: skip
    """The whole message (CRLF line ends) addressed to TO_PLACEHOLDER; `tokens` is how many
    times TOKEN_PLACEHOLDER must survive the encoding. `attachments` are Django's
    (filename, content, mimetype) triples or MIME parts; text parts are sent unencoded
    (8bit), so the placeholders in them are swapped like the body's."""
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL,
        to=[TO_PLACEHOLDER], headers=headers or {},
    )  # fmt: skip
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment) if isinstance(attachment, tuple) else message.attach(attachment)
    data = message.message().as_bytes(linesep="\r\n")
    if data.count(TOKEN_PLACEHOLDER.encode()) < tokens:
        raise RuntimeError("An encoding split the placeholder token; cannot prebuild.")
    return data


def personalize(data: bytes, email: str, token: str | None = None) -> bytes:
    data = data.replace(TO_PLACEHOLDER.encode(), email.encode())
    return data.replace(TOKEN_PLACEHOLDER.encode(), token.encode()) if token else data


# --- Taking over the batches of a dead worker -----------------------------------------------


def _lease_limit(lease: int):
    return timezone.now() - timedelta(seconds=lease)


def recover_interrupted(*, model, filters: dict, lease: int) -> int:
    """Take over the batches whose claim has not been renewed for `lease` seconds (see the
    module's docstring). Returns how many rows were taken over."""
    stale = list(
        model.objects.filter(**filters, status=DeliveryStatus.SENDING)
        .values("batch")
        .annotate(renewed=Max("claimed_at"))
        .filter(renewed__lt=_lease_limit(lease))
        .values_list("batch", flat=True)
    )
    taken = 0
    for batch in stale:
        with transaction.atomic():
            # Locked, not skipped: a worker renewing the claim right now finishes first, and
            # what it wrote is what is read here.
            rows = list(
                model.objects.select_for_update()
                .filter(**filters, batch=batch, status=DeliveryStatus.SENDING)
                .order_by("pk")
                .values_list("pk", "claimed_at")
            )
            if not rows or max(claimed for _pk, claimed in rows) >= _lease_limit(lease):
                continue  # finished meanwhile, or its worker is alive
            first, *rest = (pk for pk, _claimed in rows)
            model.objects.filter(pk=first).update(
                status=DeliveryStatus.UNCERTAIN,
                error="The worker stopped while the mail server was receiving this message.",
            )
            model.objects.filter(pk__in=rest).update(status=DeliveryStatus.PENDING)
            taken += len(rows)
    return taken


def needs_worker(*, model, filters: dict, lease: int | None = None) -> bool:
    """Whether a mailing has rows to send and nobody sending them: a batch whose worker died,
    or pending rows while no batch has been renewed within the lease. Used to resume."""
    lease = settings.BULK_MAIL_CLAIM_LEASE if lease is None else lease
    limit = _lease_limit(lease)
    rows = model.objects.filter(**filters)
    sending = rows.filter(status=DeliveryStatus.SENDING)
    if sending.values("batch").annotate(renewed=Max("claimed_at")).filter(renewed__lt=limit):
        return True
    return (
        rows.filter(status=DeliveryStatus.PENDING).exists()
        and not sending.filter(claimed_at__gte=limit).exists()
    )


# --- Claiming and recording -----------------------------------------------------------------


def _claim(model, filters: dict, batch_size: int) -> tuple[list[int], uuid.UUID]:
    batch = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(**filters, status=DeliveryStatus.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        model.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.SENDING, claimed_at=timezone.now(), batch=batch,
            attempts=F("attempts") + 1,
        )  # fmt: skip
    return ids, batch


class _Recorder:
    """Records a message's outcome and fences the next row, in one statement and one commit.

    `start()` sends the statement; `finish()` waits for it and says whether the next row is
    still this batch's. With `overlap`, the statement goes to PostgreSQL without waiting
    (libpq's asynchronous query on the same connection, in its transaction if there is one),
    so the caller can talk to the mail server in the meantime."""

    def __init__(self, model, batch: uuid.UUID, *, overlap: bool):
        table = connection.ops.quote_name(model._meta.db_table)
        self.sql = (
            f"WITH done AS (UPDATE {table} SET status = $1::text, error = $2::text,"
            f" sent_at = CASE WHEN $1::text = 'sent' THEN now() ELSE sent_at END"
            f" WHERE id = $3::bigint AND batch = $5::uuid AND status IN ('sending', 'uncertain')"
            f" RETURNING 1),"
            f" fenced AS (UPDATE {table} SET claimed_at = now()"
            f" WHERE id = $4::bigint AND batch = $5::uuid AND status = 'sending' RETURNING 1)"
            f" SELECT (SELECT count(*) FROM done), (SELECT count(*) FROM fenced)"
        )
        self.batch = str(batch).encode()
        connection.ensure_connection()
        self.pgconn = getattr(connection.connection, "pgconn", None) if overlap else None
        self.waiting = False
        self.params = None

    def start(self, *, done=None, status="sent", error="", fence=None) -> None:
        params = [
            status.encode(),
            error[:1000].encode(),
            str(done).encode() if done is not None else None,
            str(fence).encode() if fence is not None else None,
            self.batch,
        ]
        if self.pgconn is None:
            self.params = params
            return
        self.pgconn.send_query_params(self.sql.encode(), params)
        self.waiting = True

    def finish(self) -> tuple[int, int]:
        """(rows recorded, rows fenced): each 0 or 1."""
        if self.pgconn is None:
            params = [p.decode() if p is not None else None for p in self.params]
            sql = re.sub(r"\$(\d)", lambda m: f"%(p{m.group(1)})s", self.sql)
            with connection.cursor() as cursor:
                cursor.execute(sql, {f"p{n}": value for n, value in enumerate(params, start=1)})
                return tuple(int(v) for v in cursor.fetchone())
        from psycopg import pq

        row, error = None, None
        while (result := self.pgconn.get_result()) is not None:
            if result.status == pq.ExecStatus.TUPLES_OK:
                row = (int(result.get_value(0, 0)), int(result.get_value(0, 1)))
            elif result.status != pq.ExecStatus.COMMAND_OK:
                error = result.get_error_message() or b"?"
        self.waiting = False
        if error is not None:
            from django.db import DatabaseError

            raise DatabaseError(error.decode("utf-8", "replace"))
        return row

    def record(self, **kwargs) -> tuple[int, int]:
        self.start(**kwargs)
        return self.finish()


# --- Talking to the mail server -------------------------------------------------------------


class _Refused(Exception):
    """The server refused this one message for good (5xx): recorded as failed."""


class _InFlight(Exception):
    """The connection broke after the message was handed over, before the server answered:
    the message may have been delivered."""


def _quote_periods(data: bytes) -> bytes:
    return re.sub(rb"(?m)^\.", b"..", data)


def _check(code, reply, *, accepted=(250,)) -> None:
    if code in accepted:
        return
    if 500 <= code < 600:
        raise _Refused(f"{code} {reply!r}")
    raise smtplib.SMTPResponseException(code, reply)


def _begin(smtp: smtplib.SMTP, from_email: str, to: str, data: bytes) -> None:
    """Everything of one SMTP transaction but the final ".": envelope, DATA and body. Until
    that dot, the server delivers nothing, and a broken connection drops the message."""
    smtp.ehlo_or_helo_if_needed()
    options = [f"size={len(data)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, reply = smtp.mail(from_email, options)
    if code != 250:
        smtp.rset()
        _check(code, reply)
    code, reply = smtp.rcpt(to)
    if code not in (250, 251):
        smtp.rset()
        _check(code, reply, accepted=(250, 251))
    code, reply = smtp.docmd("data")
    if code != 354:
        smtp.rset()
        _check(code, reply, accepted=(354,))
    body = _quote_periods(data)
    smtp.send(body if body.endswith(b"\r\n") else body + b"\r\n")


def _hand_over(smtp: smtplib.SMTP) -> tuple[int, bytes]:
    """The final "." and the server's answer (250: the message is accepted). A connection
    that breaks before the answer raises _InFlight: the message may have been delivered."""
    try:
        smtp.send(b".\r\n")
        return smtp.getreply()
    except (smtplib.SMTPServerDisconnected, OSError) as error:
        raise _InFlight(str(error)) from error


def _send_one(mail, data: bytes, email: str) -> None:
    """Through a backend other than SMTP (files, memory): its refusals are the SMTP ones."""
    try:
        mail.send_messages([PrebuiltMessage(data, email)])
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _reply in error.recipients.values()]
        if codes and all(500 <= code < 600 for code in codes):
            raise _Refused(str(error)) from error
        raise
    except smtplib.SMTPResponseException as error:
        if 500 <= error.smtp_code < 600:
            raise _Refused(f"{error.smtp_code} {error.smtp_error!r}") from error
        raise


def _open_connection():
    mail = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    mail.open()
    smtp = getattr(mail, "connection", None)
    if isinstance(smtp, smtplib.SMTP) and smtp.sock is not None:
        # The final "." is a few bytes written apart from the body: without this, Nagle's
        # algorithm holds it until the server acknowledges the body.
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    else:
        smtp = None
    return mail, smtp


# --- Sending ---------------------------------------------------------------------------------


def send_pending(
    *,
    model,
    filters: dict,
    templates: dict[str, bytes],
    recipients: Callable[[list[int]], list[tuple]],
    batch_size: int | None = None,
    lease: int | None = None,
    personalize: Callable[[bytes, str, str | None], bytes] = personalize,
) -> int:
    """Send a mailing's pending deliveries; returns how many were sent.

    `templates` maps a template key (a language, say) to prebuilt bytes; `recipients(ids)`
    returns, in id order, (delivery id, address, template key, token or None) for the
    claimed rows; `personalize(bytes, address, token)` makes each copy."""
    batch_size = batch_size or settings.BULK_MAIL_BATCH_SIZE
    lease = settings.BULK_MAIL_CLAIM_LEASE if lease is None else lease
    recover_interrupted(model=model, filters=filters, lease=lease)
    fallback = (
        settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in templates else next(iter(templates))
    )
    sent, sender = 0, _Sender()
    try:
        while True:
            sender.open()
            ids, batch = _claim(model, filters, batch_size)
            if not ids:
                break
            rows = [
                (pk, email, personalize(templates.get(key, templates[fallback]), email, token))
                for pk, email, key, token in recipients(ids)
            ]
            gone = set(ids) - {pk for pk, _email, _data in rows}
            if gone:  # the recipient was deleted after the row was claimed
                model.objects.filter(pk__in=gone, batch=batch).update(
                    status=DeliveryStatus.FAILED, error="The recipient no longer exists."
                )
            count, taken_over = sender.send_batch(model, batch, rows)
            sent += count
            if taken_over:
                break  # this worker was thought dead; the one that took over carries on
    finally:
        sender.close()
    return sent


class _Sender:
    """One mail connection, kept open from batch to batch."""

    def __init__(self):
        self.mail = self.smtp = None

    def open(self):
        if self.mail is None:
            try:
                self.mail, self.smtp = _open_connection()
            except (smtplib.SMTPException, OSError) as error:
                raise TemporaryFailure(str(error)) from error

    def close(self, *, abruptly: bool = False):
        """Close politely (QUIT), or, in the middle of a message, drop the socket: the
        server then discards the message it was receiving."""
        if self.mail is None:
            return
        try:
            if abruptly and self.smtp is not None:
                self.smtp.close()
                self.mail.connection = None
            self.mail.close()
        except (smtplib.SMTPException, OSError):
            pass
        self.mail = self.smtp = None

    def send_batch(self, model, batch, rows) -> tuple[int, bool]:
        """Send one claimed batch; returns (messages sent, whether it was taken over)."""
        smtp, from_email = self.smtp, settings.DEFAULT_FROM_EMAIL
        recorder = _Recorder(model, batch, overlap=smtp is not None)
        sent, done = 0, set()
        previous = None  # the last message's outcome, not yet recorded: {done, status, error}
        in_statement = None  # the outcome carried by the statement in flight
        handed_over = None  # a message handed to the server whose answer has not come
        try:
            for delivery_id, email, data in rows:
                in_statement = previous
                recorder.start(fence=delivery_id, **(previous or {}))
                outcome = None
                if smtp is not None:
                    try:
                        # Meanwhile PostgreSQL records the previous message.
                        _begin(smtp, from_email, email, data)
                    except _Refused as error:
                        outcome = ("failed", str(error))
                _recorded, fenced = recorder.finish()
                if in_statement:
                    done.add(in_statement["done"])
                in_statement = previous = None
                if not fenced:
                    self.close(abruptly=True)
                    return sent, True
                if outcome is None:
                    try:
                        if smtp is not None:
                            handed_over = delivery_id
                            code, reply = _hand_over(smtp)
                            handed_over = None  # answered: accepted, refused or deferred
                            if code != 250:
                                smtp.rset()
                                _check(code, reply)
                        else:
                            _send_one(self.mail, data, email)
                        outcome = ("sent", "")
                    except _Refused as error:
                        outcome = ("failed", str(error))
                sent += outcome[0] == "sent"
                previous = {"done": delivery_id, "status": outcome[0], "error": outcome[1]}
            if previous:
                recorder.record(**previous)
                done.add(previous["done"])
        except (_InFlight, smtplib.SMTPException, OSError) as error:
            # Temporary: record what is known, hand the untried rows back, let the task retry.
            self.close(abruptly=True)
            if recorder.waiting:
                recorder.finish()
                if in_statement:
                    done.add(in_statement["done"])
                    previous = None
            if previous:
                recorder.record(**previous)
                done.add(previous["done"])
            message = str(error)[:1000]
            rows_of_batch = model.objects.filter(batch=batch, status=DeliveryStatus.SENDING)
            if handed_over is not None:
                rows_of_batch.filter(pk=handed_over).update(
                    status=DeliveryStatus.UNCERTAIN, error=message
                )
            rows_of_batch.exclude(pk__in=done).exclude(pk=handed_over).update(
                status=DeliveryStatus.PENDING, error=message
            )
            raise TemporaryFailure(str(error)) from error
        return sent, False


# --- Resuming every mailing -------------------------------------------------------------------

_RESUMERS: dict[str, Callable[[], int]] = {}


def register_resumer(key: str, resume: Callable[[], int]) -> None:
    """`resume()` queues a send task for each of the app's mailings that `needs_worker`, and
    returns how many it queued. Registered in the app's AppConfig.ready()."""
    _RESUMERS[key] = resume


def resume_all() -> dict[str, int]:
    return {key: resume() for key, resume in sorted(_RESUMERS.items())}


def senders() -> int:
    """How many send tasks a mailing starts with: one per worker process meant to share it."""
    return max(1, settings.BULK_MAIL_SENDERS)


# --- Progress ---------------------------------------------------------------------------------


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
