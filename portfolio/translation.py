import simple_history
from modeltranslation.translator import TranslationOptions, register

from portfolio.models import Program


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = (
        "title", "summary", "objectives", "target_population", "description", "results",
        "lessons", "partners", "evaluation_findings",
    )  # fmt: skip


# After modeltranslation added the language columns, so that history keeps both languages.
simple_history.register(
    Program, excluded_fields=["search_en", "search_es", "translation_sync"], m2m_fields=["areas"]
)
