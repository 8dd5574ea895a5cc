from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio of programs")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from members.models import Ministry
        from portfolio.models import Program
        from portfolio.selectors import (
            forget_glance,
            home_section,
            member_awaiting,
            programs_for_edition,
            secretariat_tasks,
        )
        from portfolio.sitemaps import ProgramSitemap
        from rialgender import home_sections, member_home, sitemaps, sources, todo
        from rialgender.models import AreaOfAction

        sources.register("portfolio", _("Portfolio of Programs"), programs_for_edition, order=20)
        sitemaps.register("programs", ProgramSitemap)
        sitemaps.register_pages("portfolio:program-list", "portfolio:glance")
        home_sections.register("portfolio", "portfolio/_home_section.html", home_section, order=10)
        todo.register("portfolio", secretariat_tasks)
        member_home.register_workspace(
            "portfolio", _("My ministry's programs"), "portfolio:workspace", model=Program,
            order=10,
        )  # fmt: skip
        member_home.register_awaiting("portfolio", member_awaiting)
        post_save.connect(forget_glance, sender=Program, dispatch_uid="portfolio-glance-save")
        post_delete.connect(forget_glance, sender=Program, dispatch_uid="portfolio-glance-delete")
        post_save.connect(forget_glance, sender=AreaOfAction, dispatch_uid="portfolio-glance-area")
        post_save.connect(forget_glance, sender=Ministry, dispatch_uid="portfolio-glance-ministry")
        m2m_changed.connect(
            forget_glance, sender=Program.areas.through, dispatch_uid="portfolio-glance-areas"
        )
