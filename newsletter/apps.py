from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from newsletter import signals  # noqa: F401  (members are subscribed automatically)
        from newsletter.selectors import news_for_edition
        from newsletter.sources import register

        register("news", _("News from the units"), news_for_edition, order=10)

        from newsletter.services import editions_resume
        from rialgender.bulkmail import register_resumer

        register_resumer("editions", editions_resume)
