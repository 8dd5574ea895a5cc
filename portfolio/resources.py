"""Import and export of programs in the admin (django-import-export): CSV or XLSX, a dry-run
preview with per-row errors before anything is written, and export of any admin selection.

An import writes content only: a new row becomes a draft, a row naming an existing program
updates it only while it is a draft (or returned); the `state` column is exported, and
ignored on import. Submitting and publishing go through the workflow, like any program."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from members.models import Ministry
from portfolio.forms import TRANSLATED
from portfolio.models import EvaluationType, InterventionType, PopulationGroup, Program
from rialgender.exports import SafeExportMixin
from rialgender.models import AreaOfAction
from rialgender.workflow import EDITABLE_BY_AUTHORS, State


class ChoiceArrayWidget(widgets.SimpleArrayWidget):
    """Population groups as codes separated by "|", each checked against the list."""

    def __init__(self, choices):
        self.allowed = set(choices)
        super().__init__(separator="|")

    def clean(self, value, row=None, **kwargs):
        values = [v.strip() for v in super().clean(value, row, **kwargs) if v.strip()]
        unknown = [v for v in values if v not in self.allowed]
        if unknown:
            raise ValueError(
                _("Unknown population group: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        return values


class ChoiceWidget(widgets.CharWidget):
    def __init__(self, choices, default):
        self.allowed = set(choices)
        self.default = default
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        value = (super().clean(value, row, **kwargs) or "").strip() or self.default
        if value not in self.allowed:
            raise ValueError(_("Unknown value: %(value)s") % {"value": value})
        return value


class ProgramResource(SafeExportMixin, resources.ModelResource):
    country = fields.Field(
        attribute="ministry", column_name="country",
        widget=widgets.ForeignKeyWidget(Ministry, field="country"),
    )  # fmt: skip
    areas = fields.Field(
        attribute="areas", column_name="areas",
        widget=widgets.ManyToManyWidget(AreaOfAction, field="slug", separator="|"),
    )  # fmt: skip
    population_groups = fields.Field(
        attribute="population_groups", column_name="population_groups",
        widget=ChoiceArrayWidget(PopulationGroup.values),
    )  # fmt: skip
    intervention_type = fields.Field(
        attribute="intervention_type", column_name="intervention_type",
        widget=ChoiceWidget(InterventionType.values, InterventionType.PROGRAM),
    )  # fmt: skip
    evaluation_type = fields.Field(
        attribute="evaluation_type", column_name="evaluation_type",
        widget=ChoiceWidget(EvaluationType.values, EvaluationType.NONE),
    )  # fmt: skip
    # Exported for the Secretariat to read; an import never sets a workflow state.
    state = fields.Field(attribute="state", column_name="state", readonly=True)

    class Meta:
        model = Program
        import_id_fields = ["id"]
        skip_unchanged = True
        report_skipped = True
        fields = [
            "id", "country",
            *[f"{name}_{lang}" for name in TRANSLATED for lang in ("en", "es")],
            "intervention_type", "areas", "population_groups", "start_year", "end_year",
            "evaluation_type", "is_experimental", "evaluated_by", "evaluation_url", "links",
            "contact_email", "state",
        ]  # fmt: skip
        export_order = fields

    def before_save_instance(self, instance, row, **kwargs):
        # Imported programs arrive as drafts: the Secretariat reviews and publishes them
        # through the workflow, like any other program.
        if instance.pk is None:
            instance.state = State.DRAFT
        elif instance.state not in EDITABLE_BY_AUTHORS:
            raise ValidationError(
                _(
                    "Program %(id)s is “%(state)s”: an import only changes drafts. Return it "
                    "to its authors first, or edit it in the admin."
                )
                % {"id": instance.pk, "state": instance.get_state_display()}
            )
        if not (instance.title_es or instance.title_en):
            raise ValidationError(_("A program needs a title in Spanish or in English."))
