"""The membership tools' URLs in the URL x persona table (see tests/url_access.py)."""

from members.models import Audience, Communication, CommunicationStatus, Invitation, RosterEntry
from tests.url_access import ALL_200, MEMBERS, Row


def objects(world):
    from django.utils import timezone

    communication = Communication.objects.create(
        subject_en="Invitation to the 8th dialogue", subject_es="Invitación al 8.º diálogo",
        body_en="Dear members", body_es="Estimadas y estimados", audience=Audience.ALL,
        status=CommunicationStatus.SENT, sent_at=timezone.now(),
    )  # fmt: skip
    invitation = Invitation(
        email="new.person@example.org", first_name="Ana", last_name="Pérez",
        ministry=world.own_ministry, network_role="alternate", language="es",
    )  # fmt: skip
    token = invitation.new_token()
    invitation.save()
    return {"world": world, "communication": communication, "invitation_token": token}


ROWS = {
    "members:directory": Row(get=MEMBERS),
    # The country pages and the glance are public; members also see the focal points.
    "network:glance": Row(get=ALL_200),
    "network:glance-export-csv": Row(get=ALL_200, query="year=2024"),
    "network:glance-export-xlsx": Row(get=ALL_200),
    "network:country-detail": Row(get=ALL_200, kwargs=lambda o: {"country": "ar"}),
    "api:country-list": Row(get=ALL_200),
    "api:country-detail": Row(get=ALL_200, kwargs=lambda o: {"code": "AR"}),
    "members:ministry-detail": Row(get=MEMBERS, kwargs=lambda o: {"country": "AR"}),
    "members:vcard": Row(get=MEMBERS, kwargs=lambda o: {"pk": o["world"].own_member.pk}),
    "members:communication-list": Row(get=MEMBERS),
    "members:communication-detail": Row(
        get=MEMBERS, kwargs=lambda o: {"pk": o["communication"].pk}
    ),
    "members:whatsapp": Row(
        get=MEMBERS,
        # Asking to join: members hold a place; the Secretariat has none to hold.
        post={"anonymous": 302, "own": 302, "other": 302, "committee": 302, "secretariat": 200},
        data=lambda o: {"action": "join", "accept_rules": "on"},
        snapshot=lambda o: sorted(
            RosterEntry.objects.values_list("member__user__email", flat=True)
        ),
    ),
    "members:invitation-accept": Row(
        get=ALL_200, kwargs=lambda o: {"token": o["invitation_token"]}
    ),
    # A Secretariat account without a member profile is sent to the admin.
    "members:home": Row(
        get={"anonymous": 302, "own": 200, "other": 200, "committee": 200, "secretariat": 302}
    ),
    "members:me": Row(
        get={"anonymous": 302, "own": 200, "other": 200, "committee": 200, "secretariat": 302}
    ),
}
