"""Export of the directory for the Secretariat (django-import-export: CSV or XLSX of any admin
selection). Contact details leave the portal only this way, and only for staff."""

from import_export import fields, resources

from members.models import Member
from rialgender.exports import SafeExportMixin


class MemberResource(SafeExportMixin, resources.ModelResource):
    first_name = fields.Field(attribute="user__first_name", column_name="first_name")
    last_name = fields.Field(attribute="user__last_name", column_name="last_name")
    email = fields.Field(attribute="user__email", column_name="email")
    country = fields.Field(column_name="country")
    ministry = fields.Field(column_name="ministry")
    role = fields.Field(column_name="role")
    languages = fields.Field(column_name="languages")
    email_language = fields.Field(attribute="user__language", column_name="email_language")
    active = fields.Field(column_name="active")

    class Meta:
        model = Member
        fields = [
            "first_name", "last_name", "email", "title", "unit", "phone", "country", "ministry",
            "role", "languages", "email_language", "active", "deactivated_at",
        ]  # fmt: skip
        export_order = fields

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("user", "ministry")

    def dehydrate_country(self, member):
        return member.ministry.country.code

    def dehydrate_ministry(self, member):
        return member.ministry.name

    def dehydrate_role(self, member):
        return member.get_network_role_display()

    def dehydrate_languages(self, member):
        return ", ".join(member.languages)

    def dehydrate_active(self, member):
        return "yes" if member.is_active else "no"
