"""The admin side of the shared workflow, for every Publishable model.

`PublishableAdmin` adds the review queue order, state and translation columns and filters,
the workflow history, and actions that go through `rialgender.workflow.transition` (so the
admin, the focal points' pages and any task share one path): publish, return with a
comment (an intermediate page asks for it), archive, and "both languages are up to date".
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from rialgender import editconflict, todo
from rialgender.workflow import (
    Action,
    allowed_actions,
    history,
    review_queue_order,
    transition,
    translation_mark_up_to_date,
)

# The workflow's steps the Secretariat takes from a change form, and what it says after each.
PANEL_ACTIONS = [Action.PUBLISH, Action.RETURN, Action.ARCHIVE]
PANEL_DONE = {
    Action.PUBLISH: _("Published. It is now on the public pages in both languages."),
    Action.RETURN: _("Returned. The authors were sent your comment, each in their language."),
    Action.ARCHIVE: _("Archived. It is no longer on the public pages."),
}


def workflow_panel(user, obj) -> dict:
    """What the change form's workflow panel shows: the state, each language's status, the
    steps this person may take now, and why publishing is not possible yet."""
    possible = allowed_actions(user, obj)
    return {
        "obj": obj,
        "can_publish": Action.PUBLISH in possible,
        "publish_blockers": obj.workflow_blockers(Action.PUBLISH)
        if Action.PUBLISH in possible
        else [],
        "can_return": Action.RETURN in possible,
        "can_archive": Action.ARCHIVE in possible,
        "steps": history(obj)[:10],
    }


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the authors"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("It is e-mailed to the ministry's focal points, in their language."),
    )


class PublishableAdmin(admin.ModelAdmin):
    change_form_template = "admin/workflow_change_form.html"
    workflow_list_display = ["state", "translation_en", "translation_es", "submitted_at"]
    workflow_list_filter = ["state", "translation_complete", "translation_en", "translation_es"]
    actions = ["publish", "return_with_comment", "archive", "mark_translations_up_to_date"]

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        # Its review queue and translations to update appear on the admin's home page.
        todo.register(f"publishable:{model._meta.label}", lambda: todo.publishable_tasks(model))

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/workflow/",
                self.admin_site.admin_view(self.workflow_view),
                name=f"{opts.app_label}_{opts.model_name}_workflow",
            ),
            *super().get_urls(),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        # Saving does not silently undo a change made since the form was opened (the
        # change form is validated and saved in one transaction).
        form = super().get_form(request, obj, change=change, **kwargs)
        checked = (editconflict.ConflictCheckedForm, form)
        return type(form.__name__, checked, {"request_path": request.path})

    def save_model(self, request, obj, form, change):
        # A change of links (areas...) is a change of content: it moves the version.
        if change and {f.name for f in obj._meta.many_to_many} & set(form.changed_data):
            obj.mark_content_changed()
        super().save_model(request, obj, form, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["workflow"] = workflow_panel(request.user, obj)
            form = context["adminform"].form
            context["edited_version"] = editconflict.version_to_render(request, form, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_view(self, request, object_id):
        """The change form's buttons: publish, return with a comment, archive (POST only)."""
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_change_permission(request, obj):
            raise Http404
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        action = request.POST.get("action", "")
        if action not in PANEL_ACTIONS:
            raise Http404
        try:
            transition(obj, action, by=request.user, comment=request.POST.get("comment", ""))
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        except PermissionDenied:
            raise Http404 from None
        else:
            self.message_user(request, PANEL_DONE[action], messages.SUCCESS)
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)

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
                (date_format(localtime(s.at), "DATETIME_FORMAT"), s.get_from_state_display(), s.get_to_state_display(),
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
