"""The dialogues' sections of the sitemap (registered in DialoguesConfig.ready through
rialgender.sitemaps): each published event, and each published outcome, in both languages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dialogues.models import Event, Outcome
from rialgender.workflow import State


class _Bilingual(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class EventSitemap(_Bilingual):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("starts_at").only("pk", "updated_at")

    def location(self, item):
        return reverse("dialogues:event-detail", kwargs={"pk": item.pk})

    def lastmod(self, item):
        return item.updated_at


class OutcomeSitemap(_Bilingual):
    changefreq = "monthly"

    def items(self):
        return (
            Outcome.objects.published()
            .filter(event__state=State.PUBLISHED)
            .order_by("event__starts_at")
            .only("pk", "event_id", "updated_at")
        )

    def location(self, item):
        return reverse("dialogues:event-outcome", kwargs={"pk": item.event_id})

    def lastmod(self, item):
        return item.updated_at
