import simple_history
from modeltranslation.translator import TranslationOptions, register

from members.models import Activity, Communication, Ministry, WhatsAppGroup, WorkPlan


@register(Ministry)
class MinistryTranslation(TranslationOptions):
    fields = ("name", "gender_unit")
    required_languages = {"en": ("name",), "es": ("name",)}


@register(WorkPlan)
class WorkPlanTranslation(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = {"en": ("title",), "es": ("title",)}


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description", "link", "link_label")
    required_languages = {"en": ("title",), "es": ("title",)}


@register(Communication)
class CommunicationTranslation(TranslationOptions):
    # A formal communication always goes out in both languages.
    fields = ("subject", "body")
    required_languages = {"en": ("subject", "body"), "es": ("subject", "body")}


@register(WhatsAppGroup)
class WhatsAppGroupTranslation(TranslationOptions):
    fields = ("rules",)
    required_languages = {"en": ("rules",), "es": ("rules",)}


# simple_history copies the model's fields when it registers; doing it here, after
# modeltranslation added name_en/name_es..., keeps every language in the history.
for model in (Ministry, WorkPlan, Activity, WhatsAppGroup):
    simple_history.register(model)
