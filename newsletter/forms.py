from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from newsletter.models import NewsItem
from rialgender.forms import LANGUAGE_ORDER, BilingualModelForm


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


class NewsItemForm(BilingualModelForm):
    """The focal points' form: both languages side by side; one is enough to save a draft."""

    translated_fields = ("title", "body", "image_alt")

    class Meta:
        model = NewsItem
        fields = [
            *[f"{name}_{lang}" for name in ("title", "body") for lang in LANGUAGE_ORDER],
            "image",
            *[f"image_alt_{lang}" for lang in LANGUAGE_ORDER],
        ]
        widgets = {
            **{f"body_{lang}": forms.Textarea(attrs={"rows": 8}) for lang in LANGUAGE_ORDER},
        }

    def clean(self):
        cleaned = super().clean()
        self.require_one_language("title", _("A news item needs a title in Spanish or in English."))
        return cleaned
