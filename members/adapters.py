from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Members are invited by the Secretariat; nobody signs up on their own."""

    def is_open_for_signup(self, request):
        return False
