"""Reads for the newsletter's pages and its own content source."""

from django.db.models import Prefetch

from newsletter.models import Edition, EditionItem, NewsItem
from rialgender.sources import Entry, label_of, localized_paths


def news_for_edition(start, end) -> list[Entry]:
    """The section "News from the units": items published in the period (1 query)."""
    items = (
        NewsItem.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .select_related("ministry")
        .order_by("published_at")
    )
    entries = []
    for item in items:
        summary = {code: _excerpt(getattr(item, f"body_{code}")) for code in ("en", "es")}
        entries.append(
            Entry(
                key=f"newsletter.news:{item.pk}",
                title={"en": item.title_en, "es": item.title_es},
                summary=summary,
                url=localized_paths("newsletter:news-detail", pk=item.pk),
            )
        )
    return entries


def _excerpt(text: str, limit: int = 280) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def news_list():
    return NewsItem.objects.for_list()


def news_for_detail(pk: int):
    return NewsItem.objects.select_related("ministry").filter(pk=pk).first()


def edition_archive():
    return Edition.objects.archive()


def edition_for_page(number: int):
    """A sent edition with its included items, in order (2 queries)."""
    return (
        Edition.objects.archive()
        .filter(number=number)
        .prefetch_related(
            Prefetch("items", queryset=EditionItem.objects.filter(included=True), to_attr="shown")
        )
        .first()
    )


def sections(edition, items=None) -> list[dict]:
    """The edition's items grouped by section, in the order the Secretariat left them."""
    items = items if items is not None else getattr(edition, "shown", None)
    if items is None:
        items = list(edition.items.filter(included=True))
    grouped: dict[str, list] = {}
    for item in sorted(items, key=lambda i: (i.position, i.pk)):
        grouped.setdefault(item.source, []).append(item)
    return [{"key": key, "label": label_of(key), "items": rows} for key, rows in grouped.items()]


def news_of_ministry(ministry):
    """The news workspace: every item the ministry wrote, newest change first (1 query)."""
    return NewsItem.objects.for_ministry(ministry).order_by("-updated_at", "-pk")


def secretariat_tasks():
    """Editions composed and waiting for the Secretariat's approval (1 query)."""
    from django.db.models import Count, Min
    from django.utils.translation import gettext

    from newsletter.models import EditionStatus
    from rialgender.todo import Task, changelist_url

    drafts = Edition.objects.filter(status=EditionStatus.DRAFT).aggregate(
        count=Count("pk"), since=Min("created_at")
    )
    return [
        Task(
            tool=str(Edition._meta.app_config.verbose_name),
            label=gettext("Editions to approve"),
            count=drafts["count"],
            since=drafts["since"],
            url=changelist_url(Edition, status__exact=EditionStatus.DRAFT),
        )
    ]


def member_awaiting(user, ministry):
    """News items of the ministry returned with comments (1 query)."""
    from django.urls import reverse
    from django.utils.translation import gettext

    from rialgender.member_home import Awaiting
    from rialgender.workflow import State

    tool = str(NewsItem._meta.verbose_name_plural).capitalize()
    return [
        Awaiting(
            tool=tool,
            label=gettext("“%(title)s” was returned with comments") % {"title": item},
            url=reverse("newsletter:news-edit", args=[item.pk]),
            since=item.updated_at,
        )
        for item in NewsItem.objects.for_ministry(ministry)
        .filter(state=State.RETURNED)
        .order_by("updated_at")
    ]


def home_section() -> dict:
    """The home page's latest news from the units (1 query)."""
    items = list(NewsItem.objects.for_list()[:3])
    return {"news": items} if items else {}
