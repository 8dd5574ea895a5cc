from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from newsletter import services
from newsletter.models import (
    Edition,
    EditionItem,
    EditionStatus,
    NewsItem,
    Subscriber,
)
from newsletter.sources import label_of
from rialgender import bulkmail
from rialgender.http import email_preview_response
from rialgender.translation_admin import SideBySideTabularInline, SideBySideTranslationAdmin
from rialgender.workflow_admin import PublishableAdmin


@admin.register(NewsItem)
class NewsItemAdmin(PublishableAdmin, SimpleHistoryAdmin, SideBySideTranslationAdmin):
    list_display = ["__str__", "ministry", *PublishableAdmin.workflow_list_display]
    list_filter = [*PublishableAdmin.workflow_list_filter, "ministry"]
    list_select_related = ["ministry"]
    search_fields = ["title_en", "title_es", "body_en", "body_es"]
    fields = ["ministry", "title", "body", "image", "image_alt"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "status", "member", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    readonly_fields = ["member", "consent_at", "created_at", "confirmed_at", "unsubscribed_at"]
    list_select_related = ["member__user"]


class EditionItemInline(SideBySideTabularInline):
    model = EditionItem
    extra = 0
    fields = ["position", "included", "section", "title", "summary", "url"]
    readonly_fields = ["section"]
    ordering = ["position", "pk"]

    @admin.display(description=_("section"))
    def section(self, obj):
        return label_of(obj.source)

    def has_add_permission(self, request, obj=None):
        return False  # Items come from the content sources.

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.status == EditionStatus.DRAFT

    def has_delete_permission(self, request, obj=None):
        return False  # Drop an item by unticking "included": it stays on record.


class ApproveForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label=_("Send on"),
        required=False,
        help_text=_("Leave empty to send now. Format: 2026-12-01 09:00"),
    )


@admin.register(Edition)
class EditionAdmin(SideBySideTranslationAdmin):
    list_display = ["__str__", "status", "period_start", "period_end", "scheduled_for", "progress"]
    list_filter = ["status"]
    inlines = [EditionItemInline]
    fields = [
        "introduction",
        "period_start",
        "period_end",
        "status",
        "scheduled_for",
        "approved_by",
        "sent_at",
        "progress",
    ]
    readonly_fields = [
        "period_start",
        "period_end",
        "status",
        "scheduled_for",
        "approved_by",
        "sent_at",
        "progress",
    ]
    change_form_template = "admin/newsletter/edition/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(**bulkmail.count_annotations("deliveries"))

    def has_add_permission(self, request):
        return False  # Editions compose themselves (Periodic tasks), or with "Compose now".

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != EditionStatus.DRAFT:
            return [*self.readonly_fields, "introduction_en", "introduction_es"]
        return self.readonly_fields

    @admin.display(description=_("progress"))
    def progress(self, obj):
        if obj is None or obj.status in (EditionStatus.DRAFT, EditionStatus.SCHEDULED):
            return "—"
        return bulkmail.progress_text(bulkmail.counts_of(obj))

    def get_urls(self):
        own = [
            path("compose/", self.admin_site.admin_view(self.compose_view), name="newsletter_edition_compose"),
            path("<int:pk>/preview/<str:language>/", self.admin_site.admin_view(self.preview_view), name="newsletter_edition_preview"),
            path("<int:pk>/preview/<str:language>/html/", self.admin_site.admin_view(self.preview_html_view), name="newsletter_edition_preview_html"),
            path("<int:pk>/send-test/", self.admin_site.admin_view(self.send_test_view), name="newsletter_edition_send_test"),
            path("<int:pk>/approve/", self.admin_site.admin_view(self.approve_view), name="newsletter_edition_approve"),
            path("<int:pk>/progress/", self.admin_site.admin_view(self.progress_view), name="newsletter_edition_progress"),
        ]  # fmt: skip
        return own + super().get_urls()

    def _get(self, request, pk, *, change=False):
        edition = get_object_or_404(Edition, pk=pk)
        allowed = (
            self.has_change_permission(request, edition)
            if change
            else self.has_view_permission(request, edition)
        )
        if not allowed:
            raise PermissionDenied
        return edition

    def _back(self, pk):
        return HttpResponseRedirect(reverse("admin:newsletter_edition_change", args=[pk]))

    def compose_view(self, request):
        if not self.has_change_permission(request) or request.method != "POST":
            raise PermissionDenied
        edition = services.edition_compose()
        if edition is None:
            self.message_user(
                request,
                _("Nothing new was published since the last edition: no edition was composed."),
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:newsletter_edition_changelist"))
        self.message_user(
            request, _("%(edition)s was composed.") % {"edition": edition}, messages.SUCCESS
        )
        return self._back(edition.pk)

    def preview_view(self, request, pk, language):
        edition = self._get(request, pk)
        if language not in ("en", "es"):
            raise PermissionDenied
        subject, text, _html = services.render_edition(edition, language, token="preview")
        return TemplateResponse(
            request,
            "admin/newsletter/edition/preview.html",
            {**self.admin_site.each_context(request), "opts": self.model._meta, "original": edition,
             "title": subject, "subject": subject, "text": text, "language": language},
        )  # fmt: skip

    def preview_html_view(self, request, pk, language):
        """The edition's HTML for the preview's frame, as its own sandboxed page."""
        edition = self._get(request, pk)
        if language not in ("en", "es"):
            raise PermissionDenied
        _subject, _text, html = services.render_edition(edition, language, token="preview")
        return email_preview_response(html)

    def send_test_view(self, request, pk):
        edition = self._get(request, pk)
        if request.method == "POST":
            services.edition_send_test(edition=edition, user=request.user)
            self.message_user(
                request,
                _("A test in each language was sent to %(email)s.") % {"email": request.user.email},
                messages.SUCCESS,
            )
        return self._back(pk)

    def approve_view(self, request, pk):
        edition = self._get(request, pk, change=True)
        form = ApproveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            when = form.cleaned_data["scheduled_for"] or timezone.now()
            try:
                services.edition_approve(edition=edition, by=request.user, when=when)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Approved. It will be sent on %(when)s.")
                    % {"when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M")},
                    messages.SUCCESS,
                )
            return self._back(pk)
        return TemplateResponse(
            request,
            "admin/newsletter/edition/approve.html",
            {**self.admin_site.each_context(request), "opts": self.model._meta, "original": edition,
             "title": _("Approve %(edition)s") % {"edition": edition}, "form": form,
             "recipients": Subscriber.objects.receiving().count()},
        )  # fmt: skip

    def progress_view(self, request, pk):
        edition = self._get(request, pk)
        counts = bulkmail.counts_of(edition)
        failures = edition.deliveries.filter(
            status__in=[bulkmail.DeliveryStatus.FAILED, bulkmail.DeliveryStatus.UNCERTAIN]
        ).select_related("subscriber")[:200]
        return TemplateResponse(
            request,
            "admin/newsletter/edition/progress.html",
            {**self.admin_site.each_context(request), "opts": self.model._meta, "original": edition,
             "title": _("Sending %(edition)s") % {"edition": edition},
             "sent": counts["sent"], "pending": counts["open"], "failed": counts["failed"],
             "uncertain": counts["uncertain"], "total": sum(counts.values()), "failures": failures, "refresh": edition.status == EditionStatus.SENDING},
        )  # fmt: skip
