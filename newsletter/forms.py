from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from newsletter.models import NewsItem


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(
        label=_(
            "I agree to receive the RIAL/GENDER newsletter every two weeks. I can unsubscribe at any time."
        ),
        error_messages={"required": _("Please agree to receive the newsletter.")},
    )
    # A field people never see: bots fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)


class NewsItemForm(forms.ModelForm):
    """The focal points' form: both languages side by side; one is enough to save a draft."""

    class Meta:
        model = NewsItem
        fields = [
            "title_es",
            "title_en",
            "body_es",
            "body_en",
            "image",
            "image_alt_es",
            "image_alt_en",
        ]
        widgets = {
            "body_es": forms.Textarea(attrs={"rows": 8}),
            "body_en": forms.Textarea(attrs={"rows": 8}),
        }

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("title_es") or cleaned.get("title_en")):
            raise forms.ValidationError(_("A news item needs a title in Spanish or in English."))
        return cleaned
