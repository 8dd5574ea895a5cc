"""A visitor subscribes in Spanish from the home page, confirms from the e-mail, changes the
language and unsubscribes, without an account. Screenshots go to $SCREENSHOTS if set."""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

from newsletter.models import Subscriber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS")


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _path(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_subscribe_confirm_and_unsubscribe(live_server, page, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    base = live_server.url
    page.goto(f"{base}/es/")
    box = page.locator("section.signup")
    box.get_by_label("Su correo electrónico").fill("lectora@example.org")
    assert box.get_by_label("Idioma del boletín").input_value() == "es"
    box.get_by_role("button", name="Suscribirse").click()
    # Consent is required; what was typed is kept.
    page.get_by_text("Por favor, acepte recibir el boletín.").wait_for()
    assert page.get_by_label("Su correo electrónico").input_value() == "lectora@example.org"
    _shot(page, "11-subscribe-error-es")
    page.get_by_label(re.compile("Acepto recibir el boletín")).check()
    page.get_by_role("button", name="Suscribirse").click()
    page.get_by_role("heading", name="Revise su correo").wait_for()
    assert Subscriber.objects.get().status == "pending"

    link = re.search(r"https?://\S+/confirmar/\S+/", mail.outbox[-1].body).group(0)
    page.goto(base + _path(link))
    page.get_by_role("button", name="Confirmar mi suscripción").click()
    page.get_by_role("heading", name="Suscripción confirmada").wait_for()
    _shot(page, "12-confirmed-es")
    page.get_by_role("link", name="Cambiar el idioma o darse de baja").click()
    page.get_by_label("Idioma del boletín").select_option("en")
    page.get_by_role("button", name="Guardar").click()
    page.get_by_text("Se guardaron sus preferencias.").wait_for()
    assert Subscriber.objects.get().language == "en"
    page.get_by_role("button", name="Darse de baja").click()
    page.get_by_role("heading", name="Usted se dio de baja").wait_for()
    _shot(page, "13-unsubscribed-es")
    assert Subscriber.objects.get().status == "unsubscribed"
