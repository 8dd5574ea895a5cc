"""Reminders a week and a day before, updates and cancellations: each registrant gets each
once, in their language and time zone, with their calendar invitation."""

import datetime
import email

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from dialogues import services
from dialogues.models import EventMailing, MailingDelivery
from rialgender import bulkmail
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_tasks(monkeypatch):
    """The send tasks are run by hand here; a real worker runs them in test_sending_worker."""
    from dialogues.tasks import task_send_mailing

    queued = []
    monkeypatch.setattr(task_send_mailing, "delay", lambda **kwargs: queued.append(kwargs))
    # Queued by name once the transaction commits (rialgender.celery.queue): at once here.
    monkeypatch.setattr(
        "dialogues.services.queue",
        lambda name, **kwargs: name == "dialogues.send_mailing" and queued.append(kwargs),
    )
    return queued


def _event_in(days: float, **kwargs):
    start = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=3), **kwargs)


def _parsed(message):
    return email.message_from_bytes(message.message().as_bytes())


def test_the_week_reminder_goes_once_to_each_confirmed_registrant(
    no_tasks, django_capture_on_commit_callbacks
):
    event = _event_in(6.5)
    asuncion = RegistrationFactory(event=event, language="es", time_zone="America/Asuncion")
    spain = RegistrationFactory(event=event, language="en", time_zone="Europe/Madrid", country="ES")
    RegistrationFactory(event=event, status="waitlisted")
    RegistrationFactory(event=event, status="cancelled")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.mailings_dispatch() == 1
        assert services.mailings_dispatch() == 0  # beat again a minute later: nothing new
    mailing = EventMailing.objects.get()
    assert (mailing.kind, len(no_tasks)) == ("week", 1)
    assert services.mailing_deliver(mailing_id=mailing.pk) == 2
    assert services.mailing_deliver(mailing_id=mailing.pk) == 0  # a retry sends nothing more
    mailing.refresh_from_db()
    assert mailing.status == "sent" and mailing.finished_at
    by_address = {m.to[0]: _parsed(m) for m in mail.outbox}
    assert set(by_address) == {asuncion.email, spain.email}
    spanish, english = by_address[asuncion.email], by_address[spain.email]
    assert "En una semana:" in str(
        email.header.make_header(email.header.decode_header(spanish["Subject"]))
    )
    body_es = _text(spanish)
    body_en = _text(english)
    # Each in their language and their zone, with the link, and their own registration page.
    assert "Asunción, UTC−3" in body_es and "dialogue-secret-link" in body_es
    assert "Madrid, UTC+1" in body_en or "Madrid, UTC+2" in body_en
    assert services.registration_token(asuncion) in body_es
    assert services.registration_token(spain) in body_en
    assert bulkmail.TOKEN_PLACEHOLDER not in body_es + body_en
    invitation = _calendar_part(spanish)
    assert invitation["METHOD"] == "REQUEST"
    assert str(invitation.walk("VEVENT")[0]["ATTENDEE"]) == f"mailto:{asuncion.email}"


def _text(message):
    return "".join(
        p.get_payload(decode=True).decode()
        for p in message.walk()
        if p.get_content_type() in ("text/plain", "text/html")
    )


def _calendar_part(message):
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


def test_the_day_reminder_follows_and_the_week_one_is_skipped_when_it_is_too_late(no_tasks):
    late = _event_in(0.5)  # created the day before: only the day's reminder
    soon = _event_in(3)  # within the week: the week's reminder
    far = _event_in(20)  # nothing yet
    for event in (late, soon, far):
        RegistrationFactory(event=event)
    services.mailings_dispatch()
    assert sorted(EventMailing.objects.values_list("event_id", "kind")) == sorted(
        [(late.pk, "day"), (soon.pk, "week")]
    )
    services.mailings_dispatch(now=soon.starts_at - datetime.timedelta(hours=20))
    assert EventMailing.objects.filter(event=soon, kind="day").exists()


def test_no_reminder_for_a_draft_a_cancelled_or_a_past_event(no_tasks):
    _event_in(3, state="draft")
    cancelled = _event_in(3)
    cancelled.cancelled_at = timezone.now()
    cancelled.save()
    _event_in(-1)
    services.mailings_dispatch()
    assert not EventMailing.objects.exists()


def test_a_cancellation_after_the_reminder_started_drops_its_pending_message(no_tasks):
    event = _event_in(3)
    leaving = RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    services.mailings_dispatch()
    services.registration_cancel(registration=leaving, by=None)
    mailing = EventMailing.objects.get()
    assert services.mailing_deliver(mailing_id=mailing.pk) == 1
    assert leaving.email not in [m.to[0] for m in mail.outbox if "semana" in m.subject]


def test_changes_to_a_published_event_make_one_update_with_a_higher_sequence(no_tasks):
    event = _event_in(30)
    registrant = RegistrationFactory(event=event)
    services.event_changed(event=event, fields={"starts_at"})
    services.event_changed(event=event, fields={"connection_link"})
    update = EventMailing.objects.get(kind="update")  # several edits, one update
    assert update.scheduled_for > timezone.now()
    services.mailings_dispatch(now=update.scheduled_for)
    services.mailing_deliver(mailing_id=update.pk)
    message = _parsed(mail.outbox[-1])
    assert message["To"] == registrant.email
    invitation = _calendar_part(message)
    assert invitation.walk("VEVENT")[0].decoded("sequence") == 2


def test_cancelling_an_event_withdraws_every_invitation(no_tasks, secretariat):
    event = _event_in(10)
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    services.event_cancel(event=event, by=secretariat)
    mailing = EventMailing.objects.get(kind="cancellation")
    assert mailing.status == "sending"
    services.mailing_deliver(mailing_id=mailing.pk)
    received = {m.to[0]: _parsed(m) for m in mail.outbox}
    assert set(received) == {confirmed.email, waiting.email}
    invitation = _calendar_part(received[confirmed.email])
    assert invitation["METHOD"] == "CANCEL"
    assert invitation.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    event.refresh_from_db()
    assert not event.registration_is_open()


def test_the_beat_schedules_exist(db):
    from django_celery_beat.models import PeriodicTask

    dispatch = PeriodicTask.objects.get(task="dialogues.dispatch")
    assert dispatch.enabled and (dispatch.interval.every, dispatch.interval.period) == (
        1,
        "minutes",
    )
    resume = PeriodicTask.objects.get(task="rialgender.resume_mailings")
    assert (resume.interval.every, resume.interval.period) == (15, "seconds")


def test_an_interrupted_mailing_is_resumed_by_beat(no_tasks):
    event = _event_in(3)
    RegistrationFactory(event=event)
    services.mailings_dispatch()
    mailing = EventMailing.objects.get()
    no_tasks.clear()
    # Someone is sending it: nothing to resume.
    MailingDelivery.objects.update(status="sending", claimed_at=timezone.now(), batch=None)
    assert bulkmail.resume_all()["event-mailings"] == 0
    # Its worker died a minute ago: resumed.
    MailingDelivery.objects.update(claimed_at=timezone.now() - datetime.timedelta(minutes=1))
    assert bulkmail.resume_all()["event-mailings"] == 1
    assert no_tasks == [{"mailing_id": mailing.pk}]


def test_the_secretariat_previews_a_reminder_tests_it_and_follows_it(
    secretariat_client, secretariat, no_tasks
):
    """The mailing admin (rialgender.mailing_admin): the reminder in each language, a copy of
    each to oneself with its calendar file, then its progress."""
    event = _event_in(3, connection_link="https://zoom.example.org/j/123")
    RegistrationFactory(event=event)
    services.mailings_dispatch()
    mailing = EventMailing.objects.get()
    base = f"/en/admin/dialogues/eventmailing/{mailing.pk}"
    preview = secretariat_client.get(f"{base}/preview/").content.decode()
    assert event.title_en in preview and event.title_es in preview
    html = secretariat_client.get(f"{base}/preview/es/html/").content.decode()
    assert "Enlace de conexión" in html and "https://zoom.example.org/j/123" in html
    mail.outbox.clear()
    assert secretariat_client.post(f"{base}/send-test/").status_code == 302
    assert [m.to for m in mail.outbox] == [[secretariat.email]] * 2
    for message in mail.outbox:
        assert b"BEGIN:VCALENDAR" in message.message().as_bytes()
    progress = secretariat_client.get(f"{base}/progress/")
    assert progress.status_code == 200
