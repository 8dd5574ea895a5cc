from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "dialogues"
    verbose_name = _("Dialogues and workshops")

    def ready(self):
        from dialogues.selectors import (
            home_section,
            member_awaiting,
            newsletter_entries,
            secretariat_tasks,
        )
        from dialogues.services import mailings_resume
        from dialogues.sitemaps import EventSitemap, OutcomeSitemap
        from rialgender import home_sections, member_home, sitemaps, sources, todo
        from rialgender.bulkmail import register_resumer

        register_resumer("event-mailings", mailings_resume)
        sources.register("dialogues", _("Dialogues and workshops"), newsletter_entries, order=25)
        sitemaps.register("dialogues", EventSitemap)
        sitemaps.register("dialogues-outcomes", OutcomeSitemap)
        sitemaps.register_pages("dialogues:event-list", "dialogues:tracker")

        from dialogues.models import (
            AgendaItem,
            EventDocument,
            OutcomeLink,
            ParticipationCount,
            Recommendation,
            RecommendationProgress,
            Speaker,
        )
        from dialogues.selectors import (
            dialogues_by_ministry,
            dialogues_for_country,
            dialogues_held,
            recommendations_published,
            recommendations_reported_by_ministry,
            tracker_url,
        )
        from rialgender import pagecache, participation

        participation.register_section(
            "dialogues", label=_("Dialogues and workshops"), order=30,
            template="dialogues/country_section.html", data=dialogues_for_country,
            topics=("dialogues",),
        )  # fmt: skip
        participation.register_measure(
            "dialogues", label=_("Dialogues attended"), order=30, count=dialogues_by_ministry,
            of_total=dialogues_held, topics=("dialogues",),
        )  # fmt: skip
        participation.register_measure(
            "recommendations", label=_("Recommendations reported"), order=35,
            count=recommendations_reported_by_ministry, of_total=recommendations_published,
            url=tracker_url, topics=("dialogues",),
        )  # fmt: skip
        # Typed in the admin, or written again by each attendance upload (which bumps itself).
        pagecache.watch(ParticipationCount, "dialogues")
        # What the API's records show besides the event and its outcome (both publishable,
        # watched by the core): the agenda, the recommendations (their areas) and the
        # countries' progress on them, counted in public.
        for model in (AgendaItem, Speaker, EventDocument, Recommendation, OutcomeLink,
                      RecommendationProgress):  # fmt: skip
            pagecache.watch(model, "dialogues")
        # Registration closing, an event starting or ending: moments no save marks.
        from dialogues.services import moments_crossed

        pagecache.follow_the_clock("dialogues", moments_crossed)
        home_sections.register("dialogues", "dialogues/_home_section.html", home_section, order=20)
        todo.register("dialogues", secretariat_tasks)
        member_home.register_workspace(
            "dialogues", _("My country's follow-up of the recommendations"),
            "dialogues:tracker-country", order=30,
        )  # fmt: skip
        member_home.register_awaiting("dialogues", member_awaiting)
