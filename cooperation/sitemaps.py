from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cooperation.models import Call, CooperationRequest


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class CooperationPagesSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return ["cooperation:project-list", "cooperation:pair-list"]

    def location(self, item):
        return reverse(item)


class CallSitemap(_Bilingual):
    changefreq = "monthly"

    def items(self):
        return Call.objects.published().order_by("number").only("pk", "number", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class ProjectSitemap(_Bilingual):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return CooperationRequest.objects.projects().order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at


SECTIONS = {
    "cooperation": CooperationPagesSitemap,
    "cooperation-calls": CallSitemap,
    "cooperation-projects": ProjectSitemap,
}


def register_sitemaps() -> None:
    """Add this app's sections to the portal's sitemap index: through its registry when it
    has one, else into the index's dictionary (read when the first request comes)."""
    from rialgender import sitemaps

    register = getattr(sitemaps, "register", None)
    for key, sitemap in SECTIONS.items():
        if register is not None:
            register(key, sitemap)
        else:
            sitemaps.SITEMAPS.setdefault(key, sitemap)
