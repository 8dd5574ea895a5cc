"""A model authored by one ministry whose ministry may be empty: members propose, the
Secretariat also adds its own. An object with no ministry is the Secretariat's alone."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from rialgender.workflow import (
    Action,
    State,
    allowed_actions,
    can_edit,
    can_view,
    is_author,
    may_act,
    transition,
)
from tests.workflow_app.models import Leaflet


@pytest.fixture
def own_leaflet(ministry):
    return Leaflet.objects.create(ministry=ministry, title_es="Guía", title_en="Guide")


@pytest.fixture
def secretariat_leaflet(db):
    return Leaflet.objects.create(ministry=None, title_es="Guía", title_en="Guide")


def test_the_secretariat_authors_a_leaflet_without_ministry(
    secretariat_leaflet, secretariat, member, steering_member
):
    assert is_author(secretariat, secretariat_leaflet)
    for user in (member.user, steering_member.user):
        assert not is_author(user, secretariat_leaflet)
        assert not may_act(user, secretariat_leaflet)
        assert not can_view(user, secretariat_leaflet)
        assert not can_edit(user, secretariat_leaflet)
    assert list(Leaflet.objects.visible_to(member.user)) == []
    assert list(Leaflet.objects.workspace_of(member.user)) == []


@pytest.mark.django_db(transaction=True)
def test_the_secretariat_publishes_its_own_leaflet_from_draft_without_e_mail(
    secretariat_leaflet, secretariat, settings
):
    assert Action.PUBLISH in allowed_actions(secretariat, secretariat_leaflet)
    transition(secretariat_leaflet, Action.PUBLISH, by=secretariat)
    secretariat_leaflet.refresh_from_db()
    assert secretariat_leaflet.state == State.PUBLISHED
    assert mail.outbox == []


def test_a_members_leaflet_still_goes_through_review(own_leaflet, member, secretariat):
    assert is_author(member.user, own_leaflet)
    assert Action.PUBLISH not in allowed_actions(secretariat, own_leaflet)
    with pytest.raises(Exception, match="cannot be done"):
        transition(own_leaflet, Action.PUBLISH, by=secretariat)
    transition(own_leaflet, Action.SUBMIT, by=member.user)
    transition(own_leaflet, Action.PUBLISH, by=secretariat)
    own_leaflet.refresh_from_db()
    assert own_leaflet.state == State.PUBLISHED


def test_members_cannot_act_on_the_secretariats_leaflet(secretariat_leaflet, member):
    with pytest.raises(PermissionDenied):
        transition(secretariat_leaflet, Action.SUBMIT, by=member.user)
