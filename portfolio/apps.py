from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio of programs")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from members.models import Ministry
        from portfolio.models import Program
        from portfolio.selectors import forget_glance, programs_for_edition, secretariat_tasks
        from portfolio.sitemaps import ProgramSitemap
        from rialgender import sitemaps, sources, todo
        from rialgender.models import AreaOfAction

        sources.register("portfolio", _("Portfolio of Programs"), programs_for_edition, order=20)
        sitemaps.register("programs", ProgramSitemap)
        sitemaps.register_pages("portfolio:program-list", "portfolio:glance")
        todo.register("portfolio", secretariat_tasks)
        post_save.connect(forget_glance, sender=Program, dispatch_uid="portfolio-glance-save")
        post_delete.connect(forget_glance, sender=Program, dispatch_uid="portfolio-glance-delete")
        post_save.connect(forget_glance, sender=AreaOfAction, dispatch_uid="portfolio-glance-area")
        post_save.connect(forget_glance, sender=Ministry, dispatch_uid="portfolio-glance-ministry")
        m2m_changed.connect(
            forget_glance, sender=Program.areas.through, dispatch_uid="portfolio-glance-areas"
        )
