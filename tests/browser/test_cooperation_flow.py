"""Bilateral cooperation as people do it (the issue's "Done when"): the Colombian focal point
drafts a request to Uruguay in Spanish; the Uruguayan focal point confirms it; the Colombian
one edits it and Uruguay is asked to confirm again; both confirm before the deadline; a
Uruguayan Steering Committee member is not offered the review; two reviewers score; the
Secretariat selects it; both ministries hear of it in their language; a final report links
the resulting program; a visitor sees the project and the chain in English and Spanish.
Screenshots of each step, in the language it was taken in and in the other one, go to
$SCREENSHOTS if set."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.urls import translate_url
from django.utils import timezone, translation

from cooperation.models import CooperationRequest, Decision
from rialgender.demo.accounts import totp_code
from rialgender.workflow import State
from tests.factories import (
    PASSWORD,
    CallFactory,
    MemberFactory,
    MinistryFactory,
    UserFactory,
    make_steering_member,
)
from tests.portfolio.factories import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SHOTS = os.environ.get("SCREENSHOTS")


def _shots(page, name):
    """The page as it is, then the same address in the other language (a fresh load)."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    lang = "es" if "/es/" in page.url else "en"
    page.screenshot(path=f"{SHOTS}/cooperation-{name}-{lang}.png", full_page=True)
    other = "en" if lang == "es" else "es"
    context = page.context.browser.new_context(storage_state=page.context.storage_state())
    twin = context.new_page()
    with translation.override(lang):
        twin.goto(translate_url(page.url, other))
    twin.screenshot(path=f"{SHOTS}/cooperation-{name}-{other}.png", full_page=True)
    context.close()


def _login(browser, base, email, *, totp=None):
    page = browser.new_context().new_page()
    page.goto(f"{base}/es/cuentas/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    if totp:
        page.get_by_label("Código").fill(totp_code(totp))
        page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_load_state()
    return page


def _confirm(page, base, request_pk):
    page.goto(f"{base}/es/cooperacion/mi-ministerio/{request_pk}/")
    page.get_by_role("button", name="Confirmar", exact=True).click()
    page.wait_for_load_state()


def _score(page, values, comment):
    for index, fieldset in enumerate(page.locator("fieldset.score-row").all()):
        fieldset.get_by_label(str(values[index]), exact=True).check()
        fieldset.locator("textarea").fill(comment)


def test_colombia_and_uruguay_from_draft_to_results(live_server, browser, secretariat):
    base = live_server.url
    colombia = MinistryFactory(country="CO", name_en="Ministry of Labor", name_es="Ministerio del Trabajo")  # fmt: skip
    uruguay = MinistryFactory(
        country="UY", name_en="Ministry of Labor and Social Security",
        name_es="Ministerio de Trabajo y Seguridad Social",
    )  # fmt: skip
    colombian = MemberFactory(ministry=colombia, user=UserFactory(language="es"))
    uruguayan = MemberFactory(ministry=uruguay, user=UserFactory(language="en"))
    uruguayan_on_committee = make_steering_member(uruguay)
    costa_rican_on_committee = make_steering_member(MinistryFactory(country="CR"))
    call = CallFactory(
        number=16, year=2023, title_en="16th RIAL Call for Bilateral Cooperation",
        title_es="16.ª Convocatoria de Cooperación Bilateral de la RIAL",
        closes_at=timezone.now() + timedelta(days=10), time_zone="America/Bogota",
    )  # fmt: skip
    call.reviewers.set([secretariat, uruguayan_on_committee.user, costa_rican_on_committee.user])
    uruguay_program = published(
        ministry=uruguay, title_en="Door-to-door inspection of paid domestic work",
        title_es="Inspección puerta a puerta del trabajo doméstico remunerado",
    )  # fmt: skip
    colombian_program = published(
        ministry=colombia,
        title_en="Multidimensional strategy for the formalization of domestic work",
        title_es="Estrategia multidimensional para la formalización del trabajo doméstico",
    )

    # 1. The Colombian focal point drafts the request in Spanish and confirms it.
    co = _login(browser, base, colombian.user.email)
    co.goto(f"{base}/es/cooperacion/")
    co.get_by_role("link", name="Redactar una solicitud").first.click()
    co.get_by_label("Ministerio oferente").select_option(str(uruguay.pk))
    co.locator("#id_title_es").fill("Formalización del Trabajo Doméstico Remunerado")
    co.locator("#id_summary_es").fill(
        "Uruguay comparte su experiencia en trabajo doméstico remunerado con Colombia."
    )
    co.locator("#id_objectives_es").fill("Diseñar una estrategia de formalización.")
    co.locator("#id_activities-0-title_es").fill("Intercambio virtual sobre la ley de Uruguay")
    co.locator("#id_activities-0-start").fill("2023-05-15")
    co.locator("#id_activities-0-end").fill("2023-06-30")
    co.get_by_role("button", name="Guardar borrador").click()
    co.get_by_text("Se guardó el borrador.").wait_for()
    request = CooperationRequest.objects.get()
    # The program of Uruguay it builds on is chosen once the providing ministry is known.
    co.get_by_label("Programa del ministerio oferente en el que se basa").select_option(str(uruguay_program.pk))  # fmt: skip
    co.get_by_role("button", name="Guardar borrador").click()
    co.get_by_text("Se guardó el borrador.").wait_for()
    _shots(co, "1-draft")
    mail.outbox.clear()
    co.get_by_role("button", name="Invitar a Uruguay a leerla y confirmarla").click()
    co.get_by_text("Se invitó a Uruguay a leer la solicitud y confirmarla.").wait_for()
    # Uruguay's focal points are asked, each in their language (this one reads English).
    uruguayans = {uruguayan.user.email, uruguayan_on_committee.user.email}
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == uruguayans
    assert "Colombia invites your ministry" in subjects[uruguayan.user.email]
    assert "Colombia invita a su ministerio" in subjects[uruguayan_on_committee.user.email]

    # 2. The Uruguayan focal point confirms it.
    uy = _login(browser, base, uruguayan.user.email)
    uy.goto(f"{base}/en/cooperation/my-ministry/")
    uy.get_by_role("link", name="Formalización del Trabajo Doméstico Remunerado").click()
    _shots(uy, "2-uruguay-reads")
    uy.get_by_role("button", name="Confirm", exact=True).click()
    uy.get_by_text("Your ministry confirmed this text.").first.wait_for()
    request.refresh_from_db()
    assert request.state == State.DRAFT  # Colombia has not confirmed yet

    # 3. Colombia edits it: Uruguay is asked to confirm again.
    mail.outbox.clear()
    co.goto(f"{base}/es/cooperacion/mi-ministerio/{request.pk}/")
    co.locator("#id_objectives_es").fill(
        "Diseñar una estrategia multidimensional para formalizar progresivamente el trabajo doméstico."
    )
    co.get_by_role("button", name="Guardar borrador").click()
    co.get_by_text("Se guardó el borrador.").wait_for()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == uruguayans
    assert "changed: please confirm it again" in subjects[uruguayan.user.email]
    assert co.locator(".parties").get_by_text("Por confirmar").count() == 2
    _shots(co, "3-asked-again")

    # 4. Both confirm the new text before the deadline: it is submitted.
    _confirm(co, base, request.pk)
    uy.goto(f"{base}/en/cooperation/my-ministry/{request.pk}/")
    uy.get_by_role("button", name="Confirm", exact=True).click()
    uy.get_by_text("Both ministries confirmed the request").wait_for()
    _shots(uy, "4-submitted")
    request.refresh_from_db()
    assert request.state == State.SUBMITTED

    # 5. The Uruguayan committee member is not offered the review.
    uc = _login(browser, base, uruguayan_on_committee.user.email)
    uc.goto(f"{base}/es/cooperacion/evaluacion/")
    assert "Formalización del Trabajo Doméstico Remunerado" not in uc.content()
    _shots(uc, "5-recused")
    response = uc.goto(f"{base}/es/cooperacion/evaluacion/{request.pk}/")
    assert response.status == 404

    # 6. Two reviewers score it: Costa Rica's committee member and the Secretariat.
    cr = _login(browser, base, costa_rican_on_committee.user.email)
    cr.goto(f"{base}/es/cooperacion/evaluacion/")
    cr.get_by_role("link", name="Formalización del Trabajo Doméstico Remunerado").click()
    _score(cr, [5, 4, 5, 4], "Propuesta clara y viable.")
    _shots(cr, "6-scoring")
    cr.get_by_role("button", name="Enviar mi evaluación").click()
    cr.get_by_text("Se envió su evaluación.").wait_for()
    staff = _login(browser, base, secretariat.email, totp=SECRET)
    staff.goto(f"{base}/en/cooperation/review/{request.pk}/")
    _score(staff, [4, 4, 4, 4], "Well grounded; the dates are realistic.")
    staff.get_by_role("button", name="Submit my review").click()
    staff.get_by_text("Your review was submitted.").wait_for()
    # Once submitted, each sees the other's scores.
    assert "Propuesta clara y viable." in staff.content()

    # 7. The call closes; the Secretariat selects it; each ministry hears in its language.
    call.closes_at = timezone.now() - timedelta(minutes=1)
    call.save()
    mail.outbox.clear()
    staff.goto(f"{base}/en/cooperation/calls/16/ranking/")
    _shots(staff, "7-ranking")
    staff.locator(f"#id_decision_{request.pk}").select_option("selected")
    staff.get_by_role("button", name="Record these decisions and tell the ministries").click()
    staff.get_by_text("Decisions recorded for 1 requests").wait_for()
    request.refresh_from_db()
    assert request.decision == Decision.SELECTED
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "Seleccionada: la solicitud de cooperación" in subjects[colombian.user.email]
    assert "Selected: the cooperation request" in subjects[uruguayan.user.email]

    # The Secretariat translates it in the admin and publishes it as a project.
    staff.goto(f"{base}/en/admin/cooperation/cooperationrequest/{request.pk}/change/")
    staff.locator("#id_title_en").fill("Formalization of Paid Domestic Work")
    staff.locator("#id_summary_en").fill("Uruguay shares its experience with paid domestic work with Colombia.")  # fmt: skip
    staff.locator("#id_objectives_en").fill(
        "Design a multidimensional strategy to progressively formalize domestic work."
    )
    staff.get_by_role("button", name="Save and continue editing").click()
    staff.get_by_text("was changed successfully").wait_for()
    staff.get_by_role("button", name="Publish", exact=True).click()
    staff.get_by_text("Published.").wait_for()
    request.refresh_from_db()
    assert request.state == State.PUBLISHED

    # 8. Colombia's final report links the program that resulted.
    co.goto(f"{base}/es/cooperacion/mi-ministerio/{request.pk}/seguimiento/")
    co.get_by_label("Informe final").check()
    co.get_by_label("Qué se hizo, qué se aprendió, qué sigue").fill(
        "Con lo aprendido de Uruguay diseñamos la estrategia de formalización."
    )
    co.get_by_label("Un programa resultante").select_option(str(colombian_program.pk))
    co.get_by_role("button", name="Enviar el informe").click()
    co.get_by_text("Se envió su informe.").wait_for()
    _shots(co, "8-final-report")

    # 9. A visitor sees the project and the chain, in English and in Spanish.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/en/cooperation/")
    visitor.get_by_role("link", name="Formalization of Paid Domestic Work").click()
    chain = visitor.locator(".chain").inner_text()
    assert chain.index("Door-to-door inspection") < chain.index("Multidimensional strategy")
    _shots(visitor, "9-project")
    visitor.get_by_role("link", name="Español").click()
    assert visitor.get_by_role("heading", level=1).inner_text() == "Formalización del Trabajo Doméstico Remunerado"  # fmt: skip
    assert "Estrategia multidimensional" in visitor.locator(".chain").inner_text()
    visitor.get_by_role("link", name="Estrategia multidimensional para la formalización del trabajo doméstico").click()  # fmt: skip
    assert "Este programa resultó de la cooperación" in visitor.content()
    _shots(visitor, "10-program")
    visitor.goto(f"{base}/es/cooperacion/pares/")
    visitor.get_by_role("link", name="Colombia – Uruguay").click()
    _shots(visitor, "11-pair")
    # On a phone, nothing is wider than the screen.
    phone = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
    phone.goto(f"{base}/es/cooperacion/proyectos/{request.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/cooperation-12-phone-es.png", full_page=True)
