"""The Secretariat's side of cooperation: calls (terms, dates in their zone, criteria and
weights, reviewers, documents), requests (translation, publication of selected projects),
offers and needs, reports and results. Ranking and decisions have their own page
(cooperation:ranking), linked from each call."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cooperation.forms import CallAdminForm
from cooperation.models import (
    Call,
    CallDocument,
    CooperationRequest,
    Criterion,
    EvidenceFile,
    Listing,
    ProjectActivity,
    Report,
    Result,
)
from cooperation.rules import may_be_reviewer
from cooperation.services import call_reviewing_started, call_seed_criteria, request_record_change
from rialgender.permissions import SECRETARIAT_GROUP
from rialgender.translation_admin import SideBySideTabularInline, SideBySideTranslationAdmin
from rialgender.workflow_admin import PublishableAdmin


class CriterionInline(SideBySideTabularInline):
    model = Criterion
    extra = 0
    fields = ["order", "name", "description", "weight"]

    # Once reviewers have scored, the criteria and their weights are what they scored.
    def has_add_permission(self, request, obj=None):
        return obj is None or not call_reviewing_started(obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or not call_reviewing_started(obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or not call_reviewing_started(obj)


class CallDocumentInline(SideBySideTabularInline):
    model = CallDocument
    extra = 0
    fields = ["title", "file", "language"]


class CallForm(CallAdminForm):
    def __init__(self, *args, **kwargs):
        from django.contrib.admin.widgets import AdminSplitDateTime

        super().__init__(*args, **kwargs)
        for name in ("opens_local", "closes_local"):
            self.fields[name].widget = AdminSplitDateTime()
            self.fields[name].widget.widgets[1].format = "%H:%M"

    def clean_reviewers(self):
        reviewers = self.cleaned_data.get("reviewers") or []
        refused = [str(user) for user in reviewers if not may_be_reviewer(user)]
        if refused:
            raise forms.ValidationError(
                _(
                    "Only Secretariat staff and members of the Steering Committee review "
                    "requests: %(people)s."
                )
                % {"people": ", ".join(refused)}
            )
        return reviewers


@admin.register(Call)
class CallAdmin(PublishableAdmin, SimpleHistoryAdmin, SideBySideTranslationAdmin):
    form = CallForm
    # Readable at 1366 px: the title says the number, the filter the year; a call, the
    # Secretariat's own, is never submitted.
    list_display = ["__str__", "opens_at", "closes_at", "time_zone", "state", "translation_en", "translation_es", "ranking_link"]  # fmt: skip
    list_filter = [*PublishableAdmin.workflow_list_filter, "year"]
    search_fields = ["title_en", "title_es"]
    filter_horizontal = ["reviewers"]
    inlines = [CriterionInline, CallDocumentInline]
    fieldsets = [
        (None, {"fields": ["number", "year", "title", "terms"]}),
        (
            _("Dates"),
            {"fields": ["time_zone", "opens_local", "closes_local"]},
        ),
        (_("Requests and review"), {"fields": ["modalities", "pass_threshold", "reviewers"]}),
        (_("Workflow"), {"fields": ["workflow_history"]}),
    ]

    def get_ordering(self, request):
        return ["-number"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "reviewers":
            from members.selectors import steering_ministry_ids

            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(
                    Q(is_staff=True, groups__name=SECRETARIAT_GROUP)
                    | Q(
                        member_profile__ministry_id__in=steering_ministry_ids(),
                        member_profile__deactivated_at__isnull=True,
                    ),
                    is_active=True,
                )
                .distinct()
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        call_seed_criteria(call=form.instance)

    @admin.display(description=_("ranking and decisions"))
    def ranking_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("cooperation:ranking", kwargs={"number": obj.number}),
            _("Ranking"),
        )


class ActivityInline(SideBySideTabularInline):
    model = ProjectActivity
    extra = 0
    fields = ["title", "start", "end", "status"]


class ResultInline(SideBySideTabularInline):
    model = Result
    extra = 0
    fields = ["kind", "title", "program", "url", "ministry"]
    raw_id_fields = ["program"]


@admin.register(CooperationRequest)
class CooperationRequestAdmin(PublishableAdmin, SimpleHistoryAdmin, SideBySideTranslationAdmin):
    list_display = ["__str__", "call_number", "parties", "decision", *PublishableAdmin.workflow_list_display]  # fmt: skip
    list_filter = [*PublishableAdmin.workflow_list_filter, "call", "decision"]
    list_select_related = ["call", "requesting_ministry", "providing_ministry"]
    search_fields = ["title_en", "title_es"]
    raw_id_fields = ["builds_on_program", "need"]
    readonly_fields = ["decision", "decided_at", "completed_at", "content_hash"]
    inlines = [ActivityInline, ResultInline]
    fieldsets = [
        (
            None,
            {"fields": ["call", ("requesting_ministry", "providing_ministry"), "title", "summary"]},
        ),  # fmt: skip
        (
            _("The cooperation"),
            {
                "fields": [
                    "objectives",
                    "expected_results",
                    "modality",
                    "areas",
                    "builds_on_program",
                    "need",
                ]
            },
        ),  # fmt: skip
        (_("Decision"), {"fields": ["decision", "decided_at", "completed_at", "content_hash"]}),
        (_("Workflow"), {"fields": ["workflow_history"]}),
    ]
    filter_horizontal = ["areas"]

    @admin.display(description=_("call"), ordering="call__number")
    def call_number(self, obj):
        return obj.call.number

    @admin.display(description=_("requesting → providing"), ordering="requesting_ministry__country")
    def parties(self, obj):
        return f"{obj.requesting_ministry.country.name} → {obj.providing_ministry.country.name}"

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        from cooperation.selectors import publication_tasks
        from rialgender import todo

        # Submitted requests wait for the call's decision, not for a review of their text.
        todo.register(f"publishable:{model._meta.label}", publication_tasks)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A change of the text asks the ministries that confirmed it to confirm again.
        request_record_change(request=form.instance, by=request.user, created=not change)


@admin.register(Listing)
class ListingAdmin(SideBySideTranslationAdmin):
    list_display = ["__str__", "kind", "ministry", "area", "withdrawn_at"]
    list_filter = ["kind", "area", "ministry"]
    list_select_related = ["ministry", "area"]
    search_fields = ["title_en", "title_es"]
    raw_id_fields = ["program"]


class EvidenceInline(admin.TabularInline):
    model = EvidenceFile
    extra = 0
    fields = ["file", "content_type", "size"]
    readonly_fields = ["file", "content_type", "size"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "request", "kind", "ministry", "submitted_at"]
    list_filter = ["kind"]
    list_select_related = ["request", "ministry"]
    readonly_fields = ["request", "ministry", "submitted_by", "submitted_at"]
    inlines = [EvidenceInline]


@admin.register(Result)
class ResultAdmin(SideBySideTranslationAdmin):
    list_display = ["__str__", "request", "kind", "program", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["request", "program"]
    raw_id_fields = ["request", "program", "report"]
