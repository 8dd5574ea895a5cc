"""The shared publication workflow and translation status, written once for every tool.

    draft -> submitted -> (returned -> submitted)* -> published -> archived

A concrete model (a program, a document, a news item...) inherits `Publishable`, has a
`ministry` foreign key, and registers its text fields with modeltranslation. Then:

- `transition(obj, Action.SUBMIT, by=user)` and friends are the only way its state changes:
  each checks who may do it, records a `Transition` row (who, when, from, to, comment) and
  sends the notifications of the brief (submitting tells the Secretariat; returning sends the
  reviewer's comment to the ministry's focal points in their language).
- Every save refreshes the translation status of each language (missing, up to date,
  outdated); publishing needs both up to date.
- `can_view(user, obj)` and `can_edit(user, obj)` are the permission predicates: the public
  sees published objects only; the ministry's members see and (while draft or returned) edit
  their ministry's objects; the Secretariat sees and edits everything.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rialgender.permissions import is_secretariat, user_ministry

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned with comments")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Action(models.TextChoices):
    SUBMIT = "submit", _("submit")
    RETURN = "return", _("return with comments")
    PUBLISH = "publish", _("publish")
    ARCHIVE = "archive", _("archive")
    REOPEN = "reopen", _("reopen as draft")


# action -> (states it may start from, state it leads to, who may do it)
TRANSITIONS = {
    Action.SUBMIT: ({State.DRAFT, State.RETURNED}, State.SUBMITTED, "author"),
    Action.RETURN: ({State.SUBMITTED, State.PUBLISHED}, State.RETURNED, "secretariat"),
    Action.PUBLISH: ({State.SUBMITTED, State.ARCHIVED}, State.PUBLISHED, "secretariat"),
    Action.ARCHIVE: ({State.PUBLISHED}, State.ARCHIVED, "secretariat"),
    Action.REOPEN: ({State.SUBMITTED}, State.DRAFT, "author"),
}
EDITABLE_BY_AUTHORS = {State.DRAFT, State.RETURNED}


class TranslationState(models.TextChoices):
    MISSING = "missing", _("Missing")
    UP_TO_DATE = "up_to_date", _("Up to date")
    OUTDATED = "outdated", _("Outdated")


class WorkflowError(ValidationError):
    """A transition that is not possible now, with a message to show the person."""


def review_queue_order():
    """The review queue's order: submitted first, oldest first; then the rest by last change."""
    return [
        models.Case(
            models.When(state=State.SUBMITTED, then=0),
            default=1,
            output_field=models.IntegerField(),
        ).asc(),
        models.Case(models.When(state=State.SUBMITTED, then="submitted_at")).asc(),
        "-updated_at",
        "-pk",
    ]


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=State.PUBLISHED)

    def for_ministry(self, ministry):
        return self.filter(ministry=ministry)

    def visible_to(self, user):
        """What `user` may see: published, plus their ministry's own, plus all for staff."""
        if is_secretariat(user):
            return self
        ministry = user_ministry(user)
        if ministry is None:
            return self.published()
        return self.filter(models.Q(state=State.PUBLISHED) | models.Q(ministry=ministry))

    def needs_translation(self):
        return self.filter(translation_complete=False)


class Publishable(models.Model):
    """Abstract base of content that goes through the publication workflow.

    Subclasses define `ministry` (a ForeignKey to members.Ministry) and register their text
    fields with modeltranslation.
    """

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed on"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(
        _("first published on"), null=True, blank=True, editable=False
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True, editable=False)
    translation_en = models.CharField(
        _("English text"), max_length=12, choices=TranslationState.choices,
        default=TranslationState.MISSING, editable=False,
    )  # fmt: skip
    translation_es = models.CharField(
        _("Spanish text"), max_length=12, choices=TranslationState.choices,
        default=TranslationState.MISSING, editable=False,
    )  # fmt: skip
    translation_complete = models.BooleanField(
        _("both languages up to date"), default=False, editable=False, db_index=True
    )
    # Per language: the hash of its text, and the hash of the other language's text it was
    # last brought in line with. See `refresh_translation_status`.
    translation_sync = models.JSONField(default=dict, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_translation_status()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {
                "translation_sync", "translation_en", "translation_es", "translation_complete",
                "updated_at",
            }  # fmt: skip
        super().save(*args, **kwargs)

    # -- translation status ----------------------------------------------------------------

    @classmethod
    def translated_field_names(cls) -> list[str]:
        from modeltranslation.translator import translator

        return sorted(translator.get_options_for_model(cls).fields)

    @classmethod
    def required_translated_fields(cls) -> list[str]:
        """Fields that must have text in every language before publication (default: title)."""
        return ["title"]

    def _texts(self, language: str) -> dict[str, str]:
        return {
            name: str(getattr(self, f"{name}_{language}", "") or "").strip()
            for name in self.translated_field_names()
        }

    @staticmethod
    def _hash(texts: dict[str, str]) -> str:
        payload = "\x1f".join(f"{k}\x1e{v}" for k, v in sorted(texts.items()))
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def _is_missing(self, language: str, texts: dict[str, dict[str, str]]) -> bool:
        own = texts[language]
        if any(not own.get(name) for name in self.required_translated_fields()):
            return True
        # A field written in another language but left empty in this one is missing too.
        others = [texts[other] for other in LANGUAGES if other != language]
        return any(other.get(name) and not own.get(name) for other in others for name in own)

    def refresh_translation_status(self) -> None:
        """Work out each language's status from what changed since the last save.

        When one language's text changes:
        - if it was up to date, it is the source of a change: the other language becomes
          outdated;
        - if it was outdated or missing, this is the translation catching up: it becomes up to
          date and the other language stays as it was.
        Both changed together: both are up to date. `translation_mark_up_to_date` lets staff
        clear an "outdated" flag after a correction that needs no translation.
        """
        texts = {lang: self._texts(lang) for lang in LANGUAGES}
        hashes = {lang: self._hash(texts[lang]) for lang in LANGUAGES}
        sync = {lang: dict(self.translation_sync.get(lang, {})) for lang in LANGUAGES}
        changed = [lang for lang in LANGUAGES if sync[lang].get("own") != hashes[lang]]

        def other_of(lang):
            return next(o for o in LANGUAGES if o != lang)

        def was_current(lang):
            return sync[lang].get("synced_with") == sync[other_of(lang)].get("own") and bool(
                sync[lang].get("own")
            )

        if len(changed) == len(LANGUAGES) or not self.translation_sync:
            for lang in LANGUAGES:
                sync[lang] = {"own": hashes[lang], "synced_with": hashes[other_of(lang)]}
        elif changed:
            lang = changed[0]
            other = other_of(lang)
            catching_up = not was_current(lang) or sync[lang].get("missing", True)
            sync[lang] = {"own": hashes[lang], "synced_with": hashes[other]}
            if catching_up:
                sync[other]["synced_with"] = hashes[lang]
        for lang in LANGUAGES:
            sync[lang]["missing"] = self._is_missing(lang, texts)
        self.translation_sync = sync
        for lang in LANGUAGES:
            if sync[lang]["missing"]:
                status = TranslationState.MISSING
            elif sync[lang].get("synced_with") != hashes[other_of(lang)]:
                status = TranslationState.OUTDATED
            else:
                status = TranslationState.UP_TO_DATE
            setattr(self, f"translation_{lang}", status)
        self.translation_complete = all(
            getattr(self, f"translation_{lang}") == TranslationState.UP_TO_DATE
            for lang in LANGUAGES
        )

    # -- cheap properties for templates ----------------------------------------------------

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    @property
    def is_editable_by_authors(self) -> bool:
        return self.state in EDITABLE_BY_AUTHORS

    def translation_status(self) -> dict[str, str]:
        return {lang: getattr(self, f"translation_{lang}") for lang in LANGUAGES}


class Transition(models.Model):
    """One step of an object's workflow: who moved it, when, from where to where, and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("by"),
    )  # fmt: skip
    at = models.DateTimeField(_("when"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


# -- permission predicates ----------------------------------------------------------------


def is_author(user, obj) -> bool:
    ministry = user_ministry(user)
    return ministry is not None and ministry.pk == obj.ministry_id


def can_view(user, obj) -> bool:
    return obj.state == State.PUBLISHED or is_secretariat(user) or is_author(user, obj)


def can_edit(user, obj) -> bool:
    if is_secretariat(user):
        return True
    return is_author(user, obj) and obj.state in EDITABLE_BY_AUTHORS


def allowed_actions(user, obj) -> list[Action]:
    result = []
    for action, (sources, _target, who) in TRANSITIONS.items():
        if obj.state not in sources:
            continue
        if who == "secretariat" and not is_secretariat(user):
            continue
        if who == "author" and not (is_author(user, obj) or is_secretariat(user)):
            continue
        result.append(action)
    return result


# -- the one function that changes state --------------------------------------------------


@transaction.atomic
def transition(obj: Publishable, action: Action | str, *, by, comment: str = "") -> Transition:
    """Move `obj` through the workflow and record it. Side effects, in order:

    1. checks that `by` may take `action` from the current state (PermissionDenied if not),
       that publishing has both languages up to date and that returning has a comment
       (WorkflowError with a translated message if not);
    2. sets the new state and its timestamp (submitted_at, published_at on first publication),
       keeps the reviewer's comment on the object while it is returned;
    3. writes a `Transition` row;
    4. after commit, e-mails: submit -> the Secretariat; return -> the ministry's focal points,
       each in their language, with the comment.
    """
    action = Action(action)
    sources, target, _who = TRANSITIONS[action]
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if action not in allowed_actions(by, obj):
        if obj.state not in sources:
            raise WorkflowError(
                gettext("This cannot be done while the item is “%(state)s”.")
                % {"state": obj.get_state_display()}
            )
        raise PermissionDenied
    if action == Action.PUBLISH and not obj.translation_complete:
        raise WorkflowError(
            gettext(
                "It cannot be published until both languages are complete and up to date "
                "(English: %(en)s, Spanish: %(es)s)."
            )
            % {"en": obj.get_translation_en_display(), "es": obj.get_translation_es_display()}
        )
    comment = (comment or "").strip()
    if action == Action.RETURN and not comment:
        raise WorkflowError(gettext("Please write a comment for the authors."))
    previous = obj.state
    now = timezone.now()
    obj.state = target
    fields = ["state"]
    if target == State.SUBMITTED:
        obj.submitted_at = now
        fields.append("submitted_at")
    if target == State.PUBLISHED and obj.published_at is None:
        obj.published_at = now
        fields.append("published_at")
    if action == Action.RETURN:
        obj.review_comment = comment
        fields.append("review_comment")
    obj.save(update_fields=fields)
    step = Transition.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        from_state=previous,
        to_state=target,
        by=by,
        at=now,
        comment=comment,
    )
    _notify(obj, step)
    return step


def translation_mark_up_to_date(obj: Publishable) -> None:
    """Staff confirm that both languages say the same after a correction in one of them."""
    texts = {lang: obj._texts(lang) for lang in LANGUAGES}
    hashes = {lang: obj._hash(texts[lang]) for lang in LANGUAGES}
    obj.translation_sync = {
        lang: {
            "own": hashes[lang],
            "synced_with": hashes[o],
            "missing": obj._is_missing(lang, texts),
        }
        for lang in LANGUAGES
        for o in LANGUAGES
        if o != lang
    }
    obj.save()


def history(obj) -> models.QuerySet:
    return Transition.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("by")


def _notify(obj, step: Transition) -> None:
    from rialgender.emails import send_email

    label = obj._meta.verbose_name
    if step.action == Action.SUBMIT:
        transaction.on_commit(
            lambda: send_email(
                "workflow-submitted",
                to=[settings.SECRETARIAT_EMAIL],
                language="en",
                context={"obj": obj, "label": label, "step": step, "url": _admin_url(obj)},
            )
        )
    elif step.action == Action.RETURN:
        from members.models import Member

        recipients = list(
            Member.objects.active().filter(ministry_id=obj.ministry_id).select_related("user")
        )
        for member in recipients:
            user = member.user
            transaction.on_commit(
                lambda user=user: send_email(
                    "workflow-returned",
                    to=[user.email],
                    language=user.language,
                    context={
                        "obj": obj,
                        "label": label,
                        "step": step,
                        "recipient": user,
                        "url": _author_url(obj, user.language),
                    },
                )  # fmt: skip
            )


def _admin_url(obj) -> str:
    from django.urls import reverse

    from rialgender.emails import absolute_url

    opts = obj._meta
    return absolute_url(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))


def _author_url(obj, language: str) -> str:
    from django.utils import translation

    from rialgender.emails import absolute_url

    with translation.override(language):
        path = obj.get_workspace_url() if hasattr(obj, "get_workspace_url") else "/"
    return absolute_url(path)
