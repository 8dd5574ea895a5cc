"""The documentation center's flow, as people do it, with a real Celery worker reading the
PDF: a focal point proposes a Spanish guide; the Secretariat reviews it against the
inclusion parameters in force, adds the English metadata in the admin and publishes it; a
visitor on /en/ finds a phrase that is only inside the PDF, with its passage and page, and
the same in Spanish without accents. Screenshots of each step, in the language it was taken
in and in the other one, go to $SCREENSHOTS if set."""

import os
import time
from pathlib import Path

import pytest
from django.urls import translate_url
from django.utils import translation

from docs_center.models import Resource, TextStatus
from rialgender.demo.accounts import totp_code
from rialgender.workflow import State
from tests.docs_center import documents
from tests.factories import PASSWORD, MemberFactory, MinistryFactory, ParameterSetFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SHOTS = os.environ.get("SCREENSHOTS")


def _shots(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    lang = "es" if "/es/" in page.url else "en"
    page.screenshot(path=f"{SHOTS}/docs-{name}-{lang}.png", full_page=True)
    other = "en" if lang == "es" else "es"
    context = page.context.browser.new_context(storage_state=page.context.storage_state())
    twin = context.new_page()
    with translation.override(lang):
        twin.goto(translate_url(page.url, other))
    twin.screenshot(path=f"{SHOTS}/docs-{name}-{other}.png", full_page=True)
    context.close()


def _login(page, base, email, *, totp=None):
    page.goto(f"{base}/es/cuentas/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    if totp:
        page.get_by_label("Código").fill(totp_code(totp))
        page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_load_state()


def test_propose_review_publish_and_find_inside_the_pdf(
    live_server, page, browser, tmp_path, secretariat, settings, celery_worker_process
):
    from django.conf import settings as django_settings

    # The worker reads uploaded files where the test settings keep them.
    settings.MEDIA_ROOT = django_settings.VAR_DIR / "test-media"
    version = ParameterSetFactory()
    member = MemberFactory(ministry=MinistryFactory(country="PY"))
    base = live_server.url

    # 1. The focal point proposes a guide in Spanish and attaches its PDF.
    _login(page, base, member.user.email)
    page.goto(f"{base}/es/documentos/")
    page.get_by_role("link", name="Proponer un recurso").click()
    page.locator("#id_title_es").fill("Guía para la planificación de las unidades de género")
    page.locator("#id_abstract_es").fill("Una guía práctica para planificar el trabajo anual.")
    page.locator("#id_resource_type").select_option("guide")
    page.locator("#id_organization").fill("Ministerio de Trabajo, Empleo y Seguridad Social")
    for parameter in version.parameters.all():
        if parameter.asks_evidence:
            page.locator(f"#id_evidence_{parameter.pk}").fill(
                "Sí: institucionalización del género."
            )
    page.get_by_role("button", name="Guardar borrador").click()
    page.get_by_text("Se guardó el borrador.").wait_for()
    _shots(page, "1-draft")
    encrypted = tmp_path / "protegida.pdf"
    encrypted.write_bytes(documents.encrypted_pdf())
    page.locator("#id_file").set_input_files(str(encrypted))
    page.get_by_role("button", name="Agregar el archivo").click()
    page.get_by_role("alert").get_by_text("protegido con contraseña").wait_for()
    assert page.locator("#id_title_es").input_value().startswith("Guía para la planificación")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/docs-2-bad-file-es.png", full_page=True)
    guide = tmp_path / "guia.pdf"
    guide.write_bytes(documents.guide_pdf())
    page.locator("#id_file").set_input_files(str(guide))
    page.get_by_role("button", name="Agregar el archivo").click()
    page.get_by_text("Se agregó el archivo.").wait_for()
    resource = Resource.objects.get()
    deadline = time.monotonic() + 60
    while resource.files.get().text_status == TextStatus.PENDING and time.monotonic() < deadline:
        time.sleep(0.2)  # the worker reads it
    page.reload()
    page.get_by_text("Texto disponible para búsqueda").wait_for()
    page.get_by_role("button", name="Guardar y enviar a revisión").click()
    page.get_by_text("Se propuso el recurso.").wait_for()
    _shots(page, "3-submitted")
    resource.refresh_from_db()
    assert resource.state == State.SUBMITTED

    # 2. The Secretariat reviews it against the parameters in force, translates, publishes.
    staff = browser.new_page()
    _login(staff, base, secretariat.email, totp=SECRET)
    staff.goto(f"{base}/en/documents/review/{resource.pk}/")
    for parameter in version.parameters.all():
        staff.locator(f"#id_passed_{parameter.pk}_0").check()
    staff.get_by_role("button", name="Save the review").click()
    staff.get_by_text("The review was saved.").wait_for()
    staff.get_by_text("both languages are complete").wait_for()  # no English yet
    _shots(staff, "4-reviewed")
    staff.get_by_role("link", name="The resource in the admin").click()
    staff.locator("#id_title_en").fill("Planning guide for gender units")
    staff.locator("#id_abstract_en").fill("A practical guide to plan the year's work.")
    staff.get_by_role("button", name="Save", exact=True).click()
    staff.get_by_text("was changed successfully").wait_for()
    staff.goto(f"{base}/en/documents/review/{resource.pk}/")
    staff.get_by_role("button", name="Publish the resource").click()
    staff.get_by_text("The resource is published.").wait_for()
    _shots(staff, "5-published")
    resource.refresh_from_db()
    assert resource.state == State.PUBLISHED

    # 3. A visitor on /en/ finds a phrase that is only inside the PDF, with passage and page.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/en/documents/")
    visitor.get_by_label("Search the documents").fill('"inspección con enfoque de género"')
    visitor.get_by_role("button", name="Search").click()
    visitor.get_by_role("link", name="Planning guide for gender units").wait_for()
    passage = visitor.locator(".passage")
    assert "Page 3" in passage.inner_text() and "discriminación salarial" in passage.inner_text()
    assert passage.get_by_role("link", name="Page 3").get_attribute("href").endswith("#page=3")
    _shots(visitor, "6-search")
    visitor.get_by_role("link", name="Planning guide for gender units").click()
    assert visitor.locator(".found").get_by_role("link", name="Page 3").is_visible()
    _shots(visitor, "7-resource")
    # The same in Spanish, without accents.
    visitor.goto(f"{base}/es/documentos/?q=inspeccion+con+enfoque+de+genero")
    visitor.get_by_role(
        "link", name="Guía para la planificación de las unidades de género"
    ).wait_for()
    assert "Página 3" in visitor.locator(".passage").inner_text()
    if SHOTS:
        visitor.screenshot(path=f"{SHOTS}/docs-8-sin-tildes-es.png", full_page=True)
