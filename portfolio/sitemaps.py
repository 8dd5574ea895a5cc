from django.contrib.sitemaps import Sitemap

from portfolio.models import Program


class ProgramSitemap(Sitemap):
    """Published programs, each with its English and Spanish address (hreflang)."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Program.objects.published().order_by("pk").only("pk", "updated_at")

    def lastmod(self, item):
        return item.updated_at
