"""E-mail one way, for every message of the portal.

An e-mail is three templates: templates/emails/<name>-subject.txt, <name>-body.txt and
<name>-body.html. The bodies extend emails/base.txt and emails/base.html, the portal's layout
(masthead, content, footer; a block each), and the HTML's CSS is inlined into its elements
(css-inline), since mail clients drop style blocks. Everything that sends mail renders it here:

- `render_email(name, context, language)`: (subject, text, html) in the recipient's language;
- `send_email(name, to=..., ...)`: one message, queued through Celery (rialgender.mail);
- the mailings build their messages once per language from `render_email`
  (rialgender.bulkmail.prebuild_languages); the admin previews show the same;
- allauth's account e-mails (members.adapters) keep their text and get the layout
  (`text_in_layout`).
"""

from typing import NamedTuple

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

# Built once: the inliner keeps no state between documents. Style blocks are dropped once
# inlined; the layout loads nothing from elsewhere.
_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


class Email(NamedTuple):
    subject: str
    text: str
    html: str


def render_email(name: str, context: dict, language: str) -> Email:
    """The e-mail `name` in `language`: its subject (one line, with the portal's prefix), its
    plain text and its HTML with the CSS inlined."""
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "LANGUAGE_CODE": language}
        subject = render_to_string(f"emails/{name}-subject.txt", context)
        text = render_to_string(f"emails/{name}-body.txt", context)
        html = _INLINER.inline(render_to_string(f"emails/{name}-body.html", context))
    subject = " ".join(subject.split())
    return Email(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", text, html)


def text_in_layout(text: str, language: str) -> str:
    """A message written as plain text elsewhere (allauth's), as HTML in the portal's layout."""
    with translation.override(language):
        context = {"text": text, "site_url": settings.SITE_URL, "LANGUAGE_CODE": language}
        return _INLINER.inline(render_to_string("emails/text-body.html", context))


def email_message(
    name: str, *, to: list[str], context: dict, language: str, headers=None
) -> EmailMultiAlternatives:
    subject, text, html = render_email(name, context, language)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to,
        headers=headers or {},
    )  # fmt: skip
    message.attach_alternative(html, "text/html")
    return message


def send_email(name: str, *, to: list[str], context: dict, language: str, headers=None) -> None:
    email_message(name, to=to, context=context, language=language, headers=headers).send()


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def page_url(name: str, *, language: str, args=(), kwargs=None) -> str:
    """The full address of the named page in `language`, the e-mail's: whatever language the
    request that sends it uses (a focal point's /es/ page, say), the link matches the text."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(language):
        return absolute_url(reverse(name, args=args, kwargs=kwargs))
