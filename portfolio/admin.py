from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from portfolio.models import Program, ProgramAttachment
from portfolio.resources import ProgramResource
from rialgender.translation_admin import SideBySideTranslationAdmin
from rialgender.workflow_admin import PublishableAdmin


class StaleFilter(admin.SimpleListFilter):
    title = _("freshness")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", _("Not confirmed for 18 months"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(pk__in=Program.objects.stale().values("pk"))
        return queryset


class AttachmentInline(admin.TabularInline):
    model = ProgramAttachment
    extra = 0
    fields = ["title", "kind", "language", "file", "content_type", "size"]
    readonly_fields = ["content_type", "size"]


@admin.register(Program)
class ProgramAdmin(
    ImportExportMixin, PublishableAdmin, SimpleHistoryAdmin, SideBySideTranslationAdmin
):
    resource_classes = [ProgramResource]
    list_display = ["__str__", "country", *PublishableAdmin.workflow_list_display, "freshness"]
    list_filter = [
        *PublishableAdmin.workflow_list_filter,
        StaleFilter,
        "ministry",
        "areas",
        "intervention_type",
        "evaluation_type",
    ]
    list_select_related = ["ministry"]
    search_fields = ["title_en", "title_es", "summary_en", "summary_es"]
    filter_horizontal = ["areas"]
    inlines = [AttachmentInline]
    fieldsets = [
        (None, {"fields": ["ministry", "title", "summary"]}),
        (
            _("The program"),
            {
                "fields": [
                    "objectives",
                    "target_population",
                    "description",
                    "results",
                    "lessons",
                    "partners",
                ]
            },
        ),
        (
            _("Classification"),
            {
                "fields": [
                    "intervention_type",
                    "areas",
                    "population_groups",
                    ("start_year", "end_year"),
                ]
            },
        ),
        (
            _("Evidence"),
            {
                "fields": [
                    "evaluation_type",
                    "is_experimental",
                    "evaluated_by",
                    "evaluation_url",
                    "evaluation_findings",
                ]
            },
        ),
        (_("Links and contact"), {"fields": ["links", "contact_email", "last_confirmed_at"]}),
        (_("Workflow"), {"fields": ["workflow_history"]}),
    ]

    @admin.display(description=_("country"), ordering="ministry__country")
    def country(self, obj):
        return obj.ministry.country.name

    @admin.display(description=_("confirmed current"), ordering="last_confirmed_at")
    def freshness(self, obj):
        """When the ministry last said the program is current, in positive words; a program
        not confirmed for 18 months asks the Secretariat to write to its ministry."""
        if not obj.is_published:
            return "—"
        confirmed = obj.last_confirmed_at or obj.published_at
        if obj.is_stale:
            return format_html(
                '<span class="wf-ask">{}</span>',
                _("Ask the ministry (last on %(date)s)") % {"date": date_format(confirmed)},
            )
        return date_format(confirmed)
