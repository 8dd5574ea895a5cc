from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portfolio.sitemaps import ProgramSitemap


class StaticSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return ["home", "about", "work-plan", "privacy", "accessibility", "portfolio:program-list",
                "portfolio:glance"]  # fmt: skip

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": StaticSitemap, "programs": ProgramSitemap}
