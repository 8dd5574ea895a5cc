"""The sending engine (rialgender.bulkmail): a batch taken over while its worker still sends
it costs no second copy; refusals are recorded per message over a real SMTP conversation;
a broken connection hands the batch back, and the message whose answer never came is not
sent again; a mailing with nobody sending it is resumed."""

import datetime
import smtplib
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone

from members.models import CommunicationDelivery
from members.services import communication_deliver, communication_send
from rialgender import bulkmail
from tests.factories import MemberFactory, MinistryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communication(secretariat):
    from members.models import Communication

    ministry = MinistryFactory(country="UY")
    for n in range(6):
        MemberFactory(ministry=ministry, user__email=f"member{n}@example.org")
    item = Communication.objects.create(
        subject_en="Hello", subject_es="Hola", body_en="Text", body_es="Texto"
    )
    with mock.patch("members.tasks.task_deliver_communication.delay"):
        communication_send(communication=item, by=secretariat)
    return item


def test_a_batch_taken_over_mid_send_stops_at_once_and_nobody_gets_two(communication):
    """The worker looked dead (its lease ran out) while it was sending its third message:
    another worker took the batch over. The third message is recorded, the worker sends
    nothing more of that batch, and the rest goes out once, by the next run."""
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages
    calls = []

    def slow_server(self, messages):
        calls.append(messages[0].to[0])
        if len(calls) == 3:
            # What a second worker does when the claim has not been renewed for the lease.
            taken = bulkmail.recover_interrupted(
                model=CommunicationDelivery, filters={"communication_id": communication.pk},
                lease=-1,
            )  # fmt: skip
            assert taken == 4  # this message and the three after it
        return real(self, messages)

    with mock.patch.object(EmailBackend, "send_messages", slow_server):
        first = communication_deliver(communication_id=communication.pk)
    assert first == 3 and len(calls) == 3
    statuses = dict(CommunicationDelivery.objects.values_list("member__user__email", "status"))
    assert list(statuses.values()).count("sent") == 3  # the third: sent, not "uncertain"
    assert communication_deliver(communication_id=communication.pk) == 3
    recipients = [m.to[0] for m in mail.outbox]
    assert sorted(recipients) == sorted(set(recipients)) and len(recipients) == 6


def test_a_live_worker_renews_its_claim_so_a_long_batch_is_not_taken_over(communication):
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages
    seen = []

    def server(self, messages):
        # Each message: the claim of the row being sent was renewed just now.
        row = CommunicationDelivery.objects.get(member__user__email=messages[0].to[0])
        seen.append((timezone.now() - row.claimed_at).total_seconds())
        assert (
            bulkmail.recover_interrupted(
                model=CommunicationDelivery, filters={"communication_id": communication.pk}, lease=5
            )
            == 0
        )
        return real(self, messages)

    # Claimed long ago: without renewal, the batch would look dead from the second message on.
    with (
        mock.patch.object(EmailBackend, "send_messages", server),
        mock.patch("rialgender.bulkmail.timezone.now",
                   side_effect=lambda: datetime.datetime.now(datetime.UTC)),
    ):  # fmt: skip
        assert communication_deliver(communication_id=communication.pk) == 6
    assert max(seen) < 5


class _Server:
    """An SMTP server that refuses some addresses for good and drops the connection on one."""

    def __init__(self, refuse=(), drop_after_data=None):
        self.refuse, self.drop_after_data = set(refuse), drop_after_data
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope.rcpt_tos[0])
        if envelope.rcpt_tos[0] == self.drop_after_data:
            server.transport.close()  # the message arrived; the answer never leaves
            return "250 too late"
        return "250 Message accepted"


def _smtp(settings, handler):
    from tests.newsletter.smtp_sink import _free_port

    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_TIMEOUT = 5
    return controller


def test_over_smtp_a_refused_address_is_failed_and_the_others_sent(communication, settings):
    server = _Server(refuse={"member2@example.org"})
    controller = _smtp(settings, server)
    try:
        assert communication_deliver(communication_id=communication.pk, batch_size=4) == 5
    finally:
        controller.stop()
    rows = dict(CommunicationDelivery.objects.values_list("member__user__email", "status"))
    assert rows.pop("member2@example.org") == "failed"
    assert set(rows.values()) == {"sent"}
    assert sorted(server.received) == sorted(rows)
    assert "550" in CommunicationDelivery.objects.get(status="failed").error


def test_a_connection_lost_before_the_answer_leaves_that_message_uncertain(communication, settings):
    order = CommunicationDelivery.objects.order_by("pk").values_list(
        "member__user__email", flat=True
    )
    fourth = order[3]
    server = _Server(drop_after_data=fourth)
    controller = _smtp(settings, server)
    try:
        with pytest.raises(bulkmail.TemporaryFailure):
            communication_deliver(communication_id=communication.pk)
        statuses = dict(CommunicationDelivery.objects.values_list("member__user__email", "status"))
        assert statuses[fourth] == "uncertain"  # in the server's hands when the line broke
        untried = list(statuses.values()).count("pending")
        # The task retries: what was untried goes out, the uncertain one does not.
        server.drop_after_data = None
        assert communication_deliver(communication_id=communication.pk) == untried
    finally:
        controller.stop()
    rows = dict(CommunicationDelivery.objects.values_list("member__user__email", "status"))
    assert rows.pop(fourth) == "uncertain"
    assert set(rows.values()) == {"sent"}
    assert len(server.received) == 6 and len(set(server.received)) == 6  # nobody twice


def test_needs_worker_sees_dead_batches_and_unclaimed_rows(communication):
    filters = {"communication_id": communication.pk}
    rows = CommunicationDelivery.objects.filter(**filters)
    assert bulkmail.needs_worker(model=CommunicationDelivery, filters=filters)  # all pending
    rows.update(status="sending", claimed_at=timezone.now())
    assert not bulkmail.needs_worker(model=CommunicationDelivery, filters=filters)  # alive
    rows.update(claimed_at=timezone.now() - datetime.timedelta(minutes=5))
    assert bulkmail.needs_worker(model=CommunicationDelivery, filters=filters)  # dead
    rows.update(status="sent")
    assert not bulkmail.needs_worker(model=CommunicationDelivery, filters=filters)  # done


def test_communications_are_resumed_by_beat(communication, django_capture_on_commit_callbacks):
    with (
        mock.patch("members.tasks.task_deliver_communication.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),  # queued by name, on commit
    ):
        assert bulkmail.resume_all()["communications"] == 1
    delay.assert_called_once_with(communication_id=communication.pk)
    assert set(bulkmail.resume_all()) >= {"communications", "editions", "event-mailings"}


def test_a_prebuilt_attachment_keeps_the_address_placeholder_swappable():
    data = bulkmail.prebuild(
        "S", "T", "<p>H</p>",
        attachments=[("invite.ics", b"ATTENDEE:mailto:" + bulkmail.TO_PLACEHOLDER.encode(),
                      "text/calendar; method=REQUEST")],
    )  # fmt: skip
    copy = bulkmail.personalize(data, "ana@example.org")
    assert b"mailto:ana@example.org" in copy and bulkmail.TO_PLACEHOLDER.encode() not in copy


def test_smtp_exceptions_of_other_backends_map_to_failures():
    with pytest.raises(bulkmail._Refused):
        bulkmail._send_one(
            mock.Mock(send_messages=mock.Mock(side_effect=smtplib.SMTPRecipientsRefused(
                {"a@b.org": (550, b"no")}))), b"x", "a@b.org",
        )  # fmt: skip
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        bulkmail._send_one(
            mock.Mock(send_messages=mock.Mock(side_effect=smtplib.SMTPRecipientsRefused(
                {"a@b.org": (451, b"later")}))), b"x", "a@b.org",
        )  # fmt: skip


def test_a_dead_batch_gives_back_what_was_never_handed_over(communication):
    """Only a row fenced and not recorded can be in the server's hands: it becomes
    "uncertain"; a batch whose worker died before its fence goes back to "pending" whole,
    unless the database restarted since (a fence's commit may have been lost with it)."""
    filters = {"communication_id": communication.pk}
    rows = CommunicationDelivery.objects.filter(**filters).order_by("pk")
    ids = list(rows.values_list("pk", flat=True))
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    rows.update(status="sending", claimed_at=long_ago, batch=bulkmail.uuid.uuid4())
    CommunicationDelivery.objects.filter(pk=ids[0]).update(status="sent", sent_at=long_ago)
    CommunicationDelivery.objects.filter(pk=ids[1]).update(sent_at=long_ago)  # fenced
    assert bulkmail.recover_interrupted(model=CommunicationDelivery, filters=filters, lease=45) == 5
    statuses = list(rows.values_list("status", flat=True))
    assert statuses == ["sent", "uncertain", "pending", "pending", "pending", "pending"]

    rows.filter(status="pending").update(status="sending", claimed_at=long_ago)
    with mock.patch("rialgender.bulkmail._database_restarted_since", return_value=False):
        bulkmail.recover_interrupted(model=CommunicationDelivery, filters=filters, lease=45)
    assert list(rows.values_list("status", flat=True))[2:] == ["pending"] * 4

    rows.filter(status="pending").update(status="sending", claimed_at=long_ago)
    with mock.patch("rialgender.bulkmail._database_restarted_since", return_value=True):
        bulkmail.recover_interrupted(model=CommunicationDelivery, filters=filters, lease=45)
    assert list(rows.values_list("status", flat=True))[2:] == ["uncertain"] + ["pending"] * 3
    assert not bulkmail._database_restarted_since(timezone.now())
