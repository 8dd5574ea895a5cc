"""Reads for the portfolio pages."""

from django.db.models import Count, Prefetch, Q

from portfolio.models import Program, ProgramAttachment


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


def related_programs(program, limit=4):
    """Published programs sharing an area of action, most shared areas first (1 query)."""
    area_ids = [a.pk for a in program.areas.all()]
    if not area_ids:
        return []
    return list(
        Program.objects.published()
        .exclude(pk=program.pk)
        .filter(areas__in=area_ids)
        .annotate(shared=Count("areas", filter=Q(areas__in=area_ids)))
        .select_related("ministry")
        .order_by("-shared", "-published_at")[:limit]
    )


def workspace_programs(ministry):
    """The ministry's programs in every state, newest change first (1 query)."""
    return list(
        Program.objects.for_ministry(ministry)
        .annotate(attachment_count=Count("attachments"))
        .order_by("-updated_at")
    )


def portfolio_at_a_glance() -> dict:
    """Published programs by country and by area of action, as bars for the charts (2 queries)."""
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


def _bars(rows, width=100.0, row_height=28):
    top = max((row["count"] for row in rows), default=0) or 1
    for index, row in enumerate(rows):
        row["width"] = round(width * row["count"] / top, 1)
        row["y"] = index * row_height
    return {"rows": rows, "height": max(len(rows), 1) * row_height}


def programs_for_edition(start, end) -> list:
    """The newsletter's portfolio section: programs published, or published and then
    updated, in the period (1 query). Registered in PortfolioConfig.ready()."""
    from django.utils import translation
    from django.utils.translation import gettext

    from newsletter.sources import Entry, localized_paths

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
