"""A dialogue from registration to follow-up, as people do it, in Chromium: the focal point
in Asunción registers in Spanish and sees the time in her zone; her confirmation carries an
invitation a calendar reads at the right instant; the reminder brings the link; after the
dialogue the Secretariat uploads the participant report and publishes the conclusions in the
admin; she marks a recommendation in progress for Paraguay; a visitor reads the outcome in
English and in Spanish. Screenshots of each step go to $SCREENSHOTS if set."""

import datetime
import email
import os
from email.policy import default
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail

from dialogues import services
from dialogues.models import Event, EventMailing, Registration
from dialogues.timefmt import when_text
from tests.browser.test_portfolio_flow import _login
from tests.factories import EventFactory, MemberFactory, MinistryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SHOTS = os.environ.get("SCREENSHOTS")
WASHINGTON = ZoneInfo("America/New_York")


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _both(page, url_en, url_es, name):
    for language, url in (("en", url_en), ("es", url_es)):
        page.goto(url)
        _shot(page, f"{name}-{language}")


def test_asuncion_focal_point_from_registration_to_follow_up(
    live_server, page, browser, secretariat, settings, tmp_path, monkeypatch
):
    from dialogues.tasks import task_send_mailing

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr(task_send_mailing, "delay", lambda **kwargs: None)  # sent by hand below
    paraguay = MinistryFactory(
        country="PY", name_en="Ministry of Labor, Employment and Social Security",
        name_es="Ministerio de Trabajo, Empleo y Seguridad Social",
    )  # fmt: skip
    rocio = MemberFactory(
        ministry=paraguay, network_role="representative", user__first_name="Rocío",
        user__last_name="Giménez", user__email="rocio.gimenez@py.example.org",
        user__language="es",
    )  # fmt: skip
    day = (datetime.datetime.now(WASHINGTON) + datetime.timedelta(days=40)).date()
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=WASHINGTON)
    event = EventFactory(
        number=8, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
        title_en="8th Hemispheric Dialogue on Gender: Care policies and the world of work",
        title_es="8º Diálogo Hemisférico de Género: Políticas de cuidado y mundo del trabajo",
    )  # fmt: skip
    base = live_server.url

    # 1. She opens the dialogue in Spanish: the time in Washington and in Asunción.
    _login(page, base, rocio.user.email)
    page.goto(f"{base}/es/dialogos/{event.pk}/")
    in_asuncion = when_text(event.starts_at, "America/Asuncion", end=event.ends_at,
                            with_zone=True, language="es")  # fmt: skip
    assert "(Asunción, UTC−3)" in in_asuncion
    page.get_by_text("En su zona horaria:").wait_for()
    assert in_asuncion in page.locator(".reader-time").inner_text()
    assert "dialogue-secret-link" not in page.content()  # not registered: no link
    _shot(page, "01-event-es")
    page.set_viewport_size({"width": 360, "height": 800})
    _shot(page, "01-event-es-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # 2. She registers; her zone is already chosen.
    page.locator(".event-aside").get_by_role("link", name="Inscribirme").click()
    myself = page.get_by_role("region", name="Inscribirme")
    assert myself.get_by_label("Zona horaria").input_value() == "America/Asuncion"
    _shot(page, "02-register-es")
    myself.get_by_role("button", name="Inscribirme").click()
    page.get_by_text("Su inscripción quedó registrada").wait_for()
    assert "dialogue-secret-link" in page.content()  # confirmed: the link is hers
    _shot(page, "03-registered-es")
    registration = Registration.objects.get(event=event)
    assert (registration.status, registration.time_zone) == ("confirmed", "America/Asuncion")

    # 3. The confirmation, in Spanish, with an invitation read at the right instant.
    confirmation = mail.outbox[-1]
    assert (
        confirmation.to == [rocio.user.email] and "Inscripción confirmada" in confirmation.subject
    )
    assert in_asuncion in confirmation.body
    invite = icalendar.Calendar.from_ical(confirmation.attachments[0][1])
    vevent = invite.walk("VEVENT")[0]
    assert vevent.decoded("dtstart").astimezone(datetime.UTC) == event.starts_at
    assert invite["METHOD"] == "REQUEST"

    # 4. A week before, beat sends the reminder with the link.
    services.mailings_dispatch(now=event.starts_at - datetime.timedelta(days=7))
    reminder = EventMailing.objects.get(event=event)
    services.mailing_deliver(mailing_id=reminder.pk)
    message = email.message_from_bytes(mail.outbox[-1].message().as_bytes(), policy=default)
    assert message["To"] == rocio.user.email and "En una semana" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert "dialogue-secret-link" in text and in_asuncion in text

    # 5. The dialogue takes place.
    Event.objects.filter(pk=event.pk).update(
        starts_at=event.starts_at - datetime.timedelta(days=41),
        ends_at=event.ends_at - datetime.timedelta(days=41),
    )
    report = tmp_path / "participants.csv"
    report.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "RIAL Secretariat,rialgender@oas.org,01/05/2027 09:30:00 AM,01/05/2027 01:05:00 PM,215\n"
        "Rocío Giménez (MTESS PY),,01/05/2027 09:58:00 AM,01/05/2027 01:00:00 PM,182\n"
    )

    # 6. The Secretariat uploads the participant report and publishes the conclusions.
    staff = browser.new_page()
    _login(staff, base, secretariat.email, totp=SECRET)
    staff.goto(f"{base}/en/admin/dialogues/event/{event.pk}/attendance/")
    staff.get_by_label("Participant report (CSV)").set_input_files(str(report))
    staff.get_by_label("Time zone").select_option("America/New_York")
    staff.get_by_role("button", name="Import the report").click()
    staff.get_by_text("2 connections were imported.").wait_for()
    _shot(staff, "04-admin-attendance-en")
    registration.refresh_from_db()
    assert registration.attended  # matched by her name, though the report has no address
    staff.goto(f"{base}/en/admin/dialogues/outcome/add/")
    staff.locator("#id_event").select_option(str(event.pk))
    staff.locator("#id_conclusions_en").fill("Care policies must reach informal workers.")
    staff.locator("#id_conclusions_es").fill(
        "Las políticas de cuidado deben llegar a las personas trabajadoras informales."
    )
    staff.get_by_text("Add another Recommendation").click()
    staff.locator("#id_recommendations-0-number").fill("1")
    staff.locator("#id_recommendations-0-text_en").fill("Include care leave in labor inspection.")
    staff.locator("#id_recommendations-0-text_es").fill(
        "Incluir las licencias de cuidado en la inspección laboral."
    )
    staff.get_by_role("button", name="Save and continue editing").click()
    staff.get_by_role("button", name="Publish").click()
    staff.get_by_text("published", exact=False).first.wait_for()
    _shot(staff, "05-admin-outcome-published-en")

    # 7. The Paraguayan focal point reports: in progress.
    page.goto(f"{base}/es/dialogos/recomendaciones/mi-pais/")
    page.get_by_label("Estado").select_option("in_progress")
    page.get_by_label("Nota").fill("La inspección revisa su protocolo para incluir las licencias.")
    page.get_by_role("button", name="Guardar").click()
    page.get_by_text("se guardó el avance de su país").wait_for()
    _shot(page, "06-tracker-country-es")

    # 8. A visitor reads the outcome in English and in Spanish.
    visitor = browser.new_page()
    visitor.goto(f"{base}/en/dialogues/{event.pk}/outcome/")
    visitor.get_by_text("Care policies must reach informal workers.").wait_for()
    assert "1 in progress" in visitor.content() and "1 participants" not in visitor.content()
    _shot(visitor, "07-outcome-en")
    visitor.goto(f"{base}/es/dialogos/{event.pk}/resultados/")
    visitor.get_by_text("Las políticas de cuidado deben llegar").wait_for()
    assert "1 en curso" in visitor.content()
    assert "La inspección revisa" not in visitor.content()  # the note is the Secretariat's
    _shot(visitor, "07-outcome-es")
    _both(visitor, f"{base}/en/dialogues/", f"{base}/es/dialogos/", "08-list")
