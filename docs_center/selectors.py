"""Reads for the documentation center's pages, each named for its page."""

from django.db.models import Count, Prefetch, Q

from docs_center.models import (
    Collection,
    DomesticWorkArea,
    Parameter,
    ParameterSet,
    Resource,
    ResourceFile,
    Review,
)
from docs_center.search import passages
from rialgender.models import AreaOfAction
from rialgender.workflow import State


def resource_for_detail(pk):
    """A resource with its files and ministry (2 queries)."""
    return (
        Resource.objects.for_display()
        .select_related("ministry")
        .prefetch_related(
            Prefetch("files", queryset=ResourceFile.objects.order_by("language", "pk"))
        )
        .filter(pk=pk)
        .first()
    )


def areas_of(resource) -> list[AreaOfAction]:
    """The areas of action a resource names, in their order (1 query, 0 if none)."""
    if not resource.area_ids:
        return []
    return list(AreaOfAction.objects.filter(pk__in=resource.area_ids))


def matching_pages(resource, q: str, limit: int = 10) -> list[dict]:
    """Where a search's words appear in the resource's files: page and passage (1 query)."""
    if not q:
        return []
    files = {f.pk: f for f in resource.files.all()}
    found = passages([resource.pk], q, per_resource=limit).get(resource.pk, [])
    return [
        {
            "file": files[file_id],
            "number": number,
            "html": html,
            "url": files[file_id].page_url(number),
        }
        for file_id, number, html in found
        if file_id in files
    ]


def workspace_resources(ministry) -> list[Resource]:
    """The ministry's resources in every state, newest change first (1 query)."""
    return list(
        Resource.objects.for_ministry(ministry)
        .for_display()
        .annotate(file_count=Count("files"))
        .order_by("-updated_at", "-pk")
    )


def parameters_in_force() -> ParameterSet | None:
    """The version of the inclusion parameters in force, with its parameters (2 queries)."""
    version = ParameterSet.objects.in_force()
    if version is not None:
        version.parameter_list = list(version.parameters.all())
    return version


def parameter_set_for_page(pk) -> ParameterSet | None:
    return (
        ParameterSet.objects.select_related("approved_by")
        .prefetch_related(
            Prefetch("parameters", queryset=Parameter.objects.order_by("order", "pk"))
        )
        .filter(pk=pk)
        .first()
    )


def parameter_sets_for_list(include_drafts: bool) -> list[ParameterSet]:
    qs = ParameterSet.objects.all() if include_drafts else ParameterSet.objects.approved()
    return list(qs.annotate(parameter_count=Count("parameters")).order_by("-version"))


def review_of(resource, version) -> Review | None:
    if version is None:
        return None
    return (
        Review.objects.select_related("reviewer")
        .prefetch_related("items")
        .filter(resource=resource, parameter_set=version)
        .first()
    )


def latest_resources(limit=30):
    return list(
        Resource.objects.published()
        .for_display()
        .select_related("ministry")
        .order_by("-published_at", "-pk")[:limit]
    )


def collections_for_list() -> list[Collection]:
    """The links above the search (title and count): only what they show is read."""
    return list(
        Collection.objects.published()
        .only("slug", "title", "title_en", "title_es")
        .annotate(resource_count=Count("resources", filter=Q(resources__state="published")))
        .order_by("title_en", "pk")
    )


def collection_for_page(slug):
    """A published collection and its published resources, grouped by the Domestic Work
    Repository's intervention areas when the collection asks for it (2 queries)."""
    collection = Collection.objects.published().filter(slug=slug).first()
    if collection is None:
        return None, []
    resources = list(
        collection.resources.published().for_display().order_by("-year", "title_en", "pk")
    )
    if not collection.group_by_domestic_work_area:
        return collection, [(None, resources)]
    groups = []
    for code, label in DomesticWorkArea.choices:
        members = [r for r in resources if code in r.domestic_work_areas]
        groups.append((label, members))
    return collection, groups


def resources_for_edition(start, end) -> list:
    """The newsletter's documentation center section (rialgender.sources): resources
    published in the period, each with its type (1 query). Registered in
    DocsCenterConfig.ready()."""
    from django.utils import translation

    from rialgender.sources import Entry, localized_paths

    resources = (
        Resource.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .order_by("-published_at", "-pk")[:50]
    )
    entries = []
    for resource in resources:
        summary = {}
        for code in ("en", "es"):
            with translation.override(code):
                label = resource.get_resource_type_display()
            text = getattr(resource, f"abstract_{code}") or ""
            summary[code] = f"{label}. {text}".strip()
        entries.append(
            Entry(
                key=f"docs_center.resource:{resource.pk}",
                title={"en": resource.title_en, "es": resource.title_es},
                summary=summary,
                url=localized_paths("docs_center:resource-detail", pk=resource.pk),
            )
        )
    return entries


def home_section() -> dict:
    """The public home's newest resources (1 query)."""
    resources = list(
        Resource.objects.published().for_display().order_by("-published_at", "-pk")[:3]
    )
    return {"resources": resources} if resources else {}


def member_awaiting(user, ministry) -> list:
    """What awaits a focal point in the documentation center: the ministry's resources
    returned with comments (1 query). (Drafts of the inclusion parameters wait for the
    Steering Committee on the parameters' page.)"""
    from django.utils.translation import gettext

    from rialgender.member_home import Awaiting
    from rialgender.workflow import State

    tool = str(Resource._meta.app_config.verbose_name)
    return [
        Awaiting(
            tool=tool,
            label=gettext("“%(title)s” was returned with comments") % {"title": resource},
            url=resource.get_workspace_url(),
            since=resource.updated_at,
        )
        for resource in Resource.objects.for_ministry(ministry)
        .for_display()
        .filter(state=State.RETURNED)
        .order_by("updated_at")
    ]


# -- the documentation center's part of the country pages and of the glance ----------------

COUNTRY_PAGE_RESOURCES = 10


def resources_for_country(ministry, *, user) -> dict:
    """The country page's section: published resources that concern the country, are its
    legislation or were proposed by its ministry, newest first, and how many there are
    (1 query: the count is a window over the same rows). Registered in
    DocsCenterConfig.ready()."""
    from django.db.models import Count, Q, Window

    code = ministry.country.code
    resources = list(
        Resource.objects.published()
        .filter(Q(countries__contains=[code]) | Q(legislation_country=code) | Q(ministry=ministry))
        .for_display().annotate(total=Window(Count("pk")))
        .order_by("-published_at", "-pk")[:COUNTRY_PAGE_RESOURCES]
    )  # fmt: skip
    return {"resources": resources, "total": resources[0].total if resources else 0}


def resources_by_ministry(year=None) -> dict[int, int]:
    """For each ministry, the published resources about its country (the countries a
    resource concerns: studies, legislation, guides, whoever proposed them), published in
    `year` if given (1 query)."""
    import datetime

    from django.db import connection
    from django.utils import timezone

    from members.models import Ministry

    sql = (
        f"SELECT m.id, count(*) FROM {Ministry._meta.db_table} m "
        f"JOIN {Resource._meta.db_table} r ON m.country = ANY(r.countries) "
        "WHERE r.state = %s"
    )
    params = [State.PUBLISHED]
    if year:
        start = datetime.datetime(int(year), 1, 1, tzinfo=timezone.get_current_timezone())
        sql += " AND r.published_at >= %s AND r.published_at < %s"
        params += [start, start.replace(year=start.year + 1)]
    with connection.cursor() as cursor:
        cursor.execute(sql + " GROUP BY m.id", params)
        return dict(cursor.fetchall())
