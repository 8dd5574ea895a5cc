"""Double opt-in, signed links, one-click unsubscribe; addresses stay private."""

import re
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.test import Client

from newsletter import tokens
from newsletter.models import Subscriber, SubscriberStatus
from newsletter.services import subscription_cancel
from tests.factories import MemberFactory, UserFactory
from tests.newsletter.conftest import make_subscriber


def _signup(client, email="lectora@example.org", language="es", url="/es/boletin/suscribirse/"):
    return client.post(url, {"email": email, "language": language, "consent": "on"})


def test_double_opt_in(client, db):
    response = _signup(client)
    assert response.status_code == 302 and "revise-su-correo" in response["Location"]
    subscriber = Subscriber.objects.get(email="lectora@example.org")
    assert subscriber.status == SubscriberStatus.PENDING
    assert not Subscriber.objects.receiving().filter(pk=subscriber.pk).exists()
    # The only message is the confirmation, in Spanish.
    assert len(mail.outbox) == 1 and "Confirme su suscripción" in mail.outbox[0].subject
    link = re.search(r"https?://\S+/confirmar/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    # Opening the link (as a mail scanner does) changes nothing: its page has the button.
    response = client.get(path)
    assert response.status_code == 200 and "Confirmar mi suscripción" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING
    response = client.post(path)
    assert response.status_code == 200 and "Suscripción confirmada" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    assert Subscriber.objects.receiving().filter(pk=subscriber.pk).exists()


def test_consent_is_required_and_input_is_kept(client, db):
    response = client.post(
        "/en/newsletter/subscribe/", {"email": "reader@example.org", "language": "en"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Please agree to receive the newsletter." in body
    assert 'value="reader@example.org"' in body and not Subscriber.objects.exists()
    response = client.post(
        "/es/boletin/suscribirse/", {"email": "not-an-email", "language": "es", "consent": "on"}
    )
    assert "Introduzca una dirección de correo electrónico válida" in response.content.decode()


def test_signing_up_never_reveals_who_is_subscribed(client, db):
    make_subscriber("known@example.org")
    first = _signup(client, email="known@example.org")
    second = _signup(client, email="new@example.org")
    assert (
        first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    )
    assert "ya está suscrita" in mail.outbox[0].subject  # told by e-mail, not on the page


def test_bots_filling_the_hidden_field_get_nothing(client, db):
    client.post(
        "/en/newsletter/subscribe/",
        {"email": "bot@example.org", "language": "en", "consent": "on", "website": "x"},
    )
    assert not Subscriber.objects.exists() and not mail.outbox


def test_sign_ups_are_rate_limited(client, db, settings):
    settings.NEWSLETTER_SIGNUPS_PER_HOUR = 2
    for n in range(2):
        _signup(client, email=f"p{n}@example.org")
    response = _signup(client, email="p9@example.org")
    assert (
        response.status_code == 429
        and not Subscriber.objects.filter(email="p9@example.org").exists()
    )


def test_forged_and_expired_tokens_are_refused(client, db):
    subscriber = make_subscriber("a@example.org", status=SubscriberStatus.PENDING)
    token = tokens.confirm_token(subscriber)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    assert client.get(f"/en/newsletter/confirm/{forged}/").status_code == 404
    # A preferences token cannot confirm (another purpose).
    assert (
        client.get(f"/en/newsletter/confirm/{tokens.preferences_token(subscriber)}/").status_code
        == 404
    )
    with mock.patch("time.time", return_value=time.time() - tokens.CONFIRM_MAX_AGE - 60):
        old = tokens.confirm_token(subscriber)
    assert client.get(f"/en/newsletter/confirm/{old}/").status_code == 404
    # A token for an address that changed is refused too.
    other = signing.dumps(
        [subscriber.pk, "b@example.org"], salt=tokens.PREFERENCES_SALT, compress=True
    )
    assert client.get(f"/en/newsletter/preferences/{other}/").status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


def test_preferences_change_the_language_without_login(client, db):
    subscriber = make_subscriber("a@example.org", language="es")
    url = f"/en/newsletter/preferences/{tokens.preferences_token(subscriber)}/"
    response = client.get(url)
    assert response.status_code == 200 and 'content="noindex"' in response.content.decode()
    client.post(url, {"language": "en"})
    subscriber.refresh_from_db()
    assert subscriber.language == "en"


def test_one_click_unsubscribe_rfc_8058(db):
    subscriber = make_subscriber("a@example.org")
    url = f"/en/newsletter/unsubscribe/{tokens.preferences_token(subscriber)}/"
    client = Client(enforce_csrf_checks=True)  # the mail client has no CSRF token
    assert client.get(url).status_code == 200  # a link scanner's GET changes nothing
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    assert client.post(url).status_code == 200  # idempotent


def test_members_are_subscribed_in_their_language_and_an_opt_out_sticks(ministry):
    member = MemberFactory(ministry=ministry, user=UserFactory(language="en"))
    subscriber = Subscriber.objects.get(member=member)
    assert subscriber.status == SubscriberStatus.CONFIRMED and subscriber.language == "en"
    subscription_cancel(subscriber=subscriber)
    member.title = "New title"
    member.save()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_deactivated_members_stop_receiving(ministry):
    from members.services import member_deactivate

    member = MemberFactory(ministry=ministry)
    assert Subscriber.objects.receiving().filter(member=member).exists()
    member_deactivate(member=member)
    assert not Subscriber.objects.receiving().filter(member=member).exists()


def test_addresses_are_shown_to_nobody_but_staff(client, member, db):
    make_subscriber("private@example.org")
    for url in (
        "/en/newsletter/",
        "/es/boletin/",
        "/en/newsletter/rss/",
        "/en/newsletter/news/",
        "/en/",
    ):
        assert b"private@example.org" not in client.get(url).content
    client.force_login(member.user)
    assert client.get("/en/admin/newsletter/subscriber/").status_code == 302


@pytest.mark.parametrize(
    "language,text", [("en", "Receive the newsletter"), ("es", "Reciba el boletín")]
)
def test_home_page_has_the_sign_up_box(client, db, language, text):
    body = client.get(f"/{language}/").content.decode()
    assert text in body and 'name="consent"' in body


def test_links_do_not_carry_the_address(db):
    import base64

    subscriber = make_subscriber("private.reader@example.org")
    for token in (tokens.confirm_token(subscriber), tokens.preferences_token(subscriber)):
        payload = token.split(":")[0]
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        assert b"private.reader" not in decoded and b"private.reader" not in token.encode()
