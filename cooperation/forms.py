"""Forms of bilateral cooperation. Everything typed is kept when something is refused."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.models import (
    ActivityStatus,
    Call,
    CooperationRequest,
    Decision,
    Listing,
    ListingKind,
    Modality,
    ProjectActivity,
    ReportKind,
    Result,
    ResultKind,
    time_zone_choices,
)
from rialgender.files import FILE_FIELD_MESSAGES
from rialgender.forms import LANGUAGE_ORDER, BilingualModelForm, reader_first
from rialgender.models import AreaOfAction

TRANSLATED = ("title", "summary", "objectives", "expected_results")
EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def check_upload(upload) -> tuple[str, str]:
    """The one check of an evidence file: its type read from its content, its size, a clean
    name (rialgender.files). Returns (name, content type); raises ValidationError with a
    translated message."""
    from rialgender.files import DOCUMENTS, clean_upload

    return clean_upload(upload, kinds=DOCUMENTS)


# --- Calls (the Secretariat's, in the admin) ----------------------------------------------------


class LocalDateTimeField(forms.SplitDateTimeField):
    """A date and a time as written, with no time zone of its own: the call's zone is applied
    by the form (the admin's active zone is the Secretariat's, not the call's)."""

    widget = forms.SplitDateTimeWidget

    def compress(self, data_list):
        value = super().compress(data_list)
        return timezone.make_naive(value) if value is not None and timezone.is_aware(value) else value  # fmt: skip


class CallAdminForm(forms.ModelForm):
    """The Secretariat states when the call opens and closes in the call's own time zone; the
    moments are stored as such, whatever zone the admin runs in."""

    opens_local = LocalDateTimeField(
        label=_("Opens (local time)"), help_text=_("Date and time in the call's time zone.")
    )
    closes_local = LocalDateTimeField(
        label=_("Closes (local time)"), help_text=_("Date and time in the call's time zone.")
    )

    class Meta:
        model = Call
        fields = ["number", "year", "title", "terms", "time_zone", "modalities", "pass_threshold", "reviewers"]  # fmt: skip
        widgets = {"time_zone": forms.Select(choices=time_zone_choices())}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget = forms.Select(choices=time_zone_choices())
        if self.instance.pk:
            zone = self.instance.zone
            self.initial["opens_local"] = timezone.make_naive(self.instance.opens_at, zone)
            self.initial["closes_local"] = timezone.make_naive(self.instance.closes_at, zone)

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        opens, closes = data.get("opens_local"), data.get("closes_local")
        if zone_name and opens and closes:
            import zoneinfo

            zone = zoneinfo.ZoneInfo(zone_name)
            self.instance.opens_at = opens.replace(tzinfo=zone)
            self.instance.closes_at = closes.replace(tzinfo=zone)
            if self.instance.closes_at <= self.instance.opens_at:
                self.add_error("closes_local", _("The call must close after it opens."))
        return data


# --- The joint request ------------------------------------------------------------------------


class RequestForm(BilingualModelForm):
    """The joint request: both languages side by side, one is enough. A new request chooses
    its call and the providing ministry; then the program it builds on is chosen among that
    ministry's published programs."""

    translated_fields = TRANSLATED

    seen_hash = forms.CharField(widget=forms.HiddenInput, required=False)
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas of action"), queryset=AreaOfAction.objects.active(),
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip

    class Meta:
        model = CooperationRequest
        fields = [
            *[f"{name}_{lang}" for name in TRANSLATED for lang in LANGUAGE_ORDER],
            "call", "providing_ministry", "modality", "areas", "builds_on_program",
        ]  # fmt: skip
        widgets = {
            **{f"{n}_{lang}": forms.Textarea(attrs={"rows": 4}) for n in TRANSLATED[1:] for lang in LANGUAGE_ORDER},
        }  # fmt: skip

    def __init__(self, *args, ministry, calls, **kwargs):
        super().__init__(*args, **kwargs)
        from members.models import Ministry

        Program = CooperationRequest._meta.get_field("builds_on_program").related_model
        self.ministry = ministry
        self.creating = self.instance.pk is None
        if self.creating:
            self.fields["call"].queryset = Call.objects.filter(pk__in=[c.pk for c in calls])
            self.fields["call"].empty_label = None
            self.fields["providing_ministry"].queryset = Ministry.objects.filter(
                is_active=True
            ).exclude(pk=ministry.pk if ministry else None)
            self.fields["providing_ministry"].help_text = _(
                "The ministry whose technical advice you ask for. Its focal points are asked to "
                "confirm the request."
            )
            del self.fields["builds_on_program"]
            call = calls[0] if len(calls) == 1 else None
        else:
            del self.fields["call"], self.fields["providing_ministry"]
            self.fields["builds_on_program"].queryset = (
                Program.objects.published()
                .filter(ministry_id=self.instance.providing_ministry_id)
                .order_by("title_en", "pk")
            )
            self.fields["builds_on_program"].help_text = _(
                "A program of the providing ministry in the portfolio, if the cooperation "
                "builds on one."
            )
            call = self.instance.call
            self.initial["seen_hash"] = self.instance.content_hash
        if call is not None:
            self.fields["modality"].choices = call.modality_choices()
        else:
            self.fields["modality"].choices = list(Modality.choices)

    def party_fields(self):
        return [self[name] for name in ("call", "providing_ministry") if name in self.fields]

    def detail_fields(self):
        names = ("modality", "areas", "builds_on_program")
        return [self[name] for name in names if name in self.fields]

    def clean(self):
        data = super().clean()
        self.require_one_language("title", _("Give the request a title, in Spanish or in English."))
        call = data.get("call") if self.creating else self.instance.call
        modality = data.get("modality")
        if call is not None and modality and modality not in dict(call.modality_choices()):
            self.add_error("modality", _("This call does not offer this modality."))
        if self.creating and call is not None:
            from django.db.models import Q

            provider = data.get("providing_ministry")
            if (
                provider is not None
                and self.ministry is not None
                and (
                    CooperationRequest.objects.filter(call=call)
                    .filter(
                        Q(requesting_ministry=self.ministry, providing_ministry=provider)
                        | Q(requesting_ministry=provider, providing_ministry=self.ministry)
                    )
                    .exists()
                )
            ):
                self.add_error(
                    "providing_ministry",
                    _("Your ministry and this one already have a request in this call."),
                )
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = ProjectActivity
        fields = ["title_en", "title_es", "start", "end"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from rialgender.languages import field_label

        for lang in LANGUAGE_ORDER:
            field = self.fields[f"title_{lang}"]
            field.label = field_label(_("activity"), lang)
            field.widget.attrs["lang"] = lang
        # The reader's language first, as in the request's own pairs above the activities.
        self.order_fields([f"title_{lang}" for lang in reader_first()])

    def clean(self):
        data = super().clean()
        if not (data.get("title_en") or data.get("title_es")) and (data.get("start") or data.get("end")):  # fmt: skip
            self.add_error("title_es", _("Describe the activity, in Spanish or in English."))
        for name in ("start", "end"):
            value = data.get(name)
            if value and not EARLIEST_DATE <= value <= LATEST_DATE:
                self.add_error(name, _("Enter a date between 2000 and 2100."))
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The activity must end on or after its start."))
        return data


ActivityFormSet = inlineformset_factory(
    CooperationRequest, ProjectActivity, form=ActivityForm, extra=2, can_delete=True,
    max_num=30, validate_max=True,
)  # fmt: skip


class AnswerForm(forms.Form):
    """Confirm (with an optional comment) or decline (with a reason) the text one read."""

    seen_hash = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Both ministries and the Technical Secretariat read it."),
    )  # fmt: skip


# --- Review ------------------------------------------------------------------------------------

SCORE_CHOICES = [("", "—"), *[(str(n), str(n)) for n in range(6)]]


class ReviewForm(forms.Form):
    """A score from 0 to 5 and a comment per criterion. Saving a draft may leave scores out;
    submitting needs them all (the service says which)."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        scores = scores or {}
        for criterion in criteria:
            existing = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name, choices=SCORE_CHOICES, coerce=int, empty_value=None,
                required=False, widget=forms.RadioSelect,
                initial=str(existing.score) if existing else "",
                error_messages={"invalid_choice": _("A score goes from 0 to 5.")},
            )  # fmt: skip
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                initial=existing.comment if existing else "",
            )  # fmt: skip

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data.get(f"score_{c.pk}"), self.cleaned_data.get(f"comment_{c.pk}", ""))
            for c in self.criteria
        }  # fmt: skip


class DecisionsForm(forms.Form):
    """One decision per fully reviewed request of the call, taken together."""

    def __init__(self, *args, ranked, **kwargs):
        super().__init__(*args, **kwargs)
        self.ranked = ranked
        for row in ranked:
            request = row.request
            self.fields[f"decision_{request.pk}"] = forms.ChoiceField(
                label=str(request), required=False,
                choices=[("", _("No decision yet")), *Decision.choices],
                initial=request.decision,
            )  # fmt: skip

    def decisions(self) -> dict:
        return {
            row.request.pk: self.cleaned_data.get(f"decision_{row.request.pk}")
            for row in self.ranked
        }

    def field_for(self, request):
        return self[f"decision_{request.pk}"]


# --- Offers and needs --------------------------------------------------------------------------


class ListingForm(BilingualModelForm):
    translated_fields = ("title", "description")

    class Meta:
        model = Listing
        fields = ["kind", "area", "title_en", "title_es", "description_en", "description_es", "program"]  # fmt: skip
        widgets = {
            "kind": forms.RadioSelect,
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_es": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, ministry, **kwargs):
        super().__init__(*args, **kwargs)
        Program = Listing._meta.get_field("program").related_model
        self.fields["area"].queryset = AreaOfAction.objects.active()
        owner = self.instance.ministry_id if self.instance.pk else getattr(ministry, "pk", None)
        self.fields["program"].queryset = Program.objects.published().filter(ministry_id=owner).order_by("title_en", "pk")  # fmt: skip
        self.fields["program"].required = False

    def clean(self):
        data = super().clean()
        self.require_one_language("title", _("Say it in a sentence, in Spanish or in English."))
        if data.get("kind") == ListingKind.NEED and data.get("program"):
            self.add_error("program", _("Only an offer points to a program."))
        return data


class ListingFilterForm(forms.Form):
    """The filters of the offers and needs page, shown with what the query string asked
    (parsed by rialgender.params in the view: anything unknown is ignored)."""

    area = forms.ModelChoiceField(queryset=AreaOfAction.objects.all(), required=False, label=_("Area of action"))  # fmt: skip
    kind = forms.ChoiceField(
        choices=[("", _("Offers and needs")), *ListingKind.choices], required=False,
        label=_("Show"),
    )  # fmt: skip


# --- Follow-up ---------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput
    default_error_messages = FILE_FIELD_MESSAGES

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


MAX_EVIDENCE_FILES = 10


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Report"), choices=ReportKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("What was done, what was learned, what comes next"), max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )  # fmt: skip
    language = forms.ChoiceField(label=_("Written in"), choices=[("es", _("Spanish")), ("en", _("English"))])  # fmt: skip
    files = MultipleFileField(
        label=_("Evidence files"), required=False,
        help_text=_("Agendas, lists of participants, products. PDF, Word, Excel, PowerPoint, PNG or JPEG; at most 10 MB each."),
    )  # fmt: skip
    program = forms.ModelChoiceField(
        label=_("A program that resulted"), queryset=None, required=False,
        help_text=_("For a final report: your ministry's new or updated program in the portfolio."),
    )  # fmt: skip
    url = forms.URLField(
        label=_("Or a link to what resulted"), required=False, max_length=500,
        help_text=_("For example the manual in the documentation center."),
    )  # fmt: skip
    url_kind = forms.ChoiceField(
        label=_("The link is"), required=False,
        choices=[(ResultKind.RESOURCE, ResultKind.RESOURCE.label), (ResultKind.OTHER, ResultKind.OTHER.label)],
    )  # fmt: skip

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        Program = Result._meta.get_field("program").related_model
        self.fields["program"].queryset = (
            Program.objects.published()
            .filter(ministry_id__in=request.party_ministry_ids())
            .select_related("ministry")
            .order_by("ministry__country", "title_en", "pk")
        )
        self.fields["program"].label_from_instance = lambda p: f"{p} ({p.ministry.country.name})"
        self.checked_files: list = []

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        if len(uploads) > MAX_EVIDENCE_FILES:
            raise ValidationError(
                _("At most %(count)d files at a time.") % {"count": MAX_EVIDENCE_FILES}
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                name, content_type = check_upload(upload)
            except ValidationError as error:
                errors.append(f"{upload.name}: {' '.join(error.messages)}")
                continue
            upload.name = name
            checked.append((upload, content_type))
        if errors:
            raise ValidationError(errors)
        self.checked_files = checked
        return uploads


class ActivityStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
