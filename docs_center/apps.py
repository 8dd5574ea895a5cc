from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocsCenterConfig(AppConfig):
    name = "docs_center"
    verbose_name = _("Documentation center")

    def ready(self):
        from django.db.models.signals import post_delete

        from docs_center.models import Resource
        from docs_center.selectors import resources_for_edition
        from docs_center.sitemaps import ResourceSitemap
        from rialgender import sitemaps, sources

        sitemaps.register("documents", ResourceSitemap)
        sources.register("docs_center", _("Documentation center"), resources_for_edition, order=40)

        from docs_center.selectors import home_section, member_awaiting
        from rialgender import home_sections, member_home

        home_sections.register(
            "docs_center", "docs_center/_home_section.html", home_section, order=30
        )
        member_home.register_workspace(
            "docs_center", _("My ministry's resources"), "docs_center:workspace", model=Resource,
            order=30,
        )  # fmt: skip
        member_home.register_awaiting("docs_center", member_awaiting)

        from docs_center.models import ResourceFile
        from docs_center.selectors import resources_by_ministry, resources_for_country
        from rialgender import pagecache, participation

        # A resource's page lists its files; their text and thumbnails are written with
        # update(), and services.py marks the change itself.
        pagecache.watch(ResourceFile, "docs_center")

        participation.register_section(
            "docs_center", label=_("Documents and legislation"), order=40,
            template="docs_center/country_section.html", data=resources_for_country,
            topics=("docs_center",),
        )  # fmt: skip
        participation.register_measure(
            "documents", label=_("Documents about the country"), order=40, count=resources_by_ministry,
            topics=("docs_center",),
        )  # fmt: skip
        post_delete.connect(_remember_deleted, sender=Resource, dispatch_uid="docs-oai-deleted")


def _remember_deleted(sender, instance, **kwargs):
    from docs_center.services import resource_deleted

    resource_deleted(resource=instance)
