import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from portfolio.models import Program
from portfolio.selectors import programs_for_edition
from portfolio.services import confirmation_token
from portfolio.tasks import task_send_confirmation_reminders
from tests.factories import MemberFactory, UserFactory
from tests.portfolio.factories import published

pytestmark = pytest.mark.django_db


def test_yearly_reminder_reaches_each_focal_point_in_their_language_and_confirms(client, ministry):
    spanish = MemberFactory(ministry=ministry, user=UserFactory(language="es"))
    english = MemberFactory(ministry=ministry, user=UserFactory(language="en"))
    program = published(ministry=ministry, title_es="Sello de equidad", title_en="Equity seal")
    Program.objects.filter(pk=program.pk).update(published_at=timezone.now() - timedelta(days=600))
    assert program in Program.objects.stale()

    assert task_send_confirmation_reminders() == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "Sello de equidad" in by_recipient[spanish.user.email].body
    assert "Equity seal" in by_recipient[english.user.email].body
    link = re.search(
        r"https?://[^/]+(/es/portafolio/confirmar/\S+/)", by_recipient[spanish.user.email].body
    ).group(1)

    # Opening the link (as a mail scanner does) changes nothing: its page has the button.
    response = client.get(link)
    assert response.status_code == 200 and "Sí, sigue vigente" in response.content.decode()
    program.refresh_from_db()
    assert program.last_confirmed_at is None
    response = client.post(link)
    assert response.status_code == 200 and "Gracias" in response.content.decode()
    program.refresh_from_db()
    assert program.last_confirmed_at > timezone.now() - timedelta(minutes=1)
    assert program not in Program.objects.stale()


def test_confirming_does_not_make_the_program_updated_for_the_newsletter(client, ministry):
    program = published(ministry=ministry)
    long_ago = timezone.now() - timedelta(days=400)
    Program.objects.filter(pk=program.pk).update(published_at=long_ago, updated_at=long_ago)
    program.refresh_from_db()
    start = timezone.now()

    client.post(f"/en/portfolio/confirm/{confirmation_token(program)}/")
    program.refresh_from_db()
    assert program.last_confirmed_at >= start
    assert program.updated_at == long_ago
    assert programs_for_edition(start, timezone.now()) == []


def test_a_change_of_content_makes_the_program_updated(ministry):
    program = published(ministry=ministry)
    long_ago = timezone.now() - timedelta(days=400)
    Program.objects.filter(pk=program.pk).update(published_at=long_ago, updated_at=long_ago)
    start = timezone.now()
    program = Program.objects.get(pk=program.pk)
    program.save()  # nothing changed
    assert Program.objects.get(pk=program.pk).updated_at == long_ago
    program.summary_es = "Un resumen nuevo."
    program.save()
    assert Program.objects.get(pk=program.pk).updated_at >= start
    (entry,) = programs_for_edition(start, timezone.now())
    assert entry.summary["en"].startswith("Updated program")


def test_a_forged_or_expired_confirmation_link_is_refused(client, ministry, monkeypatch):
    program = published(ministry=ministry)
    token = confirmation_token(program)
    assert client.get(f"/en/portfolio/confirm/{token}x/").status_code == 404
    monkeypatch.setattr("portfolio.services.CONFIRM_MAX_AGE", -1)
    assert client.get(f"/en/portfolio/confirm/{token}/").status_code == 404
    program.refresh_from_db()
    assert program.last_confirmed_at is None


def test_stale_programs_are_flagged_on_their_page(client, ministry):
    program = published(ministry=ministry)
    Program.objects.filter(pk=program.pk).update(published_at=timezone.now() - timedelta(days=600))
    assert "may be out of date" in client.get(program.get_absolute_url()).content.decode()


def test_the_yearly_schedule_exists_for_staff_to_see_and_move():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="portfolio.send_confirmation_reminders")
    assert task.enabled and task.crontab.month_of_year == "1"
