"""Bilateral cooperation: the annual RIAL calls, offers and needs, joint requests that both
ministries confirm, their review and the follow-up of the selected projects.

    Call (the Secretariat's) ─┬─ Criterion (weighted), CallDocument, reviewers
                              └─ CooperationRequest (two ministries) ─┬─ ProjectActivity
                                                                      ├─ RequestEvent (history)
                                                                      ├─ Review ── Score
                                                                      ├─ Report ── EvidenceFile
                                                                      └─ Result (→ program, link)
    Listing (an offer or a need of a ministry, by area of action)
"""

import hashlib
import json
import zoneinfo
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rialgender.fields import ChoiceArrayField
from rialgender.files import DOCUMENTS, ProtectedFileField
from rialgender.workflow import Action, Authorship, Publishable, PublishableQuerySet

# --- Calls ------------------------------------------------------------------------------------


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """The zones a call may be stated in: the Americas', Madrid's (the observer) and UTC."""
    zones = sorted(z for z in zoneinfo.available_timezones() if z.startswith("America/"))
    return [(zone, zone.replace("_", " ")) for zone in [*zones, "Europe/Madrid", "UTC"]]


def validate_time_zone(value: str) -> None:
    if value not in dict(time_zone_choices()):
        raise ValidationError(_("Choose a time zone from the list."), code="invalid")


class Modality(models.TextChoices):
    VIRTUAL = "virtual", _("Virtual")
    IN_PERSON = "in_person", _("In person")
    MIXED = "mixed", _("Virtual and in person")


# What a call may offer; a request in a call that offers both may also be "mixed".
CALL_MODALITIES = [(Modality.VIRTUAL, Modality.VIRTUAL.label), (Modality.IN_PERSON, Modality.IN_PERSON.label)]  # fmt: skip


class CallQuerySet(PublishableQuerySet):
    def open_at(self, moment=None):
        """Published calls taking requests at `moment` (now by default)."""
        moment = moment or timezone.now()
        return self.published().filter(opens_at__lte=moment, closes_at__gt=moment)


class Call(Publishable):
    """An annual RIAL call for bilateral cooperation (the 15th in 2022, the 16th in 2023...).

    It opens and closes at a moment stated in a time zone: `opens_at` and `closes_at` are
    that moment (stored in UTC); `time_zone` is how it is announced and shown."""

    authorship = Authorship.secretariat()

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=250, blank=True)
    terms = models.TextField(
        _("terms of the call"), blank=True, help_text=_("Who may apply, for what, and how.")
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("The opening and closing times are announced in this zone."),
    )  # fmt: skip
    modalities = ChoiceArrayField(
        models.CharField(max_length=20, choices=CALL_MODALITIES),
        verbose_name=_("modalities"), default=list, blank=True,
    )  # fmt: skip
    pass_threshold = models.PositiveSmallIntegerField(
        _("pass threshold (out of 100)"), default=60,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A request whose weighted total is below this is not recommended."),
    )  # fmt: skip
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="cooperation_calls_reviewed",
        verbose_name=_("reviewers"),
        help_text=_(
            "Secretariat staff and members of the Steering Committee. A reviewer from the "
            "country of either party is recused from that request automatically."
        ),
    )  # fmt: skip

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("call for bilateral cooperation")
        verbose_name_plural = _("calls for bilateral cooperation")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="call_closes_after_it_opens",
                violation_error_message=_("The call must close after it opens."),
            )
        ]

    def __str__(self):
        return self.title or self.title_es or self.title_en or f"#{self.number}"

    def get_absolute_url(self):
        return reverse("cooperation:call-detail", kwargs={"number": self.number})

    @classmethod
    def required_translated_fields(cls) -> list[str]:
        return ["title", "terms"]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def opens_local(self):
        return timezone.localtime(self.opens_at, self.zone)

    @property
    def closes_local(self):
        return timezone.localtime(self.closes_at, self.zone)

    @property
    def opens_display(self) -> str:
        return format_moment(self.opens_at, self)

    @property
    def closes_display(self) -> str:
        return format_moment(self.closes_at, self)

    def is_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.is_published and self.opens_at <= moment < self.closes_at

    def has_closed(self, moment=None) -> bool:
        return (moment or timezone.now()) >= self.closes_at

    def has_opened(self, moment=None) -> bool:
        return (moment or timezone.now()) >= self.opens_at

    def modality_choices(self) -> list[tuple[str, str]]:
        offered = [(code, label) for code, label in Modality.choices if code in self.modalities]
        if {Modality.VIRTUAL, Modality.IN_PERSON} <= set(self.modalities):
            offered.append((Modality.MIXED, Modality.MIXED.label))
        return offered or list(Modality.choices)


class Criterion(models.Model):
    """A review criterion of a call, with its weight. Locked once reviewing has started."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what reviewers look at"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=25, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["call", "order", "pk"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self):
        return self.name


# A sensible start for a new call; the Secretariat edits them per call.
DEFAULT_CRITERIA = [
    {
        "name_en": "Relevance", "name_es": "Pertinencia", "weight": 30,
        "description_en": "How the cooperation answers a need of the requesting ministry and the network's areas of action.",
        "description_es": "En qué medida la cooperación responde a una necesidad del ministerio solicitante y a las áreas de acción de la red.",
    },
    {
        "name_en": "Feasibility", "name_es": "Viabilidad", "weight": 25,
        "description_en": "Whether the activities, dates and modality can be carried out within the year.",
        "description_es": "Si las actividades, las fechas y la modalidad pueden llevarse a cabo en el año.",
    },
    {
        "name_en": "Commitment of both institutions", "name_es": "Compromiso de ambas instituciones", "weight": 20,
        "description_en": "What each ministry commits: people, time and follow-up.",
        "description_es": "Lo que compromete cada ministerio: personas, tiempo y seguimiento.",
    },
    {
        "name_en": "Expected results", "name_es": "Resultados esperados", "weight": 25,
        "description_en": "Concrete results (a program, a manual, a protocol) and how they will be used.",
        "description_es": "Resultados concretos (un programa, un manual, un protocolo) y cómo se utilizarán.",
    },
]  # fmt: skip


class CallDocument(models.Model):
    """A document of a call (the terms in full, a form), in one language or both; downloaded
    by whom may see the call (rialgender.files)."""

    FILE_OWNER = "call"

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = ProtectedFileField(_("file"), kinds=DOCUMENTS)
    language = models.CharField(
        _("language of the file"), max_length=4,
        choices=[*settings.LANGUAGES, ("both", _("Both languages"))], default="both",
    )  # fmt: skip
    content_type = models.CharField(max_length=100, editable=False, blank=True)
    size = models.PositiveIntegerField(editable=False, default=0)

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("document of the call")
        verbose_name_plural = _("documents of the call")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        _file_facts(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.file.url

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


def _file_facts(obj) -> None:
    """The type (read from the content when it was uploaded) and the size of a file."""
    if obj.file:
        obj.content_type = obj.file.content_type
        if not obj.size:
            obj.size = obj.file.size


# --- Offers and needs -------------------------------------------------------------------------


class ListingKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


class ListingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def for_list(self):
        return self.active().select_related("ministry", "area", "program")


class Listing(models.Model):
    """What a ministry can offer other ministries, or what it needs, in an area of action.
    Members only. An offer may point to a program of the portfolio; a need may start a
    cooperation request."""

    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, related_name="cooperation_listings",
        verbose_name=_("ministry"),
    )  # fmt: skip
    kind = models.CharField(_("offer or need"), max_length=10, choices=ListingKind.choices)
    area = models.ForeignKey(
        "rialgender.AreaOfAction", on_delete=models.PROTECT, related_name="cooperation_listings",
        verbose_name=_("area of action"),
    )  # fmt: skip
    title = models.CharField(_("in a sentence"), max_length=250, blank=True)
    description = models.TextField(_("details"), blank=True)
    program = models.ForeignKey(
        "portfolio.Program", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="cooperation_offers", verbose_name=_("program of the portfolio"),
        help_text=_("For an offer: the program of your ministry it shares."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("added on"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed on"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["area__order", "ministry__country", "-created_at"]
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")
        indexes = [models.Index(fields=["kind", "area"], name="listing_kind_area")]

    def __str__(self):
        return self.title or self.title_es or self.title_en or f"#{self.pk}"

    @property
    def is_offer(self) -> bool:
        return self.kind == ListingKind.OFFER


# --- Cooperation requests ---------------------------------------------------------------------


class Decision(models.TextChoices):
    SELECTED = "selected", _("Selected")
    WAITING_LIST = "waiting_list", _("Waiting list")
    NOT_SELECTED = "not_selected", _("Not selected")


class CooperationRequestQuerySet(PublishableQuerySet):
    def projects(self):
        """Selected cooperation that the public sees."""
        return self.published().filter(decision=Decision.SELECTED)

    def between(self, first_ministry_id, second_ministry_id):
        return self.filter(
            Q(requesting_ministry_id=first_ministry_id, providing_ministry_id=second_ministry_id)
            | Q(requesting_ministry_id=second_ministry_id, providing_ministry_id=first_ministry_id)
        )


class CooperationRequest(Publishable):
    """A joint request of two ministries in a call: the requesting ministry receives the
    technical advice of the providing one. Both are authors; it is submitted only when both
    have confirmed the same text (`content_hash`) before the call closes. Once selected and
    published it is a project, followed up with activities, reports and results."""

    authorship = Authorship.ministries("requesting_ministry", "providing_ministry")

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="requests", verbose_name=_("call")
    )
    requesting_ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, related_name="cooperation_requested",
        verbose_name=_("requesting ministry"),
    )  # fmt: skip
    providing_ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, related_name="cooperation_provided",
        verbose_name=_("providing ministry"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=250, blank=True)
    summary = models.TextField(
        _("topic"), blank=True, help_text=_("Two or three sentences: what, with whom, for what.")
    )
    objectives = models.TextField(_("objectives"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    modality = models.CharField(
        _("modality"), max_length=20, choices=Modality.choices, default=Modality.VIRTUAL
    )
    areas = models.ManyToManyField(
        "rialgender.AreaOfAction", related_name="cooperation_requests", blank=True,
        verbose_name=_("areas of action"),
    )  # fmt: skip
    builds_on_program = models.ForeignKey(
        "portfolio.Program", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="cooperations_built_on",
        verbose_name=_("program of the providing ministry it builds on"),
    )  # fmt: skip
    need = models.ForeignKey(
        Listing, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests",
        verbose_name=_("need it answers"),
    )  # fmt: skip
    # The fingerprint of everything both ministries confirm (see `content_fingerprint`).
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, blank=True, editable=False
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )  # fmt: skip
    completed_at = models.DateTimeField(
        _("completed on"), null=True, blank=True, editable=False,
        help_text=_("When both ministries had sent their final report."),
    )  # fmt: skip

    objects = CooperationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-call__number", "pk"]
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(requesting_ministry=models.F("providing_ministry")),
                name="cooperation_two_different_ministries",
                violation_error_message=_("A ministry cannot cooperate with itself."),
            ),
            # One request per pair of ministries in a call, whichever of the two requests.
            models.UniqueConstraint(
                models.F("call"),
                Least("requesting_ministry", "providing_ministry"),
                Greatest("requesting_ministry", "providing_ministry"),
                name="cooperation_one_request_per_pair_and_call",
                violation_error_message=_(
                    "These two ministries already have a request in this call."
                ),
            ),
        ]
        indexes = [models.Index(fields=["decision", "state"], name="cooperation_decision_state")]

    def __str__(self):
        return self.title or self.title_es or self.title_en or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("cooperation:project-detail", kwargs={"pk": self.pk})

    def get_workspace_url(self):
        return reverse("cooperation:request-edit", kwargs={"pk": self.pk})

    @classmethod
    def required_translated_fields(cls) -> list[str]:
        return ["title", "summary"]

    @property
    def is_selected(self) -> bool:
        return self.decision == Decision.SELECTED

    @property
    def is_project(self) -> bool:
        return self.is_selected and self.is_published

    def party_ministry_ids(self) -> tuple[int, int]:
        return (self.requesting_ministry_id, self.providing_ministry_id)

    def party_countries(self) -> set[str]:
        return {str(self.requesting_ministry.country), str(self.providing_ministry.country)}

    def pair_slug(self) -> str:
        return pair_slug(self.requesting_ministry.country, self.providing_ministry.country)

    # -- what both ministries confirm ------------------------------------------------------

    def content_fingerprint(self, area_ids, activities) -> str:
        """A hash of everything the two ministries agree on: the texts in both languages, the
        parties, the call, the modality, the program, the areas and the activities."""
        texts = {
            f"{name}_{code}": getattr(self, f"{name}_{code}") or ""
            for name in ("title", "summary", "objectives", "expected_results")
            for code, _label in settings.LANGUAGES
        }
        payload = {
            **texts,
            "call": self.call_id,
            "parties": [self.requesting_ministry_id, self.providing_ministry_id],
            "modality": self.modality,
            "program": self.builds_on_program_id,
            "areas": sorted(area_ids),
            "activities": [
                [a.title_en or "", a.title_es or "", str(a.start or ""), str(a.end or "")]
                for a in activities
            ],
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def party_status(self) -> dict[int, str]:
        """Each ministry's answer to the current text: "confirmed", "declined" or "pending"
        (1 query). A confirmation of an earlier text no longer counts."""
        status = dict.fromkeys(self.party_ministry_ids(), "pending")
        answers = self.events.filter(
            kind__in=[EventKind.CONFIRMED, EventKind.DECLINED], content_hash=self.content_hash
        ).order_by("at", "pk")
        for event in answers:
            if event.ministry_id in status:
                status[event.ministry_id] = event.kind
        return status

    def workflow_blockers(self, action) -> list[str]:
        blockers = super().workflow_blockers(action)
        if action == Action.SUBMIT:
            blockers += self.call_closed_blockers()
            status = self.party_status()
            if any(answer != EventKind.CONFIRMED for answer in status.values()):
                blockers.append(
                    gettext("Both ministries must confirm the same text before it is submitted.")
                )
        elif action == Action.REOPEN and self.call.has_closed():
            blockers.append(gettext("The call has closed: the request cannot be reopened."))
        elif action == Action.PUBLISH and self.decision != Decision.SELECTED:
            blockers.append(gettext("Only a selected request is published as a project."))
        return blockers

    def call_closed_blockers(self, moment=None) -> list[str]:
        """Why the call does not take this request's confirmation or submission now."""
        call = self.call
        moment = moment or timezone.now()
        if not call.has_opened(moment):
            return [
                gettext("The call opens on %(when)s.")
                % {"when": format_moment(call.opens_at, call)}
            ]
        if call.has_closed(moment):
            return [
                gettext("The call closed on %(when)s.")
                % {"when": format_moment(call.closes_at, call)}
            ]
        return []


def pair_slug(first_country, second_country) -> str:
    """The address of a pair of countries, whichever requested: "bo-pa"."""
    return "-".join(sorted([str(first_country).lower(), str(second_country).lower()]))


def format_moment(moment, call) -> str:
    """A moment as the call states it: "31 March 2023, 23:59 (America/Bogota)"."""
    from django.utils.formats import date_format

    local = timezone.localtime(moment, call.zone)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({call.time_zone.replace('_', ' ')})"


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class ProjectActivity(models.Model):
    """An activity of the cooperation, with its dates: planned in the request, followed up
    once selected."""

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(_("activity"), max_length=300, blank=True)
    start = models.DateField(_("starts"), null=True, blank=True)
    end = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )

    class Meta:
        ordering = ["request", "start", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="cooperation_activity_ends_after_start",
                violation_error_message=_("The activity must end on or after its start."),
            )
        ]  # fmt: skip

    def __str__(self):
        return self.title or self.title_es or self.title_en or f"#{self.pk}"


class EventKind(models.TextChoices):
    CREATED = "created", _("Drafted")
    INVITED = "invited", _("Invited to confirm")
    EDITED = "edited", _("Changed")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    COMMENTED = "commented", _("Commented")
    DECIDED = "decided", _("Decision")
    REPORTED = "reported", _("Report sent")
    RESULT = "result", _("Result added")


class RequestEvent(models.Model):
    """One step of a request that is not a workflow state: drafted, changed, confirmed or
    declined by a ministry (with the hash of the text it saw), a comment, a decision, a
    report. With the workflow's Transitions, the request's whole history."""

    request = models.ForeignKey(CooperationRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=20, choices=EventKind.choices)
    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("ministry"),
    )  # fmt: skip
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("by"),
    )  # fmt: skip
    at = models.DateTimeField(_("when"), default=timezone.now)
    content_hash = models.CharField(max_length=64, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("step of a request")
        verbose_name_plural = _("steps of requests")
        indexes = [
            models.Index(fields=["request", "kind", "content_hash"], name="coop_event_answer")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"


# --- Review ----------------------------------------------------------------------------------


class Review(models.Model):
    """One reviewer's scores for one request. Final once submitted."""

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cooperation_reviews",
        verbose_name=_("reviewer"),
    )  # fmt: skip
    updated_at = models.DateTimeField(_("last changed on"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)

    class Meta:
        ordering = ["request", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(fields=["request", "reviewer"], name="one_review_per_reviewer")
        ]

    def __str__(self):
        return f"{self.reviewer} · {self.request}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


SCORE_MAX = 5


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["review", "criterion__order", "criterion__pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=SCORE_MAX),
                name="score_from_0_to_5",
                violation_error_message=_("A score goes from 0 to 5."),
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


# --- Follow-up -------------------------------------------------------------------------------


class ReportKind(models.TextChoices):
    PROGRESS = "progress", _("Progress report")
    FINAL = "final", _("Final report")


class Report(models.Model):
    """A report of one of the two ministries on a selected project: progress or final. Seen
    by both ministries and the Secretariat; written in the author's language."""

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="reports"
    )
    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, related_name="+", verbose_name=_("ministry")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    text = models.TextField(_("report"))
    language = models.CharField(
        _("written in"), max_length=2, choices=settings.LANGUAGES, default="es"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent on"), default=timezone.now)

    class Meta:
        ordering = ["request", "submitted_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "ministry"],
                condition=Q(kind="final"),
                name="one_final_report_per_party",
                violation_error_message=_("Your ministry already sent its final report."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.ministry}"


class EvidenceFile(models.Model):
    """A file that backs a report (an agenda, a list of participants, the manual itself).
    Downloaded only by the two ministries and the Secretariat, even once the project is
    public (rialgender.files asks `file_viewable_by`)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    file = ProtectedFileField(_("file"), kinds=DOCUMENTS)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False, default=0)
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.filename

    def save(self, *args, **kwargs):
        _file_facts(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.file.url

    def file_viewable_by(self, user) -> bool:
        from rialgender.workflow import may_act

        return may_act(user, self.report.request)

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class ResultKind(models.TextChoices):
    PROGRAM = "program", _("A program of the portfolio")
    RESOURCE = "resource", _("A resource of the documentation center")
    OTHER = "other", _("Another result")


class ResultQuerySet(models.QuerySet):
    def public(self):
        """Results shown on a project's public page: titled in both languages (a missing
        translation is stored as NULL or as an empty string)."""
        return (
            self.exclude(title_en__isnull=True)
            .exclude(title_es__isnull=True)
            .exclude(title_en="")
            .exclude(title_es="")
        )


class Result(models.Model):
    """What the cooperation produced: a program of the portfolio (the requesting ministry's
    new or updated program), a resource of the documentation center (the manual), or
    another result, with a link. Shown publicly once titled in both languages.

    A resource of the documentation center is linked by its address (`url`) until that
    center has models to point to."""

    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="results"
    )
    kind = models.CharField(_("kind of result"), max_length=20, choices=ResultKind.choices)
    title = models.CharField(_("title"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    program = models.ForeignKey(
        "portfolio.Program", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="cooperation_results", verbose_name=_("program of the portfolio"),
    )  # fmt: skip
    url = models.URLField(_("link"), max_length=500, blank=True)
    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("reported by"),
    )  # fmt: skip
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="results"
    )
    created_at = models.DateTimeField(_("added on"), default=timezone.now, editable=False)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["request", "created_at", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return self.title or self.title_es or self.title_en or f"#{self.pk}"

    @property
    def link(self) -> str:
        """The address to follow: a page of this portal (a resource of the documentation
        center) in the reader's language, any other address as it was given."""
        from urllib.parse import urlsplit

        from django.urls import translate_url
        from django.utils import translation

        if not self.url:
            return ""
        reader = translation.get_language() or settings.LANGUAGE_CODE
        written_in = urlsplit(self.url).path.strip("/").split("/")[0]
        if written_in not in dict(settings.LANGUAGES):
            return self.url
        # Django translates an address from the language it is written in.
        with translation.override(written_in):
            return translate_url(self.url, reader)


class ReminderSent(models.Model):
    """A closing reminder sent to a ministry about a request, so that none is sent twice."""

    request = models.ForeignKey(CooperationRequest, on_delete=models.CASCADE, related_name="+")
    ministry = models.ForeignKey("members.Ministry", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "ministry", "kind"], name="one_reminder_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.kind} · {self.request_id} · {self.ministry_id}"
