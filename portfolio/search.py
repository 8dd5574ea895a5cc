"""The public portfolio search: full-text in both languages, facets, sorting, pagination.

One request costs a fixed number of queries, and a bounded amount of work, whatever the
number of programs: an EXPLAIN for the planner's estimate, one to a few reads of the matches
(all of them, or a random sample when there are more than PORTFOLIO_SEARCH_EXACT_LIMIT; see
_read_matches), the page of results and its areas. Totals and facets are counted in Python
from the rows read.
"""

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.paginator import Page, Paginator
from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.functions import Coalesce, Greatest, Lower, NullIf
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from members.models import Ministry
from portfolio.models import (
    EvaluationType,
    InterventionType,
    PopulationGroup,
    Program,
)
from rialgender.countries import NETWORK_COUNTRIES
from rialgender.models import AreaOfAction
from rialgender.params import clean_text, parse_choice, parse_int, parse_list, parse_page
from rialgender.sampling import estimate_count, planner_estimate, read_sample, scale_counts
from rialgender.search import CONFIGS

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
        """Read a search from the URL (rialgender.params): anything unknown or malformed is
        ignored rather than an error."""
        return cls(
            q=clean_text(data.get("q"), max_length=200),
            countries=parse_list(data.getlist("country"), choices=set(NETWORK_COUNTRIES)),
            areas=parse_list(data.getlist("area"), max_length=100),
            groups=parse_list(data.getlist("group"), choices=set(PopulationGroup.values)),
            types=parse_list(data.getlist("type"), choices=set(InterventionType.values)),
            evaluated=parse_choice(data.get("evaluated"), {"yes", "no"}),
            status=parse_choice(data.get("status"), {"ongoing", "completed"}),
            year_from=parse_int(data.get("from"), None, min_value=1900, max_value=2100),
            year_to=parse_int(data.get("to"), None, min_value=1900, max_value=2100),
            sort=parse_choice(data.get("sort"), SORTS),
            page=parse_page(data.get("page"), max_page=9_999),
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
    page: Page
    total: int
    facets: dict
    fuzzy: bool = False
    exact: bool = True  # False: total and facet counts are estimates from a sample
    sample_size: int = 0  # how many matches the estimates come from


def _filtered(params: SearchParams):
    qs = Program.objects.published()
    # Filters name ids on the program's own row, never a join: PostgreSQL's statistics then
    # estimate the matches well, and it can combine the indexes in one bitmap.
    if params.countries:
        ministries = Ministry.objects.filter(country__in=params.countries)
        qs = qs.filter(ministry_id__in=list(ministries.values_list("pk", flat=True)))
    if params.areas:
        areas = AreaOfAction.objects.filter(slug__in=params.areas)
        qs = qs.filter(area_ids__overlap=list(areas.values_list("pk", flat=True)))
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
    return qs


def _text(qs, q: str):
    query_en = SearchQuery(q, config=CONFIGS["en"], search_type="websearch")
    query_es = SearchQuery(q, config=CONFIGS["es"], search_type="websearch")
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
    if sort == "country":  # as _order() sorts the page: the title in the reader's language
        mine, other = ("es", "en") if _spanish() else ("en", "es")
        title = Coalesce(NullIf(f"title_{mine}", Value("")), NullIf(f"title_{other}", Value("")))
        return qs.order_by("ministry__country", Lower(title), "pk")
    return qs.order_by("-published_at", "-pk")


def _spanish() -> bool:
    return (get_language() or "").startswith("es")


# -- matches: every one of them, or a uniform random sample when there are too many ---------
#
# Ranking, counting and faceting every match costs time in proportion to the number of
# matches, and a broad search ("mujeres") matches most of the portfolio. So a search reads at
# most PORTFOLIO_SEARCH_EXACT_LIMIT matches: all of them when there are that few (the real
# portfolio, with its hundreds of programs, is always exact), otherwise those whose
# Program.sample_key falls below a bound, which is a uniform random sample found through the
# index on sample_key. The total and the facet counts are then estimated from the sample and
# shown as such; "relevance" and "country" order the sample; "newest" stays exact (it walks
# the published_at index). The cost of a page is bounded by the limit, not by the portfolio.


class Row(NamedTuple):
    """What a search reads of each match: enough to count facets and to order."""

    pk: int
    sample_key: int
    country: str
    intervention_type: str
    evaluation_type: str
    end_year: int | None
    population_groups: list
    published: float  # seconds since the epoch
    title_en: str
    title_es: str
    area_ids: list
    rank: float


def _read_matches(qs) -> tuple[list[Row], float]:
    """The matches of `qs` (annotated with `rank`), all or a uniform random sample of them
    (rialgender.sampling), sorted by sample_key, and the fraction of all matches they are."""
    estimate = planner_estimate(qs)  # before the join below, which the planner misjudges
    qs = qs.order_by().annotate(
        country=F("ministry__country"),
        published=Func(
            F("published_at"), template="coalesce(extract(epoch FROM %(expressions)s)::float8, 0)",
            output_field=FloatField(),
        ),
    )  # fmt: skip
    return read_sample(qs, Row, limit=settings.PORTFOLIO_SEARCH_EXACT_LIMIT, estimate=estimate)


def _order(rows: list[Row], sort: str) -> list[Row]:
    """The rows read, in the page's order; _sorted() states the same orders in SQL (exports)."""

    def newest(r):
        return (r.published, r.pk)

    if sort == "relevance":
        return sorted(rows, key=lambda r: (r.rank, r.published, r.pk), reverse=True)
    if sort == "country":
        spanish = _spanish()
        return sorted(rows, key=lambda r: (
            r.country, ((r.title_es if spanish else r.title_en) or r.title_en or r.title_es).casefold(), r.pk,
        ))  # fmt: skip
    return sorted(rows, key=newest, reverse=True)


def _count_facets(rows: list[Row], fraction: float) -> dict:
    none = EvaluationType.NONE
    facets = {
        "country": Counter(r.country for r in rows),
        "type": Counter(r.intervention_type for r in rows),
        "evaluated": Counter("no" if r.evaluation_type == none else "yes" for r in rows),
        "status": Counter("ongoing" if r.end_year is None else "completed" for r in rows),
        "group": Counter(chain.from_iterable({*r.population_groups} for r in rows)),
        "area": Counter(str(a) for r in rows for a in {*(r.area_ids or ())}),
    }
    return scale_counts(facets, fraction)


def search_programs(params: SearchParams) -> SearchResult:
    base = _filtered(params)
    fuzzy = False
    if params.q:
        matched = _text(base, params.q)
        rows, fraction = _read_matches(matched)
        if not rows and len(params.q) <= FUZZY_MAX_LENGTH:
            matched = _fuzzy(base, params.q)
            rows, fraction = _read_matches(matched)
            fuzzy = bool(rows)
    else:
        matched = base.annotate(rank=Value(0.0, output_field=FloatField()))
        rows, fraction = _read_matches(matched)
    exact = fraction >= 1
    total = len(rows) if exact else estimate_count(len(rows) / fraction)
    sort = params.effective_sort
    paginator = Paginator(range(len(rows)), PAGE_SIZE)
    page = paginator.get_page(params.page)
    if exact or sort != "newest":
        ids = [r.pk for r in _order(rows, sort)[page.start_index() - 1 : page.end_index()]]
        found = Program.objects.select_related("ministry").prefetch_related("areas").in_bulk(ids)
        page.object_list = [found[pk] for pk in ids if pk in found]
    else:  # newest first among all the matches, exactly: the published_at index gives them
        start = page.start_index() - 1
        page.object_list = list(
            matched.select_related("ministry").prefetch_related("areas")
            .order_by("-published_at", "-pk")[start : start + PAGE_SIZE]
        )  # fmt: skip
    return SearchResult(
        params=params, page=page, total=total, facets=_count_facets(rows, fraction),
        fuzzy=fuzzy, exact=exact, sample_size=len(rows),
    )  # fmt: skip


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
