from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from docs_center.files import check_content
from docs_center.forms import AreaIdsField
from docs_center.models import (
    Collection,
    Parameter,
    ParameterSet,
    Resource,
    ResourceFile,
    Review,
    ReviewItem,
)
from docs_center.services import parameters_approve, parameters_new_version, resource_file_queue
from rialgender.translation_admin import (
    SideBySideTabularInline,
    SideBySideTranslationAdmin,
)
from rialgender.workflow_admin import PublishableAdmin


class ResourceFileForm(forms.ModelForm):
    class Meta:
        model = ResourceFile
        fields = ["file", "language"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The portal's checks ran in the field (rialgender.files.UploadField); a PDF, DOCX
        # or ODT file is also opened, as in the focal points' form.
        content_type = getattr(upload, "detected_content_type", None)
        if content_type:
            check_content(upload, content_type)
            self.instance.content_type = content_type
            self.instance.size = upload.size
        return upload


class ResourceFileInline(admin.TabularInline):
    model = ResourceFile
    form = ResourceFileForm
    extra = 0
    fields = ["file", "language", "text_status", "text_error", "page_count", "size"]
    readonly_fields = ["text_status", "text_error", "page_count", "size"]


class ResourceAdminForm(forms.ModelForm):
    """The admin builds it for Resource from the fieldsets; areas are ticked, kept as ids."""

    areas = AreaIdsField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = self.fields["areas"].queryset.model.objects.all()
        if self.instance.pk:
            self.initial["areas"] = self.instance.area_ids

    def save(self, commit=True):
        self.instance.area_ids = self.cleaned_data.get("areas", [])
        return super().save(commit)


@admin.register(Resource)
class ResourceAdmin(PublishableAdmin, SimpleHistoryAdmin, SideBySideTranslationAdmin):
    form = ResourceAdminForm
    list_display = ["__str__", "resource_type", "ministry", *PublishableAdmin.workflow_list_display]
    list_filter = [*PublishableAdmin.workflow_list_filter, "resource_type", "ministry"]
    list_select_related = ["ministry"]
    search_fields = ["title_en", "title_es", "abstract_en", "abstract_es", "authors"]
    inlines = [ResourceFileInline]
    readonly_fields = ["review_link", "evidence_given"]
    fieldsets = [
        (None, {"fields": ["ministry", "resource_type", "title", "abstract", "review_link"]}),
        (
            _("Bibliographic facts"),
            {
                "fields": [
                    "authors",
                    "organization",
                    "publisher",
                    "year",
                    "document_languages",
                    "licence",
                    "external_url",
                ]
            },
        ),  # fmt: skip
        (
            _("Classification"),
            {"fields": ["areas", "domestic_work_areas", "countries"]},
        ),
        (
            _("Training offer"),
            {
                "fields": [
                    "provider",
                    "modality",
                    ("starts_on", "ends_on"),
                    "duration",
                    "cost",
                    "enrolment_url",
                    "enrolment_closes_on",
                ],
                "classes": ["collapse"],
            },
        ),  # fmt: skip
        (
            _("Legislation"),
            {
                "fields": [
                    "legislation_country",
                    "legislation_kind",
                    "legislation_number",
                    ("adopted_on", "in_force_on"),
                    "legislation_status",
                    "ilo_conventions",
                ],
                "classes": ["collapse"],
            },
        ),  # fmt: skip
        (_("Inclusion parameters"), {"fields": ["evidence_given"]}),
        (_("Workflow"), {"fields": ["workflow_history"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("search_document")

    @admin.display(description=_("review against the inclusion parameters"))
    def review_link(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        url = reverse("docs_center:resource-review", kwargs={"pk": obj.pk})
        return format_html(
            '<a href="{}">{}</a>', url, _("Review it against the parameters in force")
        )

    @admin.display(description=_("what the proposer says"))
    def evidence_given(self, obj):
        if obj is None or not obj.evidence:
            return "-"
        keys = [int(key) for key in obj.evidence if key.isdigit()]
        texts = {str(p.pk): p.text for p in Parameter.objects.filter(pk__in=keys)}
        return format_html_join(
            "", "<p><strong>{}</strong><br>{}</p>",
            ((texts.get(key, key), value) for key, value in obj.evidence.items()),
        )  # fmt: skip

    def save_formset(self, request, form, formset, change):
        instances = formset.save()
        for instance in instances:
            if isinstance(instance, ResourceFile):
                if instance.language not in form.instance.document_languages:
                    form.instance.document_languages = [
                        *form.instance.document_languages,
                        instance.language,
                    ]
                    form.instance.save(update_fields=["document_languages"])
                resource_file_queue(resource_file=instance)


class ParameterInline(SideBySideTabularInline):
    model = Parameter
    extra = 1
    fields = ["order", "text", "guidance", "required"]

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.is_approved

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_approved

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_approved


@admin.register(ParameterSet)
class ParameterSetAdmin(SideBySideTranslationAdmin):
    list_display = ["version", "approved_on", "created_at", "in_force"]
    readonly_fields = ["approved_on", "approved_by", "drafted_by", "created_at"]
    fields = ["version", "introduction", "drafted_by", "created_at", "approved_on", "approved_by"]
    inlines = [ParameterInline]
    actions = ["record_approval", "new_version"]

    @admin.display(description=_("in force"), boolean=True)
    def in_force(self, obj):
        current = ParameterSet.objects.in_force()
        return current is not None and current.pk == obj.pk

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_approved:
            fields += ["version", "introduction_en", "introduction_es"]
        return fields

    def save_model(self, request, obj, form, change):
        if obj.pk is None:
            obj.drafted_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Record the Steering Committee's approval today"))
    def record_approval(self, request, queryset):
        for version in queryset:
            try:
                parameters_approve(parameter_set=version, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{version}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%(version)s is in force.") % {"version": version})

    @admin.action(description=_("Draft a new version from the selected one"))
    def new_version(self, request, queryset):
        for version in queryset[:1]:
            draft = parameters_new_version(source=version, by=request.user)
            self.message_user(request, _("%(version)s was drafted.") % {"version": draft})


class ReviewItemInline(admin.TabularInline):
    model = ReviewItem
    extra = 0
    fields = ["parameter", "passed", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["resource", "parameter_set", "reviewer", "reviewed_at"]
    list_select_related = ["resource", "parameter_set", "reviewer"]
    readonly_fields = ["resource", "parameter_set", "reviewer", "reviewed_at", "note"]
    inlines = [ReviewItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("resource__search_document")

    def has_add_permission(self, request):
        return False


@admin.register(Collection)
class CollectionAdmin(PublishableAdmin, SideBySideTranslationAdmin):
    list_display = ["__str__", "slug", *PublishableAdmin.workflow_list_display]
    list_filter = PublishableAdmin.workflow_list_filter
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["resources"]
    fields = ["slug", "title", "description", "group_by_domestic_work_area", "resources",
              "workflow_history"]  # fmt: skip
