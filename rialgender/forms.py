"""Form bases every tool shares."""

from django import forms
from django.conf import settings
from django.forms.renderers import TemplatesSetting
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rialgender.languages import field_label

LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]


class PortalFormRenderer(TemplatesSetting):
    """Forms rendered with {{ form }} use the project's templates, so that a checkbox sits
    beside its label (templates/forms/field.html) in every form, allauth's included."""

    field_template_name = "forms/field.html"


def reader_first(languages=LANGUAGE_ORDER) -> list[str]:
    """The languages with the reader's own first (Spanish, then English, on a Spanish page)."""
    current = (get_language() or "")[:2]
    return sorted(languages, key=lambda lang: lang != current)


class BilingualModelForm(forms.ModelForm):
    """A model form for a translated model, both languages side by side, the reader's own
    first: a focal point writing in Spanish on a Spanish page starts in the Spanish box (the
    admin keeps one order for the Secretariat: English, then Spanish). One language is
    enough to save a draft: the Secretariat translates the rest.

    Subclasses list the translated base names in `translated_fields` and put
    `<name>_<lang>` in Meta.fields for each; `require_one_language(name)` in `clean()` asks
    for at least one language of a field.
    """

    translated_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name in self.translated_fields:
            for lang in LANGUAGE_ORDER:
                field = self.fields[f"{name}_{lang}"]
                field.required = False
                field.widget.attrs["lang"] = lang
                field.label = field_label(model._meta.get_field(name).verbose_name, lang)
        # Each pair in the order it is shown (the error summary lists the fields so).
        base_of = {f"{n}_{lang}": n for n in self.translated_fields for lang in LANGUAGE_ORDER}
        names, placed = [], set()
        for field_name in self.fields:
            base = base_of.get(field_name)
            if base is None:
                names.append(field_name)
            elif base not in placed:
                placed.add(base)
                names += [f"{base}_{lang}" for lang in reader_first()]
        self.order_fields(names)

    def language_pairs(self):
        """(label, [bound field per language]) for the side-by-side layout."""
        model = self._meta.model
        return [
            (model._meta.get_field(name).verbose_name,
             [self[f"{name}_{lang}"] for lang in reader_first()])
            for name in self.translated_fields
        ]  # fmt: skip

    def other_fields(self):
        translated = {f"{n}_{lang}" for n in self.translated_fields for lang in LANGUAGE_ORDER}
        return [self[name] for name in self.fields if name not in translated]

    def require_one_language(self, name: str, message: str | None = None) -> None:
        data = self.cleaned_data
        if not any((data.get(f"{name}_{lang}") or "").strip() for lang in LANGUAGE_ORDER):
            label = self._meta.model._meta.get_field(name).verbose_name
            # Marked on the field in the reader's language, the one they most likely use.
            language = get_language() if get_language() in LANGUAGE_ORDER else LANGUAGE_ORDER[0]
            self.add_error(
                f"{name}_{language}",
                message or _("Fill in “%(field)s” in English or in Spanish.") % {"field": label},
            )
