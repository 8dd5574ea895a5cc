"""Reads for the members' pages, the about page and the work plan (each bounded in queries)."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext

from members.models import (
    ROSTER_HOLDS_A_PLACE,
    Communication,
    Member,
    Ministry,
    NetworkRole,
    RosterEntry,
    RosterStatus,
    SteeringCommittee,
    SteeringSeat,
    WorkPlan,
)

DIRECTORY_PAGE_SIZE = 50


def steering_ministry_ids() -> set[int]:
    """The ministries with a seat on the committee in office (1 query)."""
    committee = SteeringCommittee.objects.started().values("pk")[:1]
    return set(
        SteeringSeat.objects.filter(committee__in=committee).values_list("ministry_id", flat=True)
    )


def directory_page(*, q: str = "", country: str = "", role: str = "", page=1) -> dict:
    """The directory: active members, searched by name (accents and case ignored), filtered
    by country and role; 50 a page (2 queries: the count and the page)."""
    members = Member.objects.for_directory()
    q = " ".join(q.split())[:100]
    for word in q.split(" ") if q else []:
        members = members.filter(
            Q(user__first_name__unaccent__icontains=word)
            | Q(user__last_name__unaccent__icontains=word)
            | Q(user__email__icontains=word)
        )
    if country:
        members = members.filter(ministry__country=country)
    if role in NetworkRole.values:
        members = members.filter(network_role=role)
    paginator = Paginator(members, DIRECTORY_PAGE_SIZE)
    return {"page": paginator.get_page(page), "q": q}


def directory_countries() -> list[tuple[str, str]]:
    """The countries with at least one active member, for the filter (1 query)."""
    codes = (
        Member.objects.active()
        .values_list("ministry__country", flat=True)
        .distinct()
        .order_by("ministry__country")
    )
    from django_countries import countries

    return sorted(((code, countries.name(code)) for code in codes), key=lambda item: item[1])


def ministry_page(country: str):
    """A ministry with its active members (2 queries), or None."""
    return (
        Ministry.objects.filter(country=country.upper()[:2], is_active=True)
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Member.objects.for_directory(),
                to_attr="active_members",
            )
        )
        .first()
    )


def ministries_missing_representatives():
    """The Secretariat's to-do: taking ministries without a representative or a second
    representative (1 query)."""
    active = Member.objects.active().filter(ministry=OuterRef("pk"))
    return (
        Ministry.objects.filter(is_active=True)
        .annotate(
            has_representative=Exists(active.filter(network_role=NetworkRole.REPRESENTATIVE)),
            has_alternate=Exists(active.filter(network_role=NetworkRole.ALTERNATE)),
        )
        .filter(Q(has_representative=False) | Q(has_alternate=False))
        .order_by("country")
    )


def committees_for_about() -> tuple:
    """The committee in office and the past ones, with their seats (2 queries)."""
    started = list(
        SteeringCommittee.objects.started().prefetch_related(
            Prefetch("seats", queryset=SteeringSeat.objects.select_related("ministry"))
        )
    )
    return (started[0] if started else None), started[1:]


def work_plans_public():
    """Every public work plan with its activities (2 queries)."""
    return WorkPlan.objects.filter(is_public=True).prefetch_related("activities")


def communications_for(member):
    """The archive of communications a member sees; the Secretariat (member=None) sees all."""
    if member is None:
        return Communication.objects.exclude(status="draft").order_by("-sent_at")
    return Communication.objects.for_member(member)


def roster_places_taken(country: str, *, exclude_member=None) -> int:
    entries = RosterEntry.objects.filter(country=country, status__in=ROSTER_HOLDS_A_PLACE)
    if exclude_member is not None:
        entries = entries.exclude(member=exclude_member)
    return entries.count()


def roster_by_country():
    """Approved roster members, grouped by country, for members to see who is in the group."""
    return (
        RosterEntry.objects.filter(status=RosterStatus.APPROVED)
        .select_related("member__user", "member__ministry")
        .order_by("country", Lower("member__user__last_name"))
    )


def roster_counts():
    return dict(
        RosterEntry.objects.filter(status__in=ROSTER_HOLDS_A_PLACE)
        .values_list("country")
        .annotate(n=Count("pk"))
    )


# -- the public country pages and the network at a glance ---------------------------------


def network_ministries() -> list:
    """The ministries taking part, by country name in the reader's language (1 query)."""
    return sorted(Ministry.objects.filter(is_active=True), key=lambda m: m.country.name)


def country_page(country: str, *, user, show_people: bool) -> dict | None:
    """A country's page: its ministry, its seat on the Steering Committee, each tool's
    section (rialgender.participation) and, for members, its focal points. Queries: 2, plus
    each section's (one or two), plus 1 with the people; None if the ministry does not take
    part."""
    from rialgender import participation

    code = country.upper()
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return None
    ministry = Ministry.objects.filter(country=code, is_active=True).first()
    if ministry is None:
        return None
    people = None
    if show_people:
        people = list(Member.objects.for_directory().filter(ministry=ministry))
    sections = []
    for section in participation.sections():
        data = section.data(ministry, user=user)
        if data is not None:
            sections.append({"section": section, "data": data})
    return {
        "ministry": ministry,
        "on_committee": ministry.pk in steering_ministry_ids(),
        "people": people,
        "sections": sections,
    }


CHART_WIDTH = 260  # the bars' room in the glance's chart (SVG units, of 360: a phone's width)
CHART_ROW = 48
GLANCE_FIRST_YEAR = 2010  # the network's first dialogues


def glance_years() -> list[int]:
    from django.utils import timezone

    return list(range(timezone.localdate().year, GLANCE_FIRST_YEAR - 1, -1))


def network_glance(*, year: int | None = None, sort: str = "country", descending=False) -> dict:
    """Countries x tools: for each participating ministry, each registered measure
    (rialgender.participation) for `year` (None: every year), sorted by `sort` (a measure's
    key, or "country"). Queries: 1, plus one per measure and one per measure counted out of
    a total."""
    from rialgender import participation

    ministries = network_ministries()
    measures = participation.measures()
    counts = {measure.key: measure.count(year) for measure in measures}
    totals = {m.key: m.of_total(year) for m in measures if m.of_total is not None}
    rows = []
    for ministry in ministries:
        cells = []
        for measure in measures:
            value = counts[measure.key].get(ministry.pk, 0)
            cells.append({
                "key": measure.key, "value": value, "total": totals.get(measure.key),
                "url": measure.url(ministry) if measure.url and value else "",
            })  # fmt: skip
        rows.append({"ministry": ministry, "cells": cells})
    keys = [m.key for m in measures]
    if sort in keys:
        index = keys.index(sort)
        rows.sort(key=lambda r: r["ministry"].country.name)
        rows.sort(key=lambda r: r["cells"][index]["value"], reverse=descending)
    else:
        rows.sort(key=lambda r: r["ministry"].country.name, reverse=descending)
    taking_part = []
    for i, measure in enumerate(measures):
        active = sum(1 for r in rows if r["cells"][i]["value"])
        taking_part.append({
            "measure": measure, "countries": active,
            "sum": sum(r["cells"][i]["value"] for r in rows),
            "width": round(CHART_WIDTH * active / len(rows)) if rows else 0, "y": i * CHART_ROW,
        })  # fmt: skip
    return {
        "measures": measures,
        "rows": rows,
        "taking_part": taking_part,
        "ministry_count": len(ministries),
        "totals": totals,
        "chart_height": max(len(measures), 1) * CHART_ROW,
    }


def secretariat_tasks():
    """The members' part of the Secretariat's to-do: requests to join the WhatsApp group and
    ministries missing a representative (2 queries)."""
    from rialgender.todo import Task, changelist_url

    tool = str(Member._meta.app_config.verbose_name)
    requests = RosterEntry.objects.filter(status=RosterStatus.REQUESTED).aggregate(
        count=Count("pk"), since=Min("requested_at")
    )
    return [
        Task(
            tool=tool, label=gettext("Requests to join the WhatsApp group"),
            count=requests["count"], since=requests["since"],
            url=changelist_url(RosterEntry, status__exact=RosterStatus.REQUESTED),
        ),
        Task(
            tool=tool, label=gettext("Ministries without a representative or a second representative"),
            count=ministries_missing_representatives().count(),
            url=changelist_url(Ministry, composition="missing"),
        ),
    ]  # fmt: skip
