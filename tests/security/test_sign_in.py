"""One way in for staff, with the second factor: every login form the portal exposes is tried,
and a staff account without an authenticator has no Secretariat power anywhere."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail

from members.models import NetworkRole
from members.services import invitation_create
from newsletter.models import NewsItem
from rialgender.demo.accounts import totp_code
from rialgender.permissions import is_secretariat
from tests.factories import PASSWORD, make_secretariat

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_admin_login_form_signs_nobody_in(client, secretariat, language):
    """Django's own admin login used to take the password alone, unthrottled."""
    url = f"/{language}/admin/login/?next=/{language}/admin/newsletter/"
    response = client.post(url, {"username": secretariat.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == ("/en/accounts/login/" if language == "en" else "/es/cuentas/login/")
    assert parse_qs(location.query)["next"] == [f"/{language}/admin/newsletter/"]


def test_the_admin_sends_visitors_to_the_one_login_and_asks_for_the_code(client, secretariat):
    response = client.get("/en/admin/", follow=True)
    login_url = response.redirect_chain[-1][0]
    assert login_url.startswith("/en/accounts/login/")
    response = client.post(login_url, {"login": secretariat.email, "password": PASSWORD})
    assert "/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session
    response = client.post(response["Location"], {"code": totp_code(SECRET)})
    assert response["Location"] == "/en/admin/"
    assert client.get("/en/admin/").status_code == 200


def test_the_admin_login_cannot_be_guessed_at(client, secretariat):
    """Fifteen wrong passwords then the right one: the admin's form signs nobody in, and the
    site's login, the only one, locks out after a few failures."""
    for _attempt in range(15):
        client.post("/en/admin/login/", {"username": secretariat.email, "password": "wrong"})
    client.post("/en/admin/login/", {"username": secretariat.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    for _attempt in range(6):
        client.post("/en/accounts/login/", {"login": secretariat.email, "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"login": secretariat.email, "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_signs_nobody_in(client, secretariat):
    client.post("/en/accounts/password/reset/", {"email": secretariat.email})
    link = re.search(r"https?://\S+/password/reset/key/\S+", mail.outbox[-1].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(f"/{path}", follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else f"/{path}"
    new = "a-brand-new-password-2026"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    response = client.post("/en/accounts/login/", {"login": secretariat.email, "password": new})
    assert "/2fa/authenticate/" in response["Location"]


def test_an_invitation_cannot_bring_back_a_staff_account_without_its_code(client, ministry):
    staff = make_secretariat(email="former.staff@example.org", is_active=False)
    invitation_create(
        email=staff.email, first_name="Ana", last_name="Pérez", ministry=ministry,
        network_role=NetworkRole.ALTERNATE, language="en",
    )  # fmt: skip
    link = re.search(r"https?://\S+/invit\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    new = "a-brand-new-password-2026"
    client.post(path, {"password1": new, "password2": new})
    staff.refresh_from_db()
    assert not (staff.is_staff or staff.is_superuser)
    assert not is_secretariat(staff)
    assert client.get("/en/admin/").status_code == 302


def test_staff_without_a_second_factor_has_no_secretariat_power(client, member, settings):
    settings.RIALGENDER_STAFF_REQUIRE_2FA = True
    draft = NewsItem.objects.create(ministry=member.ministry, title_es="Borrador", body_es="x")
    staff = make_secretariat()
    assert not is_secretariat(staff)
    client.post("/en/accounts/login/", {"login": staff.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get(f"/en/newsletter/news/{draft.pk}/").status_code == 404
    assert client.get("/en/members/").status_code == 404
    response = client.get("/en/admin/", follow=True)
    # To the authenticator's set-up (allauth asks for the password again first), told why.
    assert response.redirect_chain[0][0].startswith("/en/accounts/2fa/totp/activate/")
    assert "needs two-factor authentication" in response.content.decode()
    response = client.get("/es/admin/", follow=True)
    assert "necesita autenticación en dos pasos" in response.content.decode()


def test_staff_with_a_second_factor_keeps_its_power(secretariat):
    assert is_secretariat(secretariat)


def test_the_requirement_can_be_switched_off(settings, db):
    settings.RIALGENDER_STAFF_REQUIRE_2FA = False
    assert is_secretariat(make_secretariat())


def test_members_sign_in_through_the_site_login_in_both_languages(client, member):
    for path in ("/en/accounts/login/", "/es/cuentas/login/"):
        client.logout()
        response = client.post(path, {"login": member.user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(member.user.pk)


def test_no_other_allauth_flow_signs_anyone_in(client, secretariat):
    """Sign-up is closed and there is no log-in by e-mailed code nor by passkey."""
    new = "a-brand-new-password-2026"
    response = client.post(
        "/en/accounts/signup/", {"email": "x@example.org", "password1": new, "password2": new}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 403, 404)
    for path in ("/en/accounts/login/code/", "/en/accounts/2fa/webauthn/login/"):
        response = client.post(path, {"email": secretariat.email})
        assert response.status_code in (302, 400, 404)
        assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_no_login_form_redirects_off_the_site(client, secretariat, member, target):
    response = client.get(f"/en/admin/login/?next={target}")
    assert "evil.example" not in urlsplit(response["Location"]).netloc
    response = client.post(
        f"/en/accounts/login/?next={target}", {"login": member.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not urlsplit(response["Location"]).netloc
    assert not response["Location"].startswith(("//", "/\\"))
