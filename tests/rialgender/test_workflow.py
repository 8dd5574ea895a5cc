import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied

from rialgender.workflow import (
    Action,
    State,
    Transition,
    TranslationState,
    WorkflowError,
    can_edit,
    can_view,
    history,
    transition,
    translation_mark_up_to_date,
)
from tests.workflow_app.models import Article


@pytest.fixture
def article(ministry):
    return Article.objects.create(ministry=ministry, title_es="Trabajo doméstico", body_es="Texto")


def _bilingual(article):
    article.title_en = "Domestic work"
    article.body_en = "Text"
    article.save()
    return article


def test_text_in_one_language_leaves_the_other_missing(article):
    assert article.translation_es == TranslationState.UP_TO_DATE
    assert article.translation_en == TranslationState.MISSING
    assert not article.translation_complete


def test_adding_the_translation_makes_both_up_to_date(article):
    _bilingual(article)
    assert article.translation_status() == {"en": "up_to_date", "es": "up_to_date"}
    assert article.translation_complete


def test_editing_spanish_marks_english_outdated(article):
    _bilingual(article)
    article.body_es = "Texto corregido con cifras nuevas"
    article.save()
    assert article.translation_es == TranslationState.UP_TO_DATE
    assert article.translation_en == TranslationState.OUTDATED
    assert Article.objects.needs_translation().filter(pk=article.pk).exists()


def test_updating_the_outdated_translation_brings_both_up_to_date(article):
    _bilingual(article)
    article.body_es = "Texto corregido"
    article.save()
    article.body_en = "Corrected text"
    article.save()
    assert article.translation_status() == {"en": "up_to_date", "es": "up_to_date"}


def test_a_field_written_in_one_language_only_is_missing_in_the_other(article):
    _bilingual(article)
    article.body_en = ""
    article.save()
    assert article.translation_en == TranslationState.MISSING


def test_staff_can_clear_an_outdated_flag_after_a_typo_fix(article):
    _bilingual(article)
    article.title_en = "Domestic Work"
    article.save()
    assert article.translation_es == TranslationState.OUTDATED
    translation_mark_up_to_date(article)
    article.refresh_from_db()
    assert article.translation_complete


def test_the_whole_workflow_is_recorded(article, member, secretariat):
    _bilingual(article)
    transition(article, Action.SUBMIT, by=member.user)
    transition(article, Action.RETURN, by=secretariat, comment="Add the results, please.")
    transition(article, Action.SUBMIT, by=member.user)
    transition(article, Action.PUBLISH, by=secretariat)
    transition(article, Action.ARCHIVE, by=secretariat)
    article.refresh_from_db()
    assert article.state == State.ARCHIVED
    steps = list(history(article).order_by("at", "pk"))
    assert [(s.from_state, s.to_state) for s in steps] == [
        ("draft", "submitted"), ("submitted", "returned"), ("returned", "submitted"),
        ("submitted", "published"), ("published", "archived"),
    ]  # fmt: skip
    assert steps[1].by == secretariat and steps[1].comment == "Add the results, please."
    assert steps[0].by == member.user


def test_publishing_without_both_languages_is_refused(article, member, secretariat):
    transition(article, Action.SUBMIT, by=member.user)
    with pytest.raises(WorkflowError) as error:
        transition(article, Action.PUBLISH, by=secretariat)
    assert "both languages" in str(error.value)
    article.refresh_from_db()
    assert article.state == State.SUBMITTED
    assert not Transition.objects.filter(to_state=State.PUBLISHED).exists()


def test_returning_needs_a_comment(article, member, secretariat):
    transition(article, Action.SUBMIT, by=member.user)
    with pytest.raises(WorkflowError):
        transition(article, Action.RETURN, by=secretariat, comment="  ")


def test_members_cannot_publish(article, member):
    _bilingual(article)
    transition(article, Action.SUBMIT, by=member.user)
    with pytest.raises(PermissionDenied):
        transition(article, Action.PUBLISH, by=member.user)


def test_another_ministry_cannot_submit(article, other_member):
    with pytest.raises(PermissionDenied):
        transition(article, Action.SUBMIT, by=other_member.user)


def test_a_published_item_cannot_be_submitted_again(article, member, secretariat):
    _bilingual(article)
    transition(article, Action.SUBMIT, by=member.user)
    transition(article, Action.PUBLISH, by=secretariat)
    with pytest.raises(WorkflowError):
        transition(article, Action.SUBMIT, by=member.user)


def test_who_sees_and_edits_a_draft(
    article, member, colleague, other_member, steering_member, secretariat
):
    assert can_view(member.user, article) and can_edit(member.user, article)
    assert can_view(colleague.user, article) and can_edit(colleague.user, article)
    # A seat on the Steering Committee gives no rights over another ministry's drafts.
    assert not can_view(steering_member.user, article)
    assert not can_view(other_member.user, article) and not can_edit(other_member.user, article)
    assert not can_view(AnonymousUser(), article)
    assert can_view(secretariat, article) and can_edit(secretariat, article)


def test_authors_cannot_edit_while_under_review(article, member, secretariat):
    transition(article, Action.SUBMIT, by=member.user)
    article.refresh_from_db()
    assert not can_edit(member.user, article)
    assert can_edit(secretariat, article)


def test_published_is_visible_to_everyone(article, member, secretariat, other_member):
    _bilingual(article)
    transition(article, Action.SUBMIT, by=member.user)
    transition(article, Action.PUBLISH, by=secretariat)
    article.refresh_from_db()
    assert can_view(AnonymousUser(), article) and can_view(other_member.user, article)
    assert not can_edit(other_member.user, article)
    assert list(Article.objects.visible_to(AnonymousUser())) == [article]


def test_visible_to_hides_other_ministries_drafts(article, other_member, member):
    assert list(Article.objects.visible_to(other_member.user)) == []
    assert list(Article.objects.visible_to(member.user)) == [article]


@pytest.mark.django_db(transaction=True)
def test_submitting_tells_the_secretariat(ministry, member, settings):
    settings.SECRETARIAT_EMAIL = "secretariat@example.org"
    article = Article.objects.create(ministry=ministry, title_es="Programa")
    transition(article, Action.SUBMIT, by=member.user)
    assert [m.to for m in mail.outbox] == [["secretariat@example.org"]]
    assert "Programa" in mail.outbox[0].subject


@pytest.mark.django_db(transaction=True)
def test_returning_emails_each_focal_point_in_their_language(ministry, member, secretariat):
    from tests.factories import MemberFactory, UserFactory

    english = MemberFactory(ministry=ministry, user=UserFactory(language="en"))
    article = Article.objects.create(ministry=ministry, title_es="Programa", title_en="Program")
    transition(article, Action.SUBMIT, by=member.user)
    mail.outbox.clear()
    transition(article, Action.RETURN, by=secretariat, comment="Faltan los resultados.")
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {member.user.email, english.user.email}
    assert "Faltan los resultados." in by_recipient[member.user.email].body
    assert "Comentarios de la Secretaría" in by_recipient[member.user.email].subject
    assert "Comments from the Secretariat" in by_recipient[english.user.email].subject
