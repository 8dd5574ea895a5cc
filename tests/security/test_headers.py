"""A policy for the browser: Content-Security-Policy without 'unsafe-inline' and the headers
of Django's deployment checklist, read from real responses in development and production."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.parametrize("url", ["/en/", "/es/", "/en/portfolio/", "/en/accounts/login/"])
def test_pages_carry_a_strict_content_security_policy(client, db, url):
    response = client.get(url)
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_carries_the_same_policy(secretariat_client):
    response = secretariat_client.get("/en/admin/")
    assert response.status_code == 200
    assert _policy(response)["script-src"] == ["'self'"]


_PROBE = """
import django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="{host}").get("/robots.txt", secure={secure})
for name in ("Content-Security-Policy", "Strict-Transport-Security", "X-Frame-Options",
             "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy",
             "Permissions-Policy"):
    print(f"{{name}}: {{response.get(name, '-')}}")
print(f"status: {{response.status_code}}")
"""


@pytest.mark.parametrize("environment", ["dev", "prod"])
def test_development_and_production_settings_send_the_headers(environment):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DJANGO_SETTINGS_MODULE"] = f"rialgender.settings.{environment}"
    host, secure = "localhost", False
    if environment == "prod":
        env.update(
            SECRET_KEY="x" * 20 + "-production-secret-for-the-header-check-0123456789",
            ALLOWED_HOSTS="rialgender.example.org",
            DB_NAME=os.environ.get("DB_NAME", "rialgender"),
            SITE_URL="https://rialgender.example.org",
        )
        host, secure = "rialgender.example.org", True
    probe = _PROBE.format(host=host, secure=secure)
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    headers = dict(line.split(": ", 1) for line in result.stdout.strip().splitlines())
    assert headers["status"] == "200", result.stdout
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    if environment == "prod":
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    else:
        assert headers["Strict-Transport-Security"] == "-"  # never over plain HTTP in dev


def test_no_template_has_inline_script_style_or_handlers():
    import re

    pattern = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+\s*=", re.IGNORECASE
    )
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        if path.parts[len(TEMPLATES.parts)] == "emails":
            continue  # e-mail clients need inline styles; e-mail is never served as a page
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_no_python_writes_inline_script_or_style_into_a_page():
    import re

    pattern = re.compile(r"<script(?![^>]*\bsrc=)|<style\b|\sstyle=|srcdoc=", re.IGNORECASE)
    offenders = []
    folders = [p for p in ROOT.iterdir() if p.is_dir() and p.name not in (".venv", "var", "tests")]
    for path in (path for folder in folders for path in folder.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0].startswith(".") or "migrations" in relative.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
