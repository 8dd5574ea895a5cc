from modeltranslation.translator import TranslationOptions, register

from tests.workflow_app.models import Article


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "body")
