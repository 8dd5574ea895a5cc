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
