import re
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted((ROOT / "locale" / "es" / "LC_MESSAGES").glob("*.po"))


@pytest.mark.parametrize(
    ("accept_language", "expected"), [("es-AR,es;q=0.9", "/es/"), ("en-US,en;q=0.9", "/en/")]
)
def test_root_redirects_to_the_browsers_language(client, db, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_home_in_spanish_uses_spanish_interface(client, db):
    response = client.get("/es/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert "Red de Puntos Focales de Género" in html
    assert "Saltar al contenido principal" in html


def test_language_switcher_keeps_the_current_page(client, db):
    with translation.override("en"):
        about_en = reverse("about")
    with translation.override("es"):
        about_es = reverse("about")
    assert about_en != about_es  # the path itself is translated
    html = client.get(about_en).content.decode()
    assert f'href="{about_es}" hreflang="es"' in html
    html = client.get(about_es).content.decode()
    assert f'href="{about_en}" hreflang="en"' in html


def test_language_switcher_keeps_the_query_string(client, db):
    html = client.get("/en/about/?page=2").content.decode()
    assert re.search(r'href="/es/[^"]+\?page=2" hreflang="es"', html)


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.name)
def test_spanish_catalog_is_complete(po):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr, result.stderr
    assert "fuzzy" not in result.stderr, result.stderr


def test_spanish_catalog_exists():
    assert [p.name for p in PO_FILES][:1] == ["django.po"]


def test_every_blocktranslate_is_trimmed():
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        for match in re.finditer(r"{%\s*blocktranslate(?P<args>[^%]*)%}", template.read_text()):
            if "trimmed" not in match.group("args"):
                offenders.append(f"{template.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == []


def test_account_pages_are_in_sentence_case_in_english(client, db):
    """allauth writes "Password Reset"; the portal writes in sentence case in both languages
    (locale/en overrides the library's English strings)."""
    html = client.get("/en/accounts/password/reset/").content.decode()
    assert "Password reset" in html
    assert "Password Reset" not in html


@pytest.mark.parametrize(
    ("language", "title", "sign_in", "cancel"),
    [
        ("en", "Two-factor authentication", "Sign in", "Cancel"),
        ("es", "Autenticación de doble factor", "Iniciar sesión", "Cancelar"),
    ],
)
def test_the_second_factor_page_is_in_sentence_case_and_cancel_is_secondary(
    client, secretariat, language, title, sign_in, cancel
):
    """allauth's page asking for the code: its title in sentence case, and "Cancel" does not
    look like the action the page is for (templates/allauth/elements/button.html)."""
    with translation.override(language):
        login_url = reverse("account_login")
    response = client.post(login_url, {"login": secretariat.email, "password": PASSWORD})
    html = client.get(response["Location"]).content.decode()
    assert re.search(rf"<h1>\s*{title}\s*</h1>", html)
    buttons = {
        text: attributes
        for attributes, text in re.findall(r"<button([^>]*)>\s*([^<]+?)\s*</button>", html)
    }
    assert "button-secondary" in buttons[cancel]
    assert "button-secondary" not in buttons[sign_in]


def test_country_choices_follow_the_reader_s_alphabet():
    from django.utils import translation

    from docs_center.models import Resource
    from rialgender.countries import network_country_choices

    with translation.override("es"):
        names = [name for _code, name in network_country_choices()]
        field = Resource._meta.get_field("countries").formfield()
        assert [name for _code, name in field.choices] == names
    assert names[names.index("El Salvador") + 1 : names.index("El Salvador") + 3] == [
        "España", "Estados Unidos",
    ]  # fmt: skip
    assert names.index("Perú") == names.index("Paraguay") + 1
    with translation.override("en"):
        names = [name for _code, name in network_country_choices()]
    assert names[names.index("Saint Vincent and the Grenadines") + 1] == "Spain"
