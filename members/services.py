"""Writes for membership: invitations and their acceptance, the composition of each ministry,
people who leave, formal communications and the WhatsApp roster."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.models import (
    ROSTER_HOLDS_A_PLACE,
    SINGLE_SEAT_ROLES,
    WHATSAPP_MAX_PER_COUNTRY,
    Audience,
    Communication,
    CommunicationDelivery,
    CommunicationStatus,
    Invitation,
    Member,
    Ministry,
    NetworkRole,
    RosterEntry,
    RosterStatus,
)
from rialgender import bulkmail
from rialgender.celery import queue
from rialgender.emails import absolute_url, render_email, send_email
from rialgender.permissions import MEMBERS_GROUP


def _invitation_url(invitation: Invitation, token: str) -> str:
    with translation.override(invitation.language):
        return absolute_url(reverse("members:invitation-accept", kwargs={"token": token}))


def _send_invitation(invitation: Invitation, token: str) -> None:
    send_email(
        "invitation",
        to=[invitation.email],
        language=invitation.language,
        context={
            "invitation": invitation,
            "url": _invitation_url(invitation, token),
            "expires_at": invitation.expires_at,
        },
    )


@transaction.atomic
def invitation_create(
    *, email, first_name, last_name, ministry, network_role, language, invited_by=None
) -> Invitation:
    """Invite a person to the network and e-mail them a single-use, expiring link.

    Refuses an address that already belongs to an active account, and revokes any earlier
    open invitation for the same address so that only the newest link works.
    """
    email = email.strip().lower()
    User = get_user_model()
    if User.objects.filter(email__iexact=email, is_active=True).exists():
        raise ValidationError(
            {"email": _("A person with this e-mail address is already a member.")}
        )
    check_seat_free(ministry=ministry, network_role=network_role)
    Invitation.objects.usable().filter(email__iexact=email).update(revoked_at=timezone.now())
    invitation = Invitation(
        email=email,
        first_name=first_name,
        last_name=last_name,
        ministry=ministry,
        network_role=network_role,
        language=language,
        invited_by=invited_by,
    )
    token = invitation.new_token()
    invitation.save()
    _send_invitation(invitation, token)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send a fresh link (the old one stops working) and restart the validity period."""
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted."))
    invitation.revoked_at = None
    token = invitation.new_token()
    invitation.save()
    _send_invitation(invitation, token)
    return invitation


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str):
    """Turn an open invitation into an account and a membership. Single use: the row is
    locked and re-checked so that two clicks on the same link cannot create two accounts."""
    from django.contrib.auth.models import Group

    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at or invitation.expires_at <= timezone.now():
        raise ValidationError(_("This invitation link is no longer valid."))
    User = get_user_model()
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User(email=invitation.email)
    elif user.is_active:
        raise ValidationError(_("A person with this e-mail address is already a member."))
    else:
        # An invitation makes a member, never staff: a former Secretariat account that comes
        # back this way has lost the admin (the Secretariat grants it again, deliberately).
        user.is_staff = user.is_superuser = False
    check_seat_free(ministry=invitation.ministry, network_role=invitation.network_role)
    user.first_name = invitation.first_name
    user.last_name = invitation.last_name
    user.language = invitation.language
    user.is_active = True
    user.set_password(password)
    user.save()
    member, _created = Member.objects.update_or_create(
        user=user,
        defaults={
            "ministry": invitation.ministry,
            "network_role": invitation.network_role,
            "deactivated_at": None,
            "languages": [invitation.language],
        },
    )
    user.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def check_seat_free(*, ministry, network_role, member=None) -> None:
    """A ministry has one representative and one second representative (constituent
    document, section 4). Raises a ValidationError naming who holds the seat."""
    if network_role not in SINGLE_SEAT_ROLES:
        return
    holders = Member.objects.filter(
        ministry=ministry, network_role=network_role, deactivated_at__isnull=True
    ).select_related("user")
    if member is not None and member.pk:
        holders = holders.exclude(pk=member.pk)
    holder = holders.first()
    if holder is None:
        return
    if network_role == NetworkRole.REPRESENTATIVE:
        message = _(
            "%(ministry)s already has a representative: %(name)s. Deactivate them, or change "
            "their role, before naming another one."
        )
    else:
        message = _(
            "%(ministry)s already has a second representative: %(name)s. Deactivate them, or "
            "change their role, before naming another one."
        )
    raise ValidationError(
        {"network_role": message % {"ministry": ministry.name, "name": str(holder)}}
    )


@transaction.atomic
def member_deactivate(*, member: Member, by=None, successor: Member | None = None) -> Member:
    """A person leaves the network. They can no longer log in, they leave the WhatsApp
    roster, and they receive nothing more. What they wrote belongs to their ministry, so it
    stays there and the ministry's other and future focal points carry it on; `successor`
    records who takes over."""
    member = Member.objects.select_for_update().select_related("user").get(pk=member.pk)
    if member.deactivated_at is not None:
        return member
    if successor is not None:
        successor = Member.objects.select_related("user").get(pk=successor.pk)
    if successor is not None and (successor.pk == member.pk or not successor.is_active):
        raise ValidationError({"successor": _("Choose an active member as the successor.")})
    now = timezone.now()
    member.deactivated_at = now
    member.successor = successor
    member._change_reason = "deactivated"
    member.save(update_fields=["deactivated_at", "successor"])
    user = member.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    roster_leave(member=member, by=by)
    CommunicationDelivery.objects.filter(
        member=member, status=bulkmail.DeliveryStatus.PENDING
    ).delete()
    return member


@transaction.atomic
def member_reactivate(*, member: Member) -> Member:
    """Someone comes back: the composition rules apply again."""
    member = Member.objects.select_for_update().select_related("user", "ministry").get(pk=member.pk)
    if member.deactivated_at is None:
        return member
    check_seat_free(ministry=member.ministry, network_role=member.network_role, member=member)
    member.deactivated_at = None
    member.save(update_fields=["deactivated_at"])
    member.user.is_active = True
    member.user.save(update_fields=["is_active"])
    return member


# --- Formal communications ---------------------------------------------------------------


def communication_audience(communication: Communication):
    """The active members a communication reaches."""
    members = Member.objects.active().select_related("user")
    if communication.audience == Audience.REPRESENTATIVES:
        members = members.filter(network_role__in=SINGLE_SEAT_ROLES)
    elif communication.audience == Audience.STEERING:
        from members.selectors import steering_ministry_ids

        members = members.filter(ministry_id__in=steering_ministry_ids())
    if communication.countries:
        members = members.filter(ministry__country__in=list(communication.countries))
    return members


def _check_complete(communication: Communication) -> None:
    missing = [
        code
        for code in ("en", "es")
        if not (
            getattr(communication, f"subject_{code}") and getattr(communication, f"body_{code}")
        )
    ]
    if missing:
        raise ValidationError(
            _(
                "A communication goes out in both languages: write its subject and message in "
                "English and in Spanish."
            )
        )


def communication_send_test(*, communication: Communication, to_user) -> None:
    """Send the communication to the Secretariat officer only, in both languages, marked as
    a test."""
    _check_complete(communication)
    templates = bulkmail.prebuild_languages(
        lambda language: communication_render(communication, language, is_test=True)
    )
    bulkmail.send_copies(templates, to=to_user.email)


@transaction.atomic
def communication_send(*, communication: Communication, by) -> int:
    """Send a draft communication to its audience: one delivery record per member, then the
    worker sends them. Returns how many people it reaches."""
    communication = Communication.objects.select_for_update().get(pk=communication.pk)
    if communication.status != CommunicationStatus.DRAFT:
        raise ValidationError(_("This communication was already sent."))
    _check_complete(communication)
    recipients = list(communication_audience(communication))
    if not recipients:
        raise ValidationError(_("Nobody matches this audience; choose another one."))
    CommunicationDelivery.objects.bulk_create(
        [
            CommunicationDelivery(
                communication=communication, member=member, language=member.user.language
            )
            for member in recipients
        ],
        ignore_conflicts=True,
    )
    communication.status = CommunicationStatus.SENDING
    communication.sent_at = timezone.now()
    communication.sent_by = by
    communication.save(update_fields=["status", "sent_at", "sent_by"])
    queue("members.deliver_communication", communication_id=communication.pk)
    return len(recipients)


def communication_render(communication: Communication, language: str, *, is_test=False):
    """(subject, text, html) of a communication in one language (rialgender.emails)."""
    context = {"communication": communication, "is_test": is_test}
    return render_email("communication", context, language)


def communication_templates(communication: Communication) -> dict[str, bytes]:
    """Per language, the whole message, addressed with a placeholder."""
    return bulkmail.prebuild_languages(
        lambda language: communication_render(communication, language)
    )


def _communication_recipients(ids: list[int]) -> list[tuple]:
    rows = (
        CommunicationDelivery.objects.filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "member__user__email", "language")
    )
    return [(pk, email, language, None) for pk, email, language in rows]


def communication_deliver(*, communication_id: int, batch_size=None, lease=None) -> int:
    """Send what is open of a communication, each member exactly once (rialgender.bulkmail);
    it is sent when nothing is open any more. Returns how many messages were sent."""
    communication = Communication.objects.get(pk=communication_id)
    filters = {"communication_id": communication_id}
    sent = bulkmail.send_pending(
        model=CommunicationDelivery, filters=filters,
        templates=communication_templates(communication),
        recipients=_communication_recipients, batch_size=batch_size, lease=lease,
    )  # fmt: skip
    if not bulkmail.has_open(CommunicationDelivery, filters):
        Communication.objects.filter(
            pk=communication_id, status=CommunicationStatus.SENDING
        ).update(status=CommunicationStatus.SENT)
    return sent


def communications_resume() -> int:
    """Queue a worker for each communication being sent that has nobody sending it (a worker
    died): run by beat through rialgender.bulkmail.resume_all. Returns how many it queued."""
    queued = 0
    for pk in Communication.objects.filter(status=CommunicationStatus.SENDING).values_list(
        "pk", flat=True
    ):
        if bulkmail.needs_worker(model=CommunicationDelivery, filters={"communication_id": pk}):
            queue("members.deliver_communication", communication_id=pk)
            queued += 1
    return queued


# --- The WhatsApp roster -------------------------------------------------------------------------


def _full_message(ministry) -> str:
    return _(
        "The WhatsApp group already has %(max)d people from %(country)s, the most the network's "
        "rules allow. Ask the Secretariat, or a colleague who is in the group, if a place can "
        "be freed."
    ) % {"max": WHATSAPP_MAX_PER_COUNTRY, "country": ministry.country.name}


@transaction.atomic
def roster_request(*, member: Member, accepted_rules: bool) -> RosterEntry:
    """A member asks to join the group, having accepted its rules. At most three people per
    country hold a place (asking or approved); the ministry's row is locked so that two
    requests at the same moment cannot both take the last place."""
    if not accepted_rules:
        raise ValidationError({"accept_rules": _("To join the group, please accept its rules.")})
    ministry = Ministry.objects.select_for_update().get(pk=member.ministry_id)
    entry = RosterEntry.objects.filter(member=member).first()
    if entry and entry.status in ROSTER_HOLDS_A_PLACE:
        return entry
    taken = RosterEntry.objects.filter(
        country=ministry.country, status__in=ROSTER_HOLDS_A_PLACE
    ).count()
    if taken >= WHATSAPP_MAX_PER_COUNTRY:
        raise ValidationError(_full_message(ministry))
    now = timezone.now()
    entry = entry or RosterEntry(member=member)
    entry.country = ministry.country
    entry.status = RosterStatus.REQUESTED
    entry.accepted_rules_at = now
    entry.requested_at = now
    entry.decided_at = None
    entry.decided_by = None
    entry.save()
    return entry


@transaction.atomic
def roster_approve(*, entry: RosterEntry, by) -> RosterEntry:
    entry = RosterEntry.objects.select_for_update().select_related("member").get(pk=entry.pk)
    ministry = Ministry.objects.select_for_update().get(pk=entry.member.ministry_id)
    if not entry.member.is_active:
        raise ValidationError(_("This person has left the network."))
    taken = (
        RosterEntry.objects.filter(country=ministry.country, status=RosterStatus.APPROVED)
        .exclude(pk=entry.pk)
        .count()
    )
    if taken >= WHATSAPP_MAX_PER_COUNTRY:
        raise ValidationError(_full_message(ministry))
    entry.status = RosterStatus.APPROVED
    entry.decided_at = timezone.now()
    entry.decided_by = by
    entry.save(update_fields=["status", "decided_at", "decided_by"])
    return entry


def roster_decline(*, entry: RosterEntry, by) -> RosterEntry:
    entry.status = RosterStatus.DECLINED
    entry.decided_at = timezone.now()
    entry.decided_by = by
    entry.save(update_fields=["status", "decided_at", "decided_by"])
    return entry


@transaction.atomic
def roster_leave(*, member: Member, by=None) -> None:
    """The person leaves the group (or the network): their country's place is free again.
    Saved row by row, never with `.update()`, so the roster's history records it."""
    entries = RosterEntry.objects.select_for_update().filter(
        member=member, status__in=ROSTER_HOLDS_A_PLACE
    )
    for entry in entries:
        entry.status = RosterStatus.LEFT
        entry.decided_at = timezone.now()
        entry.decided_by = by
        entry._change_reason = "left"
        entry.save(update_fields=["status", "decided_at", "decided_by"])
