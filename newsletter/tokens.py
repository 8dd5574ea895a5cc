"""Signed links: no login is needed to confirm a subscription, change preferences or leave.
A token signs the subscriber's id and a short hash of their address (never the address
itself, which would be readable in logs and forwarded mails); a changed address voids it.
The salt ties a token to its purpose, so a preferences link cannot confirm and a
confirmation link cannot unsubscribe someone else."""

import hashlib

from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
PREFERENCES_SALT = "newsletter.preferences"
CONFIRM_MAX_AGE = 7 * 24 * 3600  # a week to click the confirmation link


def _address_hash(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:12]


def confirm_token(subscriber) -> str:
    return signing.dumps([subscriber.pk, _address_hash(subscriber.email)], salt=CONFIRM_SALT)


def preferences_token(subscriber) -> str:
    return preferences_token_for(subscriber.pk, subscriber.email)


def preferences_token_for(pk: int, email: str) -> str:
    """The same, from the id and address alone (sending reads no Subscriber objects)."""
    return signing.dumps([pk, _address_hash(email)], salt=PREFERENCES_SALT)


def _load(token: str, salt: str, max_age=None):
    from newsletter.models import Subscriber

    if not token or len(token) > 300:
        return None
    try:
        pk, email = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or _address_hash(subscriber.email) != email:
        return None
    return subscriber


def subscriber_from_confirm_token(token: str):
    return _load(token, CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def subscriber_from_preferences_token(token: str):
    return _load(token, PREFERENCES_SALT)
