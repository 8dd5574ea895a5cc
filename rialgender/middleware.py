from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from rialgender.permissions import has_two_factor


class StaffTwoFactorMiddleware:
    """Staff reach the admin only with two-factor authentication switched on.

    A staff user without an authenticator is sent to set one up, told why and how; until then
    the account has no Secretariat power anywhere (rialgender.permissions.is_secretariat).
    The account pages (where that happens), logout and static files stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.RIALGENDER_STAFF_REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and (user.is_staff or user.is_superuser)
            and request.path.startswith(_admin_prefix())
            and not has_two_factor(user)
        ):
            messages.warning(
                request,
                _(
                    "Your account has access to the Secretariat's administration, which needs "
                    "two-factor authentication. You will be asked for your password once more, "
                    "then shown a square code: scan it with an authenticator app on your phone "
                    "(for example FreeOTP, Aegis, Google Authenticator or Microsoft "
                    "Authenticator) and enter the six-digit code the app shows. Until then your "
                    "account has no Secretariat access."
                ),
            )
            query = urlencode({"next": request.path})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)


def _admin_prefix() -> str:
    return reverse("admin:index")


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` on every response (settings.PERMISSIONS_POLICY): the portal uses
    no camera, microphone, location, payment or sensor, so no page (nor anything injected
    into one) may ask for them. Django has no setting for this header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response
