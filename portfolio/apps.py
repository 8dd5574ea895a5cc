from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio of programs")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from members.models import Ministry
        from portfolio.models import Program, ProgramAttachment
        from portfolio.selectors import (
            forget_glance,
            home_section,
            member_awaiting,
            programs_for_country,
            programs_for_edition,
            programs_url,
            published_programs_by_ministry,
            secretariat_tasks,
        )
        from portfolio.sitemaps import ProgramSitemap
        from rialgender import (
            home_sections,
            member_home,
            pagecache,
            participation,
            sitemaps,
            sources,
            todo,
        )
        from rialgender.models import AreaOfAction

        sources.register("portfolio", _("Portfolio of programs"), programs_for_edition, order=20)
        sitemaps.register("programs", ProgramSitemap)
        sitemaps.register_pages("portfolio:program-list", "portfolio:glance")
        home_sections.register("portfolio", "portfolio/_home_section.html", home_section, order=10)
        todo.register("portfolio", secretariat_tasks)
        member_home.register_workspace(
            "portfolio", _("My ministry's programs"), "portfolio:workspace", model=Program,
            order=10,
        )  # fmt: skip
        member_home.register_awaiting("portfolio", member_awaiting)
        pagecache.watch(ProgramAttachment, "portfolio")
        participation.register_section(
            "portfolio", label=_("Programs in the portfolio"), order=20,
            template="portfolio/country_section.html", data=programs_for_country,
            topics=("portfolio",),
        )  # fmt: skip
        participation.register_measure(
            "programs", label=_("Programs shared"), order=20,
            count=published_programs_by_ministry, url=programs_url, topics=("portfolio",),
        )  # fmt: skip
        post_save.connect(forget_glance, sender=Program, dispatch_uid="portfolio-glance-save")
        post_delete.connect(forget_glance, sender=Program, dispatch_uid="portfolio-glance-delete")
        post_save.connect(forget_glance, sender=AreaOfAction, dispatch_uid="portfolio-glance-area")
        post_save.connect(forget_glance, sender=Ministry, dispatch_uid="portfolio-glance-ministry")
        m2m_changed.connect(
            forget_glance, sender=Program.areas.through, dispatch_uid="portfolio-glance-areas"
        )
