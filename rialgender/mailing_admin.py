"""The admin of a mailing, written once: formal communications (members), newsletter editions
(newsletter), and the next ones (event reminders).

`MailingAdmin` adds to a model admin, next to its change form's buttons:

- a preview: the subject, the HTML (as its own sandboxed page in a frame: e-mail needs inline
  styles, the admin's policy forbids them) and the plain text, in every language;
- "Send a test to myself": one copy per language to the officer, exactly as recipients get it;
- "Send": a confirmation page that says how many people it reaches today (with the
  mailing's own fields, a date to schedule it, say), then the sending service;
- the progress of the sending: sent, pending, failed, probably sent, the deliveries to check;
  the page refreshes itself while it sends. A `progress` column for `list_display`.

What a mailing's model must provide:

- a `deliveries` relation to its rows of a `rialgender.bulkmail.Delivery` subclass (one per
  recipient; the exactly-once engine sends them); progress and failures are counted there;
- services (keyword-only, atomic) that the admin calls through the hooks below: render it in
  a language (with `rialgender.emails.render_email`), count its audience, send a test, start
  the sending (raising ValidationError with a message when it cannot be sent).

What its admin (`class EventReminderAdmin(MailingAdmin, ...)`) defines:

    mailing_recipient = "registration__user__email"   # from a delivery to its address
    mailing_send_form = None          # a Form with the confirmation's own fields, if any
    mailing_send_label = _("Send")    # the button that leads to the confirmation

    def mailing_render(self, obj, language) -> (subject, text, html)
    def mailing_audience(self, obj) -> int           # how many it reaches if sent now
    def mailing_audience_description(self, obj)      # optional: who, in words
    def mailing_can_send(self, obj) -> bool          # a draft, say
    def mailing_is_sending(self, obj) -> bool        # the progress page refreshes while true
    def mailing_send_test(self, obj, *, user) -> None
    def mailing_send(self, obj, *, by, data) -> str  # data: the send form's cleaned_data;
                                                     # returns the message to show
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from rialgender import bulkmail
from rialgender.http import email_preview_response


class MailingAdmin(admin.ModelAdmin):
    mailing_recipient: str = ""
    mailing_send_form: type[forms.Form] | None = None
    mailing_send_label = _("Send")
    change_form_template = "admin/mailing/change_form.html"

    # -- hooks (see the module's docstring) -------------------------------------------------

    def mailing_render(self, obj, language):
        raise NotImplementedError

    def mailing_audience(self, obj) -> int:
        raise NotImplementedError

    def mailing_audience_description(self, obj) -> str:
        """Who it reaches, in words, for the confirmation page (optional)."""
        return ""

    def mailing_can_send(self, obj) -> bool:
        raise NotImplementedError

    def mailing_is_sending(self, obj) -> bool:
        raise NotImplementedError

    def mailing_send_test(self, obj, *, user) -> None:
        raise NotImplementedError

    def mailing_send(self, obj, *, by, data) -> str:
        raise NotImplementedError

    # -- list and change form ---------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(**bulkmail.count_annotations("deliveries"))

    @admin.display(description=_("progress"))
    def progress(self, obj):
        if obj is None or obj.pk is None or self.mailing_can_send(obj):
            return "—"
        return bulkmail.progress_text(bulkmail.counts_of(obj))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "mailing_urls": self._urls_of(obj) if obj is not None else None,
            "mailing_can_send": obj is not None and self.mailing_can_send(obj),
            "mailing_send_label": self.mailing_send_label,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # -- the mailing's pages ----------------------------------------------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        own = [
            path("<int:pk>/preview/", view(self.preview_view), name=f"{prefix}_preview"),
            path("<int:pk>/preview/<str:language>/html/", view(self.preview_html_view),
                 name=f"{prefix}_preview_html"),
            path("<int:pk>/send-test/", view(self.send_test_view), name=f"{prefix}_send_test"),
            path("<int:pk>/send/", view(self.send_view), name=f"{prefix}_send"),
            path("<int:pk>/progress/", view(self.progress_view), name=f"{prefix}_progress"),
        ]  # fmt: skip
        return own + super().get_urls()

    def _urls_of(self, obj) -> dict:
        prefix = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        return {
            name: reverse(f"{prefix}_{name}", args=[obj.pk])
            for name in ("preview", "send_test", "send", "progress", "change")
        }

    def _get(self, request, pk, *, change=False):
        obj = get_object_or_404(self.get_queryset(request), pk=pk)
        allowed = (
            self.has_change_permission(request, obj)
            if change
            else self.has_view_permission(request, obj)
        )
        if not allowed:
            raise PermissionDenied
        return obj

    def _page(self, request, obj, template, title, **context):
        return TemplateResponse(
            request,
            f"admin/mailing/{template}.html",
            {**self.admin_site.each_context(request), "opts": self.opts, "original": obj,
             "title": title, "mailing_urls": self._urls_of(obj), **context},
        )  # fmt: skip

    def _back(self, obj):
        return HttpResponseRedirect(self._urls_of(obj)["change"])

    def preview_view(self, request, pk):
        obj = self._get(request, pk)
        previews = []
        for language, name in settings.LANGUAGES:
            subject, text, _html = self.mailing_render(obj, language)
            previews.append({"language": language, "name": name, "subject": subject,
                             "text": text})  # fmt: skip
        return self._page(
            request, obj, "preview", _("Preview: %(mailing)s") % {"mailing": obj},
            previews=previews, audience=self.mailing_audience(obj),
        )  # fmt: skip

    def preview_html_view(self, request, pk, language):
        """The e-mail's HTML for the preview's frame, as its own sandboxed page."""
        obj = self._get(request, pk)
        if language not in dict(settings.LANGUAGES):
            raise Http404
        _subject, _text, html = self.mailing_render(obj, language)
        return email_preview_response(html)

    def send_test_view(self, request, pk):
        obj = self._get(request, pk)
        if request.method != "POST":
            return self._back(obj)
        try:
            self.mailing_send_test(obj, user=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request,
                _("A test in each language was sent to %(email)s.") % {"email": request.user.email},
                messages.SUCCESS,
            )
        return self._back(obj)

    def send_view(self, request, pk):
        obj = self._get(request, pk, change=True)
        if not self.mailing_can_send(obj):
            return HttpResponseRedirect(self._urls_of(obj)["progress"])
        form_class = self.mailing_send_form or forms.Form
        form = form_class(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                message = self.mailing_send(obj, by=request.user, data=form.cleaned_data)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, message, messages.SUCCESS)
            return self._back(obj)
        return self._page(
            request, obj, "send_confirm", _("Send %(mailing)s?") % {"mailing": obj},
            form=form, audience=self.mailing_audience(obj), send_label=self.mailing_send_label,
            audience_description=self.mailing_audience_description(obj),
        )  # fmt: skip

    def progress_view(self, request, pk):
        obj = self._get(request, pk)
        counts = bulkmail.counts(obj.deliveries.all())
        failures = (
            obj.deliveries.filter(
                status__in=[bulkmail.DeliveryStatus.FAILED, bulkmail.DeliveryStatus.UNCERTAIN]
            )
            .order_by("pk")
            .values_list(self.mailing_recipient, "error")[:200]
        )
        return self._page(
            request, obj, "progress", _("Sending %(mailing)s") % {"mailing": obj},
            counts=counts, total=sum(counts.values()), failures=failures,
            refresh=self.mailing_is_sending(obj), can_send=self.mailing_can_send(obj),
        )  # fmt: skip
