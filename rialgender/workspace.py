"""The focal points' workspace, written once for every tool.

A workspace page lists what a ministry authors and lets its focal points write drafts, in
either language, and submit them; the Secretariat may open the same pages for any object.
Every app's workspace views use:

- `workspace_ministry(request)`: the ministry whose workspace this is (404 for anyone who
  is not a member of one);
- `workspace_object_or_404(request, queryset, pk, for_edit=...)`: the one rule for fetching
  an object: it exists only for its authors and the Secretariat (everyone else: 404, staff
  included unless they are the Secretariat), and `for_edit` also needs it to be editable;
- `edit_page(...)`: the edit page: the form with its error summary (everything typed is
  kept; a change made since the form was opened is not overwritten unawares:
  rialgender.editconflict), "Save draft" and, when allowed, "Save and submit for review", the state, the
  translation status, the reviewer's comment and the history; a read-only page with the
  state and history once the object is under review or published;
- `submit(request, obj)`: submit from a button, reasons shown when it cannot be submitted.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rialgender import editconflict
from rialgender.permissions import user_ministry
from rialgender.workflow import Action, allowed_actions, can_edit, history, may_act, transition


def workspace_ministry(request):
    """The ministry whose workspace this person has; anyone else gets a 404."""
    ministry = user_ministry(request.user)
    if ministry is None:
        raise Http404
    return ministry


def workspace_object_or_404(request, queryset, pk, *, for_edit: bool = False):
    """The object if this person may act on it (and edit it, with `for_edit`); else 404."""
    obj = get_object_or_404(queryset, pk=pk)
    if not may_act(request.user, obj) or (for_edit and not can_edit(request.user, obj)):
        raise Http404
    return obj


def submit(request, obj) -> bool:
    """Submit `obj` for review from a workspace page. What stops it (a missing title, a
    condition of the model's own) becomes an error message. True when submitted."""
    try:
        transition(obj, Action.SUBMIT, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


@dataclass
class WorkspacePages:
    """The names an app's workspace uses: its templates, URL names and messages."""

    form_template: str
    edit_url: str  # URL name taking the object's pk
    list_url: str  # URL name of the ministry's list
    submitted_message: str
    readonly_template: str = "workspace/readonly.html"
    extra_context: dict = field(default_factory=dict)


def workflow_context(request, obj) -> dict:
    """What the shared includes (state, translation, comment, history, actions) need."""
    if obj is None or obj.pk is None:
        return {"obj": None, "steps": [], "can_submit": True}
    return {
        "obj": obj,
        "edited_version": editconflict.version(obj),
        "steps": history(obj),
        "can_submit": Action.SUBMIT in allowed_actions(request.user, obj),
    }


def edit_page(
    request, *, obj, form, save, pages: WorkspacePages, context=None, formsets=(), conflicts=True
):
    """Create (obj=None) or edit a draft. `save(form)` is the app's service call and returns
    the saved object; a ValidationError it raises is shown on the form like the form's own
    errors. `formsets` (e.g. a request's activities) must be valid too; `save` saves them.
    "Save and submit" saves, then submits. A change saved since the form was opened is not
    overwritten unawares (rialgender.editconflict), unless the page checks that itself
    (`conflicts=False`)."""
    context = {**pages.extra_context, **(context or {})}
    if obj is not None and not can_edit(request.user, obj):
        # Under review or published: the authors see it, read-only, with its state.
        return render(request, pages.readonly_template, {**workflow_context(request, obj),
                                                         "pages": pages, **context})  # fmt: skip
    if (
        request.method == "POST"
        and form.is_valid()
        and all(formset.is_valid() for formset in formsets)
    ):
        try:
            with transaction.atomic():
                if conflicts:
                    changed = editconflict.would_change(form) or any(
                        f.has_changed() for f in formsets
                    )
                    editconflict.check(request.POST, obj, changed=changed, url=request.path)
                obj = save(form)
        except ValidationError as error:
            form.add_error(None, error)  # not saved: shown again with everything typed
        else:
            if "submit" not in request.POST:
                messages.success(request, _("The draft was saved."))
            elif submit(request, obj):
                messages.success(request, pages.submitted_message)
                return redirect(pages.list_url)
            return redirect(pages.edit_url, pk=obj.pk)
    # An invalid form is shown again with its error summary and everything typed; the page
    # around it (the heading, the state) shows what is saved, not what the form would save.
    if request.method == "POST" and obj is not None and obj.pk is not None:
        fields = obj._meta.concrete_fields
        cached = [f.name for f in fields if f.is_relation and f.is_cached(obj)]
        obj.refresh_from_db(
            fields=[f.attname for f in fields],
            from_queryset=type(obj)._base_manager.select_related(*cached),
        )
    return render(
        request,
        pages.form_template,
        {
            **workflow_context(request, obj),
            "form": form,
            "pages": pages,
            "edited_version": editconflict.version_to_render(request, form, obj)
            if conflicts
            else "",
            "edit_conflict": form.has_error(NON_FIELD_ERRORS, code=editconflict.CODE),
            **context,
        },
    )
