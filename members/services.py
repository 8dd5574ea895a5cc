"""Writes for membership: invitations and their acceptance."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from members.models import Invitation, Member
from rialgender.emails import absolute_url, send_email
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
