from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import get_language

from rialgender.emails import text_in_layout
from rialgender.http import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Members are invited by the Secretariat; nobody signs up on their own."""

    def is_open_for_signup(self, request):
        return False

    def render_mail(self, template_prefix, email, context, headers=None):
        """allauth's account e-mails (a password reset...) keep allauth's text, signed as
        every e-mail of the portal (templates/account/email/base_message.txt), and get the
        portal's HTML layout (rialgender.emails)."""
        message = super().render_mail(template_prefix, email, context, headers)
        if not getattr(message, "alternatives", None):
            message.attach_alternative(text_in_layout(message.body, get_language()), "text/html")
        return message

    def get_client_ip(self, request):
        # The one reading of the client's address behind our proxies (TRUSTED_PROXY_COUNT),
        # for allauth's rate limits too; a malformed X-Forwarded-For is not an error page.
        return client_ip(request) or super().get_client_ip(request)
