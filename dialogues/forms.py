from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.admin import widgets as admin_widgets
from django.utils.translation import gettext_lazy as _

from dialogues.attendance import ReportError, read_report
from dialogues.models import Event, ProgressStatus, RecommendationProgress
from rialgender.files import FILE_FIELD_MESSAGES
from rialgender.timezones import TIME_ZONE_CHOICES


def _zone_field(**kwargs):
    return forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES, **kwargs)


class RegisterSelfForm(forms.Form):
    """A member registers themselves: only how they want to hear from us."""

    language = forms.ChoiceField(
        label=_("Language of the e-mails you receive"), choices=settings.LANGUAGES
    )
    time_zone = _zone_field(
        help_text=_("Times in the e-mails and reminders are given in this zone.")
    )


class RegisterColleagueForm(forms.Form):
    """A focal point registers a colleague of the same ministry."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=_("Language of the e-mails they receive"), choices=settings.LANGUAGES
    )
    time_zone = _zone_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class AnswersForm(forms.Form):
    """One text box per question, for the reader's delegation."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=question.own_answer.text if question.own_answer else "",
            )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}", "") for q in self.questions}


class ProgressForm(forms.ModelForm):
    """A country's status on one recommendation."""

    class Meta:
        model = RecommendationProgress
        fields = ["status", "note", "evidence_url"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}
        help_texts = {
            "note": _("What your ministry did, in a sentence or two."),
            "evidence_url": _("A law, a program, a report that shows it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ProgressStatus.choices


class ParticipantReportForm(forms.Form):
    """The video platform's participant report, for the Secretariat (admin)."""

    file = forms.FileField(
        label=_("Participant report (CSV)"),
        help_text=_("As the video platform exports it, with English or Spanish column names."),
        error_messages=FILE_FIELD_MESSAGES,
    )
    host_time_zone = _zone_field(
        help_text=_("The time zone of the meeting host's account: the times in the file are in it.")
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["host_time_zone"].initial = event.time_zone
        self.rows = []

    def clean(self):
        cleaned = super().clean()
        upload, zone = cleaned.get("file"), cleaned.get("host_time_zone")
        if upload and zone:
            try:
                self.rows = read_report(upload, zone=zone)
            except ReportError as error:
                self.add_error("file", error.messages)
        return cleaned


class LocalDateTimeField(forms.SplitDateTimeField):
    """A date and a time on a clock, not yet an instant: the form reads them in the zone it
    is given (Django would read them in the site's zone, and refuse a time that does not
    exist there)."""

    widget = admin_widgets.AdminSplitDateTime

    def compress(self, data_list):
        if data_list and None not in data_list[:2]:
            return datetime.combine(*data_list[:2])
        return None


class EventAdminForm(forms.ModelForm):
    """Start and end typed in the organiser's time zone, as the agenda is; stored as
    instants. A time that does not exist in that zone (skipped when the clocks go forward)
    is refused."""

    starts_local = LocalDateTimeField(label=_("Starts (organiser's time)"))
    ends_local = LocalDateTimeField(label=_("Ends (organiser's time)"))

    class Meta:
        model = Event
        # The admin's fieldsets choose the fields; the instants come from *_local.
        fields = ["kind", "number", "time_zone"]
        widgets = {"time_zone": forms.Select(choices=TIME_ZONE_CHOICES)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            zone = instance.zone
            self.initial["starts_local"] = instance.starts_at.astimezone(zone).replace(tzinfo=None)
            self.initial["ends_local"] = instance.ends_at.astimezone(zone).replace(tzinfo=None)

    @staticmethod
    def _aware(naive: datetime, zone: str) -> datetime | None:
        tz = ZoneInfo(zone)
        naive = naive.replace(tzinfo=None)
        aware = naive.replace(tzinfo=tz)
        # A time skipped by a daylight-saving change comes back different from UTC.
        if aware.astimezone(ZoneInfo("UTC")).astimezone(tz).replace(tzinfo=None) != naive:
            return None
        return aware

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        instants = {}
        for name in ("starts_local", "ends_local"):
            value = cleaned.get(name)
            if value is None or not zone:
                continue
            aware = self._aware(value, zone)
            if aware is None:
                self.add_error(
                    name,
                    _("This time does not exist in that time zone: the clocks go forward then."),
                )
            else:
                instants[name] = aware
        start, end = instants.get("starts_local"), instants.get("ends_local")
        if start and end and end <= start:
            self.add_error("ends_local", _("The event must end after it starts."))
        if start:
            self.instance.starts_at = start
        if end:
            self.instance.ends_at = end
        return cleaned
