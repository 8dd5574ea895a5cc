"""The mailing list for formal communications and the WhatsApp group's roster."""

import email
import email.header

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from members.models import (
    Audience,
    Communication,
    CommunicationDelivery,
    RosterEntry,
    RosterStatus,
    WhatsAppGroup,
)
from members.services import (
    communication_deliver,
    communication_send,
    communication_send_test,
    member_deactivate,
    roster_approve,
    roster_request,
)
from tests.conftest import wait_for
from tests.factories import MemberFactory, MinistryFactory, UserFactory


def _communication(**kwargs):
    return Communication.objects.create(
        subject_en="Invitation to the dialogue", subject_es="Invitación al diálogo",
        body_en="Dear focal points,\n\nJoin us.", body_es="Estimadas personas:\n\nLes esperamos.",
        **kwargs,
    )  # fmt: skip


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_communication_reaches_each_member_once_in_their_language(
    celery_worker_process, settings, secretariat
):
    settings.EMAIL_BACKEND = "rialgender.mail.CeleryEmailBackend"
    ministry = MinistryFactory(country="AR")
    spanish = MemberFactory(ministry=ministry, user=UserFactory(language="es"))
    english = MemberFactory(ministry=ministry, user=UserFactory(language="en"))
    gone = MemberFactory(ministry=ministry)
    member_deactivate(member=gone)
    communication = _communication()
    assert communication_send(communication=communication, by=secretariat) == 2

    def all_sent():
        communication.refresh_from_db()
        return communication.status == "sent"

    assert wait_for(all_sent, timeout=30), "the worker did not send the communication"
    messages = []
    for path in celery_worker_process.glob("*.log"):
        text = path.read_text()
        parts = [part.lstrip("\n") for part in text.split("-" * 79) if part.strip()]
        messages += [email.message_from_string(part) for part in parts]
    ours = {spanish.user.email, english.user.email, gone.user.email}
    by_recipient = {}
    for message in messages:
        if message["To"] in ours:
            by_recipient.setdefault(message["To"], []).append(message)
    assert set(by_recipient) == {spanish.user.email, english.user.email}
    assert all(len(found) == 1 for found in by_recipient.values())

    def subject(address):
        raw = by_recipient[address][0]["Subject"]
        return str(email.header.make_header(email.header.decode_header(raw)))

    assert subject(spanish.user.email).endswith("Invitación al diálogo")
    assert subject(english.user.email).endswith("Invitation to the dialogue")
    # Sending again is refused; delivering again sends nothing more.
    with pytest.raises(ValidationError):
        communication_send(communication=communication, by=secretariat)
    assert communication_deliver(communication_id=communication.pk) == 0


def test_a_retried_delivery_sends_only_what_is_pending(member, other_member, secretariat, settings):
    settings.EMAIL_BACKEND = settings.EMAIL_DELIVERY_BACKEND
    communication = _communication()
    communication_send(communication=communication, by=secretariat)
    first = CommunicationDelivery.objects.filter(communication=communication).order_by("pk").first()
    first.status, first.sent_at = "sent", first.communication.created_at  # as if a crash happened
    first.save()
    mail.outbox.clear()
    assert communication_deliver(communication_id=communication.pk) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to != [first.member.user.email]
    assert communication_deliver(communication_id=communication.pk) == 0


def test_audiences(ministry, other_ministry, steering_member, secretariat):
    from members.services import communication_audience

    head = MemberFactory(ministry=ministry, network_role="representative")
    contact = MemberFactory(ministry=other_ministry)
    reps = set(communication_audience(_communication(audience=Audience.REPRESENTATIVES)))
    assert reps == {head}
    steering = set(communication_audience(_communication(audience=Audience.STEERING)))
    assert steering == {steering_member}
    chile = set(communication_audience(_communication(countries=["CL"])))
    assert chile == {contact}


def test_a_communication_needs_both_languages(member, secretariat):
    communication = _communication()
    communication.body_es = ""
    communication.save()
    with pytest.raises(ValidationError):
        communication_send(communication=communication, by=secretariat)
    with pytest.raises(ValidationError):
        communication_send_test(communication=communication, to_user=secretariat)


def test_a_test_goes_to_the_officer_only_in_both_languages(member, secretariat):
    communication_send_test(communication=_communication(), to_user=secretariat)
    assert [m.to for m in mail.outbox] == [[secretariat.email], [secretariat.email]]
    # The copies are the very bytes the mailing sends (rialgender.bulkmail.prebuild).
    sent = [email.message_from_bytes(m.message().as_bytes()) for m in mail.outbox]
    subjects = {
        str(email.header.make_header(email.header.decode_header(m["Subject"]))) for m in sent
    }
    assert any(s.endswith("[Test] Invitation to the dialogue") for s in subjects)
    assert any(s.endswith("[Prueba] Invitación al diálogo") for s in subjects)
    assert not CommunicationDelivery.objects.exists()


def test_members_see_the_archive_and_others_do_not(client, member, other_member, secretariat):
    communication_send(communication=_communication(), by=secretariat)
    targeted = _communication(countries=["CL"])
    communication_send(communication=targeted, by=secretariat)
    draft = _communication()
    client.force_login(member.user)
    body = client.get("/es/miembros/comunicaciones/").content.decode()
    assert "Invitación al diálogo" in body
    assert client.get(f"/en/members/communications/{targeted.pk}/").status_code == 404
    assert client.get(f"/en/members/communications/{draft.pk}/").status_code == 404
    client.force_login(other_member.user)
    assert client.get(f"/en/members/communications/{targeted.pk}/").status_code == 200
    client.logout()
    assert client.get("/en/members/communications/").status_code == 302


@pytest.mark.parametrize("count", [1, 60])
def test_archive_queries_do_not_grow(
    client, member, secretariat, count, django_assert_max_num_queries
):
    for _ in range(count):
        Communication.objects.create(subject_en="S", subject_es="S", body_en="B", body_es="B",
                                     status="sent", sent_at="2024-01-01T00:00Z")  # fmt: skip
    client.force_login(member.user)
    with django_assert_max_num_queries(8):
        assert client.get("/en/members/communications/").status_code == 200


# --- WhatsApp ---------------------------------------------------------------------------------


@pytest.fixture
def group(db):
    return WhatsAppGroup.objects.create(
        rules_en="Stay on topic.", rules_es="Manténgase en el tema.",
        invite_link="https://chat.whatsapp.com/secret-link",
    )  # fmt: skip


def test_a_fourth_person_from_a_country_cannot_join(client, group, ministry):
    people = [MemberFactory(ministry=ministry) for _ in range(4)]
    for person in people[:3]:
        roster_request(member=person, accepted_rules=True)
    with pytest.raises(ValidationError):
        roster_request(member=people[3], accepted_rules=True)
    client.force_login(people[3].user)
    response = client.post("/es/miembros/grupo-whatsapp/", {"action": "join", "accept_rules": "on"})
    body = response.content.decode()
    assert response.status_code == 200 and "ya tiene 3 personas de Argentina" in body
    assert not RosterEntry.objects.filter(member=people[3]).exists()
    # Another country has its own three places.
    roster_request(
        member=MemberFactory(ministry=MinistryFactory(country="CL")), accepted_rules=True
    )


def test_the_rules_must_be_accepted(client, group, member):
    client.force_login(member.user)
    response = client.post("/en/members/whatsapp-group/", {"action": "join"})
    assert "please accept its rules" in response.content.decode()
    assert not RosterEntry.objects.exists()


def test_the_invite_link_is_shown_only_to_approved_members(
    client, group, member, other_member, secretariat
):
    client.force_login(member.user)
    response = client.post("/en/members/whatsapp-group/", {"action": "join", "accept_rules": "on"})
    assert response.status_code == 302
    assert "secret-link" not in client.get("/en/members/whatsapp-group/").content.decode()
    roster_approve(entry=RosterEntry.objects.get(member=member), by=secretariat)
    assert "secret-link" in client.get("/en/members/whatsapp-group/").content.decode()
    client.force_login(other_member.user)
    assert "secret-link" not in client.get("/en/members/whatsapp-group/").content.decode()
    client.logout()
    response = client.get("/en/members/whatsapp-group/")
    assert response.status_code == 302 and b"secret-link" not in response.content


def test_leaving_the_network_removes_a_person_from_the_roster(group, member, secretariat):
    entry = roster_approve(entry=roster_request(member=member, accepted_rules=True), by=secretariat)
    member_deactivate(member=member)
    entry.refresh_from_db()
    assert entry.status == RosterStatus.LEFT


def test_approval_also_respects_three_per_country(group, ministry, secretariat):
    people = [MemberFactory(ministry=ministry) for _ in range(4)]
    entries = [roster_request(member=p, accepted_rules=True) for p in people[:3]]
    for entry in entries:
        roster_approve(entry=entry, by=secretariat)
    late = RosterEntry.objects.create(
        member=people[3],
        country="AR",
        status="declined",
        accepted_rules_at=entries[0].accepted_rules_at,
    )
    with pytest.raises(ValidationError):
        roster_approve(entry=late, by=secretariat)


def test_a_member_may_leave_and_free_a_place(client, group, member):
    roster_request(member=member, accepted_rules=True)
    client.force_login(member.user)
    client.post("/en/members/whatsapp-group/", {"action": "leave"})
    assert RosterEntry.objects.get(member=member).status == RosterStatus.LEFT


def test_leaving_the_roster_is_recorded_in_its_history(client, group, member, secretariat):
    entry = roster_approve(entry=roster_request(member=member, accepted_rules=True), by=secretariat)
    client.force_login(member.user)
    client.post("/en/members/whatsapp-group/", {"action": "leave"})
    last = entry.history.order_by("-history_date", "-history_id").first()
    assert (last.status, last.history_user) == (RosterStatus.LEFT, member.user)
    assert [h.status for h in entry.history.order_by("history_date", "history_id")] == [
        RosterStatus.REQUESTED, RosterStatus.APPROVED, RosterStatus.LEFT,
    ]  # fmt: skip


def test_the_secretariat_previews_tests_and_sends_from_the_admin(client, secretariat, member):
    communication = _communication()
    communication.body_en = 'Say "hello" <b>now</b>'
    communication.save()
    client.force_login(secretariat)
    base = f"/en/admin/members/communication/{communication.pk}"
    body = client.get(f"{base}/preview/").content.decode()
    assert "Invitación al diálogo" in body and "Invitation to the dialogue" in body
    # The e-mail's HTML is its own sandboxed page, framed by the preview.
    assert f'src="{base}/preview/es/html/" sandbox' in body
    html = client.get(f"{base}/preview/en/html/")
    assert 'Say "hello" &lt;b&gt;now&lt;/b&gt;' in html.content.decode()  # markup escaped
    assert "sandbox" in html["Content-Security-Policy"]
    assert html["X-Frame-Options"] == "SAMEORIGIN"
    client.post(f"{base}/send-test/")
    assert [m.to for m in mail.outbox] == [[secretariat.email]] * 2
    assert "1 person" in client.get(f"{base}/send/").content.decode()
    client.post(f"{base}/send/")
    communication.refresh_from_db()
    assert communication.status == "sending" and communication.sent_by == secretariat
    assert CommunicationDelivery.objects.filter(communication=communication).count() == 1
    # Sent: "Send" leads to its progress now; the progress page counts the deliveries.
    assert client.get(f"{base}/send/")["Location"].endswith(f"{base}/progress/")
    progress = client.get(f"{base}/progress/").content.decode()
    assert "Pending</th><td>1</td>" in progress and "Total</th><td>1</td>" in progress
    # Once sent it is on record as it was: read-only, cannot be deleted.
    response = client.get(f"{base}/change/")
    assert 'name="subject_en"' not in response.content.decode()
    assert client.post(f"{base}/delete/", {"post": "yes"}).status_code == 403


def test_members_cannot_reach_the_admin_views(client, member):
    communication = _communication()
    client.force_login(member.user)
    response = client.post(f"/en/admin/members/communication/{communication.pk}/send/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not CommunicationDelivery.objects.exists()
