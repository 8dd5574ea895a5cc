from django.utils.text import capfirst, format_lazy
from django.utils.translation import pgettext_lazy

# The language of one version of a translated field, as it appears in that field's label:
# "Summary (English)", "Resumen (inglés)".
LANGUAGE_NAMES = {
    "en": pgettext_lazy("a field's language, in its label", "English"),
    "es": pgettext_lazy("a field's language, in its label", "Spanish"),
}


def field_label(verbose_name, language):
    """The label of one language's version of a translated field."""
    return format_lazy("{} ({})", capfirst(verbose_name), LANGUAGE_NAMES.get(language, language))
