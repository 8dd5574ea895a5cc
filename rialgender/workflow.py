"""The shared publication workflow and translation status, written once for every tool.

    draft -> submitted -> (returned -> submitted)* -> published -> archived

A concrete model (a program, a document, a news item...) inherits `Publishable`, declares who
authors it with `authorship` (one of the three kinds below) and registers its text fields
with modeltranslation:

    class Program(Publishable):
        authorship = Authorship.ministry("ministry")            # one ministry
    class CooperationRequest(Publishable):
        authorship = Authorship.ministries("requesting_ministry", "providing_ministry")
    class Event(Publishable):
        authorship = Authorship.secretariat()                    # the Secretariat alone

Visibility (`visible_to`, `can_view`), authorship (`is_author`, `may_act`), editing
(`can_edit`), the notifications and the workspace follow from that declaration. Then:

- `transition(obj, Action.SUBMIT, by=user)` and friends are the only way its state changes:
  each checks who may do it, records a `Transition` row (who, when, from, to, comment) and
  sends the notifications of the brief (submitting tells the Secretariat; returning sends the
  reviewer's comment to the ministry's focal points in their language).
- Every save refreshes the translation status of each language (missing, up to date,
  outdated); publishing needs both up to date.
- `can_view(user, obj)` and `can_edit(user, obj)` are the permission predicates: the public
  sees published objects only; the authoring ministries' members see and (while draft or
  returned) edit their objects; the Secretariat sees and edits everything. The Secretariat
  authors what no ministry does, and publishes it without submitting it to itself.
- A model adds its own conditions to a step with `workflow_blockers(action)` (a cooperation
  request is submitted only when both ministries confirmed it): messages that stop it.
"""

import copy
import functools
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
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


@dataclass(frozen=True)
class Authorship:
    """Who authors a publishable model: the names of its foreign keys to members.Ministry.

    No field: the Secretariat alone (an event, a call, an edition). One field: one ministry
    (a program, a news item). Several: each of those ministries (a cooperation request,
    requesting and providing), all of them authors with the same rights.

    A field may be nullable: an object whose ministry fields are all empty is authored by the
    Secretariat alone, like the objects of a model declared `secretariat()` (a document the
    Secretariat adds itself where members propose theirs; see `secretariat_alone`).
    """

    fields: tuple[str, ...] = ()

    @classmethod
    def ministry(cls, field: str = "ministry") -> "Authorship":
        return cls((field,))

    @classmethod
    def ministries(cls, *fields: str) -> "Authorship":
        if len(fields) < 2:
            raise ValueError("Authorship.ministries() needs at least two fields.")
        return cls(tuple(fields))

    @classmethod
    def secretariat(cls) -> "Authorship":
        return cls(())

    @property
    def by_secretariat(self) -> bool:
        return not self.fields

    def secretariat_alone(self, obj) -> bool:
        """Whether the Secretariat alone authors `obj`: every object of a model declared
        `secretariat()`, and an object whose ministry fields are all empty."""
        return not self.fields or not self.ministry_ids(obj)

    def q(self, ministry) -> models.Q:
        """Rows authored by `ministry` (none for the Secretariat's own models)."""
        if not self.fields or ministry is None:
            return models.Q(pk__in=[])
        pk = getattr(ministry, "pk", ministry)
        condition = models.Q()
        for name in self.fields:
            condition |= models.Q(**{f"{name}_id": pk})
        return condition

    def ministry_ids(self, obj) -> set[int]:
        return {value for name in self.fields if (value := getattr(obj, f"{name}_id")) is not None}


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
        """What `ministry` authors (alone or with others)."""
        return self.filter(self.model.authorship.q(ministry))

    def visible_to(self, user):
        """What `user` may see: published, plus what their ministry authors; all for the
        Secretariat."""
        if is_secretariat(user):
            return self
        ministry = user_ministry(user)
        if ministry is None or self.model.authorship.by_secretariat:
            return self.published()
        return self.filter(models.Q(state=State.PUBLISHED) | self.model.authorship.q(ministry))

    def workspace_of(self, user):
        """What `user` may act on in a workspace: their ministry's objects; everything for the
        Secretariat; nothing for anyone else."""
        if is_secretariat(user):
            return self
        ministry = user_ministry(user)
        return self.filter(self.model.authorship.q(ministry)) if ministry else self.none()

    def needs_translation(self):
        return self.filter(translation_complete=False)


class Publishable(models.Model):
    """Abstract base of content that goes through the publication workflow.

    Subclasses declare `authorship` (see `Authorship`; a system check refuses a model without
    it), define the foreign keys it names and register their text fields with
    modeltranslation. Optional: `get_workspace_url()` (where authors edit it; the returned
    e-mail links there), `required_translated_fields()`, `workflow_blockers(action)`.
    """

    authorship: Authorship

    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created on"), default=timezone.now, editable=False)
    # Moves when the content changes, not on every save: a state change, a confirmation that
    # the content is still current or a translation flag leave it alone (see `save`).
    updated_at = models.DateTimeField(_("last changed on"), default=timezone.now, editable=False)
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

    # Fields a subclass keeps that are not content (a program's yearly confirmation, say):
    # writing them does not make the object "updated".
    bookkeeping_fields: tuple[str, ...] = ()

    def save(self, *args, **kwargs):
        self.refresh_translation_status()
        content = self._content()
        loaded = getattr(self, "_loaded", None)
        changed = (
            self._state.adding
            or getattr(self, "_content_changed", False)
            or loaded is None
            or any(loaded.get(name, _UNSET) != value for name, value in content.items())
        )
        if changed:
            self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {
                "translation_sync", "translation_en", "translation_es", "translation_complete",
            } | ({"updated_at"} if changed else set())  # fmt: skip
        super().save(*args, **kwargs)
        self._loaded, self._content_changed = content, False

    # -- what counts as content ------------------------------------------------------------

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The values as loaded (lists copied: a change in place must show); which of them are
        # content is worked out only if the object is saved, so reading lists stays cheap.
        loaded = instance._loaded = dict(zip(field_names, values, strict=True))
        for name in _mutable_fields(cls):
            if name in loaded:
                loaded[name] = copy.copy(loaded[name])
        return instance

    def mark_content_changed(self) -> None:
        """For a change `save` cannot see (many-to-many links): the next save bumps
        `updated_at`."""
        self._content_changed = True

    def _content(self) -> dict:
        """The values of the content fields loaded on this instance: every concrete field but
        the workflow's own, the subclass's `bookkeeping_fields` and modeltranslation's
        language-dependent originals (their `_en`/`_es` columns count)."""
        skip = _not_content(type(self))
        values = {}
        for field in self._meta.concrete_fields:
            if field.name in skip or field.attname not in self.__dict__:
                continue  # deferred fields were not loaded, so they were not changed here
            value = field.value_from_object(self)
            # Files by name, as the database gives them; lists and dicts copied.
            values[field.attname] = value.name if isinstance(value, FieldFile) else copy.copy(value)
        return values

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

    def author_ministry_ids(self) -> set[int]:
        return self.authorship.ministry_ids(self)

    def workflow_blockers(self, action: "Action") -> list[str]:
        """Messages that stop `action` now; empty when nothing does. Models extend it (call
        super()) with conditions of their own."""
        if action == Action.PUBLISH and not self.translation_complete:
            return [
                gettext(
                    "It cannot be published until both languages are complete and up to date "
                    "(English: %(en)s, Spanish: %(es)s)."
                )
                % {
                    "en": self.get_translation_en_display(),
                    "es": self.get_translation_es_display(),
                }
            ]
        return []


# Written by the workflow itself: never a change of content.
WORKFLOW_FIELDS = frozenset(
    {"id", "state", "created_at", "updated_at", "submitted_at", "published_at", "review_comment",
     "translation_en", "translation_es", "translation_complete", "translation_sync"}
)  # fmt: skip
_UNSET = object()


@functools.cache
def _mutable_fields(model) -> tuple[str, ...]:
    """The fields whose value is a list or a dict (arrays, JSON): copied when loaded."""
    from django.contrib.postgres.fields import ArrayField

    return tuple(
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, ArrayField | models.JSONField) and f.name not in WORKFLOW_FIELDS
    )


@functools.cache
def _not_content(model) -> frozenset[str]:
    """A publishable model's fields that are not content (see `Publishable._content`)."""
    return frozenset({*WORKFLOW_FIELDS, *model.bookkeeping_fields, *model.translated_field_names()})


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
    """Whether `user` is one of `obj`'s authors: a member of an authoring ministry, or the
    Secretariat for what it authors alone."""
    if obj.authorship.secretariat_alone(obj):
        return is_secretariat(user)
    ministry = user_ministry(user)
    return ministry is not None and ministry.pk in obj.author_ministry_ids()


def may_act(user, obj) -> bool:
    """Whether `obj` exists for `user` in a workspace: its authors and the Secretariat."""
    return is_secretariat(user) or is_author(user, obj)


def can_view(user, obj) -> bool:
    return obj.state == State.PUBLISHED or may_act(user, obj)


def can_edit(user, obj) -> bool:
    if is_secretariat(user):
        return True
    return is_author(user, obj) and obj.state in EDITABLE_BY_AUTHORS


def _sources(obj, action: Action) -> set[State]:
    sources = TRANSITIONS[action][0]
    # What the Secretariat authors alone it publishes without submitting it to itself.
    if action == Action.PUBLISH and obj.authorship.secretariat_alone(obj):
        return sources | EDITABLE_BY_AUTHORS
    # ... and has no authors to return it to, with a comment e-mailed to their focal points:
    # it edits or archives it instead.
    if action == Action.RETURN and obj.authorship.secretariat_alone(obj):
        return set()
    return sources


def allowed_actions(user, obj) -> list[Action]:
    result = []
    for action, (_initial, _target, who) in TRANSITIONS.items():
        if obj.state not in _sources(obj, action):
            continue
        if who == "secretariat" and not is_secretariat(user):
            continue
        if who == "author" and not may_act(user, obj):
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
    1b. asks the model's `workflow_blockers(action)` (publishing: both languages up to date);
    2. sets the new state and its timestamp (submitted_at, published_at on first publication),
       keeps the reviewer's comment on the object while it is returned;
    3. writes a `Transition` row;
    4. after commit, e-mails: submit -> the Secretariat; return -> the focal points of every
       authoring ministry, each in their language, with the comment (nobody for what the
       Secretariat authors alone).
    """
    action = Action(action)
    _sources_, target, _who = TRANSITIONS[action]
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if action not in allowed_actions(by, obj):
        if obj.state not in _sources(obj, action):
            raise WorkflowError(
                gettext("This cannot be done while the item is “%(state)s”.")
                % {"state": obj.get_state_display()}
            )
        raise PermissionDenied
    blockers = obj.workflow_blockers(action)
    if blockers:
        raise WorkflowError(" ".join(blockers))
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
    if obj.authorship.secretariat_alone(obj):
        return  # the Secretariat does not notify itself
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
            Member.objects.active()
            .filter(ministry_id__in=obj.author_ministry_ids())
            .select_related("user")
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
    """The admin's page of `obj` in English, the language of the Secretariat's e-mail."""
    from rialgender.emails import page_url

    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_change"
    return page_url(name, language="en", args=[obj.pk])


def _author_url(obj, language: str) -> str:
    from django.utils import translation

    from rialgender.emails import absolute_url

    with translation.override(language):
        path = obj.get_workspace_url() if hasattr(obj, "get_workspace_url") else "/"
    return absolute_url(path)
