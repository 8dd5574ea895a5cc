from modeltranslation.translator import TranslationOptions, register

from rialgender.models import AreaOfAction


@register(AreaOfAction)
class AreaOfActionTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en", "es")
