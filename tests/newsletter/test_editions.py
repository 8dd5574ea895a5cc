"""Editions compose themselves from the content sources, wait for approval, and reach every
subscriber once, in their language."""

import datetime
import email
import re
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from newsletter import services
from newsletter.models import Delivery, Edition, EditionStatus, NewsItem
from newsletter.services import (
    edition_approve,
    edition_compose,
    edition_deliver,
    edition_start_sending,
    editions_dispatch,
)
from portfolio.models import Program
from rialgender import bulkmail, sources
from rialgender.bulkmail import TemporaryFailure
from rialgender.workflow import State
from tests.newsletter.conftest import make_subscriber


@pytest.fixture(autouse=True)
def _no_queue(monkeypatch):
    # Unit tests call the sending service themselves; the worker path has its own tests.
    monkeypatch.setattr("newsletter.tasks.task_send_edition.delay", lambda **kwargs: None)


def test_nothing_new_creates_nothing_and_tells_the_secretariat(db, settings):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"
    assert edition_compose() is None
    assert not Edition.objects.exists()
    assert (
        mail.outbox[-1].to == ["secretariat@example.org"]
        and "nothing new" in mail.outbox[-1].subject
    )


def test_a_draft_edition_from_what_was_published_in_the_period(published_news, ministry):
    old = NewsItem.objects.create(
        ministry=ministry, title_en="Old", title_es="Viejo", body_en="x", body_es="x",
        state=State.PUBLISHED, published_at=timezone.now() - datetime.timedelta(days=40),
    )  # fmt: skip
    draft = NewsItem.objects.create(ministry=ministry, title_es="Borrador", body_es="x")
    program = Program.objects.create(
        ministry=ministry, title_en="Choferas", title_es="Choferas", summary_en="Drivers",
        summary_es="Conductoras", state=State.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip
    edition = edition_compose()
    assert edition.status == EditionStatus.DRAFT and edition.number == 1
    keys = set(edition.items.values_list("content_key", flat=True))
    assert keys == {f"newsletter.news:{published_news.pk}", f"portfolio.program:{program.pk}"}
    assert f"newsletter.news:{old.pk}" not in keys and f"newsletter.news:{draft.pk}" not in keys
    item = edition.items.get(source="portfolio")
    assert (
        item.url_es == f"/es/portafolio/programas/{program.pk}/"
        and "Programa nuevo" in item.summary_es
    )
    # The next period starts where this one ended: nothing is counted twice.
    assert edition_compose() is None


def test_the_draft_ready_mail_links_to_the_english_admin_whoever_composed_it(
    published_news, settings
):
    from django.utils import translation

    settings.SECRETARIAT_EMAIL = "secretariat@example.org"
    with translation.override("es"):  # "Compose now" from /es/admin/
        edition = edition_compose()
    assert f"/en/admin/newsletter/edition/{edition.pk}/change/" in mail.outbox[-1].body


def test_a_new_source_registers_without_touching_the_newsletter(db):
    entry = sources.Entry(key="dialogues.event:1", title={"en": "Dialogue", "es": "Diálogo"})
    sources.register("dialogues-test", "Dialogues", lambda start, end: [entry], order=5)
    try:
        edition = edition_compose()
        assert edition.items.get().source == "dialogues-test"
    finally:
        sources._SOURCES.pop("dialogues-test")


@pytest.fixture
def edition(published_news):
    return edition_compose()


def test_rendered_in_each_language_with_inlined_css(edition):
    subject, text, html = services.render_edition(edition, "es")
    assert (
        "Boletín n.º 1" in subject and "Semana del cuidado" in html and "Semana del cuidado" in text
    )
    assert "<style" not in html.split("<body", 1)[1] and 'style="' in html
    subject, text, html = services.render_edition(edition, "en")
    assert "Newsletter no. 1" in subject and "Care week" in html


def test_approval_then_exactly_once_in_each_language(edition, secretariat):
    spanish = make_subscriber("es@example.org", "es")
    english = make_subscriber("en@example.org", "en")
    make_subscriber("pending@example.org", status="pending")
    make_subscriber("gone@example.org", status="unsubscribed")
    assert edition_start_sending(edition=edition) == 0  # not approved: nothing happens
    assert not Delivery.objects.exists()
    edition_approve(
        edition=edition, by=secretariat, when=timezone.now() + datetime.timedelta(hours=1)
    )
    assert editions_dispatch() == 0  # not yet time
    Edition.objects.filter(pk=edition.pk).update(scheduled_for=timezone.now())
    assert editions_dispatch() == 1
    assert Delivery.objects.filter(edition=edition).count() == 2
    mail.outbox.clear()
    assert edition_deliver(edition_id=edition.pk) == 2
    assert edition_deliver(edition_id=edition.pk) == 0  # a retry sends nothing more
    by_address = {m.to[0]: email.message_from_bytes(m.message().as_bytes()) for m in mail.outbox}
    assert set(by_address) == {spanish.email, english.email} and len(mail.outbox) == 2
    es = by_address[spanish.email]
    assert "Semana del cuidado" in es.as_string() or "Semana del cuidado" in _text(es)
    assert "Care week" in _text(by_address[english.email])
    for message in by_address.values():
        header = message["List-Unsubscribe"].strip()
        assert header.startswith("<http") and header.endswith("/>")
        assert (
            "/en/newsletter/unsubscribe/"
            if message["To"] == english.email
            else "/es/boletin/darse-de-baja/"
        ) in header
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["To"] in by_address
    # Each copy carries its own reader's link, never a placeholder.
    assert (
        bulkmail.TOKEN_PLACEHOLDER not in _text(es)
        and bulkmail.TO_PLACEHOLDER not in es.as_string()
    )
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT and edition.sent_at


def _text(message):
    parts = [p for p in message.walk() if p.get_content_type() in ("text/plain", "text/html")]
    return "".join(p.get_payload(decode=True).decode() for p in parts)


def test_the_unsubscribe_link_in_the_mail_works(client, edition, secretariat):
    reader = make_subscriber("es@example.org", "es")
    edition_approve(edition=edition, by=secretariat)
    edition_start_sending(edition=edition)
    edition_deliver(edition_id=edition.pk)
    message = email.message_from_bytes(mail.outbox[-1].message().as_bytes())
    url = message["List-Unsubscribe"].strip().strip("<>").split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + url).status_code == 200
    reader.refresh_from_db()
    assert reader.status == "unsubscribed"


def test_permanent_failures_are_recorded_and_temporary_ones_retried(edition, secretariat):
    make_subscriber("bad@example.org")
    make_subscriber("good@example.org")
    edition_approve(edition=edition, by=secretariat)
    edition_start_sending(edition=edition)
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages

    def refuse_bad(self, messages):
        if messages[0].to == ["bad@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"bad@example.org": (550, b"no such user")})
        return real(self, messages)

    with mock.patch.object(EmailBackend, "send_messages", refuse_bad):
        edition_deliver(edition_id=edition.pk)
    failed = Delivery.objects.get(subscriber__email="bad@example.org")
    assert failed.status == "failed" and "no such user" in failed.error
    assert Delivery.objects.get(subscriber__email="good@example.org").status == "sent"

    # A server that is down: the batch goes back to pending and the task retries later.
    make_subscriber("later@example.org")
    Edition.objects.filter(pk=edition.pk).update(status="sending")
    edition_start_sending(edition=edition)
    down = smtplib.SMTPServerDisconnected("down")
    with (
        mock.patch.object(EmailBackend, "send_messages", side_effect=down),
        pytest.raises(TemporaryFailure),
    ):
        edition_deliver(edition_id=edition.pk)
    assert Delivery.objects.get(subscriber__email="later@example.org").status == "pending"


def test_only_drafts_with_items_are_approved(edition, secretariat):
    edition.items.update(included=False)
    with pytest.raises(Exception, match="no item"):
        edition_approve(edition=edition, by=secretariat)


def test_the_secretariat_s_workplace_in_the_admin(client, edition, secretariat):
    make_subscriber("es@example.org", "es")
    client.force_login(secretariat)
    base = f"/en/admin/newsletter/edition/{edition.pk}"
    body = client.get(f"{base}/change/").content.decode()
    assert 'name="introduction_es"' in body and "Approve and schedule" in body
    client.post(f"{base}/change/", {
        "introduction_en": "Hello", "introduction_es": "Hola",
        "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "1", "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000", "items-0-id": str(edition.items.get().pk),
        "items-0-edition": str(edition.pk), "items-0-position": "3",
        "items-0-title_en": "Care week!", "items-0-title_es": "Semana del cuidado",
        "items-0-summary_en": "", "items-0-summary_es": "", "items-0-url_en": "", "items-0-url_es": "",
        "items-0-included": "on",
    })  # fmt: skip
    edition.refresh_from_db()
    assert edition.introduction_es == "Hola" and edition.items.get().title_en == "Care week!"
    preview = client.get(f"{base}/preview/").content.decode()
    assert "Hola" in preview and "Hello" in preview
    assert f'src="{base}/preview/es/html/" sandbox' in preview
    assert "Semana del cuidado" in client.get(f"{base}/preview/es/html/").content.decode()
    client.post(f"{base}/send-test/")
    assert [m.to for m in mail.outbox[-2:]] == [[secretariat.email]] * 2
    assert "Approve and schedule" in client.get(f"{base}/send/").content.decode()
    sent = client.post(f"{base}/send/", {"scheduled_for": ""}, follow=True)
    [message] = [str(m) for m in sent.context["messages"]]
    # The time is not the sentence's end ("12:17 a.m.." in English).
    assert message.startswith("Approved. On ") and message.endswith(" it will be sent.")
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SCHEDULED and edition.approved_by == secretariat
    editions_dispatch()
    edition_deliver(edition_id=edition.pk)
    progress = client.get(f"{base}/progress/").content.decode()
    assert re.search(r"Sent</th><td>\d+</td>", progress) and "Pending</th><td>0</td>" in progress
    # A sent edition is on record as it was sent: the introduction is no longer editable.
    body = client.get(f"{base}/change/").content.decode()
    assert client.get(f"{base}/change/").status_code == 200 and 'name="introduction_es"' not in body


def test_the_beat_schedules_exist_and_staff_can_move_them(db, published_news):
    from django_celery_beat.models import PeriodicTask

    compose = PeriodicTask.objects.get(task="newsletter.compose_edition")
    assert compose.enabled and compose.interval.every == 14 and compose.interval.period == "days"
    assert PeriodicTask.objects.get(task="newsletter.dispatch").interval.period == "minutes"
    from newsletter.tasks import task_compose_edition

    assert task_compose_edition() == 1  # what beat runs: a draft from the period's content
    assert task_compose_edition() is None  # and nothing when nothing is new
