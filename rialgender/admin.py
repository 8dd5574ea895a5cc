from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rialgender.models import AreaOfAction
from rialgender.translation_admin import SideBySideTranslationAdmin


@admin.register(AreaOfAction)
class AreaOfActionAdmin(SideBySideTranslationAdmin):
    list_display = ["name", "order", "retired_at"]
    list_editable = ["order"]
    list_filter = [("retired_at", admin.EmptyFieldListFilter)]
    search_fields = ["name_en", "name_es"]
    prepopulated_fields = {"slug": ["name_en"]}
    actions = ["retire", "restore"]

    def has_delete_permission(self, request, obj=None):
        # Content refers to areas; retiring keeps that history intact.
        return False

    @admin.action(description=_("Retire the selected areas (keep them on old content)"))
    def retire(self, request, queryset):
        # One save each (a handful of areas), so that what caches them hears of it.
        for area in queryset.filter(retired_at__isnull=True):
            area.retired_at = timezone.now()
            area.save(update_fields=["retired_at"])

    @admin.action(description=_("Offer the selected areas again"))
    def restore(self, request, queryset):
        for area in queryset.exclude(retired_at=None):
            area.retired_at = None
            area.save(update_fields=["retired_at"])
