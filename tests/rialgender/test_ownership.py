"""Ownership in the shared workflow, proven on one small model of each kind
(tests/workflow_app): one ministry (Article), several (JointNote), the Secretariat (Notice).
Nothing outside that app's models.py was written for them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import models
from django.test.utils import isolate_apps

from rialgender.checks import check_publishable_authorship
from rialgender.workflow import (
    Action,
    Authorship,
    Publishable,
    State,
    WorkflowError,
    allowed_actions,
    can_edit,
    can_view,
    is_author,
    transition,
)
from tests.factories import MemberFactory, MinistryFactory
from tests.workflow_app.models import Article, JointNote, Notice


@pytest.fixture
def third_member(db):
    return MemberFactory(ministry=MinistryFactory(country="PE"))


@pytest.fixture
def note(ministry, other_ministry):
    return JointNote.objects.create(
        first_ministry=ministry, second_ministry=other_ministry, title_es="Cooperación"
    )


@pytest.fixture
def notice(db):
    return Notice.objects.create(title_en="8th dialogue", title_es="8.º diálogo")


# --- several ministries ---------------------------------------------------------------------


def test_both_ministries_author_a_joint_note(note, member, other_member, third_member):
    for person in (member, other_member):
        assert is_author(person.user, note)
        assert can_view(person.user, note) and can_edit(person.user, note)
    assert not can_view(third_member.user, note)
    assert not can_edit(third_member.user, note)


def test_each_party_finds_the_joint_note_in_its_lists(note, member, other_member, third_member):
    assert list(JointNote.objects.visible_to(member.user)) == [note]
    assert list(JointNote.objects.for_ministry(other_member.ministry)) == [note]
    assert list(JointNote.objects.workspace_of(other_member.user)) == [note]
    assert list(JointNote.objects.visible_to(third_member.user)) == []
    assert list(JointNote.objects.workspace_of(third_member.user)) == []


def test_a_models_own_condition_stops_the_step_with_its_message(note, member):
    with pytest.raises(WorkflowError, match="Both ministries must agree first."):
        transition(note, Action.SUBMIT, by=member.user)
    note.both_agree = True
    note.save()
    transition(note, Action.SUBMIT, by=member.user)
    note.refresh_from_db()
    assert note.state == State.SUBMITTED


def test_returning_a_joint_note_tells_both_ministries(
    note, member, other_member, third_member, secretariat
):
    note.both_agree = True
    note.save()
    transition(note, Action.SUBMIT, by=other_member.user)
    mail.outbox.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, **kw: fn())
        transition(note, Action.RETURN, by=secretariat, comment="Add the dates.")
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {member.user.email, other_member.user.email}


# --- the Secretariat alone ------------------------------------------------------------------


def test_members_do_not_see_or_edit_the_secretariats_drafts(notice, member, secretariat):
    assert not can_view(member.user, notice) and not can_edit(member.user, notice)
    assert not is_author(member.user, notice)
    assert list(Notice.objects.visible_to(member.user)) == []
    assert list(Notice.objects.workspace_of(member.user)) == []
    assert is_author(secretariat, notice) and can_edit(secretariat, notice)
    assert list(Notice.objects.visible_to(secretariat)) == [notice]


def test_the_secretariat_publishes_its_own_draft_without_submitting_it(notice, secretariat):
    notice.body_en, notice.body_es = "Agenda", "Agenda"
    notice.save()
    assert Action.PUBLISH in allowed_actions(secretariat, notice)
    assert Action.SUBMIT in allowed_actions(secretariat, notice)
    mail.outbox.clear()
    transition(notice, Action.PUBLISH, by=secretariat)
    notice.refresh_from_db()
    assert notice.state == State.PUBLISHED
    assert mail.outbox == []  # the Secretariat does not notify itself
    assert can_view(AnonymousUser(), notice)


def test_the_secretariats_own_object_is_never_returned_to_authors(notice, secretariat):
    notice.body_en, notice.body_es = "Agenda", "Agenda"
    notice.save()
    transition(notice, Action.PUBLISH, by=secretariat)
    notice.refresh_from_db()
    assert allowed_actions(secretariat, notice) == [Action.ARCHIVE]
    with pytest.raises(WorkflowError):
        transition(notice, Action.RETURN, by=secretariat, comment="No one reads this")
    # the change form's panel offers no "Return with this comment"
    from rialgender.workflow_admin import workflow_panel

    panel = workflow_panel(secretariat, notice)
    assert panel["can_archive"] and not panel["can_return"]


def test_a_member_cannot_move_the_secretariats_object(notice, member):
    assert allowed_actions(member.user, notice) == []
    with pytest.raises(PermissionDenied):
        transition(notice, Action.SUBMIT, by=member.user)


def test_a_ministrys_draft_is_not_published_without_review(ministry, secretariat):
    article = Article.objects.create(ministry=ministry, title_en="A", title_es="A")
    assert Action.PUBLISH not in allowed_actions(secretariat, article)
    with pytest.raises(WorkflowError):
        transition(article, Action.PUBLISH, by=secretariat)


# --- the declaration itself -----------------------------------------------------------------


@isolate_apps("tests.workflow_app")
def test_a_publishable_model_without_authorship_is_refused_by_the_system_check(db):
    class Orphan(Publishable):
        title = models.CharField(max_length=10)

        class Meta:
            app_label = "workflow_app"

    class Misdeclared(Publishable):
        authorship = Authorship.ministry("owner")
        owner = models.CharField(max_length=10)

        class Meta:
            app_label = "workflow_app"

    from django.apps import apps

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(apps, "get_models", lambda: [Orphan, Misdeclared])
        ids = sorted(error.id for error in check_publishable_authorship())
    assert ids == ["rialgender.E001", "rialgender.E002"]


def test_the_portals_models_pass_the_check():
    assert check_publishable_authorship() == []


def test_several_ministries_need_at_least_two_fields():
    with pytest.raises(ValueError):
        Authorship.ministries("only_one")
