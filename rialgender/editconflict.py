"""Two people editing the same item: the second save does not silently undo the first.

A form that edits a publishable item carries the item's version as it was when the form was
opened (`updated_at`, which moves when the content changes: rialgender.workflow). If the item
changed since, and the form would change it, the save is refused with a translated message
and the form comes back with everything typed and the current version in it: saving again
replaces the other change knowingly. Used by the focal points' edit pages
(rialgender.workspace.edit_page) and by the admin (rialgender.workflow_admin).

A form sent without the version (an older page, a script) is not checked.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

FIELD = "edited_version"
CODE = "edit_conflict"


def version(obj) -> str:
    """The version a form edits, as the page puts it in the form: empty for a new item."""
    if obj is None or obj.pk is None or obj.updated_at is None:
        return ""
    return obj.updated_at.isoformat()


def check(data, obj, *, changed: bool, url: str = "") -> None:
    """Raise the error to show if `obj` changed since the form that sent `data` was opened
    and the form would change it (`changed`). Call it inside the transaction that saves:
    it locks the row until then, so of two saves at once the second is checked against the
    first. The same person sending the same form twice (a double click) changes nothing,
    so that is no conflict. On a conflict `obj.updated_at` is set to the saved version, so
    that the page shows it in the form and saving again replaces it knowingly. `url`, the
    page's own address, is offered as a link to the current version."""
    sent = data.get(FIELD)
    if not sent or obj is None or obj.pk is None:
        return
    current = (
        type(obj)
        ._base_manager.select_for_update()
        .filter(pk=obj.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is None or sent == current.isoformat() or not changed:
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


class ConflictCheckedForm(forms.ModelForm):
    """A model form that refuses to overwrite a change made since it was opened (to be
    validated inside the transaction that saves, as the admin's change form is); the page
    renders `edited_version` (see `version`) inside the form. `request_path`: the page's
    address, offered as a link to the current version."""

    request_path = ""

    def clean(self):
        cleaned = super().clean()
        check(self.data, self.instance, changed=self.has_changed(), url=self.request_path)
        return cleaned
