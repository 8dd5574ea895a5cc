"""A new focal point joins, as people do it: the Secretariat invites them from the admin, the
e-mail arrives, they set a password, edit their profile, and another member finds them in
the directory while an anonymous visitor does not. Screenshots go to $SCREENSHOTS if set."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

from members.models import Member
from tests.browser.test_portfolio_flow import _login
from tests.factories import MemberFactory, MinistryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SHOTS = os.environ.get("SCREENSHOTS")


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_invitation_to_directory(live_server, page, browser, secretariat, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ministry = MinistryFactory(country="PY")
    colleague = MemberFactory(ministry=MinistryFactory(country="UY"))
    base = live_server.url

    # 1. The Secretariat invites a new focal point from the admin (after two-factor login).
    staff = browser.new_page()
    _login(staff, base, secretariat.email, totp=SECRET)
    staff.goto(f"{base}/en/admin/members/invitation/add/")
    staff.get_by_label("E-mail address").fill("nueva.focal@example.org")
    staff.get_by_label("First name").fill("Graciela")
    staff.get_by_label("Last name").fill("Benítez")
    staff.get_by_label("Ministry").select_option(str(ministry.pk))
    staff.get_by_label("Role in the network").select_option("representative")
    staff.get_by_label("Language of the invitation").select_option("es")
    _shot(staff, "01-admin-invitation-en")
    staff.get_by_role("button", name="Save", exact=True).click()
    staff.get_by_text("The invitation was sent to nueva.focal@example.org").wait_for()

    # 2. The e-mail arrives, in Spanish, with a single-use link.
    message = mail.outbox[-1]
    assert message.to == ["nueva.focal@example.org"] and "RIAL/GENDER" in message.subject
    link = re.search(r"https?://\S+/invitacion/\S+/", message.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]

    # 3. The person chooses a password (a mismatch first: nothing typed is lost).
    page.goto(base + path)
    page.get_by_label("Elija una contraseña").fill("una-clave-larga-2026")
    page.get_by_label("Repita la contraseña").fill("otra-clave")
    page.get_by_role("button").filter(has_text=re.compile("cuenta", re.I)).click()
    page.get_by_text("Las dos contraseñas no coinciden.").wait_for()
    _shot(page, "02-accept-error-es")
    page.get_by_label("Elija una contraseña").fill("una-clave-larga-2026")
    page.get_by_label("Repita la contraseña").fill("una-clave-larga-2026")
    page.get_by_role("button").filter(has_text=re.compile("cuenta", re.I)).click()

    # 4. They land on their profile and edit it.
    page.get_by_role("heading", name="Mi perfil").wait_for()
    page.get_by_label("Cargo").fill("Directora de Igualdad de Género")
    page.get_by_label("Teléfono").fill("+595 21 555 0199")
    page.get_by_label("Portugués").check()
    _shot(page, "03-profile-es")
    page.get_by_role("button", name="Guardar mi perfil").click()
    page.get_by_text("Se guardó su perfil.").wait_for()
    member = Member.objects.get(user__email="nueva.focal@example.org")
    assert member.network_role == "representative" and member.languages == ["es", "pt"]
    assert member.phone == "+595 21 555 0199"

    # 5. Another member finds her in the directory, in English.
    other = browser.new_page()
    _login(other, base, colleague.user.email)
    other.goto(f"{base}/en/members/?country=PY")
    other.get_by_role("heading", name="Graciela Benítez").wait_for()
    assert "+595 21 555 0199" in other.content()
    _shot(other, "04-directory-en")

    # 6. An anonymous visitor is asked to log in and sees no contact.
    anonymous = browser.new_page()
    anonymous.goto(f"{base}/es/miembros/?country=PY")
    assert "/login/" in anonymous.url and "nueva.focal@example.org" not in anonymous.content()
    _shot(anonymous, "05-directory-anonymous-es")
