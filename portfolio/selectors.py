"""Reads for the portfolio pages."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils.translation import get_language

from portfolio.models import Program, ProgramAttachment
from rialgender.sources import Entry, localized_paths


def program_for_detail(pk):
    """A program with everything its page shows (3 queries)."""
    return (
        Program.objects.select_related("ministry")
        .prefetch_related(
            "areas", Prefetch("attachments", queryset=ProgramAttachment.objects.all())
        )
        .filter(pk=pk)
        .first()
    )


RELATED_CANDIDATES = 200


def related_programs(program, limit=4):
    """Published programs sharing an area of action, most shared areas first, chosen among the
    200 most recently published that share one so that the cost does not grow with the
    portfolio (2 queries)."""
    area_ids = {a.pk for a in program.areas.all()}
    if not area_ids:
        return []
    candidates = (
        Program.objects.published()
        .exclude(pk=program.pk)
        .filter(area_ids__overlap=list(area_ids))
        .order_by("-published_at", "-pk")
        .values_list("pk", "area_ids")[:RELATED_CANDIDATES]
    )
    # Sorted is stable: among equally related programs, the newest stay first.
    best = sorted(candidates, key=lambda c: len(area_ids.intersection(c[1])), reverse=True)
    ids = [pk for pk, _areas in best[:limit]]
    found = Program.objects.select_related("ministry").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def workspace_programs(ministry):
    """The ministry's programs in every state, newest change first (1 query)."""
    return list(
        Program.objects.for_ministry(ministry)
        .annotate(attachment_count=Count("attachments"))
        .order_by("-updated_at")
    )


GLANCE_CACHE_SECONDS = 3600


def _glance_cache_key(language: str) -> str:
    return f"portfolio:glance:{language}"


def forget_glance(action=None, **kwargs) -> None:
    """Drop the cached figures when the change commits (a page read before then would put the
    old figures back for an hour); connected to every change of a program, of its areas, of
    an area or of a ministry."""
    if action is not None and action.startswith("pre_"):  # m2m_changed: only after the change
        return
    keys = [_glance_cache_key(code) for code, _name in settings.LANGUAGES]
    transaction.on_commit(lambda: cache.delete_many(keys))


def portfolio_at_a_glance() -> dict:
    """Published programs by country and by area of action, as bars for the charts.

    Counting the whole portfolio grows with it, so the figures are kept in the cache (per
    language: the labels are translated) until a program changes (0 queries, else 2)."""
    key = _glance_cache_key(get_language())
    figures = cache.get(key)
    if figures is None:
        figures = _count_glance()
        cache.set(key, figures, GLANCE_CACHE_SECONDS)
    return figures


def _count_glance() -> dict:
    from django_countries import countries

    from rialgender.models import AreaOfAction

    by_country = (
        Program.objects.published()
        .values("ministry__country")
        .annotate(n=Count("pk"))
        .order_by("-n", "ministry__country")
    )
    countries_rows = [
        {"label": countries.name(row["ministry__country"]), "count": row["n"]} for row in by_country
    ]
    areas_rows = [
        {"label": area.name, "count": area.n}
        for area in AreaOfAction.objects.annotate(
            n=Count("programs", filter=Q(programs__state="published"))
        ).order_by("-n", "order")
        if area.n or not area.is_retired
    ]
    return {
        "by_country": _bars(countries_rows),
        "by_area": _bars(areas_rows),
        "total": sum(row["count"] for row in countries_rows),
    }


def _bars(rows):
    """Each row's share of the largest, in percent, for the bar's width."""
    top = max((row["count"] for row in rows), default=0) or 1
    for row in rows:
        row["width"] = round(100.0 * row["count"] / top, 1)
    return {"rows": rows}


def programs_for_edition(start, end) -> list:
    """The newsletter's portfolio section: programs published, or published and then
    updated, in the period (1 query). Registered in PortfolioConfig.ready()."""
    from django.utils import translation
    from django.utils.translation import gettext

    programs = (
        Program.objects.published()
        .filter(
            Q(published_at__gte=start, published_at__lt=end)
            | Q(updated_at__gte=start, updated_at__lt=end)
        )
        .select_related("ministry")
        .order_by("-published_at")[:50]
    )
    entries = []
    for program in programs:
        summary = {}
        for code in ("en", "es"):
            with translation.override(code):
                label = (
                    gettext("New program")
                    if program.published_at >= start
                    else gettext("Updated program")
                )
                text = getattr(program, f"summary_{code}")
                summary[code] = f"{label} · {program.ministry.country.name}. {text}".strip()
        entries.append(
            Entry(
                key=f"portfolio.program:{program.pk}",
                title={"en": program.title_en, "es": program.title_es},
                summary=summary,
                url=localized_paths("portfolio:program-detail", pk=program.pk),
            )
        )
    return entries


# -- the portfolio's part of the country pages and of the network at a glance -------------

COUNTRY_PAGE_PROGRAMS = 10


def programs_for_country(ministry, *, user) -> dict:
    """The country page's section: the ministry's published programs, newest first, and how
    many there are (1 query: the count is a window over the same rows). Registered in
    PortfolioConfig.ready()."""
    from django.db.models import Window

    programs = list(
        Program.objects.published().filter(ministry=ministry)
        .annotate(total=Window(Count("pk")))
        .order_by("-published_at", "-pk")[:COUNTRY_PAGE_PROGRAMS]
    )  # fmt: skip
    return {"programs": programs, "total": programs[0].total if programs else 0}


def published_programs_by_ministry(year=None) -> dict[int, int]:
    """Published programs per ministry, first published in `year` if given (1 query)."""
    programs = Program.objects.published()
    if year:
        programs = programs.filter(published_at__year=year)
    return dict(programs.values_list("ministry_id").annotate(n=Count("pk")).order_by())


def programs_url(ministry) -> str:
    from django.urls import reverse

    return f"{reverse('portfolio:program-list')}?country={ministry.country.code}"


def secretariat_tasks():
    """Published programs their ministry has not confirmed for 18 months (1 query)."""
    from django.db.models import Count, Min
    from django.db.models.functions import Coalesce
    from django.utils.translation import gettext

    from rialgender.todo import Task, changelist_url

    stale = Program.objects.stale().aggregate(
        count=Count("pk"), since=Min(Coalesce("last_confirmed_at", "published_at"))
    )
    return [
        Task(
            tool=str(Program._meta.app_config.verbose_name),
            label=gettext("Programs to ask their ministry about: not confirmed for 18 months"),
            count=stale["count"],
            since=stale["since"],
            url=changelist_url(Program, stale="yes"),
        )
    ]


CONFIRM_EVERY_DAYS = 365  # the yearly "still current" confirmation


def member_awaiting(user, ministry):
    """What awaits a focal point in the portfolio: programs returned with comments, and
    published programs whose yearly confirmation is due (1 query)."""
    from datetime import timedelta

    from django.db.models.functions import Coalesce
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext

    from portfolio.services import confirmation_token
    from rialgender.member_home import Awaiting
    from rialgender.workflow import State

    due = timezone.now() - timedelta(days=CONFIRM_EVERY_DAYS)
    programs = (
        Program.objects.for_ministry(ministry)
        .annotate(confirmed=Coalesce("last_confirmed_at", "published_at"))
        .filter(Q(state=State.RETURNED) | Q(state=State.PUBLISHED, confirmed__lt=due))
        .order_by("updated_at")
    )
    tool = str(Program._meta.app_config.verbose_name)
    items = []
    for program in programs:
        if program.state == State.RETURNED:
            label = gettext("“%(title)s” was returned with comments") % {"title": program}
            url, since = reverse("portfolio:program-edit", args=[program.pk]), program.updated_at
        else:
            label = gettext("Confirm that “%(title)s” is still current") % {"title": program}
            url = reverse("portfolio:program-confirm", args=[confirmation_token(program)])
            since = program.confirmed
        items.append(Awaiting(tool=tool, label=label, url=url, since=since))
    return items


def home_section() -> dict:
    """The home page's newest programs (1 query)."""
    programs = list(
        Program.objects.published().select_related("ministry").order_by("-published_at")[:3]
    )
    return {"programs": programs} if programs else {}
