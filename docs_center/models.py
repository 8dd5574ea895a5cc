"""The documentation center: resources (publications, guides, training offers, legislation...)
with their files and the text of every page, the inclusion parameters that the Secretariat
drafts and the Steering Committee approves, reviews against them, and curated collections.

A resource is a `Publishable` whose author is the ministry that proposed it; a resource the
Secretariat adds itself has no ministry and is the Secretariat's alone (see
`rialgender.workflow.Authorship.secretariat_alone`). It is published only when both
languages are complete and a review against the parameters in force passed every required
parameter (`Resource.workflow_blockers`).

Search reads one row per resource: `search_document` holds the metadata of both languages
and the text of every page, kept by database triggers (migration 0002); `area_ids`,
`countries`, `document_languages`, `year`, `resource_type` and the training dates are the
facets, on the same row. Each page keeps its own vector (`FilePage.search`), in the
configuration of its language, to find the page and passage a result shows.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Cast, Random
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rialgender.fields import ChoiceArrayField
from rialgender.files import IMAGES, ProtectedFileField
from rialgender.sampling import SAMPLE_KEY_SPACE
from rialgender.workflow import Action, Authorship, Publishable, PublishableQuerySet, State


class ResourceType(models.TextChoices):
    PUBLICATION = "publication", _("Publication or study")
    GUIDE = "guide", _("Guide or toolkit")
    TRAINING = "training", _("Training offer")
    LEGISLATION = "legislation", _("Legislation")
    PRESENTATION = "presentation", _("Presentation")
    DATA = "data", _("Data or statistics")
    AUDIOVISUAL = "audiovisual", _("Audiovisual")


class DocumentLanguage(models.TextChoices):
    """Languages a document itself is written in (the languages of the Americas)."""

    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")


class DomesticWorkArea(models.TextChoices):
    """The five intervention areas of the Repository of Actions on Paid Domestic Work."""

    TRAINING = "training", _("Training and professionalization")
    AWARENESS = "awareness", _("Dissemination and awareness-raising")
    INSPECTION = "inspection", _("Inspection")
    SOCIAL_SECURITY = "social_security", _("Social security coverage")
    ALLIANCES = "alliances", _("Alliances with social actors")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC_BY_NC = "cc-by-nc-4.0", _("Creative Commons Attribution-NonCommercial 4.0 (CC BY-NC 4.0)")
    CC_BY_NC_ND = (
        "cc-by-nc-nd-4.0",
        _("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 (CC BY-NC-ND 4.0)"),
    )
    CC_BY_NC_SA = (
        "cc-by-nc-sa-3.0-igo",
        _("Creative Commons Attribution-NonCommercial-ShareAlike 3.0 IGO (CC BY-NC-SA 3.0 IGO)"),
    )
    PUBLIC = "public-domain", _("Public domain (official text)")
    RESERVED = "all-rights-reserved", _("All rights reserved; shared with permission")
    UNKNOWN = "unknown", _("Not stated")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/3.0/igo/",
}


class Modality(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    BLENDED = "blended", _("Blended")


class LegislationKind(models.TextChoices):
    LAW = "law", _("Law")
    DECREE = "decree", _("Decree")
    REGULATION = "regulation", _("Regulation")
    RESOLUTION = "resolution", _("Resolution or ministerial order")
    CONVENTION = "convention", _("International convention")
    MODEL_LAW = "model_law", _("Model law")
    OTHER = "other", _("Other")


class LegislationStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")
    BILL = "bill", _("Bill under discussion")
    REFERENCE = "reference", _("Reference text (not binding)")


class IloConvention(models.TextChoices):
    C100 = "C100", _("C100 Equal Remuneration Convention, 1951")
    C111 = "C111", _("C111 Discrimination (Employment and Occupation) Convention, 1958")
    C156 = "C156", _("C156 Workers with Family Responsibilities Convention, 1981")
    C183 = "C183", _("C183 Maternity Protection Convention, 2000")
    C189 = "C189", _("C189 Domestic Workers Convention, 2011")
    C190 = "C190", _("C190 Violence and Harassment Convention, 2019")


def country_choices():
    from rialgender.countries import network_country_choices

    return network_country_choices()


# -- inclusion parameters -------------------------------------------------------------------


class ParameterSetQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved_on__isnull=False)

    def in_force(self, on=None):
        """The version the Steering Committee approved most recently (on or before `on`)."""
        day = on or timezone.localdate()
        return (
            self.approved()
            .filter(approved_on__lte=day)
            .order_by("-approved_on", "-version")
            .first()
        )


class ParameterSet(models.Model):
    """One version of the checklist a resource must meet to enter the documentation center.

    The Secretariat drafts it (in the admin); the Steering Committee approves it, which
    freezes it: a change is a new version. The version in force is the one approved last."""

    version = models.PositiveSmallIntegerField(_("version"), unique=True)
    introduction = models.TextField(_("introduction"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("drafted by"), editable=False,
    )  # fmt: skip
    created_at = models.DateTimeField(_("drafted on"), default=timezone.now, editable=False)
    approved_on = models.DateField(
        _("approved by the Steering Committee on"), null=True, blank=True, editable=False
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("approval recorded by"), editable=False,
    )  # fmt: skip

    objects = ParameterSetQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("inclusion parameters (version)")
        verbose_name_plural = _("inclusion parameters (versions)")

    def __str__(self):
        return gettext("Inclusion parameters, version %(version)s") % {"version": self.version}

    def get_absolute_url(self):
        return reverse("docs_center:parameters-version", kwargs={"pk": self.pk})

    @property
    def is_approved(self) -> bool:
        return self.approved_on is not None


class Parameter(models.Model):
    """One criterion of a version of the checklist."""

    parameter_set = models.ForeignKey(
        ParameterSet, on_delete=models.CASCADE, related_name="parameters",
        verbose_name=_("version"),
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("criterion"), max_length=300)
    guidance = models.TextField(
        _("what the proposer is asked"), blank=True,
        help_text=_("Leave empty when the Secretariat checks it without asking the proposer."),
    )  # fmt: skip
    required = models.BooleanField(
        _("required"), default=True,
        help_text=_("A resource is published only when every required criterion passes."),
    )  # fmt: skip

    class Meta:
        ordering = ["parameter_set", "order", "pk"]
        verbose_name = _("inclusion parameter")
        verbose_name_plural = _("inclusion parameters")

    def __str__(self):
        return self.text

    @property
    def asks_evidence(self) -> bool:
        return bool(self.guidance_en or self.guidance_es)


# -- resources ------------------------------------------------------------------------------


class ResourceQuerySet(PublishableQuerySet):
    def for_display(self):
        """Without the search document, which only the database needs (tens of kB a row)."""
        return self.defer("search_document", "translation_sync")

    def in_oai(self):
        """What OAI-PMH harvesters see: everything ever published (the rest as deleted)."""
        return self.filter(published_at__isnull=False)


def _choice_label(choices, value) -> str:
    """What Django's get_FOO_display() says: the choice's label in the active language, or
    the value itself."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class Resource(Publishable):
    """A publication, guide, training offer, piece of legislation... of the center."""

    authorship = Authorship.ministry("ministry")

    ministry = models.ForeignKey(
        "members.Ministry", on_delete=models.PROTECT, null=True, blank=True,
        related_name="resources", verbose_name=_("proposed by the ministry"),
        help_text=_("Empty for resources the Technical Secretariat adds itself."),
    )  # fmt: skip
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("proposed by"), editable=False,
    )  # fmt: skip
    resource_type = models.CharField(
        _("type of resource"), max_length=20, choices=ResourceType.choices,
        default=ResourceType.PUBLICATION,
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=300, blank=True)
    abstract = models.TextField(
        _("abstract"), blank=True, help_text=_("What it is, for whom, and what it offers.")
    )
    authors = models.TextField(
        _("authors"), blank=True, help_text=_("One person or institution per line.")
    )
    organization = models.CharField(
        _("organization"), max_length=300, blank=True,
        help_text=_("The institution responsible for the resource."),
    )  # fmt: skip
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )  # fmt: skip
    document_languages = ChoiceArrayField(
        models.CharField(max_length=2, choices=DocumentLanguage.choices),
        default=list, blank=True, verbose_name=_("languages of the document"),
    )  # fmt: skip
    # The ids of the areas of action, on the resource's own row: search filters and counts
    # them there, with the other facets (see docs_center/forms.py, AreaIdsField).
    area_ids = ArrayField(
        models.BigIntegerField(), default=list, blank=True, verbose_name=_("areas of action")
    )
    domestic_work_areas = ChoiceArrayField(
        models.CharField(max_length=20, choices=DomesticWorkArea.choices),
        default=list, blank=True,
        verbose_name=_("intervention areas of the Domestic Work Repository"),
    )  # fmt: skip
    countries = ChoiceArrayField(
        models.CharField(max_length=2, choices=country_choices),
        default=list, blank=True, verbose_name=_("countries concerned"),
    )  # fmt: skip
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.UNKNOWN
    )
    external_url = models.URLField(
        _("link"), max_length=500, blank=True,
        help_text=_("Where the resource is published, if it is on another website."),
    )  # fmt: skip

    # A training offer.
    provider = models.CharField(_("provider"), max_length=300, blank=True)
    modality = models.CharField(_("modality"), max_length=20, choices=Modality.choices, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    duration = models.CharField(
        _("duration"), max_length=200, blank=True, help_text=_("For example: 10 weeks, 50 hours.")
    )
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    enrolment_url = models.URLField(_("enrolment link"), max_length=500, blank=True)
    enrolment_closes_on = models.DateField(_("enrolment closes on"), null=True, blank=True)

    # Legislation.
    legislation_country = models.CharField(
        _("country of the legislation"), max_length=2, choices=country_choices, blank=True
    )
    legislation_kind = models.CharField(
        _("type of norm"), max_length=20, choices=LegislationKind.choices, blank=True
    )
    legislation_number = models.CharField(_("number"), max_length=100, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force since"), null=True, blank=True)
    legislation_status = models.CharField(
        _("status"), max_length=20, choices=LegislationStatus.choices, blank=True
    )
    ilo_conventions = ChoiceArrayField(
        models.CharField(max_length=4, choices=IloConvention.choices),
        default=list, blank=True, verbose_name=_("related ILO conventions"),
    )  # fmt: skip

    # What the proposer says about each parameter of the version in force: {parameter id: text}.
    evidence = models.JSONField(
        _("evidence for the inclusion parameters"), default=dict, blank=True
    )

    # Bumped when the text of the files changes, so that the trigger of migration 0002 reads
    # the pages again into search_document.
    text_version = models.PositiveIntegerField(default=0, editable=False)
    search_document = SearchVectorField(null=True, editable=False)
    sample_key = models.IntegerField(
        editable=False, db_default=Cast(Random() * SAMPLE_KEY_SPACE, models.IntegerField())
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [
            GinIndex(fields=["search_document"], name="resource_search"),
            GinIndex(fields=["area_ids"], name="resource_area_ids"),
            GinIndex(fields=["countries"], name="resource_countries"),
            models.Index(fields=["state", "-published_at"], name="resource_state_published"),
            models.Index(
                fields=["sample_key"],
                condition=models.Q(state=State.PUBLISHED),
                name="resource_published_sample",
            ),  # fmt: skip
            # OAI-PMH lists what was ever published, in order of id, from a datestamp.
            models.Index(
                fields=["updated_at", "id"],
                condition=models.Q(published_at__isnull=False),
                name="resource_oai",
            ),  # fmt: skip
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="resource_training_dates_in_order",
            )
        ]

    def __str__(self):
        return self.title or self.title_es or self.title_en or f"#{self.pk}"

    def get_absolute_url(self):
        return reverse("docs_center:resource-detail", kwargs={"pk": self.pk})

    def get_resource_type_display(self):
        # Django's own builds a dict of every choice at each call (a result page calls it 20
        # times); the enum finds the label at once.
        return _choice_label(ResourceType, self.resource_type)

    def get_workspace_url(self):
        return reverse("docs_center:resource-edit", kwargs={"pk": self.pk})

    @classmethod
    def required_translated_fields(cls) -> list[str]:
        return ["title", "abstract"]

    # -- cheap properties for templates ----------------------------------------------------

    @property
    def is_training(self) -> bool:
        return self.resource_type == ResourceType.TRAINING

    @property
    def is_legislation(self) -> bool:
        return self.resource_type == ResourceType.LEGISLATION

    @property
    def is_open_now(self) -> bool:
        """A training offer whose enrolment is still open (or, with no closing date, that
        has not ended)."""
        if not self.is_training:
            return False
        today = timezone.localdate()
        if self.enrolment_closes_on:
            return self.enrolment_closes_on >= today
        return bool(self.ends_on and self.ends_on >= today)

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    def labels(self, field: str, choices) -> list[str]:
        names = dict(choices)
        return [str(names.get(code, code)) for code in getattr(self, field)]

    def document_language_labels(self) -> list[str]:
        return self.labels("document_languages", DocumentLanguage.choices)

    def domestic_work_area_labels(self) -> list[str]:
        return self.labels("domestic_work_areas", DomesticWorkArea.choices)

    def ilo_convention_labels(self) -> list[str]:
        return self.labels("ilo_conventions", IloConvention.choices)

    def country_names(self) -> list[str]:
        from django_countries import countries

        return [countries.name(code) for code in self.countries]

    # -- the inclusion parameters ----------------------------------------------------------

    def workflow_blockers(self, action) -> list[str]:
        """Submitting needs the proposer's evidence for every required parameter that asks
        for it; publishing needs both languages and a review against the parameters in force
        that passed every required parameter."""
        blockers = super().workflow_blockers(action)
        if action == Action.SUBMIT:
            missing = missing_evidence(self)
            if missing:
                blockers.append(
                    gettext("Before submitting, say how the resource meets: %(criteria)s.")
                    % {"criteria": "; ".join(p.text for p in missing)}
                )
        if action == Action.PUBLISH:
            blockers.extend(review_blockers(self))
        return blockers


def missing_evidence(resource) -> list["Parameter"]:
    """The required parameters in force that ask the proposer for evidence not yet given."""
    version = ParameterSet.objects.in_force()
    if version is None:
        return []
    return [
        p
        for p in version.parameters.all()
        if p.required and p.asks_evidence and not str(resource.evidence.get(str(p.pk), "")).strip()
    ]


def review_blockers(resource) -> list[str]:
    version = ParameterSet.objects.in_force()
    if version is None:
        return [
            gettext(
                "No inclusion parameters are in force: the Steering Committee must approve a version first."
            )
        ]
    review = (
        Review.objects.filter(resource=resource, parameter_set=version)
        .prefetch_related("items__parameter")
        .first()
    )
    if review is None:
        return [
            gettext(
                "It has not been reviewed against the inclusion parameters in force (version %(version)s)."
            )
            % {"version": version.version}
        ]
    failed = review.failed_required()
    if failed:
        return [
            gettext("These required inclusion parameters did not pass: %(criteria)s.")
            % {"criteria": "; ".join(p.text for p in failed)}
        ]
    return []


class TextStatus(models.TextChoices):
    PENDING = "pending", _("Text being read")
    EXTRACTED = "extracted", _("Text searchable")
    NO_TEXT = "no_text", _("Scanned: no text layer")
    FAILED = "failed", _("Text could not be read")
    NOT_APPLICABLE = "none", _("No text to read")


class TextError(models.TextChoices):
    ENCRYPTED = "encrypted", _("The PDF is protected with a password.")
    CORRUPT = "corrupt", _("The file is damaged and cannot be read.")
    TOO_MANY_PAGES = "too_many_pages", _("The file has more pages than the center reads.")
    TIMEOUT = "timeout", _("Reading the file took too long.")
    CRASHED = "crashed", _("The file made the reader fail.")
    UNSUPPORTED = "unsupported", _("The text of this type of file is not read.")


class ResourceFile(models.Model):
    """A file of a resource, in one language. Served only through a view that asks whether
    the person may see the resource; its text is read page by page by a Celery task."""

    FILE_OWNER = "resource"

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    file = ProtectedFileField(
        _("file"), kinds=("pdf", "docx", "odt", "pptx", "xlsx"), max_bytes=20 * 1024 * 1024
    )
    language = models.CharField(
        _("language of the file"), max_length=2, choices=DocumentLanguage.choices
    )
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        editable=False, related_name="+",
    )  # fmt: skip
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    text_status = models.CharField(
        _("text"), max_length=12, choices=TextStatus.choices, default=TextStatus.PENDING,
        editable=False,
    )  # fmt: skip
    text_error = models.CharField(
        max_length=20, choices=TextError.choices, blank=True, editable=False
    )
    page_count = models.PositiveIntegerField(_("pages"), default=0, editable=False)
    extracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    thumbnail = ProtectedFileField(kinds=IMAGES, blank=True, editable=False)
    # Its size in pixels, so that pages reserve its place before it loads (a slide's first
    # page is wider than tall).
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["resource_id", "language", "pk"]  # resource_id: no join to its ordering
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        """The file, through the portal's permission-checked download (PDFs open in the
        browser, so that #page=N opens the page a search found)."""
        return self.file.url

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

    def get_language_display(self):
        return _choice_label(DocumentLanguage, self.language)  # see Resource's type

    def get_thumbnail_url(self):
        return self.thumbnail.url if self.thumbnail else ""

    THUMBNAIL_SHOWN_WIDTH = 80  # px, in the lists and on the resource's page

    @property
    def thumbnail_shown_height(self) -> int:
        """The thumbnail's height when shown THUMBNAIL_SHOWN_WIDTH wide (an A4 page's, if its
        size is not known)."""
        width, height = self.thumbnail_width, self.thumbnail_height
        if not width or not height:
            return round(self.THUMBNAIL_SHOWN_WIDTH * 297 / 210)
        return max(1, round(self.THUMBNAIL_SHOWN_WIDTH * height / width))

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"

    def page_url(self, number: int) -> str:
        """The file opened at a page: PDF viewers read the #page fragment."""
        url = self.get_absolute_url()
        return f"{url}#page={number}" if self.is_pdf else url

    @property
    def text_problem(self) -> str:
        return self.get_text_error_display() if self.text_error else ""


class FilePage(models.Model):
    """The text of one page of a file, with its search vector in the language of the file
    (filled by a trigger, migration 0002)."""

    # No index of their own: (file, number) and (resource, file, number) below lead with
    # them, and every page written would otherwise update two more indexes.
    file = models.ForeignKey(
        ResourceFile, on_delete=models.CASCADE, related_name="pages", db_index=False
    )
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    number = models.PositiveIntegerField()
    language = models.CharField(max_length=2, choices=DocumentLanguage.choices)
    text = models.TextField(blank=True)
    search = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["file_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["file", "number"], name="filepage_unique_number")
        ]
        indexes = [
            GinIndex(fields=["search"], name="filepage_search"),
            models.Index(fields=["resource", "file", "number"], name="filepage_resource"),
        ]

    def __str__(self):
        return f"{self.file_id} p.{self.number}"


# -- reviews --------------------------------------------------------------------------------


class Review(models.Model):
    """The Secretariat's review of a resource against one version of the parameters."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="reviews")
    parameter_set = models.ForeignKey(
        ParameterSet, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("version")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("reviewer"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed on"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "parameter_set"], name="review_one_per_version"
            )
        ]

    def __str__(self):
        return f"{self.resource} · {self.parameter_set}"

    def failed_required(self) -> list[Parameter]:
        """Required parameters of the version that did not pass (or were not answered)."""
        passed = {item.parameter_id for item in self.items.all() if item.passed}
        return [p for p in self.parameter_set.parameters.all() if p.required and p.pk not in passed]


class ReviewItem(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="items")
    parameter = models.ForeignKey(Parameter, on_delete=models.PROTECT, related_name="+")
    passed = models.BooleanField(_("passes"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["parameter__order", "parameter__pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "parameter"], name="reviewitem_unique")
        ]

    def __str__(self):
        return f"{self.parameter_id}: {'pass' if self.passed else 'fail'}"


# -- collections and OAI-PMH ----------------------------------------------------------------


class Collection(Publishable):
    """A collection curated by the Secretariat (the Domestic Work Repository is the first)."""

    authorship = Authorship.secretariat()

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    resources = models.ManyToManyField(
        Resource, related_name="collections", blank=True, verbose_name=_("resources")
    )
    group_by_domestic_work_area = models.BooleanField(
        _("group by the Domestic Work Repository's intervention areas"), default=False
    )

    class Meta:
        ordering = ["title_en", "pk"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self):
        return self.title or self.title_es or self.title_en or self.slug

    def get_absolute_url(self):
        return reverse("docs_center:collection-detail", kwargs={"slug": self.slug})


class DeletedResource(models.Model):
    """What OAI-PMH harvesters are told about a published resource that was deleted: the
    repository keeps deleted records persistently."""

    resource_id = models.BigIntegerField(unique=True)
    deleted_at = models.DateTimeField(default=timezone.now, db_index=True)
    resource_type = models.CharField(max_length=20)
    area_ids = ArrayField(models.BigIntegerField(), default=list)

    class Meta:
        ordering = ["resource_id"]

    def __str__(self):
        return f"deleted resource {self.resource_id}"


class CompiledRecord(models.Model):
    """A published resource's OAI-PMH <record> (header and oai_dc) as last written, so that a
    harvest reads records rather than writes them (see oai.py). Any change to the resource's
    row or to its files deletes it (triggers, migration 0006); a change in what every record
    shares (the areas' names, the site's address, the code) gives records a new `key`, and
    a record of another key is written again when next harvested."""

    resource = models.OneToOneField(
        Resource, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    key = models.CharField(max_length=16)
    xml = models.TextField()

    def __str__(self):
        return f"compiled record of resource {self.resource_id}"
