from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Cast, Random
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portfolio.rules import can_download_attachment
from rialgender.fields import ChoiceArrayField
from rialgender.files import DOCUMENTS, ProtectedFileField
from rialgender.sampling import SAMPLE_KEY_SPACE
from rialgender.workflow import Authorship, Publishable, PublishableQuerySet, State

STALE_AFTER_DAYS = 548  # 18 months


class InterventionType(models.TextChoices):
    POLICY = "policy", _("Policy")
    PROGRAM = "program", _("Program")
    LAW = "law", _("Law or regulation")
    TRAINING = "training", _("Training")
    INSPECTION = "inspection", _("Inspection")
    CAMPAIGN = "campaign", _("Awareness campaign")
    SEAL = "seal", _("Seal or certification")
    SERVICE = "service", _("Service")
    OTHER = "other", _("Other")


class PopulationGroup(models.TextChoices):
    DOMESTIC_WORKERS = "domestic_workers", _("Domestic workers")
    RURAL = "rural_women", _("Rural women")
    INDIGENOUS = "indigenous_women", _("Indigenous women")
    AFRO = "afro_descendant_women", _("Afro-descendant women")
    MIGRANT = "migrant_women", _("Migrant women")
    DISABILITIES = "women_with_disabilities", _("Women with disabilities")
    YOUNG = "young_women", _("Young women")
    LGBTIQ = "lgbtiq", _("LGBTIQ+ people")
    CARE_WORKERS = "care_workers", _("Care workers")
    NON_TRADITIONAL = "non_traditional_jobs", _("Women in non-traditional jobs")
    ENTREPRENEURS = "women_entrepreneurs", _("Women entrepreneurs")
    VIOLENCE_SURVIVORS = "violence_survivors", _("Survivors of violence")


class EvaluationType(models.TextChoices):
    NONE = "none", _("No evaluation")
    MONITORING = "monitoring", _("Monitoring")
    PROCESS = "process", _("Process evaluation")
    IMPACT = "impact", _("Impact evaluation")


class ProgramQuerySet(PublishableQuerySet):
    def stale(self, now=None):
        """Published programs whose ministry has not confirmed them for 18 months."""
        limit = (now or timezone.now()) - timezone.timedelta(days=STALE_AFTER_DAYS)
        return self.published().filter(
            models.Q(last_confirmed_at__lt=limit)
            | models.Q(last_confirmed_at__isnull=True, published_at__lt=limit)
        )

    def for_list(self):
        return self.select_related("ministry").prefetch_related("areas")


class Program(Publishable):
    """A program, policy or initiative that a ministry shares in the portfolio."""

    authorship = Authorship.ministry("ministry")

    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, related_name="programs",
        verbose_name=_("ministry"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=250, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Two or three sentences: what it is and for whom.")
    )
    objectives = models.TextField(_("objectives"), blank=True)
    target_population = models.TextField(_("target population"), blank=True)
    description = models.TextField(_("what was done"), blank=True)
    results = models.TextField(
        _("results achieved"), blank=True, help_text=_("With figures where there are any.")
    )
    lessons = models.TextField(_("lessons learned"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    evaluation_findings = models.TextField(_("findings of the evaluation"), blank=True)

    intervention_type = models.CharField(
        _("type of intervention"), max_length=20, choices=InterventionType.choices,
        default=InterventionType.PROGRAM,
    )  # fmt: skip
    areas = models.ManyToManyField(
        "rialgender.AreaOfAction", related_name="programs", blank=True,
        verbose_name=_("areas of action"),
    )  # fmt: skip
    population_groups = ChoiceArrayField(
        models.CharField(max_length=30, choices=PopulationGroup.choices),
        default=list, blank=True, verbose_name=_("population groups reached"),
    )  # fmt: skip
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )  # fmt: skip
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("Leave empty if the program is ongoing."),
    )  # fmt: skip
    evaluation_type = models.CharField(
        _("evaluation"), max_length=20, choices=EvaluationType.choices, default=EvaluationType.NONE
    )
    is_experimental = models.BooleanField(
        _("experimental or quasi-experimental design"), default=False
    )
    evaluated_by = models.CharField(_("evaluated by"), max_length=250, blank=True)
    evaluation_url = models.URLField(_("link to the evaluation"), blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    contact_email = models.EmailField(
        _("public contact"), blank=True,
        help_text=_("An institutional address (for example, the gender unit's), not a person's."),
    )  # fmt: skip
    last_confirmed_at = models.DateTimeField(
        _("last confirmed by the ministry"), null=True, blank=True
    )

    # Filled by a database trigger (migration 0002) from both languages' texts.
    search_en = SearchVectorField(null=True, editable=False)
    search_es = SearchVectorField(null=True, editable=False)

    # The ids of `areas`, kept by database triggers (migration 0005) whatever writes them,
    # so that a search filters areas on the program's row, with the other indexed filters.
    area_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    # A random number drawn once per program. A search that matches more programs than
    # PORTFOLIO_SEARCH_EXACT_LIMIT reads the matches whose key falls in a range: a uniform
    # random sample, found through an index whatever the size of the portfolio.
    sample_key = models.IntegerField(
        editable=False, db_default=Cast(Random() * SAMPLE_KEY_SPACE, models.IntegerField())
    )

    objects = ProgramQuerySet.as_manager()

    # Confirming that a program is still current does not change it; the database keeps the
    # search columns.
    bookkeeping_fields = ("last_confirmed_at", "search_en", "search_es", "area_ids", "sample_key")

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        indexes = [
            GinIndex(fields=["search_en"], name="program_search_en"),
            GinIndex(fields=["search_es"], name="program_search_es"),
            GinIndex(fields=["population_groups"], name="program_groups"),
            GinIndex(fields=["area_ids"], name="program_area_ids"),
            models.Index(fields=["state", "-published_at"], name="program_state_published"),
            models.Index(
                fields=["intervention_type"],
                condition=models.Q(state=State.PUBLISHED),
                name="program_published_type",
            ),
            models.Index(
                fields=["sample_key"],
                condition=models.Q(state=State.PUBLISHED),
                name="program_published_sample",
            ),  # fmt: skip
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="program_years_in_order",
            )
        ]

    def __str__(self):
        return self.title or self.title_es or self.title_en or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("portfolio:program-detail", kwargs={"pk": self.pk})

    def get_workspace_url(self):
        return reverse("portfolio:program-edit", kwargs={"pk": self.pk})

    @classmethod
    def required_translated_fields(cls) -> list[str]:
        return ["title", "summary"]

    @property
    def is_ongoing(self) -> bool:
        return self.end_year is None

    @property
    def is_evaluated(self) -> bool:
        return self.evaluation_type != EvaluationType.NONE

    @property
    def confirmed_at(self):
        return self.last_confirmed_at or self.published_at

    @property
    def is_stale(self) -> bool:
        confirmed = self.confirmed_at
        return bool(
            self.is_published
            and confirmed
            and confirmed < timezone.now() - timezone.timedelta(days=STALE_AFTER_DAYS)
        )

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def population_group_labels(self) -> list[str]:
        labels = dict(PopulationGroup.choices)
        return [labels.get(code, code) for code in self.population_groups]


class AttachmentKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    EVALUATION = "evaluation", _("Evaluation report")
    IMAGE = "image", _("Image")


def attachment_path(instance, filename):
    """Where the first uploads were stored (named by migration 0001; see rialgender.files)."""
    return f"portfolio/{instance.program_id}/{filename}"


class ProgramAttachment(models.Model):
    """A file of a program, downloaded only by whom may see the program (rialgender.files)."""

    FILE_OWNER = "program"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="attachments")
    file = ProtectedFileField(_("file"), kinds=DOCUMENTS)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.DOCUMENT
    )
    language = models.CharField(
        _("language of the file"), max_length=4,
        choices=[*settings.LANGUAGES, ("both", _("Both languages"))], default="both",
    )  # fmt: skip
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Uploads from the admin's inline arrive without the type and size the workspace sets.
        if self.file:
            self.content_type = self.file.content_type
            if not self.size:
                self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return self.file.url

    def file_viewable_by(self, user) -> bool:
        return can_download_attachment(user, self)

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]
