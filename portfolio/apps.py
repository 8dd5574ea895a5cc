from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio of programs")

    def ready(self):
        from newsletter.sources import register
        from portfolio.selectors import programs_for_edition

        register("portfolio", _("Portfolio of Programs"), programs_for_edition, order=20)
