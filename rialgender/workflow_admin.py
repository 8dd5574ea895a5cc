"""The admin side of the shared workflow, for every Publishable model.

`PublishableAdmin` adds the review queue order, state and translation columns and filters,
the workflow history, and actions that go through `rialgender.workflow.transition` (so the
admin, the focal points' pages and any task share one path): publish, return with a
comment (an intermediate page asks for it), archive, and "both languages are up to date".
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from rialgender.workflow import (
    Action,
    history,
    review_queue_order,
    transition,
    translation_mark_up_to_date,
)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the authors"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("It is e-mailed to the ministry's focal points, in their language."),
    )


class PublishableAdmin(admin.ModelAdmin):
    workflow_list_display = ["state", "translation_en", "translation_es", "submitted_at"]
    workflow_list_filter = ["state", "translation_complete", "translation_en", "translation_es"]
    actions = ["publish", "return_with_comment", "archive", "mark_translations_up_to_date"]

    def get_ordering(self, request):
        # The change list replaces a queryset's order with the admin's (or the model's)
        # ordering, so the queue's order is given here, not in get_queryset().
        return review_queue_order()

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "workflow_history"]

    @admin.display(description=_("workflow history"))
    def workflow_history(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        steps = history(obj)
        if not steps:
            return _("No steps yet.")
        return format_html_join(
            "\n", "<div>{} · {} → {} · {}{}</div>",
            (
                (s.at.strftime("%Y-%m-%d %H:%M"), s.get_from_state_display(), s.get_to_state_display(),
                 s.by or "-", f" · “{s.comment}”" if s.comment else "")
                for s in steps
            ),
        )  # fmt: skip

    def _run(self, request, queryset, action, comment=""):
        done = 0
        for obj in queryset:
            try:
                transition(obj, action, by=request.user, comment=comment)
                done += 1
            except ValidationError as error:
                self.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
            except PermissionDenied:
                self.message_user(request, f"{obj}: {_('not allowed.')}", messages.ERROR)
        if done:
            self.message_user(
                request, _("Done for %(count)d item(s).") % {"count": done}, messages.SUCCESS
            )

    @admin.action(description=_("Publish the selected items (both languages must be complete)"))
    def publish(self, request, queryset):
        self._run(request, queryset, Action.PUBLISH)

    @admin.action(description=_("Archive the selected items"))
    def archive(self, request, queryset):
        self._run(request, queryset, Action.ARCHIVE)

    @admin.action(description=_("Mark both languages as up to date"))
    def mark_translations_up_to_date(self, request, queryset):
        for obj in queryset:
            translation_mark_up_to_date(obj)
        self.message_user(request, _("Translation status updated."), messages.SUCCESS)

    @admin.action(description=_("Return the selected items to their authors with a comment"))
    def return_with_comment(self, request, queryset):
        form = ReturnForm(request.POST if "comment" in request.POST else None)
        if form.is_valid():
            self._run(request, queryset, Action.RETURN, comment=form.cleaned_data["comment"])
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Return with a comment"),
            "form": form,
            "objects": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/workflow_return.html", context)
