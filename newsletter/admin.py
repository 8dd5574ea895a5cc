from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
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
from rialgender.mailing_admin import MailingAdmin
from rialgender.sources import label_of
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
class EditionAdmin(MailingAdmin, SideBySideTranslationAdmin):
    list_display = ["__str__", "status", "period_start", "period_end", "scheduled_for", "progress"]
    list_filter = ["status"]
    inlines = [EditionItemInline]
    readonly_fields = [
        "period_start", "period_end", "status", "scheduled_for", "approved_by", "sent_at",
        "progress",
    ]  # fmt: skip
    fields = ["introduction", *readonly_fields]
    mailing_recipient = "subscriber__email"
    mailing_send_form = ApproveForm
    mailing_send_label = _("Approve and schedule")

    def has_add_permission(self, request):
        return False  # Editions compose themselves (Periodic tasks), or with "Compose now".

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != EditionStatus.DRAFT:
            return [*self.readonly_fields, "introduction_en", "introduction_es"]
        return self.readonly_fields

    def get_urls(self):
        own = [
            path("compose/", self.admin_site.admin_view(self.compose_view),
                 name="newsletter_edition_compose"),
        ]  # fmt: skip
        return own + super().get_urls()

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
        return HttpResponseRedirect(reverse("admin:newsletter_edition_change", args=[edition.pk]))

    # The mailing (rialgender.mailing_admin), through the services.

    def mailing_render(self, obj, language):
        return services.render_edition(obj, language, token="preview")

    def mailing_audience(self, obj) -> int:
        return Subscriber.objects.receiving().count()

    def mailing_can_send(self, obj) -> bool:
        return obj.status == EditionStatus.DRAFT

    def mailing_is_sending(self, obj) -> bool:
        return obj.status in (EditionStatus.SCHEDULED, EditionStatus.SENDING)

    def mailing_send_test(self, obj, *, user) -> None:
        services.edition_send_test(edition=obj, user=user)

    def mailing_send(self, obj, *, by, data) -> str:
        when = data["scheduled_for"] or timezone.now()
        services.edition_approve(edition=obj, by=by, when=when)
        return _("Approved. On %(when)s it will be sent.") % {
            "when": date_format(timezone.localtime(when), "DATETIME_FORMAT")
        }
