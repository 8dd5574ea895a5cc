from django.contrib.sitemaps import Sitemap

from cooperation.models import Call, CooperationRequest


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


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
