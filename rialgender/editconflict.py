"""Two people editing the same item: the second save does not silently undo the first.

A form that edits a publishable item carries the item's version as it was when the form was
opened (`updated_at`, which moves when the content changes: rialgender.workflow). If the item
changed since, and the form would change it, the save is refused with a translated message
and the form comes back with everything typed and the current version in it: saving again
replaces the other change knowingly. Used by the focal points' edit pages
(rialgender.workspace.edit_page) and by the admin (rialgender.workflow_admin).

The same locked read gives the save the workflow's own fields (state, ...) as they are now,
so an edit never undoes a submission or a return made while it was being saved.

Not checked: a form sent without the version (an older page, a script), and the admin's
inline rows (files, links), which are saved row by row.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

FIELD = "edited_version"
CODE = "edit_conflict"
WORKFLOW_FIELDS = ("state", "submitted_at", "published_at", "review_comment")


def version(obj) -> str:
    """The version a form edits, as the page puts it in the form: empty for a new item."""
    if obj is None or obj.pk is None or obj.updated_at is None:
        return ""
    return obj.updated_at.isoformat()


def version_to_render(request, form, obj) -> str:
    """The version to put in a form shown again: the one the person sent, unless they were
    just told of a conflict (then the current one, so that saving again overrides)."""
    sent = request.POST.get(FIELD, "") if request.method == "POST" else ""
    if sent and not form.has_error(NON_FIELD_ERRORS, code=CODE):
        return sent
    return version(obj)


def check(data, obj, *, changed: bool, url: str = "") -> None:
    """Raise the error to show if `obj` changed since the form that sent `data` was opened
    and the form would change it (`changed`). Call it inside the transaction that saves:
    it locks the row until then, so of two saves at once the second is checked against the
    first. The same person sending the same form twice (a double click) changes nothing,
    so that is no conflict. On a conflict `obj.updated_at` is set to the saved version, so
    that the page shows it in the form and saving again replaces it knowingly. `url`, the
    page's own address, is offered as a link to the current version."""
    if obj is None or obj.pk is None or not transaction.get_connection().in_atomic_block:
        return  # nothing saved yet, or a page that saves outside a transaction: not checked
    row = (
        type(obj)
        ._base_manager.select_for_update()
        .filter(pk=obj.pk)
        .values("updated_at", *WORKFLOW_FIELDS)
        .first()
    )
    if row is None:
        return
    # No form edits the workflow's own fields: the save writes them as they are now, not as
    # this request read them (a submission or a return in between stays).
    for name in WORKFLOW_FIELDS:
        setattr(obj, name, row[name])
    sent, current = data.get(FIELD), row["updated_at"]
    if not sent or sent == current.isoformat():
        return
    # `changed` was worked out against `obj` as this request loaded it: trusted only if no
    # save came in between (else the save would write that stale copy back).
    if not changed and current == obj.updated_at:
        return
    obj.updated_at = current
    message = _(
        "This was changed on %(when)s, after you opened it (by someone else or in another"
        " tab). Your changes are below and have not been saved. Open the current version"
        " in another tab to compare, then save again to replace it with yours."
    ) % {"when": date_format(localtime(current), "DATETIME_FORMAT")}
    if url:
        link = _("Open the current version in a new tab")
        message = format_html(
            '{} <a href="{}" target="_blank" rel="noopener">{}</a>', message, url, link
        )
    raise ValidationError(message, code=CODE)


def would_change(form) -> bool:
    """Whether saving `form` would change its instance as loaded: like has_changed(), but a
    field with a callable default is compared with the instance, not with the initial value
    the browser sent back (show_hidden_initial)."""

    def lf(value):  # browsers send a textarea's lines with CRLF
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    return any(bf.field.has_changed(lf(bf.initial), lf(bf.data)) for bf in form)


class ConflictCheckedForm(forms.ModelForm):
    """A model form that refuses to overwrite a change made since it was opened (to be
    validated inside the transaction that saves, as the admin's change form is); the page
    renders `edited_version` (see `version`) inside the form. `request_path`: the page's
    address, offered as a link to the current version."""

    request_path = ""

    def clean(self):
        cleaned = super().clean()
        check(self.data, self.instance, changed=would_change(self), url=self.request_path)
        return cleaned
