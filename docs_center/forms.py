from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from docs_center.files import MAX_FILE_BYTES, check_upload
from docs_center.models import DocumentLanguage, Resource, ResourceType
from rialgender.files import FILE_FIELD_MESSAGES
from rialgender.forms import LANGUAGE_ORDER, BilingualModelForm
from rialgender.models import AreaOfAction

TRANSLATED = ("title", "abstract", "duration", "cost")
COMMON = [
    "resource_type", "authors", "organization", "publisher", "year", "document_languages",
    "areas", "domestic_work_areas", "countries", "licence", "external_url",
]  # fmt: skip
TRAINING = ["provider", "modality", "starts_on", "ends_on", "enrolment_url", "enrolment_closes_on"]
LEGISLATION = [
    "legislation_country", "legislation_kind", "legislation_number", "adopted_on",
    "in_force_on", "legislation_status", "ilo_conventions",
]  # fmt: skip


class AreaIdsField(forms.ModelMultipleChoiceField):
    """Areas of action ticked in a list, kept as their ids on the resource's row."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=AreaOfAction.objects.active(), widget=forms.CheckboxSelectMultiple,
            required=False, label=_("Areas of action"), **kwargs,
        )  # fmt: skip

    def clean(self, value):
        return sorted(area.pk for area in super().clean(value))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class Part:
    """Some of a form's language pairs, for the shared include of bilingual fields."""

    def __init__(self, pairs):
        self._pairs = pairs

    def language_pairs(self):
        return self._pairs


class ResourceForm(BilingualModelForm):
    """The focal points' proposal: both languages side by side (either is enough to save),
    the classification, the fields of a training offer or of legislation, and what the
    proposer says about each inclusion parameter in force that asks for it."""

    translated_fields = TRANSLATED
    areas = AreaIdsField()

    class Meta:
        model = Resource
        fields = [
            *[f"{name}_{lang}" for name in TRANSLATED for lang in LANGUAGE_ORDER],
            *[name for name in COMMON if name != "areas"], *TRAINING, *LEGISLATION,
        ]  # fmt: skip
        widgets = {
            **{f"abstract_{lang}": forms.Textarea(attrs={"rows": 5}) for lang in LANGUAGE_ORDER},
            "authors": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DateInput(), "ends_on": DateInput(), "enrolment_closes_on": DateInput(),
            "adopted_on": DateInput(), "in_force_on": DateInput(),
        }  # fmt: skip

    def __init__(self, *args, parameters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.parameters = [p for p in parameters if p.asks_evidence]
        if self.instance.pk:
            self.initial["areas"] = self.instance.area_ids
        for parameter in self.parameters:
            self.fields[f"evidence_{parameter.pk}"] = forms.CharField(
                label=parameter.text, help_text=parameter.guidance, required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=self.instance.evidence.get(str(parameter.pk), ""),
            )  # fmt: skip
        self.order_fields([*self.fields])

    def _pairs(self, names):
        return [
            (label, fields)
            for label, fields in super().language_pairs()
            if fields[0].name.rsplit("_", 1)[0] in names
        ]

    def language_pairs(self):
        return self._pairs({"title", "abstract"})

    def training_part(self):
        return Part(self._pairs({"duration", "cost"}))

    def common_fields(self):
        return [self[name] for name in COMMON]

    def training_fields(self):
        return [self[name] for name in TRAINING]

    def legislation_fields(self):
        return [self[name] for name in LEGISLATION]

    def evidence_fields(self):
        return [self[f"evidence_{p.pk}"] for p in self.parameters]

    def evidence_data(self) -> dict:
        return {
            str(p.pk): (self.cleaned_data.get(f"evidence_{p.pk}") or "").strip()
            for p in self.parameters
        }

    def clean(self):
        data = super().clean()
        self.require_one_language(
            "title", _("Give the resource a title, in Spanish or in English.")
        )
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The course cannot end before it starts."))
        if data.get("resource_type") == ResourceType.TRAINING and not (
            data.get("provider") or "").strip():  # fmt: skip
            self.add_error("provider", _("Say who offers the training."))
        if "submit" in self.data:
            # Submitting asks for what the proposer must say about each required parameter.
            for parameter in self.parameters:
                name = f"evidence_{parameter.pk}"
                if parameter.required and not (data.get(name) or "").strip():
                    self.add_error(
                        name, _("Required before submitting: say how the resource meets it.")
                    )
        return data

    def save(self, commit=True):
        self.instance.area_ids = self.cleaned_data.get("areas", [])
        return super().save(commit)


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"), error_messages=FILE_FIELD_MESSAGES)
    language = forms.ChoiceField(label=_("Language of the file"), choices=DocumentLanguage.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # In the reader's language, with the limit in force.
        self.fields["file"].help_text = _(
            "PDF, Word (DOCX), OpenDocument (ODT), PowerPoint or Excel; at most %(limit)s MB. "
            "The text of PDF, DOCX and ODT files is made searchable."
        ) % {"limit": MAX_FILE_BYTES // 1024 // 1024}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name, content_type = check_upload(upload)
        upload.name = name
        self.content_type = content_type
        return upload


class ReviewForm(forms.Form):
    """Pass or fail for each parameter of a version, with a note; a note on the whole."""

    note = forms.CharField(
        label=_("Note on the review"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, parameters, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.parameters = list(parameters)
        previous = {item.parameter_id: item for item in review.items.all()} if review else {}
        if review:
            self.initial["note"] = review.note
        for parameter in self.parameters:
            item = previous.get(parameter.pk)
            self.fields[f"passed_{parameter.pk}"] = forms.TypedChoiceField(
                label=parameter.text, choices=[("yes", _("Passes")), ("no", _("Does not pass"))],
                widget=forms.RadioSelect, coerce=lambda value: value == "yes",
                initial=("yes" if item.passed else "no") if item else None,
            )  # fmt: skip
            self.fields[f"note_{parameter.pk}"] = forms.CharField(
                label=_("Note"), required=False, initial=item.note if item else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
        self.order_fields([*self.fields][1:] + ["note"])

    def rows(self):
        return [(p, self[f"passed_{p.pk}"], self[f"note_{p.pk}"]) for p in self.parameters]

    def answers(self) -> dict:
        return {
            p: (self.cleaned_data[f"passed_{p.pk}"], self.cleaned_data[f"note_{p.pk}"].strip())
            for p in self.parameters
        }


class ApprovalForm(forms.Form):
    approved_on = forms.DateField(
        label=_("Date the Steering Committee approved it"), widget=DateInput(),
        initial=timezone.localdate,
    )  # fmt: skip

    def clean_approved_on(self):
        day = self.cleaned_data["approved_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The approval date cannot be in the future."))
        return day
