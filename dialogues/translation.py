import simple_history
from modeltranslation.translator import TranslationOptions, register

from dialogues.models import (
    AgendaItem,
    Event,
    Outcome,
    OutcomeLink,
    Question,
    Recommendation,
    Speaker,
)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "objective", "background", "venue")


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "description", "breakout_groups")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("role",)


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(Outcome)
class OutcomeTranslation(TranslationOptions):
    fields = ("summary", "conclusions", "next_steps")


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)


@register(OutcomeLink)
class OutcomeLinkTranslation(TranslationOptions):
    fields = ("title",)


# History after modeltranslation added the language columns (see members/translation.py).
simple_history.register(Event, excluded_fields=["translation_sync"])
simple_history.register(Outcome, excluded_fields=["translation_sync"])
simple_history.register(Recommendation)
