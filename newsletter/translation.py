import simple_history
from modeltranslation.translator import TranslationOptions, register

from newsletter.models import Edition, EditionItem, NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "body", "image_alt")


@register(Edition)
class EditionTranslation(TranslationOptions):
    fields = ("introduction",)


@register(EditionItem)
class EditionItemTranslation(TranslationOptions):
    fields = ("title", "summary", "url")


# History after modeltranslation added the language columns (see members/translation.py).
simple_history.register(NewsItem)
