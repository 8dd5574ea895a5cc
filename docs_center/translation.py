import simple_history
from modeltranslation.translator import TranslationOptions, register

from docs_center.models import Collection, Parameter, ParameterSet, Resource


@register(Resource)
class ResourceTranslation(TranslationOptions):
    fields = ("title", "abstract", "duration", "cost")


@register(ParameterSet)
class ParameterSetTranslation(TranslationOptions):
    fields = ("introduction",)


@register(Parameter)
class ParameterTranslation(TranslationOptions):
    fields = ("text", "guidance")


@register(Collection)
class CollectionTranslation(TranslationOptions):
    fields = ("title", "description")


# After modeltranslation added the language columns, so that history keeps both languages.
simple_history.register(
    Resource, excluded_fields=["search_document", "translation_sync", "sample_key", "text_version"]
)
