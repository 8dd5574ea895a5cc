from modeltranslation.translator import TranslationOptions, register

from tests.workflow_app.models import Article, JointNote, Leaflet, Notice


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "body")


@register(JointNote)
class JointNoteTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Notice)
class NoticeTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Leaflet)
class LeafletTranslation(TranslationOptions):
    fields = ("title",)
