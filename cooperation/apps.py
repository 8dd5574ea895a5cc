from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _program_section(request, program):
    """The portfolio program page's "Bilateral cooperation" section (1 query)."""
    from cooperation.selectors import cooperation_for_program

    chain = cooperation_for_program(program)
    return chain if chain["built_on"] or chain["resulted_from"] else None


def _content_registry():
    """The registry of content sources for the newsletter: rialgender.sources once it moves
    there, the newsletter's until then (the only place this app names the newsletter)."""
    import importlib

    try:
        return importlib.import_module("rialgender.sources")
    except ModuleNotFoundError:
        return importlib.import_module("newsletter.sources")


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Bilateral cooperation")

    def ready(self):
        from functools import partial

        from cooperation.selectors import newsletter_entries
        from cooperation.sitemaps import register_sitemaps
        from rialgender.sections import register as register_section

        registry = _content_registry()
        registry.register(
            "cooperation",
            _("Bilateral cooperation"),
            partial(newsletter_entries, entry_class=registry.Entry, paths=registry.localized_paths),
            order=30,
        )
        register_sitemaps()

        from cooperation.models import CooperationRequest
        from cooperation.selectors import member_awaiting, secretariat_tasks
        from rialgender import member_home, todo

        member_home.register_workspace(
            "cooperation", _("My ministry's cooperation requests"), "cooperation:workspace",
            model=CooperationRequest, order=30,
        )  # fmt: skip
        member_home.register_awaiting("cooperation", member_awaiting)
        todo.register("cooperation", secretariat_tasks)
        register_section(
            "portfolio:program-detail", "cooperation/_program_section.html", _program_section
        )
