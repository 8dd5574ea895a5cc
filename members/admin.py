from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from members import services
from members.models import (
    Activity,
    Communication,
    CommunicationStatus,
    Invitation,
    Member,
    Ministry,
    NetworkRole,
    RosterEntry,
    RosterStatus,
    SteeringCommittee,
    SteeringSeat,
    User,
    WhatsAppGroup,
    WorkPlan,
)
from members.resources import MemberResource
from members.services import invitation_create, invitation_resend, invitation_revoke
from rialgender.mailing_admin import MailingAdmin
from rialgender.translation_admin import SideBySideStackedInline, SideBySideTranslationAdmin


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "language", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal information"), {"fields": ["first_name", "last_name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


class CompositionFilter(admin.SimpleListFilter):
    title = _("composition")
    parameter_name = "composition"

    def lookups(self, request, model_admin):
        return [
            ("missing", _("Missing a representative or a second representative")),
            ("complete", _("Complete")),
        ]

    def queryset(self, request, queryset):
        missing = Q(has_representative=False) | Q(has_alternate=False)
        if self.value() == "missing":
            return queryset.filter(missing, is_active=True)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


@admin.register(Ministry)
class MinistryAdmin(SimpleHistoryAdmin, SideBySideTranslationAdmin):
    list_display = [
        "name",
        "country",
        "gender_unit",
        "representative_flag",
        "alternate_flag",
        "is_active",
    ]
    list_filter = [CompositionFilter, "is_active"]
    search_fields = ["name_en", "name_es", "country"]

    def get_queryset(self, request):
        active = Member.objects.active().filter(ministry=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                has_representative=Exists(active.filter(network_role=NetworkRole.REPRESENTATIVE)),
                has_alternate=Exists(active.filter(network_role=NetworkRole.ALTERNATE)),
            )
        )

    @admin.display(description=_("representative"), boolean=True, ordering="has_representative")
    def representative_flag(self, obj):
        return obj.has_representative

    @admin.display(description=_("second representative"), boolean=True, ordering="has_alternate")
    def alternate_flag(self, obj):
        return obj.has_alternate


class ActiveFilter(admin.SimpleListFilter):
    title = _("membership")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", _("Active")), ("no", _("Left the network"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deactivated_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(deactivated_at__isnull=False)
        return queryset


class MemberAdminForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = [
            "user",
            "ministry",
            "network_role",
            "title",
            "unit",
            "phone",
            "languages",
            "successor",
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ministry") and cleaned.get("network_role"):
            try:
                services.check_seat_free(
                    ministry=cleaned["ministry"],
                    network_role=cleaned["network_role"],
                    member=self.instance if self.instance.deactivated_at is None else None,
                )
            except ValidationError as error:
                self.add_error("network_role", error.message_dict["network_role"])
        return cleaned


@admin.register(Member)
class MemberAdmin(ExportMixin, SimpleHistoryAdmin):
    form = MemberAdminForm
    resource_classes = [MemberResource]
    list_display = ["user", "email", "ministry", "network_role", "title", "deactivated_at"]
    list_filter = [ActiveFilter, "network_role", "ministry"]
    list_select_related = ["user", "ministry"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "successor"]
    readonly_fields = ["deactivated_at"]
    actions = ["deactivate", "reactivate"]

    @admin.display(description=_("e-mail address"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.action(
        description=_("Deactivate: they left the network (their ministry keeps their work)")
    )
    def deactivate(self, request, queryset):
        count = 0
        for member in queryset.filter(deactivated_at__isnull=True):
            services.member_deactivate(member=member, by=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d member was deactivated; their programs and proposals stay with their ministry.",
                "%(count)d members were deactivated; their programs and proposals stay with their ministries.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reactivate"))
    def reactivate(self, request, queryset):
        for member in queryset.filter(deactivated_at__isnull=False):
            try:
                services.member_reactivate(member=member)
            except ValidationError as error:
                self.message_user(request, f"{member}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(
                    request, _("%(name)s is active again.") % {"name": member}, messages.SUCCESS
                )


class InvitationAdminForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "first_name", "last_name", "ministry", "network_role", "language"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email, is_active=True).exists():
            raise forms.ValidationError(_("A person with this e-mail address is already a member."))
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ministry") and cleaned.get("network_role"):
            try:
                services.check_seat_free(
                    ministry=cleaned["ministry"], network_role=cleaned["network_role"]
                )
            except ValidationError as error:
                self.add_error("network_role", error.message_dict["network_role"])
        return cleaned


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    form = InvitationAdminForm
    list_display = [
        "email",
        "first_name",
        "last_name",
        "ministry",
        "network_role",
        "status_display",
        "created_at",
        "expires_at",
    ]
    list_filter = ["ministry", "network_role"]
    list_select_related = ["ministry"]
    search_fields = ["email", "first_name", "last_name"]
    actions = ["resend", "revoke"]

    @admin.display(description=_("status"))
    def status_display(self, obj):
        return obj.status

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "email",
            "first_name",
            "last_name",
            "ministry",
            "network_role",
            "language",
            "invited_by",
            "created_at",
            "expires_at",
            "accepted_at",
            "revoked_at",
        ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return InvitationAdminForm.Meta.fields
        return self.get_readonly_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        # An invitation is never edited; it is resent or revoked.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        created = invitation_create(
            invited_by=request.user, **form.cleaned_data
        )  # validated in the form
        obj.pk = created.pk
        obj.__dict__.update({k: v for k, v in created.__dict__.items() if not k.startswith("_")})
        self.message_user(
            request, _("The invitation was sent to %(email)s.") % {"email": created.email}
        )

    @admin.action(description=_("Send the selected invitations again with a new link"))
    def resend(self, request, queryset):
        count = 0
        for invitation in queryset.filter(accepted_at__isnull=True):
            invitation_resend(invitation=invitation)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation was sent again.",
                "%(count)d invitations were sent again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request, queryset):
        for invitation in queryset:
            invitation_revoke(invitation=invitation)


# --- The Steering Committee and its work plans -------------------------------------------


class SeatFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        chairs = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == "iacml_chair"
        ]
        if len(chairs) != 1:
            raise ValidationError(
                _(
                    "The Chair of the IACML always sits on the Steering Committee: give exactly one seat that role."
                )
            )


class SeatInline(admin.TabularInline):
    model = SteeringSeat
    formset = SeatFormSet
    extra = 0
    min_num = 1
    autocomplete_fields = ["ministry"]


@admin.register(SteeringCommittee)
class SteeringCommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "term_start", "term_end", "seat_list"]
    inlines = [SeatInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("seats__ministry")

    @admin.display(description=_("seats"))
    def seat_list(self, obj):
        return ", ".join(seat.ministry.country.name for seat in obj.seats.all())


class ActivityInline(SideBySideStackedInline):
    model = Activity
    extra = 0


@admin.register(WorkPlan)
class WorkPlanAdmin(SimpleHistoryAdmin, SideBySideTranslationAdmin):
    list_display = ["title", "start", "end", "is_public"]
    inlines = [ActivityInline]


# --- Formal communications -------------------------------------------------------------------


@admin.register(Communication)
class CommunicationAdmin(MailingAdmin, SideBySideTranslationAdmin):
    list_display = ["subject", "audience", "status", "sent_at", "progress"]
    list_filter = ["status", "audience"]
    search_fields = ["subject_en", "subject_es"]
    readonly_fields = ["status", "created_by", "sent_at", "sent_by", "progress"]
    mailing_recipient = "member__user__email"
    mailing_send_label = _("Send to the network")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != CommunicationStatus.DRAFT:
            # What was sent is on record as it was sent.
            return [f.name for f in Communication._meta.fields if f.name != "id"] + ["progress"]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or obj.status == CommunicationStatus.DRAFT
        )

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    # The mailing (rialgender.mailing_admin), through the services.

    def mailing_render(self, obj, language):
        return services.communication_render(obj, language)

    def mailing_audience(self, obj) -> int:
        return services.communication_audience(obj).count()

    def mailing_audience_description(self, obj) -> str:
        countries = ", ".join(country.name for country in obj.countries)
        return (
            f"{obj.get_audience_display()} ({countries})"
            if countries
            else obj.get_audience_display()
        )

    def mailing_can_send(self, obj) -> bool:
        return obj.status == CommunicationStatus.DRAFT

    def mailing_is_sending(self, obj) -> bool:
        return obj.status == CommunicationStatus.SENDING

    def mailing_send_test(self, obj, *, user) -> None:
        services.communication_send_test(communication=obj, to_user=user)

    def mailing_send(self, obj, *, by, data) -> str:
        count = services.communication_send(communication=obj, by=by)
        return ngettext(
            "The communication is on its way to %(count)d person.",
            "The communication is on its way to %(count)d people.",
            count,
        ) % {"count": count}


# --- The WhatsApp group ----------------------------------------------------------------------------


@admin.register(WhatsAppGroup)
class WhatsAppGroupAdmin(SimpleHistoryAdmin, SideBySideTranslationAdmin):
    list_display = ["__str__", "updated_at"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not WhatsAppGroup.objects.exists()


@admin.register(RosterEntry)
class RosterEntryAdmin(SimpleHistoryAdmin):
    list_display = ["member", "country", "status", "requested_at", "decided_at", "decided_by"]
    list_filter = ["status", "country"]
    list_select_related = ["member__user", "decided_by"]
    search_fields = ["member__user__email", "member__user__first_name", "member__user__last_name"]
    readonly_fields = ["member", "country", "status", "accepted_rules_at", "requested_at",
                       "decided_at", "decided_by"]  # fmt: skip
    actions = ["approve", "decline"]

    def has_add_permission(self, request):
        return False  # Members ask to join themselves, accepting the rules.

    @admin.action(description=_("Approve: give them a place in the group"))
    def approve(self, request, queryset):
        for entry in queryset.exclude(status=RosterStatus.APPROVED):
            try:
                services.roster_approve(entry=entry, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{entry}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(
                    request, _("%(name)s is in the group.") % {"name": entry}, messages.SUCCESS
                )

    @admin.action(description=_("Decline"))
    def decline(self, request, queryset):
        for entry in queryset.exclude(status=RosterStatus.DECLINED):
            services.roster_decline(entry=entry, by=request.user)
