"""The roles of the portal and the one place that decides who someone is.

Public visitors are anonymous; members are active users with a Member profile; the Steering
Committee is the members whose ministry holds a seat on the committee in office; the Secretariat is staff in the
Secretariat group. Views and rules in every app ask these predicates, never `is_staff` or
group names directly.

With settings.RIALGENDER_STAFF_REQUIRE_2FA (the default), a staff account has no Secretariat
power anywhere, on the site or in the admin, until it has set up a TOTP authenticator; the
only way to sign in is allauth's login, which then asks for the code.
"""

from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

SECRETARIAT_GROUP = "Secretariat"
MEMBERS_GROUP = "Members"


class Role(StrEnum):
    PUBLIC = "public"
    MEMBER = "member"
    STEERING_COMMITTEE = "steering_committee"
    SECRETARIAT = "secretariat"


def _account_facts(user) -> tuple[set[str], bool]:
    """(group names, has a TOTP authenticator), read in one query and cached on the user
    object for the request: every predicate below shares it."""
    if not hasattr(user, "_rialgender_facts"):
        from allauth.mfa.models import Authenticator
        from django.contrib.postgres.aggregates import ArrayAgg
        from django.db.models import Exists, OuterRef, Q

        row = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .annotate(
                group_names=ArrayAgg("groups__name", filter=Q(groups__isnull=False), default=[]),
                has_totp=Exists(
                    Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
                ),
            )
            .values_list("group_names", "has_totp")
            .first()
        )
        names, totp = row if row else ([], False)
        user._rialgender_facts = (set(names), bool(totp))
    return user._rialgender_facts


def is_secretariat_account(user) -> bool:
    """A Secretariat account (staff in the Secretariat group, or a superuser), whether or not
    it may use the Secretariat's powers now (see `is_secretariat`)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.is_staff and SECRETARIAT_GROUP in _account_facts(user)[0]


def is_secretariat(user) -> bool:
    """The Secretariat, with its powers: review, publish, see every draft and contact. An
    account without its second factor has none of them (settings.RIALGENDER_STAFF_REQUIRE_2FA)
    until it sets one up."""
    if not is_secretariat_account(user):
        return False
    return not settings.RIALGENDER_STAFF_REQUIRE_2FA or _account_facts(user)[1]


def member_profile(user):
    if not (user and user.is_authenticated and user.is_active):
        return None
    try:
        profile = user.member_profile
    except AttributeError:
        return None
    except user.__class__.member_profile.RelatedObjectDoesNotExist:
        return None
    return profile if profile.is_active else None


def is_member(user) -> bool:
    """Members see the directory and members-only content; the Secretariat always may."""
    return member_profile(user) is not None or is_secretariat(user)


def is_steering_committee(user) -> bool:
    """Members whose ministry holds a seat on the committee in office (and the Secretariat).
    Derived from the seats, so a new committee changes who this is without touching accounts."""
    if is_secretariat(user):
        return True
    profile = member_profile(user)
    if profile is None:
        return False
    if not hasattr(user, "_rialgender_steering"):
        from members.selectors import steering_ministry_ids

        user._rialgender_steering = profile.ministry_id in steering_ministry_ids()
    return user._rialgender_steering


def user_ministry(user):
    profile = member_profile(user)
    return profile.ministry if profile else None


def can_edit_for_ministry(user, ministry) -> bool:
    """Own ministry's content for members, any ministry's for the Secretariat."""
    if is_secretariat(user):
        return True
    own = user_ministry(user)
    return own is not None and ministry is not None and own.pk == ministry.pk


def role_of(user) -> Role:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return Role.PUBLIC
    if is_secretariat(user):
        return Role.SECRETARIAT
    if is_steering_committee(user):
        return Role.STEERING_COMMITTEE
    if is_member(user):
        return Role.MEMBER
    return Role.PUBLIC


def has_two_factor(user) -> bool:
    """Has `user` set up a TOTP authenticator?"""
    return bool(user and user.is_authenticated and _account_facts(user)[1])
