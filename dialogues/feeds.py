from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from dialogues import selectors
from dialogues.timefmt import when_text
from rialgender.exports import feed_text


class EventsFeed(Feed):
    """Published dialogues and workshops, newest first, in the language of the URL."""

    def title(self):
        return _("RIAL/GENDER dialogues and workshops")

    def link(self):
        return reverse("dialogues:event-list")

    def description(self):
        return _(
            "Virtual hemispheric dialogues and workshops of the Network of Gender Focal Points in the Ministries of Labor of the Americas."
        )

    def items(self):
        return selectors.events_for_feed()

    def item_title(self, item):
        return str(item.title)

    def item_description(self, item):
        # Feed readers read descriptions as HTML: the text is escaped, its paragraphs kept.
        when = when_text(item.starts_at, item.time_zone, end=item.ends_at, with_zone=True)
        return feed_text(f"{when}\n\n{item.description}")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
