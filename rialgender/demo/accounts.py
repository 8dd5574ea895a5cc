"""Credentials of the demo accounts (development only) and the current code of a TOTP secret."""

import time

DEMO_PASSWORD = "rialgender-demo"
# A fixed authenticator secret for the demo Secretariat account, so that a developer can pass
# the two-factor step with `manage.py demo_totp` (or by adding it to an authenticator app).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str) -> str:
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
