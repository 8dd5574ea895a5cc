from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from members.models import Invitation, Member, Ministry, User
from members.services import invitation_create, invitation_resend, invitation_revoke


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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


@admin.register(Ministry)
class MinistryAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "country", "gender_unit", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name_en", "name_es", "country"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["user", "ministry", "network_role", "title", "deactivated_at"]
    list_filter = ["network_role", "ministry"]
    list_select_related = ["user", "ministry"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]


class InvitationAdminForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "first_name", "last_name", "ministry", "network_role", "language"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email, is_active=True).exists():
            raise forms.ValidationError(_("A person with this e-mail address is already a member."))
        return email


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
        created = invitation_create(invited_by=request.user, **form.cleaned_data)
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
