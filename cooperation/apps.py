from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _program_section(request, program):
    """The portfolio program page's "Bilateral cooperation" section (1 query)."""
    from cooperation.selectors import cooperation_for_program

    chain = cooperation_for_program(program)
    return chain if chain["built_on"] or chain["resulted_from"] else None


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Bilateral cooperation")

    def ready(self):
        from cooperation.selectors import newsletter_entries
        from cooperation.sitemaps import CallSitemap, ProjectSitemap
        from rialgender import sitemaps, sources
        from rialgender.sections import register as register_section

        sources.register("cooperation", _("Bilateral cooperation"), newsletter_entries, order=30)
        sitemaps.register("cooperation-calls", CallSitemap)
        sitemaps.register("cooperation-projects", ProjectSitemap)
        sitemaps.register_pages("cooperation:project-list", "cooperation:pair-list")

        from cooperation.models import CooperationRequest
        from cooperation.selectors import home_section, member_awaiting, secretariat_tasks
        from rialgender import home_sections, member_home, todo

        home_sections.register(
            "cooperation", "cooperation/_home_section.html", home_section, order=35
        )
        from cooperation.services import calls_opened_or_closed
        from rialgender import pagecache

        pagecache.follow_the_clock("cooperation", calls_opened_or_closed)

        member_home.register_workspace(
            "cooperation", _("My ministry's cooperation requests"), "cooperation:workspace",
            model=CooperationRequest, order=30,
        )  # fmt: skip
        member_home.register_awaiting("cooperation", member_awaiting)
        todo.register("cooperation", secretariat_tasks)
        register_section(
            "portfolio:program-detail", "cooperation/_program_section.html", _program_section
        )

        from cooperation.models import ProjectActivity, Result
        from cooperation.selectors import cooperation_for_country, projects_by_ministry
        from rialgender import pagecache, participation

        # A project's public page shows its activities and results.
        pagecache.watch(Result, "cooperation")
        pagecache.watch(ProjectActivity, "cooperation")
        participation.register_section(
            "cooperation", label=_("Bilateral cooperation"), order=50,
            template="cooperation/country_section.html", data=cooperation_for_country,
            topics=("cooperation",),
        )  # fmt: skip
        participation.register_measure(
            "cooperation", label=_("Cooperation projects"), order=50,
            count=projects_by_ministry, topics=("cooperation",),
        )  # fmt: skip
