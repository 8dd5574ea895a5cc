from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from rialgender.permissions import has_two_factor


class StaffTwoFactorMiddleware:
    """Staff reach the admin only with two-factor authentication switched on.

    A staff user without an authenticator is sent to set one up; the account pages (where
    that happens), logout and static files stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.RIALGENDER_STAFF_REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and request.path.startswith(_admin_prefix())
            and not has_two_factor(user)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)


def _admin_prefix() -> str:
    return reverse("admin:index")
