"""The portfolio's whole flow, as people do it: a focal point writes a program in Spanish and
attaches a PDF, the Secretariat translates and publishes it in the admin, a visitor finds it.
Screenshots of each step, in the language it was taken in and in the other one, go to
$SCREENSHOTS if set."""

import os
from pathlib import Path

import pytest
from django.urls import translate_url
from django.utils import translation

from portfolio.models import Program
from rialgender.demo.accounts import totp_code
from rialgender.workflow import State
from tests.factories import PASSWORD, MemberFactory, MinistryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SHOTS = os.environ.get("SCREENSHOTS")


def _shots(page, name):
    """The page as it is, then the same address in the other language (a fresh load)."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    lang = "es" if "/es/" in page.url else "en"
    page.screenshot(path=f"{SHOTS}/portfolio-{name}-{lang}.png", full_page=True)
    other = "en" if lang == "es" else "es"
    context = page.context.browser.new_context(storage_state=page.context.storage_state())
    twin = context.new_page()
    with translation.override(lang):  # resolves the address in the language it is in
        twin.goto(translate_url(page.url, other))
    twin.screenshot(path=f"{SHOTS}/portfolio-{name}-{other}.png", full_page=True)
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


def test_focal_point_to_secretariat_to_public(live_server, page, browser, tmp_path, secretariat):
    from allauth.mfa.models import Authenticator

    assert Authenticator.objects.filter(user=secretariat).exists()
    member = MemberFactory(ministry=MinistryFactory(country="PY"))
    base = live_server.url

    # 1. The focal point writes the program in Spanish, attaches a PDF and submits it.
    _login(page, base, member.user.email)
    # She lands on her home, where each workspace is one click away.
    page.get_by_role("heading", name="Sus espacios de trabajo").wait_for()
    page.get_by_role("link", name="Programas de mi ministerio").first.click()
    page.get_by_role("link", name="Agregar un programa").click()
    page.locator("#id_title_es").fill("Formalización de las trabajadoras domésticas")
    page.locator("#id_summary_es").fill(
        "Inspecciones y campañas para el trabajo doméstico remunerado."
    )
    page.get_by_label("Trabajadoras domésticas").check()
    page.get_by_label("Año de inicio").fill("2021")
    page.get_by_role("button", name="Guardar borrador").click()
    page.get_by_text("Se guardó el borrador.").wait_for()
    _shots(page, "1-draft")
    # A file that is not a document is refused with a clear message, and nothing is lost.
    bad = tmp_path / "informe.exe"
    bad.write_bytes(b"MZ\x90\x00 not a document")
    page.locator("#id_file").set_input_files(str(bad))
    page.locator("#id_title").fill("Informe de resultados")
    page.get_by_role("button", name="Agregar el archivo").click()
    page.get_by_role("alert").get_by_text("No se acepta este tipo de archivo").wait_for()
    assert page.locator("#id_title").input_value() == "Informe de resultados"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/portfolio-2-bad-file-es.png", full_page=True)
    pdf = tmp_path / "informe.pdf"
    pdf.write_bytes(PDF)
    page.locator("#id_file").set_input_files(str(pdf))
    page.locator("#id_title").fill("Informe de resultados")
    page.get_by_role("button", name="Agregar el archivo").click()
    page.get_by_text("Se agregó el archivo.").wait_for()
    page.get_by_role("button", name="Guardar y enviar a revisión").click()
    page.get_by_text("Se envió el programa.").wait_for()
    _shots(page, "3-submitted")
    program = Program.objects.get()
    assert program.state == State.SUBMITTED and program.attachments.count() == 1

    # 2. The Secretariat finds it first in the review queue, translates and publishes it.
    staff = browser.new_page()
    _login(staff, base, secretariat.email, totp=SECRET)
    staff.goto(f"{base}/en/admin/portfolio/program/")
    first_row = staff.locator("#result_list tbody tr").first
    assert "Formalización de las trabajadoras domésticas" in first_row.inner_text()
    _shots(staff, "4-review-queue")
    first_row.get_by_role("link").first.click()
    staff.locator("#id_title_en").fill("Formalizing domestic workers")
    staff.locator("#id_summary_en").fill("Inspections and campaigns for paid domestic work.")
    if SHOTS:
        staff.screenshot(path=f"{SHOTS}/portfolio-5-translating-en.png", full_page=True)
    staff.get_by_role("button", name="Save", exact=True).click()
    staff.get_by_text("was changed successfully").wait_for()
    staff.locator("#result_list tbody tr").filter(has_text="Formalizing").locator(
        "input.action-select"
    ).check()
    staff.locator("select[name=action]").select_option("publish")
    staff.get_by_role("button", name="Go").click()
    staff.get_by_text("Done for 1 item(s).").wait_for()
    _shots(staff, "6-published")
    program.refresh_from_db()
    assert program.state == State.PUBLISHED

    # 3. A visitor finds it in English and, without the accent, in Spanish.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/en/portfolio/")
    visitor.get_by_label("Search programs").fill("domestic workers")
    visitor.get_by_role("button", name="Search").click()
    _shots(visitor, "7-search")
    visitor.get_by_role("link", name="Formalizing domestic workers").click()
    _shots(visitor, "8-program")
    assert visitor.get_by_role("heading", level=1).inner_text() == "Formalizing domestic workers"
    visitor.get_by_role("link", name="Español").click()
    assert (
        visitor.get_by_role("heading", level=1).inner_text()
        == "Formalización de las trabajadoras domésticas"
    )
    visitor.goto(f"{base}/es/portafolio/?q=domesticas")
    assert visitor.get_by_role(
        "link", name="Formalización de las trabajadoras domésticas"
    ).is_visible()
    visitor.get_by_role("link", name="Paraguay").first.click()  # a facet
    assert visitor.locator("#results-title").inner_text() == "1 programa"
    _shots(visitor, "9-domesticas")
