from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from members.models import SPOKEN_LANGUAGES, Member, NetworkRole
from rialgender.params import clean_text
from rialgender.timezones import TIME_ZONE_CHOICES


class InvitationAcceptForm(forms.Form):
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise forms.ValidationError(_("The two passwords do not match."))
        if password2:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(
                email=self.invitation.email,
                first_name=self.invitation.first_name,
                last_name=self.invitation.last_name,
            )
            password_validation.validate_password(password2, probe)
        return password2


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language of the e-mails you receive"), choices=settings.LANGUAGES
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"),
        choices=[("", _("The time of my ministry's capital"))] + TIME_ZONE_CHOICES,
        required=False,
        help_text=_("Dates and times of dialogues and workshops are shown to you in this zone."),
    )

    class Meta:
        model = Member
        fields = ["title", "unit", "phone", "languages", "time_zone"]
        widgets = {"phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["language"].initial = user.language
        self.order_fields(
            ["first_name", "last_name", "title", "unit", "phone", "languages", "time_zone"]
        )

    def save(self, commit=True):
        member = super().save(commit=False)
        user = member.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.language = self.cleaned_data["language"]
        if commit:
            user.save(update_fields=["first_name", "last_name", "language"])
            member.save()
        return member


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False)
    role = forms.ChoiceField(
        label=_("Role in the network"),
        required=False,
        choices=[("", _("Any role"))] + list(NetworkRole.choices),
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        self.fields["country"].choices = [("", _("All countries"))] + list(countries)

    def clean_q(self):
        return clean_text(self.cleaned_data["q"], max_length=100)


class RosterJoinForm(forms.Form):
    accept_rules = forms.BooleanField(
        label=_("I have read the rules of the group and I accept them."),
        required=True,
        error_messages={"required": _("To join the group, please accept its rules.")},
    )
