import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from members.models import Invitation, Member, NetworkRole, User
from members.services import invitation_create, invitation_resend, invitation_revoke
from rialgender.demo.accounts import totp_code
from tests.factories import PASSWORD, UserFactory


def _invite(ministry, language="es", email="new.person@example.org"):
    invitation = invitation_create(
        email=email,
        first_name="Ana",
        last_name="Pérez",
        ministry=ministry,
        network_role=NetworkRole.ALTERNATE,
        language=language,
    )
    link = re.search(r"https?://\S+/invit\S+/", mail.outbox[-1].body).group(0)
    return invitation, link.split("://", 1)[1].split("/", 1)[1]


def test_login_by_email(client, member):
    response = client.post(
        "/en/accounts/login/", {"login": member.user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/en/members/my-profile/").status_code == 200


def test_wrong_password_is_refused_with_a_translated_message(client, member):
    response = client.post("/es/cuentas/login/", {"login": member.user.email, "password": "nope"})
    assert response.status_code == 200
    assert "no son correctas" in response.content.decode()


def test_there_is_no_public_signup(client, db):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "intruder@example.org", "password1": "x" * 12, "password2": "x" * 12},
    )
    assert not User.objects.filter(email="intruder@example.org").exists()
    assert "Sign up closed" in response.content.decode()  # sentence case: locale/en


def test_failed_logins_are_rate_limited(client, member):
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": member.user.email, "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"login": member.user.email, "password": PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_does_not_reveal_whether_an_address_exists(client, member):
    known = client.post("/en/accounts/password/reset/", {"email": member.user.email})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The account holder gets a reset link; the unknown address gets no link to anything.
    to_member = [m for m in mail.outbox if member.user.email in m.to]
    assert to_member and "/password/reset/key/" in to_member[0].body
    to_unknown = [m for m in mail.outbox if "nobody@example.org" in m.to]
    assert all("/password/reset/key/" not in m.body for m in to_unknown)


def test_invitation_email_is_in_the_invitees_language(ministry):
    _invite(ministry, language="es")
    message = mail.outbox[-1]
    assert message.to == ["new.person@example.org"]
    assert "invitación" in message.subject.lower() or "invita" in message.subject.lower()
    assert "/es/miembros/invitacion/" in message.body
    assert message.alternatives and message.alternatives[0][1] == "text/html"


def test_invitation_creates_the_account_once(client, ministry):
    invitation, path = _invite(ministry)
    page = client.get(f"/{path}")
    assert page.status_code == 200
    assert "new.person@example.org" in page.content.decode()

    response = client.post(
        f"/{path}", {"password1": "a-good-passphrase-1", "password2": "a-good-passphrase-1"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@example.org")
    assert user.check_password("a-good-passphrase-1")
    member = Member.objects.get(user=user)
    assert member.ministry == ministry
    assert member.network_role == NetworkRole.ALTERNATE
    assert client.session["_auth_user_id"] == str(user.pk)

    client.logout()
    again = client.get(f"/{path}")
    assert again.status_code == 404
    assert User.objects.filter(email="new.person@example.org").count() == 1


def test_invitation_with_mismatched_passwords_keeps_the_form(client, ministry):
    _invite(ministry, language="en")
    path = re.search(r"https?://[^/]+(/\S+/)", mail.outbox[-1].body).group(1)
    response = client.post(
        path, {"password1": "a-good-passphrase-1", "password2": "different-passphrase"}
    )
    assert response.status_code == 200
    assert "The two passwords do not match." in response.content.decode()
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_invitation_rejects_a_weak_password_in_spanish(client, ministry):
    _invite(ministry, language="es")
    path = re.search(r"https?://[^/]+(/\S+/)", mail.outbox[-1].body).group(1)
    response = client.post(path, {"password1": "12345", "password2": "12345"})
    assert response.status_code == 200
    assert "demasiado corta" in response.content.decode()


def test_expired_invitation_is_refused(client, ministry):
    invitation, path = _invite(ministry)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.post(
        f"/{path}", {"password1": "a-good-passphrase-1", "password2": "a-good-passphrase-1"}
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_revoked_invitation_is_refused(client, ministry):
    invitation, path = _invite(ministry)
    invitation_revoke(invitation=invitation)
    assert client.get(f"/{path}").status_code == 404


def test_resending_invalidates_the_old_link(client, ministry):
    invitation, old_path = _invite(ministry)
    invitation_resend(invitation=invitation)
    new_path = re.search(r"https?://[^/]+(/\S+/)", mail.outbox[-1].body).group(1)
    assert client.get(f"/{old_path}").status_code == 404
    assert client.get(new_path).status_code == 200


def test_forged_token_is_refused(client, db):
    assert client.get("/en/members/invitation/not-a-real-token/").status_code == 404


def test_inviting_an_active_member_is_refused(member):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        invitation_create(
            email=member.user.email.upper(), first_name="X", last_name="Y", ministry=member.ministry,
            network_role=NetworkRole.CONTACT, language="en",
        )  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
def test_member_edits_own_profile(client, member, language):
    client.force_login(member.user)
    path = "/en/members/my-profile/" if language == "en" else "/es/miembros/mi-perfil/"
    response = client.post(path, {
        "first_name": "Lucía", "last_name": "Gómez", "title": "Coordinator", "unit": "Gender Unit",
        "phone": "+54 11 0000 0000", "languages": ["es", "en"], "language": "en",
    })  # fmt: skip
    assert response.status_code == 302
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert member.user.first_name == "Lucía"
    assert member.languages == ["es", "en"]
    assert member.user.language == "en"


def test_profile_keeps_input_on_error(client, member):
    client.force_login(member.user)
    response = client.post("/en/members/my-profile/", {
        "first_name": "", "last_name": "Gómez", "title": "A title I typed", "language": "xx",
    })  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "A title I typed" in html
    assert "This field is required." in html


def test_profile_requires_login(client, db):
    response = client.get("/en/members/my-profile/")
    assert response.status_code == 302
    assert "/en/accounts/login/" in response["Location"]


def test_staff_without_two_factor_is_sent_to_set_it_up(client, db):
    from tests.factories import make_secretariat

    staff = make_secretariat()
    client.force_login(staff)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert "/2fa/totp/activate/" in response["Location"]


def test_staff_with_two_factor_must_enter_a_code_at_login(client, secretariat):

    response = client.post(
        "/en/accounts/login/", {"login": secretariat.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session  # not logged in before the second factor
    wrong = client.post(response["Location"], {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200
    code = totp_code("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.post(response["Location"], {"code": code})
    assert client.session["_auth_user_id"] == str(secretariat.pk)
    assert client.get("/en/admin/").status_code == 200


def test_members_do_not_reach_the_admin(client, member):
    client.force_login(member.user)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_inactive_user_cannot_log_in(client, db):
    user = UserFactory(is_active=False)
    client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
