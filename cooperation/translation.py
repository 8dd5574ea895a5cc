import simple_history
from modeltranslation.translator import TranslationOptions, register

from cooperation.models import (
    Call,
    CallDocument,
    CooperationRequest,
    Criterion,
    Listing,
    ProjectActivity,
    Result,
)


@register(Call)
class CallTranslation(TranslationOptions):
    fields = ("title", "terms")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"en": ("name",), "es": ("name",)}


@register(CallDocument)
class CallDocumentTranslation(TranslationOptions):
    fields = ("title",)


@register(Listing)
class ListingTranslation(TranslationOptions):
    fields = ("title", "description")


@register(CooperationRequest)
class CooperationRequestTranslation(TranslationOptions):
    fields = ("title", "summary", "objectives", "expected_results")


@register(ProjectActivity)
class ProjectActivityTranslation(TranslationOptions):
    fields = ("title",)


@register(Result)
class ResultTranslation(TranslationOptions):
    fields = ("title", "description")


# After modeltranslation added the language columns, so that history keeps both languages.
simple_history.register(Call, excluded_fields=["translation_sync"], m2m_fields=["reviewers"])
simple_history.register(
    CooperationRequest, excluded_fields=["translation_sync"], m2m_fields=["areas"]
)
