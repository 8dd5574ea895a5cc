from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from portfolio.models import AttachmentKind, PopulationGroup, Program, ProgramAttachment
from rialgender.forms import LANGUAGE_ORDER, BilingualModelForm
from rialgender.models import AreaOfAction

TRANSLATED = (
    "title", "summary", "objectives", "target_population", "description", "results",
    "lessons", "partners", "evaluation_findings",
)  # fmt: skip


class ProgramForm(BilingualModelForm):
    """The focal points' form: both languages side by side; either one is enough to save."""

    translated_fields = TRANSLATED

    population_groups = forms.MultipleChoiceField(
        label=_("Population groups reached"), choices=PopulationGroup.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas of action"), queryset=AreaOfAction.objects.active(),
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip

    class Meta:
        model = Program
        fields = [
            *[f"{name}_{lang}" for name in TRANSLATED for lang in LANGUAGE_ORDER],
            "intervention_type", "areas", "population_groups", "start_year", "end_year",
            "evaluation_type", "is_experimental", "evaluated_by", "evaluation_url", "links",
            "contact_email",
        ]  # fmt: skip
        widgets = {
            **{f"{n}_{lang}": forms.Textarea(attrs={"rows": 4}) for n in TRANSLATED[1:] for lang in LANGUAGE_ORDER},
            "links": forms.Textarea(attrs={"rows": 3}),
        }  # fmt: skip

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        bad = []
        for line in lines:
            try:
                validate(line)
            except ValidationError:
                bad.append(line)
        if bad:
            raise ValidationError(
                _("These are not web addresses (they must start with https:// or http://): %(bad)s")
                % {"bad": ", ".join(bad)}
            )
        return "\n".join(lines)

    def clean(self):
        data = super().clean()
        self.require_one_language("title", _("Give the program a title, in Spanish or in English."))
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The end year cannot be before the start year."))
        return data


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = ProgramAttachment
        fields = ["file", "title", "kind", "language"]
        help_texts = {"file": _("PDF, Word, Excel, PowerPoint, PNG or JPEG; at most 10 MB.")}

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        # The file field has checked the content; an image attachment must be an image.
        detected = getattr(upload, "detected_content_type", "")
        if (
            detected
            and data.get("kind") == AttachmentKind.IMAGE
            and not detected.startswith("image/")
        ):
            self.add_error("file", _("An image must be a PNG or JPEG file."))
        return data
