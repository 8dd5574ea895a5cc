import simple_history
from modeltranslation.translator import TranslationOptions, register

from members.models import Ministry


@register(Ministry)
class MinistryTranslation(TranslationOptions):
    fields = ("name", "gender_unit")
    required_languages = {"en": ("name",), "es": ("name",)}


# simple_history copies the model's fields when it registers; doing it here, after
# modeltranslation added name_en/name_es..., keeps every language in the history.
simple_history.register(Ministry)
