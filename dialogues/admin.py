"""The Secretariat's tools for dialogues and workshops: events with their agenda, questions,
documents and participation; registrations (approve, decline, register missions and
organizations); the participant report's upload and the rows to resolve by hand; outcomes
with their recommendations and links; the recommendations x countries matrix; and the
mailings to registrants with their progress."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries
from simple_history.admin import SimpleHistoryAdmin

from dialogues import selectors, services
from dialogues.attendance import match
from dialogues.forms import EventAdminForm, ParticipantReportForm
from dialogues.models import (
    AgendaItem,
    AttendanceRow,
    Category,
    Event,
    EventDocument,
    EventMailing,
    MailingStatus,
    Outcome,
    OutcomeLink,
    ParticipationCount,
    Question,
    Recommendation,
    RecommendationProgress,
    Registration,
    RegistrationStatus,
    Resolution,
    Speaker,
)
from rialgender.exports import csv_response
from rialgender.mailing_admin import MailingAdmin
from rialgender.params import clean_text, parse_choice, parse_int
from rialgender.timezones import TIME_ZONE_CHOICES
from rialgender.translation_admin import (
    SideBySideStackedInline,
    SideBySideTabularInline,
    SideBySideTranslationAdmin,
)
from rialgender.workflow_admin import PublishableAdmin

# --- Events ------------------------------------------------------------------------------------


class AgendaItemInline(SideBySideTabularInline):
    model = AgendaItem
    extra = 0
    fields = ["day", "start_time", "end_time", "kind", "title"]
    show_change_link = True  # speakers, groups and documents on the item's own page


class QuestionInline(SideBySideStackedInline):
    model = Question
    extra = 0
    fields = ["order", "text"]


class EventDocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 0
    fields = ["item", "kind", "title", "language", "file", "url"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "item":
            pk = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = AgendaItem.objects.filter(event_id=pk or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ParticipationInline(admin.TabularInline):
    model = ParticipationCount
    extra = 0
    fields = ["category", "country", "organization", "count"]
    verbose_name_plural = _(
        "Participation by country and category (computed from the attendance when a "
        "participant report is uploaded; typed here for events held before the portal)"
    )


# Fields whose change reaches the calendars, as the admin form names them.
_FORM_TO_MODEL = {"starts_local": "starts_at", "ends_local": "ends_at"}


@admin.register(Event)
class EventAdmin(PublishableAdmin, SimpleHistoryAdmin, SideBySideTranslationAdmin):
    form = EventAdminForm
    list_display = ["__str__", "kind", "number", "starts_at", "registrations_link",
                    *PublishableAdmin.workflow_list_display]  # fmt: skip
    list_filter = [*PublishableAdmin.workflow_list_filter, "kind", "format"]
    search_fields = ["title_en", "title_es"]
    readonly_fields = ["ical_sequence", "cancelled_at", "attendance_link"]
    inlines = [AgendaItemInline, QuestionInline, EventDocumentInline, ParticipationInline]
    actions = [*PublishableAdmin.actions, "cancel_events"]
    change_form_template = "admin/dialogues/event/change_form.html"
    fieldsets = [
        (None, {"fields": ["kind", "number", "title", "description", "objective", "background"]}),
        (
            _("When and where"),
            {
                "fields": [
                    "time_zone",
                    "starts_local",
                    "ends_local",
                    "format",
                    "venue",
                    "languages",
                    "interpretation",
                    "audio_test_minutes",
                ]
            },
        ),  # fmt: skip
        (
            _("Registration"),
            {
                "fields": [
                    "registration_opens_at",
                    "registration_closes_at",
                    "requires_approval",
                    "cap_per_delegation",
                    "questions_deadline",
                ]
            },
        ),  # fmt: skip
        (
            _("Connection (confirmed registrants only)"),
            {"fields": ["connection_link", "connection_details"]},
        ),
        (
            _("Calendar and attendance"),
            {"fields": ["ical_sequence", "cancelled_at", "attendance_link"]},
        ),
        (_("Workflow"), {"fields": ["workflow_history"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate_registrations()

    @admin.display(description=_("registrations"))
    def registrations_link(self, obj):
        url = reverse("admin:dialogues_registration_changelist") + f"?event__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.registration_count)

    @admin.display(description=_("attendance"))
    def attendance_link(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        url = reverse("admin:dialogues_event_attendance", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a>', url, _("Upload the participant report and resolve its rows")
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            fields = {_FORM_TO_MODEL.get(name, name) for name in form.changed_data}
            if services.event_changed(event=obj, fields=fields):
                self.message_user(
                    request,
                    _("The calendar invitations were updated; registrants receive the new "
                      "one in a few minutes."),
                    messages.INFO,
                )  # fmt: skip

    @admin.action(description=_("Cancel the selected events and tell their registrants"))
    def cancel_events(self, request, queryset):
        for event in queryset:
            try:
                services.event_cancel(event=event, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{event}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%(event)s was cancelled.") % {"event": event})

    # -- attendance --------------------------------------------------------------------------

    def get_urls(self):
        own = [
            path("<int:pk>/attendance/", self.admin_site.admin_view(self.attendance_view),
                 name="dialogues_event_attendance"),
        ]  # fmt: skip
        return own + super().get_urls()

    def attendance_view(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        form = ParticipantReportForm(
            request.POST if "upload" in request.POST else None,
            request.FILES if "upload" in request.POST else None,
            event=event,
        )
        if request.method == "POST" and "upload" in request.POST and form.is_valid():
            services.attendance_import(
                event=event, rows=form.rows, file_name=form.cleaned_data["file"].name,
                zone=form.cleaned_data["host_time_zone"], by=request.user,
            )  # fmt: skip
            self.message_user(
                request,
                _("%(count)d connections were imported.") % {"count": len(form.rows)},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        if request.method == "POST" and "resolve" in request.POST:
            self._resolve(request, event)
            return HttpResponseRedirect(request.path)
        report = getattr(event, "attendance", None) if hasattr(event, "attendance") else None
        rows = list(report.rows.select_related("registration")) if report else []
        registrations = list(
            event.registrations.exclude(status=RegistrationStatus.CANCELLED).order_by(
                "last_name", "first_name"
            )
        )
        unresolved = [r for r in rows if r.resolution == Resolution.UNRESOLVED]
        # A first name alone ("iPhone de Tomás") is suggested, never matched: chosen by hand.
        for row, _registration, _resolution, suggestion in match(unresolved, registrations):
            row.suggestion = suggestion
        return TemplateResponse(
            request,
            "admin/dialogues/event/attendance.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": event,
                "title": _("Attendance: %(event)s") % {"event": event},
                "form": form,
                "report": report,
                "rows": rows,
                "unresolved": unresolved,
                "registrations": registrations,
                "categories": Category.choices,
                "participation": selectors.participation_summary(event),
                "attended": [r for r in registrations if r.attended],
                "resolutions": Resolution.choices,
            },
        )

    def _resolve(self, request, event):
        row = get_object_or_404(
            AttendanceRow, pk=parse_int(request.POST.get("row"), 0), report__event=event
        )
        registration_pk = parse_int(request.POST.get("registration"), None, min_value=1)
        registration = (
            Registration.objects.filter(pk=registration_pk, event=event).first()
            if registration_pk else None
        )  # fmt: skip
        country = clean_text(request.POST.get("country"), max_length=2).upper()
        try:
            services.attendance_resolve(
                row=row, resolution=parse_choice(request.POST.get("resolution"), Resolution.values),
                registration=registration,
                country=country if country in dict(countries) else "",
                category=parse_choice(request.POST.get("category"), Category.values),
                by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request, _("Line %(line)d resolved.") % {"line": row.line}, messages.SUCCESS
            )


class SpeakerInline(SideBySideTabularInline):
    model = Speaker
    extra = 1
    fields = ["order", "name", "role", "country"]


class ItemDocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 0
    fields = ["kind", "title", "language", "file", "url"]
    fk_name = "item"


@admin.register(AgendaItem)
class AgendaItemAdmin(SideBySideTranslationAdmin):
    list_display = ["__str__", "event", "day", "kind"]
    list_filter = ["event"]
    list_select_related = ["event"]
    fields = ["event", "day", "start_time", "end_time", "kind", "title", "description",
              "breakout_groups"]  # fmt: skip
    inlines = [SpeakerInline, ItemDocumentInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is EventDocument:
            for document_form in formset.forms:
                document_form.instance.event_id = form.instance.event_id
        super().save_formset(request, form, formset, change)


# --- Registrations ------------------------------------------------------------------------------


class RegistrationAddForm(forms.ModelForm):
    """The Secretariat registers anyone: a mission, a consultative body, an organization, a
    late focal point. The same rules as on the site, but not the registration window."""

    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES)

    class Meta:
        model = Registration
        fields = ["event", "first_name", "last_name", "email", "job_title", "language",
                  "time_zone", "category", "country", "organization", "ministry"]  # fmt: skip


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "event", "category", "delegation_label", "status",
                    "attended", "minutes_connected", "created_at"]  # fmt: skip
    list_filter = ["status", "category", "attended", "event"]
    list_select_related = ["event"]
    search_fields = ["first_name", "last_name", "email", "organization"]
    actions = ["approve", "decline", "cancel"]
    date_hierarchy = "created_at"

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = RegistrationAddForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # Status changes go through the actions, which write to the person.
        return [f.name for f in Registration._meta.fields if f.name not in ("id",)]

    def has_delete_permission(self, request, obj=None):
        return False  # cancelled, never deleted: the record of who was invited stays

    @admin.display(description=_("delegation"))
    def delegation_label(self, obj):
        return obj.country.name if obj.country else obj.organization

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        try:
            with transaction.atomic():
                registration = services.registration_create(
                    event=data["event"],
                    person=services.Person(
                        first_name=data["first_name"], last_name=data["last_name"],
                        email=data["email"], language=data["language"],
                        time_zone=data["time_zone"], job_title=data.get("job_title", ""),
                    ),
                    by=request.user, category=data["category"], country=data.get("country") or "",
                    organization=data.get("organization", ""), ministry=data.get("ministry"),
                    skip_window=True,
                )  # fmt: skip
        except ValidationError as error:
            # The admin's "add" has no way back to the form from here: say it on the list.
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            obj.pk = None
            return
        obj.pk = registration.pk

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:
            return HttpResponseRedirect(reverse("admin:dialogues_registration_add"))
        return super().response_add(request, Registration.objects.get(pk=obj.pk), post_url_continue)

    def _decide(self, request, queryset, approve):
        done = 0
        for registration in queryset:
            try:
                services.registration_decide(
                    registration=registration, approve=approve, by=request.user
                )
                done += 1
            except ValidationError as error:
                self.message_user(
                    request, f"{registration}: {' '.join(error.messages)}", messages.ERROR
                )
        if done:
            self.message_user(request, _("Done for %(count)d registration(s).") % {"count": done})

    @admin.action(description=_("Approve the selected registrations (they receive the invitation)"))
    def approve(self, request, queryset):
        self._decide(request, queryset, True)

    @admin.action(description=_("Decline the selected registrations"))
    def decline(self, request, queryset):
        self._decide(request, queryset, False)

    @admin.action(description=_("Cancel the selected registrations"))
    def cancel(self, request, queryset):
        for registration in queryset:
            services.registration_cancel(registration=registration, by=request.user)
        self.message_user(request, _("The selected registrations were cancelled."))


# --- Outcomes and the tracker -----------------------------------------------------------------


class RecommendationInline(SideBySideStackedInline):
    model = Recommendation
    extra = 0
    fields = ["number", "text", "addressee", "areas"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class OutcomeLinkInline(SideBySideTabularInline):
    model = OutcomeLink
    extra = 0
    fields = ["kind", "title", "url"]


@admin.register(Outcome)
class OutcomeAdmin(PublishableAdmin, SimpleHistoryAdmin, SideBySideTranslationAdmin):
    list_display = ["__str__", *PublishableAdmin.workflow_list_display]
    list_filter = PublishableAdmin.workflow_list_filter
    list_select_related = ["event"]
    inlines = [RecommendationInline, OutcomeLinkInline]
    fieldsets = [
        (None, {"fields": ["event", "summary", "conclusions", "next_steps"]}),
        (_("Workflow"), {"fields": ["workflow_history"]}),
    ]


@admin.register(RecommendationProgress)
class RecommendationProgressAdmin(SimpleHistoryAdmin):
    list_display = ["recommendation", "ministry", "status", "updated_by", "updated_at"]
    list_filter = ["status", "ministry"]
    list_select_related = ["recommendation", "ministry", "updated_by"]
    change_list_template = "admin/dialogues/recommendationprogress/change_list.html"

    def get_urls(self):
        own = [
            path("matrix/", self.admin_site.admin_view(self.matrix_view),
                 name="dialogues_recommendation_matrix"),
            path("matrix.csv", self.admin_site.admin_view(self.matrix_csv_view),
                 name="dialogues_recommendation_matrix_csv"),
        ]  # fmt: skip
        return own + super().get_urls()

    def matrix_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "admin/dialogues/recommendationprogress/matrix.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Recommendations and countries"),
                **selectors.tracker_matrix(),
            },
        )

    def matrix_csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        from dialogues.models import ProgressStatus

        matrix = selectors.tracker_matrix()
        labels = dict(ProgressStatus.choices)
        header = [str(_("Event")), str(_("Recommendation")),
                  *[m.country.code for m in matrix["ministries"]]]  # fmt: skip
        rows = (
            [str(recommendation.outcome.event), f"{recommendation.number}. {recommendation.text}",
             *[str(labels[cell.status]) if cell else "" for cell in cells]]
            for recommendation, cells in matrix["rows"]
        )  # fmt: skip
        # Every cell through rialgender.exports: a note starting with "=" is text, not a formula.
        return csv_response([header, *rows], filename="recommendations.csv")


# --- Mailings to registrants --------------------------------------------------------------------


@admin.register(EventMailing)
class EventMailingAdmin(MailingAdmin):
    """Reminders are created and sent by beat; updates and cancellations by the event's
    changes. Here the Secretariat previews them in each language, sends a test to herself and
    follows their progress (rialgender.mailing_admin)."""

    list_display = [
        "event",
        "kind",
        "status",
        "scheduled_for",
        "started_at",
        "finished_at",
        "progress",
    ]
    list_filter = ["kind", "status"]
    list_select_related = ["event"]
    readonly_fields = ["event", "kind", "status", "scheduled_for", "sequence", "started_at",
                       "finished_at", "progress"]  # fmt: skip
    mailing_recipient = "registration__email"
    mailing_send_label = _("Send now")

    def has_add_permission(self, request):
        return False

    def mailing_render(self, obj, language):
        return services.mailing_render(obj, language)

    def mailing_audience(self, obj) -> int:
        return services.mailing_audience(obj)

    def mailing_audience_description(self, obj) -> str:
        return str(obj.event)

    def mailing_can_send(self, obj) -> bool:
        return obj.status == MailingStatus.SCHEDULED

    def mailing_is_sending(self, obj) -> bool:
        return obj.status == MailingStatus.SENDING

    def mailing_send_test(self, obj, *, user) -> None:
        services.mailing_send_test(mailing=obj, to_user=user)

    def mailing_send(self, obj, *, by, data) -> str:
        count = services.mailing_start(mailing=obj)
        return ngettext(
            "The message is on its way to %(count)d registrant.",
            "The message is on its way to %(count)d registrants.",
            count,
        ) % {"count": count}
