"""Who may do what with the membership tools: the directory, communications, the roster."""

from rialgender.permissions import (
    is_member,
    is_secretariat,
    is_secretariat_account,
    member_profile,
)


def can_see_directory(user) -> bool:
    """Members and the Secretariat; the public never sees people's contact details."""
    return is_member(user)


def can_export_directory(user) -> bool:
    return is_secretariat(user)


def communications_audience(user):
    """Whose archive of formal communications `user` reads: None means every communication
    (the Secretariat); otherwise the member's own (those addressed to them)."""
    return None if is_secretariat(user) else member_profile(user)


def can_join_roster(user) -> bool:
    """Only members with a profile hold a place in the WhatsApp group (at most 3 a country)."""
    return member_profile(user) is not None


def works_in_the_admin(user) -> bool:
    """A Secretariat account without a member profile: its home is the admin (which asks
    for the second factor first)."""
    return is_secretariat_account(user) and member_profile(user) is None
