"""E-mail one way (rialgender.emails): every message of the portal in the one layout, with its
CSS inlined, in both languages; allauth's messages too."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core import mail
from django.utils import timezone

from rialgender.emails import render_email

ROOT = Path(__file__).resolve().parents[2]
NAMES = sorted(
    p.name.removesuffix("-subject.txt") for p in (ROOT / "templates/emails").glob("*-subject.txt")
)


def _context():
    """Enough of every e-mail's context to render it (names left out render empty)."""
    ministry = SimpleNamespace(name="Ministerio de Trabajo")
    return {
        "obj": SimpleNamespace(title="Cuidar en igualdad", ministry=ministry),
        "label": "program", "step": SimpleNamespace(comment="Falta el resumen."),
        "recipient": SimpleNamespace(first_name="Lucía"), "url": "https://example.org/x/",
        "invitation": SimpleNamespace(first_name="Lucía", ministry=ministry),
        "expires_at": timezone.now(), "start": timezone.now(), "end": timezone.now(),
        "communication": SimpleNamespace(subject="Diálogo", body="Texto."),
        "edition": SimpleNamespace(number=3, introduction="Hola", items=SimpleNamespace(count=2)),
        "sections": [], "ministry": ministry, "items": [],
    }  # fmt: skip


def test_every_email_template_has_its_three_parts():
    for name in NAMES:
        for part in ("body.txt", "body.html"):
            assert (ROOT / f"templates/emails/{name}-{part}").exists(), f"{name}-{part}"
    assert len(NAMES) >= 10


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_every_email_is_in_the_layout_with_its_css_inlined(db, name, language):
    subject, text, html = render_email(name, _context(), language)
    assert subject.startswith("[RIAL/GENDER] ") and "\n" not in subject
    assert f'<html lang="{language}"' in html
    assert "<style" not in html and 'style="' in html  # inlined: mail clients drop <style>
    masthead = {"en": "Network of Gender Focal Points", "es": "Red de Puntos Focales de Género"}
    assert masthead[language] in html
    assert "\n-- \n" in text  # the layout's signature line, in the plain text too


def test_the_password_reset_email_is_in_the_layout(client, member):
    client.post("/es/cuentas/password/reset/", {"email": member.user.email})
    (message,) = [m for m in mail.outbox if m.to == [member.user.email]]
    assert message.body.startswith("Hola:") and "Secretaría Técnica" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Red de Puntos Focales de Género" in html
    assert "<style" not in html and "/password/reset/key/" in html
