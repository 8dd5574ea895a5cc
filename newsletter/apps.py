from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from newsletter import signals  # noqa: F401  (members are subscribed automatically)
        from newsletter.selectors import news_for_edition
        from rialgender.sources import register

        register("news", _("News from the units"), news_for_edition, order=10)

        from newsletter.models import NewsItem
        from newsletter.selectors import home_section, member_awaiting, secretariat_tasks
        from rialgender import home_sections, member_home, todo

        home_sections.register("news", "newsletter/_home_section.html", home_section, order=40)
        todo.register("newsletter", secretariat_tasks)
        member_home.register_workspace(
            "news", _("My ministry's news"), "newsletter:news-workspace", model=NewsItem,
            order=60,
        )  # fmt: skip
        member_home.register_awaiting("news", member_awaiting)

        from newsletter.services import editions_resume
        from rialgender.bulkmail import register_resumer

        register_resumer("editions", editions_resume)
