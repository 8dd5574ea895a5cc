"""The constituent document's composition rules, invitations and people who leave."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import Member, NetworkRole
from members.services import (
    check_seat_free,
    invitation_create,
    member_deactivate,
    member_reactivate,
)
from portfolio.models import Program
from rialgender.workflow import can_edit, can_view
from tests.factories import MemberFactory, UserFactory
from tests.portfolio.factories import ProgramFactory


@pytest.fixture
def head(ministry):
    return MemberFactory(ministry=ministry, network_role=NetworkRole.REPRESENTATIVE)


def test_the_database_refuses_a_second_head(ministry, head):
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(ministry=ministry, network_role=NetworkRole.REPRESENTATIVE)


def test_another_ministry_may_have_its_own_head(head, other_ministry):
    MemberFactory(ministry=other_ministry, network_role=NetworkRole.REPRESENTATIVE)


def test_the_rule_names_who_holds_the_seat(ministry, head):
    with pytest.raises(ValidationError) as error:
        check_seat_free(ministry=ministry, network_role=NetworkRole.REPRESENTATIVE)
    assert str(head) in error.value.message_dict["network_role"][0]
    check_seat_free(ministry=ministry, network_role=NetworkRole.CONTACT)  # any number


def test_an_invitation_for_a_taken_seat_is_refused(ministry, head):
    with pytest.raises(ValidationError):
        invitation_create(
            email="new@example.org", first_name="A", last_name="B", ministry=ministry,
            network_role=NetworkRole.REPRESENTATIVE, language="es",
        )  # fmt: skip


def test_the_admin_refuses_a_second_head_with_a_clear_message(client, secretariat, ministry, head):
    from rialgender.demo.accounts import totp_code

    client.force_login(secretariat)
    session = client.session
    session["mfa_authenticated"] = True
    session.save()
    newcomer = UserFactory()
    data = {
        "user": newcomer.pk, "ministry": ministry.pk, "network_role": "representative",
        "title": "Jefa", "unit": "", "phone": "", "languages": "es", "successor": "",
    }  # fmt: skip
    response = client.post("/en/admin/members/member/add/", data)
    if response.status_code == 302 and "/mfa/" in response["Location"]:
        response = client.post(
            response["Location"], {"code": totp_code("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")}
        )
        response = client.post("/en/admin/members/member/add/", data)
    assert response.status_code == 200
    assert "already has a representative" in response.content.decode()
    assert not Member.objects.filter(user=newcomer).exists()


def test_ministries_missing_a_representative_are_the_secretariat_s_to_do(
    ministry, other_ministry, head
):
    from members.selectors import ministries_missing_representatives

    MemberFactory(ministry=ministry, network_role=NetworkRole.ALTERNATE)
    missing = list(ministries_missing_representatives())
    assert other_ministry in missing and ministry not in missing


def test_deactivated_member_s_content_stays_with_the_ministry(ministry, head, member):
    draft = ProgramFactory(ministry=ministry)
    member_deactivate(member=head, successor=member)
    head.refresh_from_db()
    head.user.refresh_from_db()
    assert head.deactivated_at and not head.user.is_active and head.successor == member
    draft.refresh_from_db()
    assert draft.ministry == ministry and Program.objects.filter(pk=draft.pk).exists()
    # The ministry's current focal points carry it on; the person who left cannot.
    assert can_edit(member.user, draft)
    assert not can_view(head.user, draft)
    # Their seat is free for whoever replaces them.
    replacement = MemberFactory(ministry=ministry, network_role=NetworkRole.REPRESENTATIVE)
    assert can_edit(replacement.user, draft)
    assert head.history.filter(deactivated_at__isnull=False).exists()


def test_reactivating_someone_respects_the_rules(ministry, head):
    member_deactivate(member=head)
    MemberFactory(ministry=ministry, network_role=NetworkRole.REPRESENTATIVE)
    with pytest.raises(ValidationError):
        member_reactivate(member=head)


def test_a_successor_must_be_active(ministry, head, other_member):
    member_deactivate(member=other_member)
    with pytest.raises(ValidationError):
        member_deactivate(member=head, successor=other_member)
