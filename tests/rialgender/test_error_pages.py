"""Branded error pages with DEBUG off (the test settings): 400, 403 and 404 in the visitor's
language, in the portal's layout; 500 static and bilingual, with no database query."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.rialgender.error_urls")]

HEADINGS = {
    (400, "en"): "The request could not be understood",
    (400, "es"): "No se pudo entender la solicitud",
    (403, "en"): "You may not do this",
    (403, "es"): "No puede hacer esto",
    (404, "en"): "Page not found",
    (404, "es"): "Página no encontrada",
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("status", [400, 403])
def test_400_and_403_are_branded_and_translated(client, settings, status, language):
    assert settings.DEBUG is False
    response = client.get(f"/test-errors/{status}/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in html and HEADINGS[status, language] in html
    assert 'class="site-header"' in html and 'content="noindex"' in html


@pytest.mark.parametrize(
    "language,heading,cookie",
    [("en", "The form has expired", "allow cookies"), ("es", "El formulario venció", "permita las cookies")],
)  # fmt: skip
def test_a_refused_form_token_is_branded_translated_and_says_what_to_do(language, heading, cookie):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    path = "/en/newsletter/subscribe/" if language == "en" else "/es/boletin/suscribirse/"
    response = client.post(path, {"email": "someone@example.org"})
    html = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{language}">' in html and heading in html and 'class="site-header"' in html
    assert cookie in html  # no cookie was sent
    client.cookies["csrftoken"] = "x" * 32
    html = client.post(path, {"email": "someone@example.org"}).content.decode()
    assert heading in html and cookie not in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_404_is_branded_and_translated(client, language):
    response = client.get(f"/{language}/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html and HEADINGS[404, language] in html
    # The language switch leads to the other language's home, not to another 404.
    other = "es" if language == "en" else "en"
    assert f'<a href="/{other}/" hreflang="{other}"' in html


def test_a_missing_object_gives_the_branded_404_in_spanish(client):
    response = client.get("/es/portafolio/programas/999999/")
    assert response.status_code == 404 and "Página no encontrada" in response.content.decode()


def test_500_is_static_and_bilingual(client, django_assert_num_queries):
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = client.get("/test-errors/500/", HTTP_ACCEPT_LANGUAGE="es")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html and "Algo salió mal de nuestro lado" in html
    assert 'href="/en/"' in html and 'href="/es/"' in html
    assert "/static/css/site.css" in html


def test_the_500_page_needs_no_translation_machinery():
    from django.template.loader import get_template

    source = get_template("500.html").template.source
    assert "i18n" not in source and "translate" not in source and "{% url" not in source
