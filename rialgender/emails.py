"""One e-mail convention: templates/emails/<name>-subject.txt, <name>-body.txt and
<name>-body.html, rendered in the recipient's language and queued through Celery."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render_email(name: str, context: dict, language: str) -> tuple[str, str, str]:
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "LANGUAGE_CODE": language}
        subject = render_to_string(f"emails/{name}-subject.txt", context)
        text = render_to_string(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    subject = " ".join(subject.split())
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", text, html


def send_email(name: str, *, to: list[str], context: dict, language: str, headers=None) -> None:
    subject, text, html = render_email(name, context, language)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    message.send()


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"
