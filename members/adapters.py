from allauth.account.adapter import DefaultAccountAdapter

from rialgender.http import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Members are invited by the Secretariat; nobody signs up on their own."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        # The one reading of the client's address behind our proxies (TRUSTED_PROXY_COUNT),
        # for allauth's rate limits too; a malformed X-Forwarded-For is not an error page.
        return client_ip(request) or super().get_client_ip(request)
