from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogues"
    verbose_name = _("Dialogues and workshops")

    def ready(self):
        from dialogues.services import mailings_resume
        from rialgender.bulkmail import register_resumer

        register_resumer("event-mailings", mailings_resume)
