"""One message to many people, each exactly once, written once for every mailing: formal
communications (members), newsletter editions (newsletter), reminders, updates and
cancellations to an event's registrants (dialogues).

A mailing has one delivery row per recipient (a model inheriting `Delivery`, unique per
mailing and recipient). `send_pending` sends what is pending:

- it claims batches with SELECT ... FOR UPDATE SKIP LOCKED (status "sending", a batch id, the
  time), so two workers never take the same row: one batch per SMTP connection
  (`BULK_MAIL_CONNECTIONS`, kept open from batch to batch), each sent in id order;
- **each message is fenced**: a worker hands a message over (the final "." of its SMTP
  transaction) only after the database has confirmed that the row still belongs to its batch;
  the same statement marks it as being handed over (`sent_at`) and renews the claim. A batch
  therefore stays its worker's for as long as the worker keeps sending, however slow the mail
  server: only a batch whose claim has not been renewed for `BULK_MAIL_CLAIM_LEASE` seconds
  is taken over;
- the worker sends in rounds, a message on each connection. The statement recording the last
  round ("sent" the moment the server accepted a message, "failed" with the reason if it
  refused the address) goes to PostgreSQL without waiting (libpq's asynchronous query) while
  every connection carries this round's message but for the final "." (the connections'
  commands interleaved, so they wait for their servers together); once it has committed, the
  fence, and the dots. One durable commit per round, not per message, hidden behind the SMTP
  conversation; the fence's commit is visible at once to every other worker and need not
  wait for the disk (`synchronous_commit` off for it alone);
- a server that is down hands the unsent rows back ("pending") and raises
  `TemporaryFailure`, for the task to retry with backoff.

If a worker dies, a later run takes over each of its batches once the claim has gone
unrenewed for the lease: a row fenced and not recorded (at most one per connection) may
already be in the server's hands, so it becomes "uncertain" and is not sent again (never
twice); the rows after it were never handed over and go back to "pending" (nobody skipped).
Should the database itself have restarted since the batch's last renewal, a fence may have
been lost with its last moments, and the batch's first unsent row is taken as uncertain. The
takeover locks the batch's rows and reads the lease again, so it cannot race a worker that is
still renewing it.

Every mailing resumes within a minute after a worker dies: each app registers, in its
AppConfig.ready(), a function that queues a send task for each of its mailings that has open
rows and no live worker (`register_resumer`); beat runs them all every 15 seconds
(`rialgender.resume_mailings`), and the lease (45 s, longer than the mail server timeout) has
run out by then. A mailing may also be sent by several workers at once (`BULK_MAIL_SENDERS`
tasks started together), on any machine that reaches PostgreSQL and Redis: they share it
batch by batch.

The message is built once per template key (a language, or a language and a time zone);
each copy swaps only the address and, for mailings with personal links, a token: building
MIME costs far more than sending it.
"""

import contextlib
import json
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
                .values_list("pk", "claimed_at", "sent_at")
            )
            renewed = max((claimed for _pk, claimed, _sent in rows), default=None)
            if not rows or renewed >= _lease_limit(lease):
                continue  # finished meanwhile, or its worker is alive
            handed = [pk for pk, _claimed, sent in rows if sent is not None]
            if not handed and _database_restarted_since(renewed):
                # The fence's commit need not reach the disk: a crash of the database may
                # have lost it, so the first unsent row may be in the server's hands.
                handed = [rows[0][0]]
            model.objects.filter(pk__in=handed).update(
                status=DeliveryStatus.UNCERTAIN,
                error="The worker stopped while the mail server was receiving this message.",
            )
            model.objects.filter(pk__in=[pk for pk, *_ in rows if pk not in handed]).update(
                status=DeliveryStatus.PENDING, sent_at=None
            )
            taken += len(rows)
    return taken


def _database_restarted_since(moment) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_postmaster_start_time() > %s", [moment])
        return cursor.fetchone()[0]


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


def _claim(model, filters: dict, batch_size: int, lanes: int) -> list[tuple[uuid.UUID, list[int]]]:
    """Up to `lanes` batches of at most `batch_size` pending rows, each with a batch id of
    its own (one per connection: the "first unsent row of a dead batch" rule holds per
    connection)."""
    with transaction.atomic():
        ids = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(**filters, status=DeliveryStatus.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)[: batch_size * lanes]
        )
        claims, size, now = [], -(-len(ids) // lanes), timezone.now()
        for start in range(0, len(ids), max(size, 1)):
            chunk, batch = ids[start : start + size], uuid.uuid4()
            model.objects.filter(pk__in=chunk).update(
                status=DeliveryStatus.SENDING, claimed_at=now, batch=batch, sent_at=None,
                attempts=F("attempts") + 1,
            )  # fmt: skip
            claims.append((batch, chunk))
    return claims


class _Recorder:
    """Writes a round's bookkeeping, in two statements, with one wait for PostgreSQL a round.

    - `start_record(outcomes)`: the outcome of each connection's last message ("sent",
      "failed"), one durable commit for the round. It is sent without waiting (libpq's
      pipeline mode on Django's connection) while the connections carry this round's
      messages.
    - `fence(rows)`: right before the dots, the rows still in one of this worker's batches
      (a row taken over is in another one), marked as handed over (`sent_at`), their claims
      renewed. It waits for both answers; PostgreSQL runs the statements in order, so when
      the fence answers, the last round is on disk. The fence's own commit need not reach
      the disk (`synchronous_commit` off for its transaction alone): another worker reads
      it at once, and a database that restarts is taken care of by the takeover.

    Rows are looked up by primary key, so the statements cost the same whatever the size of
    the mailing. Both accept "uncertain" beside "sending" (the only rows of a batch so
    marked are this worker's own handed-over rows, or its first unsent one after a restart
    of the database, which nobody else sends): with `status = 'sending'` alone, the planner
    may scan the partial index of a mailing's open rows, every one of them, each round.

    With `pipeline`, the statements are prepared once and sent through libpq; otherwise
    (files, memory: no SMTP to overlap with) they run through Django's cursor."""

    def __init__(self, model, *, pipeline: bool):
        table = connection.ops.quote_name(model._meta.db_table)
        mine = "batch = ANY($2::uuid[]) AND status IN ('sending', 'uncertain')"
        self.record_sql = (
            f"WITH sent AS (UPDATE {table} SET status = 'sent', sent_at = now()"
            f" WHERE id = ANY($1::bigint[]) AND {mine} RETURNING id)"
            f" UPDATE {table} SET status = 'failed', sent_at = NULL,"
            " error = ($4::jsonb ->> (array_position($3::bigint[], id) - 1))"
            f" WHERE id = ANY($3::bigint[]) AND {mine}"
        )
        fence = (
            f"UPDATE {table} SET claimed_at = now(), sent_at = now()"
            f" WHERE id = ANY($1::bigint[]) AND {mine} RETURNING {table}.id"
        )
        connection.ensure_connection()
        if not connection.in_atomic_block:  # else the setting would outlive the statement
            fence = (
                "WITH quick AS MATERIALIZED"
                " (SELECT set_config('synchronous_commit', 'off', true))"
                + fence.replace(" WHERE ", " FROM quick WHERE ", 1)
            )
        self.fence_sql = fence
        self.pgconn = getattr(connection.connection, "pgconn", None) if pipeline else None
        self.names = {}
        self.queue: list[str] = []  # what was sent and not yet answered, in order
        self.params = None  # the record not yet known to have committed
        if self.pgconn is not None:
            for kind, sql in (("record", self.record_sql), ("fence", self.fence_sql)):
                self.names[kind] = f"rg_bulkmail_{kind}_{uuid.uuid4().hex}".encode()
                _check_result(self.pgconn.prepare(self.names[kind], sql.encode()))

    @staticmethod
    def _array(values) -> str:
        return "{" + ",".join(str(v) for v in values) + "}"

    def start_record(self, outcomes: list[dict], batches) -> None:
        if not outcomes:
            self.params = None
            return
        failed = [o for o in outcomes if o["status"] == "failed"]
        self.params = [
            self._array(o["id"] for o in outcomes if o["status"] == "sent"),
            self._array(batches),
            self._array(o["id"] for o in failed),
            json.dumps([o["error"] for o in failed]),
        ]
        if self.pgconn is not None:
            self._send("record", self.params)

    def finish_record(self) -> None:
        if self.params is None:
            return
        if self.pgconn is None:
            self._execute(self.record_sql, self.params)
            self.params = None
        else:
            self._collect()

    def record(self, outcomes: list[dict], batches) -> None:
        self.start_record(outcomes, batches)
        self.finish_record()

    def fence(self, rows: list[tuple[int, uuid.UUID]]) -> set[int]:
        """The ids (of `rows`: (id, batch)) still this worker's, once the record sent before
        has committed."""
        params = [
            self._array(int(pk) for pk, _batch in rows),
            self._array(uuid.UUID(str(batch)) for _pk, batch in rows),
        ]
        if self.pgconn is None or not rows:
            self.finish_record()
            return {row[0] for row in self._execute(self.fence_sql, params)} if rows else set()
        self._send("fence", params)
        return self._collect()["fence"]

    def _execute(self, sql: str, params: list) -> list:
        with connection.cursor() as cursor:
            cursor.execute(
                re.sub(r"\$(\d)", r"%(p\1)s", sql),
                {f"p{n}": v for n, v in enumerate(params, start=1)},
            )
            return cursor.fetchall() if cursor.description else []

    def _send(self, kind: str, params: list) -> None:
        from psycopg import pq

        if self.pgconn.pipeline_status == pq.PipelineStatus.OFF:
            self.pgconn.enter_pipeline_mode()
        self.pgconn.send_query_prepared(self.names[kind], [p.encode() for p in params])
        self.pgconn.pipeline_sync()  # its own transaction; flushed to the server
        self.queue.append(kind)

    def _collect(self) -> dict[str, set[int]]:
        """Wait for every answer still due; raise the first error once all are read."""
        from django.db import DatabaseError
        from psycopg import pq

        answers, failure = {}, None
        try:
            while self.queue:
                kind, ids, error, idle = self.queue[0], set(), None, False
                while (result := self.pgconn.get_result()) is None or (
                    result.status != pq.ExecStatus.PIPELINE_SYNC
                ):
                    if result is None:  # between two results; twice: the line is gone
                        if idle or self.pgconn.status == pq.ConnStatus.BAD:
                            raise DatabaseError("The connection to PostgreSQL was lost.")
                        idle = True
                        continue
                    idle = False
                    try:
                        _check_result(result)
                    except DatabaseError as problem:
                        error = error or problem
                    if result.status == pq.ExecStatus.TUPLES_OK:
                        ids |= {int(result.get_value(n, 0)) for n in range(result.ntuples)}
                self.queue.pop(0)
                if error is None and kind == "record":
                    self.params = None  # committed
                failure = failure or error
                answers[kind] = ids
        finally:
            if not self.queue and self.pgconn.pipeline_status != pq.PipelineStatus.OFF:
                with contextlib.suppress(Exception):
                    self.pgconn.exit_pipeline_mode()
        if failure is not None:
            raise failure
        return answers

    def abandon(self) -> bool:
        """After a failure: read what was still due. Whether the last record committed."""
        if self.queue:
            with contextlib.suppress(Exception):
                self._collect()
            self.queue.clear()
        return self.params is None

    def close(self) -> None:
        self.abandon()
        if self.pgconn is not None:
            for name in self.names.values():
                with contextlib.suppress(Exception):
                    self.pgconn.exec_(b"DEALLOCATE " + name)
        self.names = {}


def _check_result(result) -> None:
    from psycopg import pq

    if result.status not in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
        from django.db import DatabaseError

        message = result.get_error_message() or b"?"
        raise DatabaseError(message.decode("utf-8", "replace"))


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


def _begin_all(lanes, from_email: str) -> None:
    """Everything of each connection's SMTP transaction but the final ".": envelope, DATA
    and body; each command goes out on every connection before the answers are read, so the
    connections wait for their server together. Until its dot, a server delivers nothing, and
    a broken connection drops the message. A message refused for good (5xx) gets its
    outcome; anything else (4xx, a broken connection) raises."""
    todo = [lane for lane in lanes if lane.smtp is not None and lane.outcome is None]
    for lane in todo:
        if lane.smtp.helo_resp is None and lane.smtp.ehlo_resp is None:
            lane.smtp.ehlo_or_helo_if_needed()
    sender = smtplib.quoteaddr(from_email)
    steps = [
        ("mail", lambda lane: f"FROM:{sender}{_size(lane)}", (250,)),
        ("rcpt", lambda lane: f"TO:{_quote(lane.current[1])}", (250, 251)),
        ("data", lambda lane: "", (354,)),
    ]  # fmt: skip
    for command, argument, accepted in steps:
        for lane in todo:
            lane.smtp.putcmd(command, argument(lane))
        for lane in todo:
            code, reply = lane.smtp.getreply()
            if code not in accepted:
                lane.smtp.rset()
                try:
                    _check(code, reply, accepted=accepted)
                except _Refused as error:
                    lane.outcome = ("failed", str(error))
        todo = [lane for lane in todo if lane.outcome is None]
    for lane in todo:
        body = _quote_periods(lane.current[2])
        lane.smtp.send(body if body.endswith(b"\r\n") else body + b"\r\n")


def _quote(address: str) -> str:
    """<address>: a plain address as it is (smtplib's quoteaddr parses every one)."""
    if _PLAIN_ADDRESS.fullmatch(address):
        return f"<{address}>"
    return smtplib.quoteaddr(address)


_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")


def _size(lane) -> str:
    smtp = lane.smtp
    return f" size={len(lane.current[2])}" if smtp.does_esmtp and smtp.has_extn("size") else ""


def _send_dot(smtp: smtplib.SMTP) -> None:
    """The final "." that hands the message over."""
    try:
        smtp.send(b".\r\n")
    except (smtplib.SMTPServerDisconnected, OSError) as error:
        raise _InFlight(str(error)) from error


def _read_answer(smtp: smtplib.SMTP) -> tuple[int, bytes]:
    """The server's answer to the final dot (250: accepted). A connection that breaks
    before it raises _InFlight: the message may have been delivered."""
    try:
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
            claims = _claim(model, filters, batch_size, len(sender.connections))
            if not claims:
                break
            lanes = []
            for (mail, smtp), (batch, ids) in zip(sender.connections, claims, strict=False):
                rows = [
                    (pk, email, personalize(templates.get(key, templates[fallback]), email, token))
                    for pk, email, key, token in recipients(ids)
                ]
                gone = set(ids) - {pk for pk, _email, _data in rows}
                if gone:  # the recipient was deleted after the row was claimed
                    model.objects.filter(pk__in=gone, batch=batch).update(
                        status=DeliveryStatus.FAILED, error="The recipient no longer exists."
                    )
                lanes.append(_Lane(mail, smtp, batch, rows))
            count, taken_over = sender.send(model, lanes)
            sent += count
            if taken_over:
                break  # this worker was thought dead; the one that took over carries on
    finally:
        sender.close()
    return sent


class _Lane:
    """One connection to the mail server and the batch it sends, one message at a time."""

    def __init__(self, mail, smtp, batch: uuid.UUID, rows: list[tuple]):
        self.mail, self.smtp, self.batch, self.rows = mail, smtp, batch, rows
        self.next = 0
        self.current = None  # (id, address, bytes): fenced, being sent
        self.outcome = None  # ("sent" | "failed" | "retry", reason) of `current`
        self.previous = None  # the last outcome, not yet recorded
        self.handed_over = False  # the final dot of `current` is out, its answer is not in
        self.lost = False  # another worker took the batch over

    def outcome_row(self) -> dict:
        status, error = self.outcome
        return {"id": self.current[0], "batch": str(self.batch), "status": status,
                "error": error[:1000]}  # fmt: skip


class _Sender:
    """The connections to the mail server, kept open from batch to batch: with SMTP,
    `BULK_MAIL_CONNECTIONS` of them, sent in rounds (a message on each, then one commit
    records them all); with any other backend (files, memory), one."""

    def __init__(self):
        self.connections: list[tuple] = []

    def open(self):
        wanted = max(1, settings.BULK_MAIL_CONNECTIONS)
        try:
            while len(self.connections) < wanted:
                mail, smtp = _open_connection()
                self.connections.append((mail, smtp))
                if smtp is None:
                    break  # files or memory: one is enough
        except (smtplib.SMTPException, OSError) as error:
            if not self.connections:
                raise TemporaryFailure(str(error)) from error

    def close(self):
        for mail, _smtp in self.connections:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                mail.close()
        self.connections = []

    def _drop(self, lane: _Lane):
        """Drop a connection in the middle of a message: the server discards what it was
        receiving (a polite QUIT would be read as part of the message)."""
        self.connections = [c for c in self.connections if c[0] is not lane.mail]
        with contextlib.suppress(smtplib.SMTPException, OSError):
            if lane.smtp is not None:
                lane.smtp.close()
                lane.mail.connection = None
            lane.mail.close()

    def send(self, model, lanes: list[_Lane]) -> tuple[int, bool]:
        """Send the claimed batches, a message of each per round. Returns (messages sent,
        whether a batch was taken over)."""
        from_email = settings.DEFAULT_FROM_EMAIL
        recorder = _Recorder(model, pipeline=lanes[0].smtp is not None)
        batches = [lane.batch for lane in lanes]
        sent, in_statement, recorded = 0, [], set()
        try:
            while True:
                active = [lane for lane in lanes if not lane.lost and lane.next < len(lane.rows)]
                outcomes = [lane.previous for lane in lanes if lane.previous]
                for lane in lanes:
                    lane.previous = None
                if not active:
                    recorder.record(outcomes, batches)
                    recorded |= {o["id"] for o in outcomes}
                    break
                for lane in active:
                    lane.current, lane.outcome = lane.rows[lane.next], None
                    lane.next += 1
                # 1. The last round's outcomes go to PostgreSQL, a durable commit, while
                #    each connection carries its message but for the final dot.
                in_statement = outcomes
                recorder.start_record(outcomes, batches)
                _begin_all(active, from_email)
                # 2. Right before the dots, each row is fenced: handed over only if it is
                #    still this worker's, and marked as such. After a crash, a row is
                #    "uncertain" only if its message may really be in the server's hands.
                fenced = recorder.fence(
                    [(lane.current[0], lane.batch) for lane in active if lane.outcome is None]
                )
                recorded |= {o["id"] for o in in_statement}
                in_statement = []
                for lane in active:
                    if lane.outcome is None and lane.current[0] not in fenced:
                        lane.lost = True
                        self._drop(lane)
                active = [lane for lane in active if not lane.lost]
                # 3. Hand every message over at once (the final dots), then read every
                #    answer, even when one connection broke: each answer read is one message
                #    less whose fate is unknown.
                broken = None
                for lane in active:
                    if lane.outcome is None and lane.smtp is not None:
                        try:
                            lane.handed_over = True
                            _send_dot(lane.smtp)
                        except _InFlight as error:
                            broken = error
                for lane in active:
                    if lane.outcome is None and not (lane.smtp and lane.smtp.sock is None):
                        try:
                            lane.outcome = self._answer(lane, from_email)
                        except _InFlight as error:
                            broken = error
                for lane in active:
                    if lane.outcome and lane.outcome[0] != "retry":
                        sent += lane.outcome[0] == "sent"
                        lane.previous = lane.outcome_row()
                retry = [lane for lane in active if lane.outcome and lane.outcome[0] == "retry"]
                if broken is not None:
                    raise broken
                if retry:  # the server asks to come back later (4xx)
                    raise smtplib.SMTPResponseException(451, retry[0].outcome[1].encode())
        except (_InFlight, smtplib.SMTPException, OSError) as error:
            self._hand_back(model, recorder, lanes, in_statement, recorded, error)
            raise TemporaryFailure(str(error)) from error
        finally:
            recorder.close()
        return sent, any(lane.lost for lane in lanes)

    def _answer(self, lane: _Lane, from_email: str) -> tuple[str, str]:
        if lane.smtp is None:
            try:
                _send_one(lane.mail, lane.current[2], lane.current[1])
            except _Refused as error:
                return ("failed", str(error))
            return ("sent", "")
        code, reply = _read_answer(lane.smtp)
        lane.handed_over = False  # answered: accepted, refused or deferred
        if code == 250:
            return ("sent", "")
        lane.smtp.rset()
        if 500 <= code < 600:
            return ("failed", f"{code} {reply!r}")
        return ("retry", f"{code} {reply!r}")

    def _hand_back(self, model, recorder, lanes, in_statement, recorded, error):
        """A temporary failure: record what is known, mark "uncertain" each message handed
        over whose answer never came, give every untried row back ("pending")."""
        for lane in lanes:
            self._drop(lane)
        if in_statement and recorder.abandon():  # the statement in flight committed
            recorded |= {o["id"] for o in in_statement}
        known = [lane.previous for lane in lanes if lane.previous]
        recorder.record(known, [lane.batch for lane in lanes])
        recorded |= {o["id"] for o in known}
        message = str(error)[:1000]
        uncertain = [lane.current[0] for lane in lanes if lane.handed_over]
        batches = [lane.batch for lane in lanes]
        open_rows = model.objects.filter(batch__in=batches, status=DeliveryStatus.SENDING)
        open_rows.filter(pk__in=uncertain).update(status=DeliveryStatus.UNCERTAIN, error=message)
        open_rows.exclude(pk__in=recorded).exclude(pk__in=uncertain).update(
            status=DeliveryStatus.PENDING, sent_at=None, error=message
        )


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
