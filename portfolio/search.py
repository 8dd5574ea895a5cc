"""The public portfolio search: full-text in both languages, facets, sorting, pagination.

One request costs a fixed number of queries whatever the number of programs: the total, the
page of results (plus its areas), all facet counts in one UNION ALL query, and the area names.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from portfolio.models import EvaluationType, InterventionType, PopulationGroup, Program
from rialgender.countries import NETWORK_COUNTRIES
from rialgender.models import AreaOfAction

PAGE_SIZE = 20
SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "country": _("Country"),
}
FUZZY_MAX_LENGTH = 40  # typo tolerance only for short queries
FUZZY_THRESHOLD = 0.4


@dataclass
class SearchParams:
    q: str = ""
    countries: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    evaluated: str = ""
    status: str = ""
    year_from: int | None = None
    year_to: int | None = None
    sort: str = ""
    page: int = 1

    @classmethod
    def from_querydict(cls, data: QueryDict) -> "SearchParams":
        """Read a search from the URL; anything unknown is ignored rather than an error."""

        def ints(name):
            value = data.get(name, "").strip()
            return int(value) if value.isdigit() and 1900 <= int(value) <= 2100 else None

        def allowed(name, choices):
            return [v for v in data.getlist(name) if v in choices]

        page = data.get("page", "1")
        return cls(
            q=" ".join(data.get("q", "").split())[:200],
            countries=allowed("country", set(NETWORK_COUNTRIES)),
            areas=[v for v in data.getlist("area") if v][:20],
            groups=allowed("group", set(PopulationGroup.values)),
            types=allowed("type", set(InterventionType.values)),
            evaluated=data.get("evaluated", "") if data.get("evaluated") in ("yes", "no") else "",
            status=data.get("status", "") if data.get("status") in ("ongoing", "completed") else "",
            year_from=ints("from"),
            year_to=ints("to"),
            sort=data.get("sort", "") if data.get("sort") in SORTS else "",
            page=int(page) if page.isdigit() and 0 < int(page) < 10_000 else 1,
        )

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q else "newest")

    @property
    def has_filters(self) -> bool:
        return bool(
            self.countries or self.areas or self.groups or self.types or self.evaluated
            or self.status or self.year_from or self.year_to
        )  # fmt: skip


@dataclass
class SearchResult:
    params: SearchParams
    page: object
    total: int
    facets: dict
    fuzzy: bool = False


def _filtered(params: SearchParams):
    qs = Program.objects.published()
    if params.countries:
        qs = qs.filter(ministry__country__in=params.countries)
    if params.areas:
        qs = qs.filter(areas__slug__in=params.areas)
    if params.groups:
        qs = qs.filter(population_groups__overlap=params.groups)
    if params.types:
        qs = qs.filter(intervention_type__in=params.types)
    if params.evaluated == "yes":
        qs = qs.exclude(evaluation_type=EvaluationType.NONE)
    elif params.evaluated == "no":
        qs = qs.filter(evaluation_type=EvaluationType.NONE)
    if params.status == "ongoing":
        qs = qs.filter(end_year__isnull=True)
    elif params.status == "completed":
        qs = qs.filter(end_year__isnull=False)
    if params.year_to:
        qs = qs.filter(Q(start_year__isnull=True) | Q(start_year__lte=params.year_to))
    if params.year_from:
        qs = qs.filter(Q(end_year__isnull=True) | Q(end_year__gte=params.year_from))
    if params.areas:
        qs = qs.distinct()
    return qs


def _text(qs, q: str):
    query_en = SearchQuery(q, config="rg_english", search_type="websearch")
    query_es = SearchQuery(q, config="rg_spanish", search_type="websearch")
    return qs.filter(Q(search_en=query_en) | Q(search_es=query_es)).annotate(
        rank=SearchRank(F("search_en"), query_en) + SearchRank(F("search_es"), query_es)
    )


def _fuzzy(qs, q: str):
    return qs.annotate(
        rank=Greatest(TrigramWordSimilarity(q, "title_en"), TrigramWordSimilarity(q, "title_es"))
    ).filter(rank__gte=FUZZY_THRESHOLD)


def search_queryset(params: SearchParams):
    """The whole result of a search, sorted as the page sorts it (for exports)."""
    qs = _filtered(params)
    if params.q:
        matched = _text(qs, params.q)
        if not matched.exists() and len(params.q) <= FUZZY_MAX_LENGTH:
            matched = _fuzzy(qs, params.q)
        qs = matched
    return _sorted(qs, params).select_related("ministry")


def _sorted(qs, params: SearchParams):
    sort = params.effective_sort
    if sort == "relevance" and params.q:
        return qs.order_by("-rank", "-published_at", "-pk")
    if sort == "country":
        return qs.order_by("ministry__country", "title_en", "pk")
    return qs.order_by("-published_at", "-pk")


def search_programs(params: SearchParams) -> SearchResult:
    qs = _filtered(params)
    fuzzy = False
    if params.q:
        matched = _text(qs, params.q)
        total = matched.count()
        if total == 0 and len(params.q) <= FUZZY_MAX_LENGTH:
            matched = _fuzzy(qs, params.q)
            total = matched.count()
            fuzzy = total > 0
        qs = matched
    else:
        total = qs.count()
    qs = _sorted(qs, params)
    paginator = Paginator(qs.select_related("ministry").prefetch_related("areas"), PAGE_SIZE)
    paginator.__dict__["count"] = total  # already counted above; saves a query
    page = paginator.get_page(params.page)
    facets = _facets(qs, params) if total else _empty_facets()
    return SearchResult(params=params, page=page, total=total, facets=facets, fuzzy=fuzzy)


FACET_SQL = """
WITH m AS ({inner})
SELECT 'country', mi.country, count(*) FROM m JOIN members_ministry mi ON mi.id = m.ministry_id GROUP BY 2
UNION ALL SELECT 'type', m.intervention_type, count(*) FROM m GROUP BY 2
UNION ALL SELECT 'evaluated', CASE WHEN m.evaluation_type = 'none' THEN 'no' ELSE 'yes' END, count(*) FROM m GROUP BY 2
UNION ALL SELECT 'status', CASE WHEN m.end_year IS NULL THEN 'ongoing' ELSE 'completed' END, count(*) FROM m GROUP BY 2
UNION ALL SELECT 'group', g, count(*) FROM m, unnest(m.population_groups) AS g GROUP BY 2
UNION ALL SELECT 'area', a.areaofaction_id::text, count(*) FROM m JOIN portfolio_program_areas a ON a.program_id = m.id GROUP BY 2
"""


def _empty_facets() -> dict:
    return {key: {} for key in ("country", "type", "evaluated", "status", "group", "area")}


def _facets(qs, params: SearchParams) -> dict:
    """Every facet's counts over the current matches, in one query."""
    inner_qs = qs.order_by().values(
        "id", "ministry_id", "intervention_type", "evaluation_type", "end_year", "population_groups"
    )
    inner_sql, inner_params = inner_qs.query.sql_with_params()
    facets = _empty_facets()
    with connection.cursor() as cursor:
        cursor.execute(FACET_SQL.format(inner=inner_sql), inner_params)
        for facet, value, count in cursor.fetchall():
            facets[facet][value] = count
    return facets


def facet_options(result: SearchResult, areas: list[AreaOfAction]) -> list[dict]:
    """The facets as the template shows them: label, URL parameter, options with counts."""
    from django_countries import countries as country_names

    p = result.params
    f = result.facets
    area_by_id = {str(a.pk): a for a in areas}

    def options(counts, labels, selected):
        rows = [
            {"value": value, "label": labels.get(value, value), "count": counts.get(value, 0),
             "selected": value in selected}
            for value in labels
            if counts.get(value) or value in selected
        ]  # fmt: skip
        return sorted(rows, key=lambda r: (-r["count"], str(r["label"])))

    return [
        {"name": "country", "label": _("Country"), "options": options(f["country"], {c: country_names.name(c) for c in f["country"]} | {c: country_names.name(c) for c in p.countries}, p.countries)},
        {"name": "area", "label": _("Area of action"), "options": options({area_by_id[k].slug: v for k, v in f["area"].items() if k in area_by_id}, {a.slug: a.name for a in areas}, p.areas)},
        {"name": "group", "label": _("Population group"), "options": options(f["group"], dict(PopulationGroup.choices), p.groups)},
        {"name": "type", "label": _("Type of intervention"), "options": options(f["type"], dict(InterventionType.choices), p.types)},
        {"name": "evaluated", "label": _("Evidence"), "options": options(f["evaluated"], {"yes": _("Evaluated"), "no": _("Not evaluated")}, [p.evaluated])},
        {"name": "status", "label": _("Period"), "options": options(f["status"], {"ongoing": _("Ongoing"), "completed": _("Completed")}, [p.status])},
    ]  # fmt: skip
