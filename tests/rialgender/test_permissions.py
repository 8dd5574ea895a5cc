import pytest
from django.contrib.auth.models import AnonymousUser

from rialgender.permissions import Role, can_edit_for_ministry, is_member, role_of


def test_roles_of_the_five_personas(member, other_member, steering_member, secretariat):
    assert role_of(AnonymousUser()) == Role.PUBLIC
    assert role_of(member.user) == Role.MEMBER
    assert role_of(other_member.user) == Role.MEMBER
    assert role_of(steering_member.user) == Role.STEERING_COMMITTEE
    assert role_of(secretariat) == Role.SECRETARIAT


def test_ministry_content_is_editable_by_its_members_and_the_secretariat(
    member, other_member, secretariat, ministry
):
    assert can_edit_for_ministry(member.user, ministry)
    assert not can_edit_for_ministry(other_member.user, ministry)
    assert can_edit_for_ministry(secretariat, ministry)
    assert not can_edit_for_ministry(AnonymousUser(), ministry)


@pytest.mark.django_db
def test_deactivated_member_loses_membership(member):
    from django.utils import timezone

    member.deactivated_at = timezone.now()
    member.save()
    user = type(member.user).objects.get(pk=member.user.pk)
    assert not is_member(user)
    assert role_of(user) == Role.PUBLIC


def test_staff_outside_the_secretariat_group_is_not_secretariat(db):
    from tests.factories import UserFactory

    assert role_of(UserFactory(is_staff=True)) == Role.PUBLIC
